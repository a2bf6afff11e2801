import type { Addr } from '../addr.ts';
import { type IPRange, makeRange } from '../ip-range.ts';
import { makePrefix, type Prefix } from '../prefix.ts';
import { makeAddr } from './make-addr.ts';
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
  const sorted = [...ranges].sort((x, y) => cmp(x.first, y.first) || cmp(x.last, y.last));
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
    let size = a === 0 ? 4294967296 : (a & -a) >>> 0;
    const span = b - a + 1;
    while (size > span) size /= 2;
    const bits = size === 4294967296 ? 0 : Math.clz32(size) + 1;
    out.push(makePrefix(makeAddr(4, 0, 0, 0, a, ''), bits));
    a += size;
  }
}

/** Ranges → minimal sorted prefixes. */
export function rangesToPrefixes(ranges: readonly IPRange[]): Prefix[] {
  const out: Prefix[] = [];
  for (const r of ranges) appendRangePrefixes(out, r.first, r.last);
  return out;
}

/** Sorted, merged IPv4 intervals as interleaved uint32 values [f0, l0, f1, l1, …]. */
export function v4Merge(starts: Float64Array, ends: Float64Array): number[] {
  starts.sort();
  ends.sort();
  const n = starts.length;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  let depth = 0;
  let open = 0;
  while (j < n) {
    if (i < n && (starts[i] as number) <= (ends[j] as number) + 1) {
      if (depth === 0) open = starts[i] as number;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) out.push(open, ends[j] as number);
      j++;
    }
  }
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

/** Sorted IPv4 interval list from prefixes (v4 ones only). */
export function v4FromPrefixes(prefixes: readonly Prefix[]): number[] {
  let n = 0;
  for (const p of prefixes) if (p.addr.family === 4) n++;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let k = 0;
  for (const p of prefixes) {
    if (p.addr.family !== 4) continue;
    const s = p.addr.w3;
    starts[k] = s;
    ends[k] = s + 2 ** (32 - p.bits) - 1;
    k++;
  }
  return v4Merge(starts, ends);
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
