import { DnsError } from './dns-error.ts';
import type { ResolvConf } from './resolv-conf.ts';

function list(value: unknown, key: string): readonly string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DnsError('INVALID_INPUT', `resolv.conf ${key} must be an array of strings`, [key]);
  }
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') {
      throw new DnsError('INVALID_INPUT', `resolv.conf ${key}[${i}] must be a string`, [key, i]);
    }
  }
  return value as readonly string[];
}

/**
 * Writes a resolv.conf the way the container runtime does (containerd `parseDNSOptions`):
 * one `search` line (if any), one `nameserver` line per server, one `options` line (if any),
 * each ending in a newline. An empty config gives an empty string.
 *
 * @example
 * ```ts
 * formatResolvConf({ nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });
 * // 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
 * ```
 */
export function formatResolvConf(conf: ResolvConf): string {
  if (conf === null || typeof conf !== 'object' || Array.isArray(conf)) {
    throw new DnsError(
      'INVALID_INPUT',
      'formatResolvConf expects a { nameservers, searches, options } object',
    );
  }
  const searches = list(conf.searches, 'searches');
  const nameservers = list(conf.nameservers, 'nameservers');
  const options = list(conf.options, 'options');
  let out = '';
  if (searches.length > 0) out += `search ${searches.join(' ')}\n`;
  for (const ns of nameservers) out += `nameserver ${ns}\n`;
  if (options.length > 0) out += `options ${options.join(' ')}\n`;
  return out;
}
