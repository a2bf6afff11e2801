import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import type { Prefix } from './prefix.ts';

/**
 * A canonical string key for an address (its canonical text, zone included): equal addresses get
 * equal keys, different addresses different keys — use it for `Map`/`Set` keys.
 *
 * @example
 * ```ts
 * addrKey(parseAddr('2001:DB8::1')) === addrKey(parseAddr('2001:db8:0::1')); // true
 * ```
 */
export function addrKey(addr: Addr): string {
  return formatAddr(addr);
}

/**
 * A canonical string key for a prefix (its canonical text).
 *
 * @example
 * ```ts
 * prefixKey(parsePrefix('10.0.0.0/8')); // '10.0.0.0/8'
 * ```
 */
export function prefixKey(prefix: Prefix): string {
  return formatPrefix(prefix);
}
