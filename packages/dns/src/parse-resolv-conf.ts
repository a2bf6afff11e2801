import type { Result } from '@podnet/ip';
import { DnsError } from './dns-error.ts';
import type { ResolvConf } from './resolv-conf.ts';

/** kubelet reads at most 10 MiB of the host file (`maxResolveConfLength`). */
const MAX_RESOLV_CONF_LENGTH = 10 * (1 << 20);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isSpace(c: number): boolean {
  // Go's strings.Fields / TrimSpace: ASCII white space plus U+0085 and U+00A0.
  return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
}

function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    out.push(line.slice(start, i));
  }
  return out;
}

function parse(text: string): ResolvConf | DnsError {
  if (text.length > MAX_RESOLV_CONF_LENGTH) {
    return new DnsError(
      'RESOLV_CONF_TOO_LONG',
      `resolv.conf is ${text.length} characters long, more than kubelet's limit of ${MAX_RESOLV_CONF_LENGTH}`,
    );
  }
  const nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const lines = text.split('\n');
  for (let l = 0; l < lines.length; l++) {
    const f = fields(lines[l] as string);
    const first = f[0];
    if (first === undefined || first.startsWith('#')) continue;
    if (first === 'nameserver') {
      const server = f[1];
      if (server === undefined) {
        return new DnsError(
          'EMPTY_NAMESERVER',
          `resolv.conf line ${l + 1}: "nameserver" without an address (kubelet: "nameserver list is empty")`,
          [l + 1],
        );
      }
      nameservers.push(server);
    } else if (first === 'search') {
      searches = [];
      for (let i = 1; i < f.length; i++) {
        const s = f[i] as string;
        searches.push(s !== '.' && s.endsWith('.') ? s.slice(0, -1) : s);
      }
    } else if (first === 'options') {
      options = f.slice(1);
    }
  }
  return { nameservers, searches, options };
}

/**
 * Parses resolv.conf text with kubelet's rules (`pkg/kubelet/network/dns` `parseResolvConf`):
 * comment lines start with `#`; `nameserver` lines accumulate (only the first field after the
 * keyword counts, so a trailing `# comment` is ignored); the last `search` line wins and each
 * entry loses one trailing dot; the last `options` line wins; other lines (`domain`, `sortlist`)
 * are ignored. Throws a `DnsError` with code `EMPTY_NAMESERVER` for a bare `nameserver` line,
 * `INVALID_INPUT` for a non-string.
 *
 * @example
 * ```ts
 * parseResolvConf('nameserver 1.2.3.4\nsearch foo. bar\noptions ndots:5 attempts:2\n');
 * // { nameservers: ['1.2.3.4'], searches: ['foo', 'bar'], options: ['ndots:5', 'attempts:2'] }
 * ```
 */
export function parseResolvConf(text: string): ResolvConf {
  if (typeof text !== 'string') {
    throw new DnsError('INVALID_INPUT', `resolv.conf must be a string, got ${describe(text)}`);
  }
  const r = parse(text);
  if (r instanceof DnsError) throw r;
  return r;
}

/**
 * Like {@link parseResolvConf} but never throws.
 *
 * @example
 * ```ts
 * const r = safeParseResolvConf('nameserver\n');
 * if (!r.ok) r.error.code; // 'EMPTY_NAMESERVER'
 * ```
 */
export function safeParseResolvConf(text: unknown): Result<ResolvConf, DnsError> {
  if (typeof text !== 'string') {
    return {
      ok: false,
      error: new DnsError('INVALID_INPUT', `resolv.conf must be a string, got ${describe(text)}`),
    };
  }
  const r = parse(text);
  return r instanceof DnsError ? { ok: false, error: r } : { ok: true, value: r };
}
