import { compareAddr } from './compare-addr.ts';
import type { Prefix } from './prefix.ts';

/**
 * Orders prefixes: IPv4 before IPv6, then by network address, then shorter (larger) prefix first.
 *
 * @example
 * ```ts
 * ['10.0.0.0/16', '10.0.0.0/8'].map((t) => parsePrefix(t)).sort(comparePrefix).map(formatPrefix);
 * // ['10.0.0.0/8', '10.0.0.0/16']
 * ```
 */
export function comparePrefix(a: Prefix, b: Prefix): number {
  return compareAddr(a.addr, b.addr) || a.bits - b.bits;
}

/**
 * True when two prefixes are the same.
 *
 * @example
 * ```ts
 * prefixEquals(parsePrefix('10.0.0.0/8'), parsePrefix('10.0.0.0/8')); // true
 * ```
 */
export function prefixEquals(a: Prefix, b: Prefix): boolean {
  return a.bits === b.bits && compareAddr(a.addr, b.addr) === 0;
}
