import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addrFromBigInt, addrToBigInt } from './addr-bigint.ts';
import {
  ipSetComplement,
  ipSetDifference,
  ipSetFrom,
  ipSetIntersection,
  ipSetPrefixes,
  ipSetUnion,
} from './ip-set.ts';
import { excludePrefixes, mergePrefixes } from './merge-prefixes.ts';
import { type Prefix, prefixFrom } from './prefix.ts';
import { rangeToPrefixes } from './range-to-prefixes.ts';
import { removeFreePrefix } from './remove-free-prefix.ts';

/*
 * Differential tests against a plain interval-arithmetic reference on bigints (the method that
 * finds fast-cidr-tools' exclude bug, reference note §1.3). Keys put IPv6 far above IPv4 so the
 * families never touch.
 */
type Iv = [bigint, bigint];
const V6 = 1n << 129n;

function toIv(p: Prefix): Iv {
  const width = p.addr.family === 4 ? 32n : 128n;
  const base = (p.addr.family === 6 ? V6 : 0n) + addrToBigInt(p.addr);
  return [base, base + (1n << (width - BigInt(p.bits))) - 1n];
}

function refUnion(ivs: readonly Iv[]): Iv[] {
  const s = [...ivs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Iv[] = [];
  for (const [lo, hi] of s) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n && lo >= V6 === last[0] >= V6) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

function refSubtract(a: readonly Iv[], b: readonly Iv[]): Iv[] {
  let cur: Iv[] = a.map(([x, y]) => [x, y]);
  for (const [bl, bh] of b) {
    const next: Iv[] = [];
    for (const [l, h] of cur) {
      if (bh < l || bl > h) next.push([l, h]);
      else {
        if (l < bl) next.push([l, bl - 1n]);
        if (h > bh) next.push([bh + 1n, h]);
      }
    }
    cur = next;
  }
  return refUnion(cur);
}

function maxB(a: bigint, b: bigint): bigint {
  if (a > b) return a;
  return b;
}

function minB(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}

function refIntersect(a: readonly Iv[], b: readonly Iv[]): Iv[] {
  const out: Iv[] = [];
  for (const [al, ah] of a) {
    for (const [bl, bh] of b) {
      const lo = maxB(al, bl);
      const hi = minB(ah, bh);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return refUnion(out);
}

/** Greedy minimal CIDR count of an interval (largest aligned block each step). */
function refCount(ivs: readonly Iv[]): number {
  let n = 0;
  for (const [lo0, hi] of ivs) {
    let lo = lo0;
    const off = lo >= V6 ? V6 : 0n;
    while (lo <= hi) {
      let size = 1n;
      const v = lo - off;
      while ((v & (size * 2n - 1n)) === 0n && lo + size * 2n - 1n <= hi && size < 1n << 128n) size *= 2n;
      lo += size;
      n++;
    }
  }
  return n;
}

function check(result: readonly Prefix[], expected: readonly Iv[]): void {
  // sorted and disjoint, covering exactly the reference, and minimal
  const ivs = result.map(toIv);
  for (let i = 1; i < ivs.length; i++) expect((ivs[i] as Iv)[0] > (ivs[i - 1] as Iv)[1]).toBe(true);
  expect(refUnion(ivs)).toEqual(expected);
  expect(result.length).toBe(refCount(expected));
}

const v4local = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 32 }))
  .map(([n, bits]) => prefixFrom(addrFromBigInt(BigInt(0x0a000000 + n), 4), bits));
const v4wide = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([n, bits]) => prefixFrom(addrFromBigInt(BigInt(n), 4), bits));
const v6local = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 112, max: 128 }))
  .map(([n, bits]) => prefixFrom(addrFromBigInt((0x20010db8n << 96n) + BigInt(n), 6), bits));
const v6wide = fc
  .tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }))
  .map(([n, bits]) => prefixFrom(addrFromBigInt(n, 6), bits));
const v6mid = fc
  .tuple(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 60, max: 128 }))
  .map(([n, bits]) => prefixFrom(addrFromBigInt((0xfd00n << 112n) + (n << 32n), 6), bits));
// Words and lengths at the 32-bit word boundaries, where the carries and masks of the word code turn.
const edgeWord = fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff);
const v4edge = fc
  .tuple(edgeWord, fc.constantFrom(0, 1, 2, 30, 31, 32))
  .map(([n, bits]) => prefixFrom(addrFromBigInt(BigInt(n), 4), bits));
const v6edge = fc
  .tuple(
    fc.tuple(edgeWord, edgeWord, edgeWord, edgeWord),
    fc.constantFrom(0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 126, 127, 128),
  )
  .map(([[w0, w1, w2, w3], bits]) =>
    prefixFrom(
      addrFromBigInt((BigInt(w0) << 96n) | (BigInt(w1) << 64n) | (BigInt(w2) << 32n) | BigInt(w3), 6),
      bits,
    ),
  );
const prefix = fc.oneof(
  { arbitrary: v4edge, weight: 1 },
  { arbitrary: v6edge, weight: 2 },
  { arbitrary: v4local, weight: 4 },
  { arbitrary: v4wide, weight: 1 },
  { arbitrary: v6local, weight: 3 },
  { arbitrary: v6mid, weight: 2 },
  { arbitrary: v6wide, weight: 1 },
);
const list = fc.array(prefix, { maxLength: 25 });
// Long lists take the radix-sort paths (32 or more prefixes of a family).
const longList = fc.array(prefix, { minLength: 40, maxLength: 400 });
const opts = { numRuns: 300 };

describe('set algebra against an interval reference', () => {
  test.prop([list], opts)('mergePrefixes', (ps) => {
    check(mergePrefixes(ps), refUnion(ps.map(toIv)));
  });

  test.prop([longList], { numRuns: 60 })('mergePrefixes on long lists', (ps) => {
    check(mergePrefixes(ps), refUnion(ps.map(toIv)));
  });

  test.prop([longList, longList], { numRuns: 40 })('excludePrefixes on long lists', (a, b) => {
    check(excludePrefixes(a, b), refSubtract(refUnion(a.map(toIv)), b.map(toIv)));
  });

  test.prop([list, list], opts)('excludePrefixes', (a, b) => {
    check(excludePrefixes(a, b), refSubtract(refUnion(a.map(toIv)), b.map(toIv)));
  });

  test.prop([list, list], opts)('union, intersection, difference', (a, b) => {
    const sa = ipSetFrom(a);
    const sb = ipSetFrom(b);
    const ra = refUnion(a.map(toIv));
    const rb = refUnion(b.map(toIv));
    check(ipSetPrefixes(ipSetUnion(sa, sb)), refUnion([...ra, ...rb]));
    check(ipSetPrefixes(ipSetIntersection(sa, sb)), refIntersect(ra, rb));
    check(ipSetPrefixes(ipSetDifference(sa, sb)), refSubtract(ra, rb));
  });

  test.prop([list], { numRuns: 100 })('complement', (a) => {
    const all: Iv[] = [
      [0n, (1n << 32n) - 1n],
      [V6, V6 + (1n << 128n) - 1n],
    ];
    check(ipSetPrefixes(ipSetComplement(ipSetFrom(a))), refSubtract(all, a.map(toIv)));
  });

  test.prop(
    [fc.oneof(v4wide, v6wide, v6local, v4edge, v6edge), fc.bigInt({ min: 0n, max: 1n << 20n })],
    opts,
  )('rangeToPrefixes', (p, span) => {
    const [lo, hi0] = toIv(p);
    const hi = minB(lo + span, hi0);
    const off = p.addr.family === 6 ? V6 : 0n;
    const r = rangeToPrefixes(
      addrFromBigInt(lo - off, p.addr.family),
      addrFromBigInt(hi - off, p.addr.family),
    );
    check(r, [[lo, hi]]);
  });

  test.prop([list, fc.integer({ min: 0, max: 128 })], opts)('removeFreePrefix', (a, bits) => {
    const set = ipSetFrom(a);
    const r = removeFreePrefix(set, bits);
    const ra = refUnion(a.map(toIv));
    if (r === undefined) {
      // nothing of that size fits: no merged interval holds an aligned block of 2^(width-bits)
      for (const p of ipSetPrefixes(set)) {
        expect(p.bits > bits || bits > (p.addr.family === 4 ? 32 : 128)).toBe(true);
      }
      return;
    }
    const iv = toIv(r.prefix);
    expect(r.prefix.bits).toBe(bits);
    expect(refSubtract([iv], ra)).toEqual([]);
    check(ipSetPrefixes(r.set), refSubtract(ra, [iv]));
  });
});
