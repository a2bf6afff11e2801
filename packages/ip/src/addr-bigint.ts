import type { Addr } from './addr.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { makeAddr } from './internal/make-addr.ts';
import { bigToWords } from './internal/words.ts';
import { IpError } from './ip-error.ts';

/**
 * The numeric value of an address as a bigint (for IPv6 the 128-bit value; the zone is ignored).
 * Meant for edges and display, not hot paths.
 *
 * @example
 * ```ts
 * addrToBigInt(parseAddr('::1')); // 1n
 * ```
 */
export function addrToBigInt(a: Addr): bigint {
  const addr = toAddr(a, 'address');
  if (addr.family === 4) return BigInt(addr.w3);
  return (BigInt(addr.w0) << 96n) | (BigInt(addr.w1) << 64n) | (BigInt(addr.w2) << 32n) | BigInt(addr.w3);
}

/**
 * An address from its numeric value and family; throws `OUT_OF_RANGE` when the value does not fit.
 *
 * @example
 * ```ts
 * formatAddr(addrFromBigInt(1n, 6)); // '::1'
 * formatAddr(addrFromBigInt(0x0a000001n, 4)); // '10.0.0.1'
 * ```
 */
export function addrFromBigInt(value: bigint, family: 4 | 6, zone = ''): Addr {
  const max = family === 4 ? 0xffffffffn : (1n << 128n) - 1n;
  if (typeof value !== 'bigint' || value < 0n || value > max) {
    throw new IpError('OUT_OF_RANGE', `value ${describe(value)} is not an IPv${family} address`);
  }
  if (family === 4) return makeAddr(4, 0, 0, 0, Number(value), '');
  const [w0, w1, w2, w3] = bigToWords(value);
  return makeAddr(6, w0, w1, w2, w3, zone);
}
