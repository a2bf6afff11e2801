declare const addrBrand: unique symbol;

/** The brand that makes an {@link Addr} nominal: only this package's constructors produce one. */
export type AddrBrand = typeof addrBrand;

/**
 * An IP address as an immutable value: four big-endian uint32 words.
 *
 * - IPv4: `family` 4, `w3` is the address as a uint32 (10.0.0.1 → 0x0a000001), `w0 = w1 = w2 = 0`, `zone` ''.
 * - IPv6: `family` 6, all four words (`w0` holds the most significant 32 bits), `zone` '' when none.
 *
 * IPv4-mapped addresses (`::ffff:a.b.c.d`) stay IPv6. Build values with {@link parseAddr},
 * {@link addrFromUint32} or {@link addrFromBigInt}; use {@link addrKey} as a Map key.
 *
 * @example
 * ```ts
 * const a = parseAddr('10.0.0.1');
 * a.family; // 4
 * a.w3 === 0x0a000001; // true
 * ```
 */
export interface Addr {
  readonly [addrBrand]: true;
  readonly family: 4 | 6;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
  readonly zone: string;
}
