import type { Addr } from '@podnet/ip';
import { toAddr } from './internal/coerce.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';
import { routeDst, type SelectRouteOptions, tableRank } from './select-route.ts';

/**
 * A compiled, read-only longest-prefix-match table built by {@link compileLpm}. It answers exactly
 * what {@link selectRoute} answers for the same routes and options.
 *
 * @example
 * ```ts
 * const lpm = compileLpm(parseIpRoute('10.0.0.0/8 dev eth0\n10.1.0.0/16 dev eth1'));
 * lpm.lookup(parseAddr('10.1.2.3'))?.dev; // 'eth1'
 * lpm.lookupBatch(Uint32Array.of(0x0a010203, 0x0b000001)); // Int32Array [1, -1]
 * ```
 */
export interface CompiledLpm {
  /** How many routes were given to {@link compileLpm} (indices refer to that array). */
  readonly size: number;
  /** Structure sizes, for the curious and for benchmarks. */
  readonly stats: LpmStats;
  /** The selected route for an address of either family, or undefined. */
  lookup(addr: Addr | string): Route | undefined;
  /** The index of the selected route in the compiled array, or -1. */
  lookupIndex(addr: Addr | string): number;
  /**
   * IPv4 batch lookup: each key is an address as a uint32 (big-endian numeric value, 10.0.0.1 →
   * 0x0a000001); the result holds the index of the selected route for each key, -1 for none.
   * Pass `out` (at least as long as `keys`) to avoid allocating.
   */
  lookupBatch(keys: Uint32Array, out?: Int32Array): Int32Array;
}

/**
 * Sizes of a {@link CompiledLpm}.
 *
 * @example
 * ```ts
 * compileLpm([]).stats.v4Groups; // 0
 * ```
 */
export interface LpmStats {
  /** The IPv4 layout chosen. */
  readonly layout: 'dir-16-8-8' | 'dir-24-8';
  /** Disjoint IPv4 address intervals with one answer each. */
  readonly v4Intervals: number;
  /** 256-entry groups below the IPv4 root. */
  readonly v4Groups: number;
  /** Disjoint IPv6 intervals (sorted boundary table). */
  readonly v6Intervals: number;
  /** Bytes held by the typed arrays. */
  readonly bytes: number;
}

interface Span<K> {
  readonly start: K;
  readonly endEx: K;
  readonly bits: number;
  readonly idx: number;
}

const TWO32 = 4294967296;
/** `auto` switches to DIR-24-8 (a 64 MiB root) from this many distinct IPv4 prefixes on. */
const AUTO_DIR24 = 16384;

/**
 * The IPv4 layout of a {@link CompiledLpm}: `dir-16-8-8` (256 KiB root, up to three reads — good
 * for the small tables of a node), `dir-24-8` (64 MiB root, one read for prefixes up to /24, two
 * beyond — fastest for large tables), or `auto` (DIR-24-8 from 16,384 IPv4 prefixes on).
 *
 * @example
 * ```ts
 * compileLpm(routes, { layout: 'dir-24-8' });
 * ```
 */
export type LpmLayout = 'auto' | 'dir-16-8-8' | 'dir-24-8';

/**
 * Options for {@link compileLpm}: the table choice of {@link SelectRouteOptions} plus the layout.
 *
 * @example
 * ```ts
 * const opts: CompileLpmOptions = { layout: 'auto' };
 * ```
 */
export interface CompileLpmOptions extends SelectRouteOptions {
  readonly layout?: LpmLayout;
}

/**
 * Per-table best route per prefix (lowest metric, then first), as spans sorted by start then
 * length (outer first).
 */
function bestSpans<K extends number | bigint>(
  routes: readonly Route[],
  family: 4 | 6,
  options: SelectRouteOptions | undefined,
  span: (r: Route, i: number) => Span<K>,
): Span<K>[][] {
  const best: Map<string, number>[] = [new Map(), new Map(), new Map()];
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as Route;
    const dst = routeDst(r, i);
    if (dst.addr.family !== family) continue;
    const rank = tableRank(r, options);
    if (rank < 0) continue;
    const a = dst.addr;
    const key = `${a.w0}.${a.w1}.${a.w2}.${a.w3}/${dst.bits}`;
    const m = best[rank] as Map<string, number>;
    const cur = m.get(key);
    if (cur === undefined || (r.metric ?? 0) < ((routes[cur] as Route).metric ?? 0)) m.set(key, i);
  }
  return best.map((m) => {
    const spans: Span<K>[] = [];
    for (const i of m.values()) spans.push(span(routes[i] as Route, i));
    spans.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.bits - y.bits));
    return spans;
  });
}

/**
 * Sweeps nested spans over sorted boundaries and returns, per elementary interval, the final
 * answer after the table order (first table with a non-throw match) — merged where neighbours
 * agree.
 */
function resolveIntervals<K extends number | bigint>(
  routes: readonly Route[],
  perRank: readonly Span<K>[][],
  zero: K,
  limit: K,
): { starts: K[]; values: number[] } {
  const all: K[] = [zero];
  for (const spans of perRank) {
    for (const s of spans) {
      all.push(s.start);
      if (s.endEx < limit) all.push(s.endEx);
    }
  }
  // Equal boundaries may repeat: they give equal answers, which the merge below folds into one.
  const bounds = all.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const answers: Int32Array[] = perRank.map((spans) => {
    const ans = new Int32Array(bounds.length).fill(-1);
    const stack: Span<K>[] = [];
    let j = 0;
    bounds.forEach((b, k) => {
      while (stack.length > 0 && (stack[stack.length - 1] as Span<K>).endEx <= b) stack.pop();
      while (j < spans.length && (spans[j] as Span<K>).start === b) stack.push(spans[j++] as Span<K>);
      const top = stack[stack.length - 1];
      ans[k] = top === undefined ? -1 : top.idx;
    });
    return ans;
  });
  const starts: K[] = [];
  const values: number[] = [];
  for (let k = 0; k < bounds.length; k++) {
    let v = -1;
    for (const ans of answers) {
      const i = ans[k] as number;
      if (i < 0 || (routes[i] as Route).type === 'throw') continue;
      v = i;
      break;
    }
    if (values.length > 0 && values[values.length - 1] === v) continue;
    starts.push(bounds[k] as K);
    values.push(v);
  }
  return { starts, values };
}

interface V4Table {
  /** 16 (DIR-16-8-8) or 24 (DIR-24-8). */
  readonly rootBits: 16 | 24;
  readonly root: Int32Array;
  readonly groups: Int32Array;
  readonly groupCount: number;
  readonly intervals: number;
}

/**
 * Paints resolved intervals into a multibit trie: a root indexed by the top `rootBits` bits, then
 * 256-entry groups for each further byte. Entries hold `route index + 1` (0 = no route) or, when
 * negative, `~group` for the next level. Intervals are disjoint, so each entry is written once at
 * the level where it is fully covered.
 */
function buildV4(
  routes: readonly Route[],
  options: SelectRouteOptions | undefined,
  layout: LpmLayout,
): V4Table {
  const perRank = bestSpans<number>(routes, 4, options, (r, i) => {
    const d = routeDst(r, i);
    const start = d.addr.w3 >>> 0;
    return { start, endEx: start + 2 ** (32 - d.bits), bits: d.bits, idx: i };
  });
  let v4Count = 0;
  for (const spans of perRank) v4Count += spans.length;
  const rootBits: 16 | 24 =
    layout === 'dir-24-8' ? 24 : layout === 'dir-16-8-8' ? 16 : v4Count >= AUTO_DIR24 ? 24 : 16;
  const { starts, values } = resolveIntervals<number>(routes, perRank, 0, TWO32);
  const slot = 2 ** (32 - rootBits);
  const root = new Int32Array(2 ** rootBits);
  let groups = new Int32Array(256 * 16);
  let ng = 0;
  const newGroup = (): number => {
    if (ng * 256 === groups.length) {
      const bigger = new Int32Array(groups.length * 2);
      bigger.set(groups);
      groups = bigger;
    }
    return ng++;
  };
  // The group an entry points to, made on first use. Reads `root`/`groups` afresh after
  // newGroup(): growing replaces the `groups` array.
  const child = (inRoot: boolean, at: number): number => {
    const g = (inRoot ? root[at] : groups[at]) as number;
    if (g < 0) return ~g;
    const made = newGroup();
    if (inRoot) root[at] = ~made;
    else groups[at] = ~made;
    return made;
  };
  starts.forEach((s, k) => {
    const v = values[k] as number;
    // Unpainted entries already mean "no route"; a no-route interval's partial slots always hold a
    // neighbouring route interval too, so painting it would make no extra group.
    // Stryker disable next-line ConditionalExpression: a shortcut only (see above)
    if (v < 0) return;
    const leaf = v + 1;
    const e = (k + 1 < starts.length ? (starts[k + 1] as number) : TWO32) - 1;
    const hs = Math.floor(s / slot);
    const he = Math.floor(e / slot);
    // whole root slots in the middle
    const fullFrom = s % slot === 0 ? hs : hs + 1;
    const fullTo = e % slot === slot - 1 ? he : he - 1;
    // Stryker disable next-line ConditionalExpression: fill over an empty range (from > to) is a no-op
    if (fullFrom <= fullTo) root.fill(leaf, fullFrom, fullTo + 1);
    const partial = (h: number): void => {
      const lo = h === hs ? s % slot : 0;
      const hi = h === he ? e % slot : slot - 1;
      const g = child(true, h);
      if (rootBits === 24) {
        groups.fill(leaf, g * 256 + lo, g * 256 + hi + 1);
        return;
      }
      const ms = lo >>> 8;
      const me = hi >>> 8;
      for (let m = ms; m <= me; m++) {
        const l = m === ms ? lo & 255 : 0;
        const r = m === me ? hi & 255 : 255;
        if (l === 0 && r === 255) {
          groups[g * 256 + m] = leaf;
          continue;
        }
        const g2 = child(false, g * 256 + m);
        groups.fill(leaf, g2 * 256 + l, g2 * 256 + r + 1);
      }
    };
    // Within one root slot (hs === he) both calls may run: they paint the same range twice.
    if (hs < fullFrom) partial(hs);
    if (he > fullTo) partial(he);
  });
  return {
    rootBits,
    root,
    groups: groups.slice(0, ng * 256),
    groupCount: ng,
    intervals: starts.length,
  };
}

function big(a: Addr): bigint {
  return (
    (BigInt(a.w0 >>> 0) << 96n) |
    (BigInt(a.w1 >>> 0) << 64n) |
    (BigInt(a.w2 >>> 0) << 32n) |
    BigInt(a.w3 >>> 0)
  );
}

interface V6Table {
  readonly bounds: Uint32Array;
  readonly values: Int32Array;
}

function buildV6(routes: readonly Route[], options: SelectRouteOptions | undefined): V6Table {
  const perRank = bestSpans<bigint>(routes, 6, options, (r, i) => {
    const d = routeDst(r, i);
    const start = big(d.addr);
    return { start, endEx: start + (1n << BigInt(128 - d.bits)), bits: d.bits, idx: i };
  });
  const { starts, values } = resolveIntervals<bigint>(routes, perRank, 0n, 1n << 128n);
  const bounds = new Uint32Array(starts.length * 4);
  const mask = 0xffffffffn;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as bigint;
    bounds[k * 4] = Number((s >> 96n) & mask);
    bounds[k * 4 + 1] = Number((s >> 64n) & mask);
    bounds[k * 4 + 2] = Number((s >> 32n) & mask);
    bounds[k * 4 + 3] = Number(s & mask);
  }
  return { bounds, values: Int32Array.from(values) };
}

/** Index of the last interval whose start is ≤ the address (binary search on 4-word keys). */
function lookupV6(t: V6Table, a: Addr): number {
  const b = t.bounds;
  const w0 = a.w0 >>> 0;
  const w1 = a.w1 >>> 0;
  const w2 = a.w2 >>> 0;
  const w3 = a.w3 >>> 0;
  let lo = 0;
  let hi = t.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const o = mid * 4;
    const x0 = b[o] as number;
    const x1 = b[o + 1] as number;
    const x2 = b[o + 2] as number;
    const x3 = b[o + 3] as number;
    const le = x0 < w0 || (x0 === w0 && (x1 < w1 || (x1 === w1 && (x2 < w2 || (x2 === w2 && x3 <= w3)))));
    if (le) lo = mid;
    else hi = mid - 1;
  }
  return t.values[lo] as number;
}

/**
 * Compiles routes into a frozen longest-prefix-match structure with the same answers as
 * {@link selectRoute} (longest prefix, lowest metric, first; tables local → main → default,
 * `throw` falls through). The answer for every address is resolved at compile time over disjoint
 * intervals, then stored as typed arrays:
 *
 * - IPv4: a leaf-pushed multibit trie in `Int32Array`s — DIR-16-8-8 (65,536-entry root, 1–3
 *   reads) for small tables, DIR-24-8 (2^24-entry root, 1–2 reads, as DPDK's `rte_lpm`) from
 *   16,384 prefixes on or when `layout` asks for it. {@link CompiledLpm.lookupBatch} runs a tight,
 *   allocation-free loop over a `Uint32Array`.
 * - IPv6: a sorted table of interval starts (four uint32 words each), searched in O(log n).
 *
 * The route array is not copied: indices refer to it, and it must not change afterwards.
 *
 * @example
 * ```ts
 * const routes = parseIpRoute('default via 192.168.1.1 dev eth0\n10.244.2.0/24 via 192.168.1.12 dev eth0');
 * const lpm = compileLpm(routes);
 * lpm.lookupBatch(Uint32Array.of(0x0af40205, 0x08080808)); // Int32Array [1, 0]
 * ```
 */
export function compileLpm(routes: readonly Route[], options?: CompileLpmOptions): CompiledLpm {
  if (!Array.isArray(routes)) throw new RoutesError('INVALID_INPUT', 'expected an array of routes');
  const layout = options?.layout ?? 'auto';
  if (layout !== 'auto' && layout !== 'dir-16-8-8' && layout !== 'dir-24-8') {
    throw new RoutesError('INVALID_OPTION', `unknown LPM layout ${JSON.stringify(String(layout))}`);
  }
  const v4 = buildV4(routes, options, layout);
  const v6 = buildV6(routes, options);
  const root = v4.root;
  const groups = v4.groups;
  const size = routes.length;
  const dir24 = v4.rootBits === 24;

  const lookupIndex = (addr: Addr | string): number => {
    const a = toAddr(addr);
    if (a.family === 6) return lookupV6(v6, a);
    const k = a.w3 >>> 0;
    if (dir24) {
      const e = root[k >>> 8] as number;
      return (e < 0 ? (groups[(~e << 8) | (k & 255)] as number) : e) - 1;
    }
    let e = root[k >>> 16] as number;
    if (e < 0) {
      e = groups[(~e << 8) | ((k >>> 8) & 255)] as number;
      if (e < 0) e = groups[(~e << 8) | (k & 255)] as number;
    }
    return e - 1;
  };

  const lookupBatch = (keys: Uint32Array, out?: Int32Array): Int32Array => {
    if (!(keys instanceof Uint32Array)) {
      throw new RoutesError('INVALID_INPUT', 'lookupBatch expects a Uint32Array of IPv4 addresses');
    }
    const n = keys.length;
    const res = out ?? new Int32Array(n);
    if (!(res instanceof Int32Array) || res.length < n) {
      throw new RoutesError('INVALID_INPUT', `output must be an Int32Array of at least ${n} entries`);
    }
    if (dir24) {
      for (let i = 0; i < n; i++) {
        const k = keys[i] as number;
        const e = root[k >>> 8] as number;
        res[i] = (e < 0 ? (groups[(~e << 8) | (k & 255)] as number) : e) - 1;
      }
      return res;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      let e = root[k >>> 16] as number;
      if (e < 0) {
        e = groups[(~e << 8) | ((k >>> 8) & 255)] as number;
        if (e < 0) e = groups[(~e << 8) | (k & 255)] as number;
      }
      res[i] = e - 1;
    }
    return res;
  };

  const stats: LpmStats = Object.freeze({
    layout: dir24 ? ('dir-24-8' as const) : ('dir-16-8-8' as const),
    v4Intervals: v4.intervals,
    v4Groups: v4.groupCount,
    v6Intervals: v6.values.length,
    bytes: root.byteLength + groups.byteLength + v6.bounds.byteLength + v6.values.byteLength,
  });

  return Object.freeze({
    size,
    stats,
    lookup: (addr: Addr | string): Route | undefined => {
      // routes[-1] is undefined: no route
      return routes[lookupIndex(addr)];
    },
    lookupIndex,
    lookupBatch,
  });
}
