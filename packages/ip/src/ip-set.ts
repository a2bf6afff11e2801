import type { Addr } from './addr.ts';
import { describe } from './internal/describe.ts';
import { intersect, normalize, rangesToPrefixes, subtract, universe } from './internal/range-ops.ts';
import { cmpWords, fillAddr, stripZone } from './internal/words.ts';
import { IpError } from './ip-error.ts';
import { type IPRange, makeRange } from './ip-range.ts';
import type { Prefix } from './prefix.ts';

declare const ipSetBrand: unique symbol;

/** The brand that makes an {@link IPSet} nominal. */
export type IPSetBrand = typeof ipSetBrand;

/**
 * An immutable set of addresses of either family, held as sorted, disjoint, non-adjacent ranges
 * (IPv4 first), like netipx `IPSet`. Build one with {@link ipSetFrom}.
 *
 * @example
 * ```ts
 * const s = ipSetFrom([parsePrefix('10.0.0.0/25'), parsePrefix('10.0.0.128/25')]);
 * ipSetPrefixes(s).map(formatPrefix); // ['10.0.0.0/24']
 * ```
 */
export interface IPSet {
  readonly [ipSetBrand]: true;
  readonly ranges: readonly IPRange[];
}

function makeSet(ranges: IPRange[]): IPSet {
  return Object.freeze({ ranges: Object.freeze(ranges) }) as unknown as IPSet;
}

/** One member accepted by {@link ipSetFrom}: an address, a prefix or a range. */
export type IPSetMember = Addr | Prefix | IPRange;

function toRange(m: IPSetMember, i: number): IPRange {
  if (m !== null && typeof m === 'object') {
    const o = m as { bits?: unknown; addr?: Addr; first?: Addr; last?: Addr; family?: unknown };
    if (typeof o.bits === 'number' && o.addr !== undefined)
      return makeRange(o.addr, fillAddr(o.addr, o.bits));
    if (o.first !== undefined && o.last !== undefined) {
      if (o.first.family === o.last.family && cmpWords(o.first, o.last) <= 0) {
        return makeRange(stripZone(o.first), stripZone(o.last));
      }
    } else if (o.family === 4 || o.family === 6) {
      const a = stripZone(m as Addr);
      return makeRange(a, a);
    }
  }
  throw new IpError('INVALID_RANGE', `member ${i} is not an address, prefix or range: ${describe(m)}`, [i]);
}

/**
 * Builds a set from addresses, prefixes and ranges (zones are ignored).
 *
 * @example
 * ```ts
 * ipSetFrom([parseAddr('10.0.0.1'), parsePrefix('10.0.0.2/31')]).ranges.length; // 1
 * ```
 */
export function ipSetFrom(members: readonly IPSetMember[]): IPSet {
  if (!Array.isArray(members)) {
    throw new IpError(
      'INVALID_RANGE',
      `expected an array of addresses, prefixes or ranges, got ${describe(members)}`,
    );
  }
  return makeSet(normalize(members.map(toRange)));
}

/**
 * Every address in `a` or `b`.
 *
 * @example
 * ```ts
 * ipSetPrefixes(ipSetUnion(ipSetFrom([parsePrefix('10.0.0.0/25')]), ipSetFrom([parsePrefix('10.0.0.128/25')])));
 * // [10.0.0.0/24]
 * ```
 */
export function ipSetUnion(a: IPSet, b: IPSet): IPSet {
  return makeSet(normalize([...a.ranges, ...b.ranges]));
}

/**
 * Every address in both `a` and `b`.
 *
 * @example
 * ```ts
 * ipSetIntersection(ipSetFrom([parsePrefix('10.0.0.0/8')]), ipSetFrom([parsePrefix('10.1.0.0/16')]));
 * ```
 */
export function ipSetIntersection(a: IPSet, b: IPSet): IPSet {
  return makeSet(intersect(a.ranges, b.ranges));
}

/**
 * Every address in `a` but not in `b`.
 *
 * @example
 * ```ts
 * ipSetDifference(ipSetFrom([parsePrefix('10.0.0.0/8')]), ipSetFrom([parsePrefix('10.1.0.0/16')]));
 * ```
 */
export function ipSetDifference(a: IPSet, b: IPSet): IPSet {
  return makeSet(subtract(a.ranges, b.ranges));
}

/**
 * Every address not in the set, within the given families (default both IPv4 and IPv6).
 *
 * @example
 * ```ts
 * ipSetPrefixes(ipSetComplement(ipSetFrom([parsePrefix('128.0.0.0/1')]), [4])).map(formatPrefix);
 * // ['0.0.0.0/1']
 * ```
 */
export function ipSetComplement(set: IPSet, families: readonly (4 | 6)[] = [4, 6]): IPSet {
  return makeSet(subtract(universe(families), set.ranges));
}

/**
 * The set as the minimal sorted list of prefixes.
 *
 * @example
 * ```ts
 * ipSetPrefixes(ipSetFrom([parseIPRange('10.0.0.0-10.0.0.2')])).map(formatPrefix);
 * // ['10.0.0.0/31', '10.0.0.2/32']
 * ```
 */
export function ipSetPrefixes(set: IPSet): Prefix[] {
  return rangesToPrefixes(set.ranges);
}

function findRange(set: IPSet, a: Addr): IPRange | undefined {
  const rs = set.ranges;
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rs[mid] as IPRange;
    const c = r.first.family !== a.family ? r.first.family - a.family : cmpWords(r.first, a);
    if (c > 0) {
      hi = mid - 1;
      continue;
    }
    const d = r.last.family !== a.family ? r.last.family - a.family : cmpWords(r.last, a);
    if (d < 0) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/**
 * Tells whether the set holds an address, or every address of a prefix or range (binary search).
 *
 * @example
 * ```ts
 * const s = ipSetFrom([parsePrefix('10.0.0.0/25'), parsePrefix('10.0.0.128/25')]);
 * ipSetContains(s, parsePrefix('10.0.0.0/24')); // true
 * ```
 */
export function ipSetContains(set: IPSet, member: IPSetMember): boolean {
  const r = toRange(member, 0);
  const hit = findRange(set, r.first);
  return hit !== undefined && cmpWords(hit.last, r.last) >= 0;
}

/**
 * Tells whether the set holds at least one address of an address, prefix, range or other set.
 *
 * @example
 * ```ts
 * ipSetOverlaps(ipSetFrom([parsePrefix('10.0.0.0/8')]), parsePrefix('10.255.0.0/16')); // true
 * ```
 */
export function ipSetOverlaps(set: IPSet, other: IPSetMember | IPSet): boolean {
  const b =
    (other as IPSet).ranges !== undefined ? (other as IPSet).ranges : [toRange(other as IPSetMember, 0)];
  return intersect(set.ranges, b).length > 0;
}

/**
 * The number of addresses in the set (bigint).
 *
 * @example
 * ```ts
 * ipSetSize(ipSetFrom([parsePrefix('10.0.0.0/24'), parseAddr('::1')])); // 257n
 * ```
 */
export function ipSetSize(set: IPSet): bigint {
  let n = 0n;
  for (const r of set.ranges) {
    if (r.first.family === 4) n += BigInt(r.last.w3 - r.first.w3 + 1);
    else {
      const f =
        (BigInt(r.first.w0) << 96n) |
        (BigInt(r.first.w1) << 64n) |
        (BigInt(r.first.w2) << 32n) |
        BigInt(r.first.w3);
      const l =
        (BigInt(r.last.w0) << 96n) |
        (BigInt(r.last.w1) << 64n) |
        (BigInt(r.last.w2) << 32n) |
        BigInt(r.last.w3);
      n += l - f + 1n;
    }
  }
  return n;
}
