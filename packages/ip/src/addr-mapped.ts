import type { Addr } from './addr.ts';
import { makeAddr } from './internal/make-addr.ts';

/**
 * True for an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, in `::ffff:0:0/96`).
 *
 * @example
 * ```ts
 * isIPv4Mapped(parseAddr('::ffff:10.0.0.1')); // true
 * ```
 */
export function isIPv4Mapped(addr: Addr): boolean {
  return addr.family === 6 && addr.w0 === 0 && addr.w1 === 0 && addr.w2 === 0xffff;
}

/**
 * The IPv4-mapped IPv6 form of an IPv4 address (IPv6 addresses are returned unchanged).
 *
 * @example
 * ```ts
 * formatAddr(mapAddr(parseAddr('192.0.2.1'))); // '::ffff:192.0.2.1'
 * ```
 */
export function mapAddr(addr: Addr): Addr {
  if (addr.family === 6) return addr;
  return makeAddr(6, 0, 0, 0xffff, addr.w3, '');
}

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address (others are returned unchanged; the zone
 * is dropped when unmapping), like Go's `netip.Addr.Unmap`.
 *
 * @example
 * ```ts
 * formatAddr(unmapAddr(parseAddr('::ffff:192.0.2.1'))); // '192.0.2.1'
 * ```
 */
export function unmapAddr(addr: Addr): Addr {
  if (!isIPv4Mapped(addr)) return addr;
  return makeAddr(4, 0, 0, 0, addr.w3, '');
}

/**
 * The same address with another zone (`''` removes it). Throws nothing; IPv4 addresses cannot
 * carry a zone, so they are returned unchanged.
 *
 * @example
 * ```ts
 * formatAddr(addrWithZone(parseAddr('fe80::1'), 'eth0')); // 'fe80::1%eth0'
 * ```
 */
export function addrWithZone(addr: Addr, zone: string): Addr {
  if (addr.family === 4 || addr.zone === zone) return addr;
  return makeAddr(6, addr.w0, addr.w1, addr.w2, addr.w3, zone);
}
