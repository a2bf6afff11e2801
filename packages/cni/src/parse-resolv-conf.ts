import { CniError } from './cni-error.ts';
import { isArraySafe } from './internal/input.ts';
import type { CniDns } from './plugin-conf-schema.ts';

/**
 * Reads resolv.conf text the way host-local does for its `resolvConf` option (`dns.go`
 * `parseResolvConf`): blank lines and lines starting with `#` or `;` are skipped; `nameserver`
 * appends one server, `domain` sets the domain, `search` and `options` append their words; lines
 * with fewer than two words are ignored. Empty fields are left out.
 *
 * @example
 * ```ts
 * parseResolvConf('nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local\noptions ndots:5');
 * // { nameservers: ['10.96.0.10'], search: ['default.svc.cluster.local', 'svc.cluster.local'], options: ['ndots:5'] }
 * ```
 */
export function parseResolvConf(text: string): CniDns {
  const nameservers: string[] = [];
  const search: string[] = [];
  const options: string[] = [];
  let domain = '';
  if (typeof text !== 'string') {
    throw new CniError(
      'INVALID_RESOLV_CONF',
      `resolv.conf: expected text, got ${text === null ? 'null' : isArraySafe(text) ? 'an array' : typeof text}`,
    );
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const fields = line.split(/\s+/);
    if (fields.length < 2) continue;
    switch (fields[0]) {
      case 'nameserver':
        nameservers.push(fields[1]!);
        break;
      case 'domain':
        domain = fields[1]!;
        break;
      case 'search':
        search.push(...fields.slice(1));
        break;
      case 'options':
        options.push(...fields.slice(1));
        break;
    }
  }
  const out: { nameservers?: string[]; domain?: string; search?: string[]; options?: string[] } = {};
  if (nameservers.length > 0) out.nameservers = nameservers;
  if (domain !== '') out.domain = domain;
  if (search.length > 0) out.search = search;
  if (options.length > 0) out.options = options;
  return out;
}
