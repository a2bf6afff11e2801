import type { Addr } from '../addr.ts';
import { type IPRange, makeRange } from '../ip-range.ts';
import { makePrefix, type Prefix } from '../prefix.ts';
import { makeAddr } from './make-addr.ts';
import { sortIndexByWords, sortPairsU32 } from './radix.ts';
import { addWords, cmpWords, commonBits, fillAddr, isFilled, isMasked, maskAddr, subWords } from './words.ts';

/*
 * Set algebra on sorted, disjoint, non-adjacent lists of ranges ("normalized"): IPv4 ranges first,
 * then IPv6, each in address order. The generic code works on Addr words for both families; the
 * IPv4 hot paths (merge, exclude) also have a numeric form on uint32 values in Float64Arrays.
 */

/** −1/0/1 ordering of two zone-free addresses across families. */
function cmp(a: Addr, b: Addr): number {
  return a.family !== b.family ? a.family - b.family : cmpWords(a, b);
}

/** Sorts and merges ranges (overlapping or adjacent ones of the same family coalesce). */
export function normalize(ranges: readonly IPRange[]): IPRange[] {
  // Ties on `first` need no second key: the sweep keeps the larger `last` either way.
  const sorted = [...ranges].sort((x, y) => cmp(x.first, y.first));
  const out: IPRange[] = [];
  let cur: IPRange | undefined;
  for (const r of sorted) {
    if (cur === undefined) {
      cur = r;
      continue;
    }
    if (r.first.family === cur.last.family) {
      const after = addWords(cur.last, 0, 0, 0, 1);
      if (after === undefined || cmpWords(r.first, after) <= 0) {
        if (cmpWords(r.last, cur.last) > 0) cur = makeRange(cur.first, r.last);
        continue;
      }
    }
    out.push(cur);
    cur = r;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/** Intersection of two normalized lists. */
export function intersect(a: readonly IPRange[], b: readonly IPRange[]): IPRange[] {
  const out: IPRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as IPRange;
    const y = b[j] as IPRange;
    if (x.first.family !== y.first.family) {
      if (x.first.family < y.first.family) i++;
      else j++;
      continue;
    }
    const lo = cmpWords(x.first, y.first) >= 0 ? x.first : y.first;
    const hi = cmpWords(x.last, y.last) <= 0 ? x.last : y.last;
    if (cmpWords(lo, hi) <= 0) out.push(makeRange(lo, hi));
    if (cmpWords(x.last, y.last) < 0) i++;
    else j++;
  }
  return out;
}

/** a minus b, both normalized. */
export function subtract(a: readonly IPRange[], b: readonly IPRange[]): IPRange[] {
  const out: IPRange[] = [];
  let j = 0;
  for (const r of a) {
    while (j < b.length && cmp((b[j] as IPRange).last, r.first) < 0) j++;
    let first: Addr = r.first;
    let done = false;
    for (let k = j; k < b.length; k++) {
      const y = b[k] as IPRange;
      if (y.first.family !== r.first.family || cmpWords(y.first, r.last) > 0) break;
      if (cmpWords(y.first, first) > 0) out.push(makeRange(first, subWords(y.first, 0, 0, 0, 1) as Addr));
      if (cmpWords(y.last, r.last) >= 0) {
        done = true;
        break;
      }
      first = addWords(y.last, 0, 0, 0, 1) as Addr;
    }
    if (!done) out.push(makeRange(first, r.last));
  }
  return out;
}

const V4_ALL = makeRange(makeAddr(4, 0, 0, 0, 0, ''), makeAddr(4, 0, 0, 0, 0xffffffff, ''));
const V6_ALL = makeRange(
  makeAddr(6, 0, 0, 0, 0, ''),
  makeAddr(6, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, ''),
);

/** The whole address space of the given families, as a normalized list. */
export function universe(families: readonly (4 | 6)[]): IPRange[] {
  const out: IPRange[] = [];
  if (families.includes(4)) out.push(V4_ALL);
  if (families.includes(6)) out.push(V6_ALL);
  return out;
}

/** Appends the minimal prefixes covering [a, b] (same family, a <= b), in order (netipx's split). */
export function appendRangePrefixes(out: Prefix[], a: Addr, b: Addr): void {
  if (a.family === 4) {
    appendV4RangePrefixes(out, a.w3, b.w3);
    return;
  }
  const c = commonBits(a, b);
  if (isMasked(a, c) && isFilled(b, c)) {
    out.push(makePrefix(a, c));
    return;
  }
  appendRangePrefixes(out, a, fillAddr(a, c + 1));
  appendRangePrefixes(out, maskAddr(b, c + 1), b);
}

/** Numeric IPv4 form of {@link appendRangePrefixes}: a and b are uint32 values, a <= b. */
export function appendV4RangePrefixes(out: Prefix[], a: number, b: number): void {
  while (a <= b) {
    // largest block aligned at a (lowest set bit) that fits in the remaining span
    const align = a === 0 ? 32 : 31 - Math.clz32(a & -a);
    const span = b - a + 1;
    const fit = span >= 4294967296 ? 32 : 31 - Math.clz32(span);
    const host = Math.min(align, fit);
    out.push(makePrefix(makeAddr(4, 0, 0, 0, a, ''), 32 - host));
    a += host >= 31 ? (host === 32 ? 4294967296 : 2147483648) : 1 << host;
  }
}

/** Ranges → minimal sorted prefixes. */
export function rangesToPrefixes(ranges: readonly IPRange[]): Prefix[] {
  const out: Prefix[] = [];
  for (const r of ranges) appendRangePrefixes(out, r.first, r.last);
  return out;
}

/** Numeric a − b on interleaved merged IPv4 intervals. */
export function v4Subtract(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let first = a[i] as number;
    const last = a[i + 1] as number;
    while (j < b.length && (b[j + 1] as number) < first) j += 2;
    let done = false;
    for (let k = j; k < b.length; k += 2) {
      const yf = b[k] as number;
      const yl = b[k + 1] as number;
      if (yf > last) break;
      if (yf > first) out.push(first, yf - 1);
      if (yl >= last) {
        done = true;
        break;
      }
      first = yl + 1;
    }
    if (!done) out.push(first, last);
  }
  return out;
}

/** Sorted, merged IPv4 intervals [f0, l0, f1, l1, …] of the IPv4 prefixes in a list. */
export function v4FromPrefixes(prefixes: readonly Prefix[]): number[] {
  let n = 0;
  for (let i = 0; i < prefixes.length; i++) if ((prefixes[i] as Prefix).addr.family === 4) n++;
  const out: number[] = [];
  if (n === 0) return out;
  // Small inputs: plain arrays and insertion sort (typed-array allocation costs more than the sort).
  // Stryker disable next-line all: only picks plain arrays + insertion sort or typed arrays + radix sort; both give the same order
  const small = n < 32;
  const starts: Uint32Array | number[] = small ? [] : new Uint32Array(n);
  const ends: Uint32Array | number[] = small ? [] : new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < prefixes.length; i++) {
    const p = prefixes[i] as Prefix;
    if (p.addr.family !== 4) continue;
    const s = p.addr.w3;
    const e = s + (p.bits === 0 ? 4294967295 : ~(-1 << (32 - p.bits)) >>> 0);
    if (small) {
      let j = k - 1;
      while (j >= 0 && (starts[j] as number) > s) {
        starts[j + 1] = starts[j] as number;
        ends[j + 1] = ends[j] as number;
        j--;
      }
      starts[j + 1] = s;
      ends[j + 1] = e;
    } else {
      starts[k] = s;
      ends[k] = e;
    }
    k++;
  }
  if (!small) sortPairsU32(starts as Uint32Array, ends as Uint32Array);
  let open = starts[0] as number;
  let close = ends[0] as number;
  for (let i = 1; i < n; i++) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    if (s <= close + 1) {
      if (e > close) close = e;
    } else {
      out.push(open, close);
      open = s;
      close = e;
    }
  }
  out.push(open, close);
  return out;
}

/** Interleaved IPv4 intervals → prefixes. */
export function v4ToPrefixes(out: Prefix[], list: readonly number[]): void {
  for (let i = 0; i < list.length; i += 2)
    appendV4RangePrefixes(out, list[i] as number, list[i + 1] as number);
}

/** Normalized ranges of the IPv6 prefixes in a list. */
export function v6RangesFromPrefixes(prefixes: readonly Prefix[]): IPRange[] {
  const rs: IPRange[] = [];
  for (const p of prefixes) {
    if (p.addr.family === 6) rs.push(makeRange(p.addr, fillAddr(p.addr, p.bits)));
  }
  return normalize(rs);
}

/** ~0 >>> (32 − n) for n in 0..32: the low n bits set. */
function lowBits(n: number): number {
  return n <= 0 ? 0 : n >= 32 ? 0xffffffff : -1 >>> (32 - n);
}

/**
 * Merges the IPv6 prefixes of a list into minimal sorted prefixes, on uint32 words in typed
 * arrays: radix-sorted starts, a sweep keeping the running end, then the range split.
 */
export function v6MergePrefixes(out: Prefix[], prefixes: readonly Prefix[]): void {
  let n = 0;
  for (let i = 0; i < prefixes.length; i++) if ((prefixes[i] as Prefix).addr.family === 6) n++;
  if (n === 0) return;
  const st = new Uint32Array(4 * n);
  const en = new Uint32Array(4 * n);
  let k = 0;
  for (let i = 0; i < prefixes.length; i++) {
    const p = prefixes[i] as Prefix;
    const a = p.addr;
    if (a.family !== 6) continue;
    const b = p.bits;
    st[4 * k] = a.w0;
    st[4 * k + 1] = a.w1;
    st[4 * k + 2] = a.w2;
    st[4 * k + 3] = a.w3;
    en[4 * k] = (a.w0 | lowBits(32 - b)) >>> 0;
    en[4 * k + 1] = (a.w1 | lowBits(64 - b)) >>> 0;
    en[4 * k + 2] = (a.w2 | lowBits(96 - b)) >>> 0;
    en[4 * k + 3] = (a.w3 | lowBits(128 - b)) >>> 0;
    k++;
  }
  const order = sortIndexByWords(st, n);
  let i0 = order[0] as number;
  let o0 = st[4 * i0] as number;
  let o1 = st[4 * i0 + 1] as number;
  let o2 = st[4 * i0 + 2] as number;
  let o3 = st[4 * i0 + 3] as number;
  let c0 = en[4 * i0] as number;
  let c1 = en[4 * i0 + 1] as number;
  let c2 = en[4 * i0 + 2] as number;
  let c3 = en[4 * i0 + 3] as number;
  for (let j = 1; j < n; j++) {
    i0 = order[j] as number;
    const s0 = st[4 * i0] as number;
    const s1 = st[4 * i0 + 1] as number;
    const s2 = st[4 * i0 + 2] as number;
    const s3 = st[4 * i0 + 3] as number;
    // close + 1; after the last address d0 becomes 2^32, above every start, so everything joins
    let d3 = c3 + 1;
    let d2 = c2;
    let d1 = c1;
    let d0 = c0;
    if (d3 > 0xffffffff) {
      d3 = 0;
      d2++;
      if (d2 > 0xffffffff) {
        d2 = 0;
        d1++;
        if (d1 > 0xffffffff) {
          d1 = 0;
          d0++;
        }
      }
    }
    const joins = s0 < d0 || (s0 === d0 && (s1 < d1 || (s1 === d1 && (s2 < d2 || (s2 === d2 && s3 <= d3)))));
    if (joins) {
      const e0 = en[4 * i0] as number;
      const e1 = en[4 * i0 + 1] as number;
      const e2 = en[4 * i0 + 2] as number;
      const e3 = en[4 * i0 + 3] as number;
      if (e0 > c0 || (e0 === c0 && (e1 > c1 || (e1 === c1 && (e2 > c2 || (e2 === c2 && e3 > c3)))))) {
        c0 = e0;
        c1 = e1;
        c2 = e2;
        c3 = e3;
      }
    } else {
      appendWordRangePrefixes(out, o0, o1, o2, o3, c0, c1, c2, c3);
      o0 = s0;
      o1 = s1;
      o2 = s2;
      o3 = s3;
      c0 = en[4 * i0] as number;
      c1 = en[4 * i0 + 1] as number;
      c2 = en[4 * i0 + 2] as number;
      c3 = en[4 * i0 + 3] as number;
    }
  }
  appendWordRangePrefixes(out, o0, o1, o2, o3, c0, c1, c2, c3);
}

function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** Minimal prefixes of the IPv6 range [a, b] given as words, appended in order. */
function appendWordRangePrefixes(
  out: Prefix[],
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
): void {
  for (;;) {
    let tz = ctz32(a3);
    if (tz === 32) tz += ctz32(a2);
    if (tz === 64) tz += ctz32(a1);
    if (tz === 96) tz += ctz32(a0);
    let k = tz;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    for (;;) {
      f0 = (a0 | lowBits(k - 96)) >>> 0;
      f1 = (a1 | lowBits(k - 64)) >>> 0;
      f2 = (a2 | lowBits(k - 32)) >>> 0;
      f3 = (a3 | lowBits(k)) >>> 0;
      const fits = f0 < b0 || (f0 === b0 && (f1 < b1 || (f1 === b1 && (f2 < b2 || (f2 === b2 && f3 <= b3)))));
      // k = 0 always fits (f = a <= b), so the loop ends
      if (fits) break;
      k--;
    }
    out.push(makePrefix(makeAddr(6, a0, a1, a2, a3, ''), 128 - k));
    if (f0 === b0 && f1 === b1 && f2 === b2 && f3 === b3) return;
    // a = f + 1 (cannot overflow: f < b)
    a3 = f3 + 1;
    a2 = f2;
    a1 = f1;
    a0 = f0;
    if (a3 > 0xffffffff) {
      a3 = 0;
      a2++;
      if (a2 > 0xffffffff) {
        a2 = 0;
        a1++;
        if (a1 > 0xffffffff) {
          a1 = 0;
          a0++;
        }
      }
    }
  }
}
