import { toPrefix } from './internal/coerce.ts';
import type { Prefix } from './prefix.ts';

/**
 * The number of addresses in a prefix, as a bigint (2^(width − bits)).
 *
 * @example
 * ```ts
 * prefixSize(parsePrefix('10.0.0.0/24')); // 256n
 * prefixSize(parsePrefix('2001:db8::/32')); // 79228162514264337593543950336n
 * ```
 */
export function prefixSize(p: Prefix): bigint {
  const prefix = toPrefix(p, 'prefix');
  return 1n << BigInt((prefix.addr.family === 4 ? 32 : 128) - prefix.bits);
}

/**
 * The number of addresses in a prefix as a number — exact up to 2^53, rounded above (fine for
 * IPv4 and for IPv6 prefixes of /75 and longer).
 *
 * @example
 * ```ts
 * prefixSizeNumber(parsePrefix('10.0.0.0/8')); // 16777216
 * ```
 */
export function prefixSizeNumber(p: Prefix): number {
  const prefix = toPrefix(p, 'prefix');
  return 2 ** ((prefix.addr.family === 4 ? 32 : 128) - prefix.bits);
}
