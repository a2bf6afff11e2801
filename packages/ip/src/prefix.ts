import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { maskAddr, widthOf } from './internal/words.ts';
import { IpError } from './ip-error.ts';

declare const prefixBrand: unique symbol;

/** The brand that makes a {@link Prefix} nominal. */
export type PrefixBrand = typeof prefixBrand;

/**
 * A CIDR prefix as an immutable value: `addr` is the masked network address (never with a zone),
 * `bits` the prefix length (0–32 for IPv4, 0–128 for IPv6). Use {@link prefixKey} as a Map key.
 *
 * @example
 * ```ts
 * const p = parsePrefix('10.0.0.0/8');
 * p.bits; // 8
 * formatAddr(p.addr); // '10.0.0.0'
 * ```
 */
export interface Prefix {
  readonly [prefixBrand]: true;
  readonly addr: Addr;
  readonly bits: number;
}

/** @internal Builds a Prefix from an already-masked, zone-free address (no checks). */
export function makePrefix(addr: Addr, bits: number): Prefix {
  return { addr, bits } as unknown as Prefix;
}

/**
 * Builds a prefix from an address and a length, masking the host bits (so `addr` becomes the
 * network address). Throws `INVALID_PREFIX` when the length is not an integer in range for the
 * family or when the address has a zone.
 *
 * @example
 * ```ts
 * formatPrefix(prefixFrom(parseAddr('10.1.2.3'), 16)); // '10.1.0.0/16'
 * ```
 */
export function prefixFrom(a: Addr, bits: number): Prefix {
  const addr = toAddr(a, 'address');
  if (!Number.isInteger(bits) || bits < 0 || bits > widthOf(addr.family)) {
    throw new IpError(
      'INVALID_PREFIX',
      `invalid prefix length ${describe(bits)} for ${formatAddr(addr)}: must be 0–${widthOf(addr.family)}`,
    );
  }
  if (addr.zone !== '') {
    throw new IpError(
      'INVALID_PREFIX',
      `invalid prefix "${formatAddr(addr)}/${bits}": prefixes cannot have a zone`,
    );
  }
  return makePrefix(maskAddr(addr, bits), bits);
}

/**
 * Tells a {@link Prefix} from an {@link Addr}.
 *
 * @example
 * ```ts
 * isPrefix(parsePrefix('10.0.0.0/8')); // true
 * isPrefix(parseAddr('10.0.0.1')); // false
 * ```
 */
export function isPrefix(value: Addr | Prefix): value is Prefix {
  return (value as { bits?: unknown }).bits !== undefined;
}
