import type { Result } from '@podnet/ip';
import { DnsError } from './dns-error.ts';
import { describeValue } from './internal/describe.ts';
import { readResolvConf } from './internal/read-resolv-conf.ts';
import type { ResolvConf } from './resolv-conf.ts';

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
    throw new DnsError('INVALID_INPUT', `resolv.conf must be a string, got ${describeValue(text)}`);
  }
  const r = readResolvConf(text, true);
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
      error: new DnsError('INVALID_INPUT', `resolv.conf must be a string, got ${describeValue(text)}`),
    };
  }
  const r = readResolvConf(text, true);
  return r instanceof DnsError ? { ok: false, error: r } : { ok: true, value: r };
}
