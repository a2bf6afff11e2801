import type { Addr } from './addr.ts';

/**
 * Orders addresses: IPv4 before IPv6, then by numeric value, then by zone ('' first). Returns a
 * negative number, 0 or a positive number, so it can be passed to `Array.prototype.sort`.
 *
 * @example
 * ```ts
 * ['::1', '10.0.0.2', '10.0.0.1'].map(parseAddr).sort(compareAddr).map(formatAddr);
 * // ['10.0.0.1', '10.0.0.2', '::1']
 * ```
 */
export function compareAddr(a: Addr, b: Addr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.w0 !== b.w0) return a.w0 < b.w0 ? -1 : 1;
  if (a.w1 !== b.w1) return a.w1 < b.w1 ? -1 : 1;
  if (a.w2 !== b.w2) return a.w2 < b.w2 ? -1 : 1;
  if (a.w3 !== b.w3) return a.w3 < b.w3 ? -1 : 1;
  if (a.zone === b.zone) return 0;
  return a.zone < b.zone ? -1 : 1;
}

/**
 * True when two addresses are the same (family, value and zone).
 *
 * @example
 * ```ts
 * addrEquals(parseAddr('::1'), parseAddr('0::0:1')); // true
 * ```
 */
export function addrEquals(a: Addr, b: Addr): boolean {
  return (
    a.family === b.family &&
    a.w0 === b.w0 &&
    a.w1 === b.w1 &&
    a.w2 === b.w2 &&
    a.w3 === b.w3 &&
    a.zone === b.zone
  );
}
