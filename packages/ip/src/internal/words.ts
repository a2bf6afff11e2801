import type { Addr } from '../addr.ts';
import { makeAddr } from './make-addr.ts';

const TWO32 = 4294967296;

/** The int32 mask that keeps the top `n` bits of a 32-bit word (n is clamped to 0..32). */
export function wordMask(n: number): number {
  return n <= 0 ? 0 : n >= 32 ? -1 : -1 << (32 - n);
}

/** Address width in bits for a family. */
export function widthOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** The address with every bit after the first `bits` cleared (zone dropped). */
export function maskAddr(a: Addr, bits: number): Addr {
  if (a.family === 4) return makeAddr(4, 0, 0, 0, (a.w3 & wordMask(bits)) >>> 0, '');
  return makeAddr(
    6,
    (a.w0 & wordMask(bits)) >>> 0,
    (a.w1 & wordMask(bits - 32)) >>> 0,
    (a.w2 & wordMask(bits - 64)) >>> 0,
    (a.w3 & wordMask(bits - 96)) >>> 0,
    '',
  );
}

/** The address with every bit after the first `bits` set (zone dropped). */
export function fillAddr(a: Addr, bits: number): Addr {
  if (a.family === 4) return makeAddr(4, 0, 0, 0, (a.w3 | ~wordMask(bits)) >>> 0, '');
  return makeAddr(
    6,
    (a.w0 | ~wordMask(bits)) >>> 0,
    (a.w1 | ~wordMask(bits - 32)) >>> 0,
    (a.w2 | ~wordMask(bits - 64)) >>> 0,
    (a.w3 | ~wordMask(bits - 96)) >>> 0,
    '',
  );
}

/** True when the bits after the first `bits` are all zero. */
export function isMasked(a: Addr, bits: number): boolean {
  if (a.family === 4) return (a.w3 & ~wordMask(bits)) === 0;
  return (
    (a.w0 & ~wordMask(bits)) === 0 &&
    (a.w1 & ~wordMask(bits - 32)) === 0 &&
    (a.w2 & ~wordMask(bits - 64)) === 0 &&
    (a.w3 & ~wordMask(bits - 96)) === 0
  );
}

/** True when `a` and `b` (same family) agree on their first `bits` bits. */
export function samePrefix(a: Addr, b: Addr, bits: number): boolean {
  if (a.family === 4) return ((a.w3 ^ b.w3) & wordMask(bits)) === 0;
  return (
    ((a.w0 ^ b.w0) & wordMask(bits)) === 0 &&
    ((a.w1 ^ b.w1) & wordMask(bits - 32)) === 0 &&
    ((a.w2 ^ b.w2) & wordMask(bits - 64)) === 0 &&
    ((a.w3 ^ b.w3) & wordMask(bits - 96)) === 0
  );
}

/**
 * a + n where n is given as four uint32 words (big-endian). Keeps the zone. Returns undefined on
 * overflow past the family's last address.
 */
export function addWords(a: Addr, n0: number, n1: number, n2: number, n3: number): Addr | undefined {
  const s3 = a.w3 + n3;
  if (a.family === 4) {
    if (n0 !== 0 || n1 !== 0 || n2 !== 0 || s3 >= TWO32) return undefined;
    return makeAddr(4, 0, 0, 0, s3, a.zone);
  }
  const c3 = s3 >= TWO32 ? 1 : 0;
  const s2 = a.w2 + n2 + c3;
  const c2 = s2 >= TWO32 ? 1 : 0;
  const s1 = a.w1 + n1 + c2;
  const c1 = s1 >= TWO32 ? 1 : 0;
  const s0 = a.w0 + n0 + c1;
  if (s0 >= TWO32) return undefined;
  return makeAddr(6, s0, s1 >>> 0, s2 >>> 0, s3 >>> 0, a.zone);
}

/** a − n (n as four uint32 words). Keeps the zone. Undefined on underflow below the first address. */
export function subWords(a: Addr, n0: number, n1: number, n2: number, n3: number): Addr | undefined {
  const d3 = a.w3 - n3;
  if (a.family === 4) {
    if (n0 !== 0 || n1 !== 0 || n2 !== 0 || d3 < 0) return undefined;
    return makeAddr(4, 0, 0, 0, d3, a.zone);
  }
  const b3 = d3 < 0 ? 1 : 0;
  const d2 = a.w2 - n2 - b3;
  const b2 = d2 < 0 ? 1 : 0;
  const d1 = a.w1 - n1 - b2;
  const b1 = d1 < 0 ? 1 : 0;
  const d0 = a.w0 - n0 - b1;
  if (d0 < 0) return undefined;
  return makeAddr(6, d0, d1 >>> 0, d2 >>> 0, d3 >>> 0, a.zone);
}

/** Splits a non-negative safe integer into its high and low uint32 halves. */
export function splitSafe(n: number): [hi: number, lo: number] {
  const hi = Math.floor(n / TWO32);
  return [hi, n - hi * TWO32];
}

const MASK32 = 0xffffffffn;

/** Splits a non-negative bigint below 2^128 into four uint32 words (big-endian). */
export function bigToWords(n: bigint): [number, number, number, number] {
  return [
    Number((n >> 96n) & MASK32),
    Number((n >> 64n) & MASK32),
    Number((n >> 32n) & MASK32),
    Number(n & MASK32),
  ];
}

/** Compares the numeric values of two addresses of the same family (zones ignored). */
export function cmpWords(a: Addr, b: Addr): number {
  if (a.w0 !== b.w0) return a.w0 < b.w0 ? -1 : 1;
  if (a.w1 !== b.w1) return a.w1 < b.w1 ? -1 : 1;
  if (a.w2 !== b.w2) return a.w2 < b.w2 ? -1 : 1;
  if (a.w3 !== b.w3) return a.w3 < b.w3 ? -1 : 1;
  return 0;
}

/** Number of leading bits two same-family addresses share (32 or 128 when equal). */
export function commonBits(a: Addr, b: Addr): number {
  if (a.family === 4) return Math.clz32(a.w3 ^ b.w3);
  let x = a.w0 ^ b.w0;
  if (x !== 0) return Math.clz32(x);
  x = a.w1 ^ b.w1;
  if (x !== 0) return 32 + Math.clz32(x);
  x = a.w2 ^ b.w2;
  if (x !== 0) return 64 + Math.clz32(x);
  return 96 + Math.clz32(a.w3 ^ b.w3);
}

/** True when every bit after the first `bits` is one. */
export function isFilled(a: Addr, bits: number): boolean {
  if (a.family === 4) return (~a.w3 & ~wordMask(bits)) === 0;
  return (
    (~a.w0 & ~wordMask(bits)) === 0 &&
    (~a.w1 & ~wordMask(bits - 32)) === 0 &&
    (~a.w2 & ~wordMask(bits - 64)) === 0 &&
    (~a.w3 & ~wordMask(bits - 96)) === 0
  );
}

/** The zone-free copy of an address (the same object when it has no zone). */
export function stripZone(a: Addr): Addr {
  return a.zone === '' ? a : makeAddr(a.family, a.w0, a.w1, a.w2, a.w3, '');
}
