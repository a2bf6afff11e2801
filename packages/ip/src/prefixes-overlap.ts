import { samePrefix } from './internal/words.ts';
import type { Prefix } from './prefix.ts';

/**
 * Tells whether two prefixes share at least one address (false across families).
 *
 * @example
 * ```ts
 * prefixesOverlap(parsePrefix('10.0.0.0/8'), parsePrefix('10.20.0.0/16')); // true
 * prefixesOverlap(parsePrefix('10.0.0.0/16'), parsePrefix('10.1.0.0/16')); // false
 * ```
 */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  if (a.addr.family !== b.addr.family) return false;
  return samePrefix(a.addr, b.addr, Math.min(a.bits, b.bits));
}
