import type { Addr } from './addr.ts';
import type { Prefix } from './prefix.ts';

function wm(n: number): number {
  return n <= 0 ? 0 : n >= 32 ? -1 : -1 << (32 - n);
}

/**
 * Tells whether `outer` contains an address or a whole prefix. Always false across families —
 * IPv4-mapped IPv6 addresses never match IPv4 prefixes — and false for an address with a zone
 * (as Go's `netip.Prefix.Contains`). A few integer operations; no allocation.
 *
 * @example
 * ```ts
 * prefixContains(parsePrefix('10.0.0.0/8'), parseAddr('10.1.2.3')); // true
 * prefixContains(parsePrefix('10.0.0.0/8'), parsePrefix('10.1.0.0/16')); // true
 * prefixContains(parsePrefix('10.0.0.0/8'), parseAddr('::ffff:10.1.2.3')); // false
 * ```
 */
export function prefixContains(outer: Prefix, inner: Addr | Prefix): boolean {
  const bits = outer.bits;
  let a: Addr;
  if ((inner as Prefix).bits !== undefined) {
    if ((inner as Prefix).bits < bits) return false;
    a = (inner as Prefix).addr;
  } else {
    a = inner as Addr;
    if (a.zone !== '') return false;
  }
  const p = outer.addr;
  if (p.family !== a.family) return false;
  if (p.family === 4) return ((p.w3 ^ a.w3) & wm(bits)) === 0;
  return (
    ((p.w0 ^ a.w0) & wm(bits)) === 0 &&
    ((p.w1 ^ a.w1) & wm(bits - 32)) === 0 &&
    ((p.w2 ^ a.w2) & wm(bits - 64)) === 0 &&
    ((p.w3 ^ a.w3) & wm(bits - 96)) === 0
  );
}
