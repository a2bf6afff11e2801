import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { makeAddr } from './internal/make-addr.ts';
import { IpError } from './ip-error.ts';

/**
 * An IPv4 address from its uint32 value. Throws `OUT_OF_RANGE` unless `n` is an integer in
 * 0..2^32−1.
 *
 * @example
 * ```ts
 * formatAddr(addrFromUint32(0x0a000001)); // '10.0.0.1'
 * ```
 */
export function addrFromUint32(n: number): Addr {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new IpError('OUT_OF_RANGE', `not a uint32 IPv4 address value: ${describe(n)}`);
  }
  return makeAddr(4, 0, 0, 0, n, '');
}

/**
 * The uint32 value of an IPv4 address. Throws `FAMILY_MISMATCH` for IPv6 (use
 * {@link addrToBigInt}, or {@link unmapAddr} first for IPv4-mapped addresses).
 *
 * @example
 * ```ts
 * addrToUint32(parseAddr('10.0.0.1')); // 167772161
 * ```
 */
export function addrToUint32(a: Addr): number {
  const addr = toAddr(a, 'address');
  if (addr.family !== 4) {
    throw new IpError('FAMILY_MISMATCH', `not an IPv4 address: ${formatAddr(addr)}`);
  }
  return addr.w3;
}

/**
 * True for an IPv4 address.
 *
 * @example
 * ```ts
 * isIPv4(parseAddr('10.0.0.1')); // true
 * isIPv4(parseAddr('::ffff:10.0.0.1')); // false
 * ```
 */
export function isIPv4(addr: Addr): boolean {
  return addr.family === 4;
}

/**
 * True for an IPv6 address (IPv4-mapped included).
 *
 * @example
 * ```ts
 * isIPv6(parseAddr('::1')); // true
 * ```
 */
export function isIPv6(addr: Addr): boolean {
  return addr.family === 6;
}
