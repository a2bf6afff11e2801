/**
 * A persistent string-keyed map for sync state: a shared `base` Map plus a small `delta` of changed
 * keys. Deriving a new version copies only the delta (never the base), so a partial sync that touches
 * k keys of an n-key map costs O(k + delta), not O(n); when the delta grows past an eighth of the base
 * it is folded into a fresh base (amortised O(1) per change). Old versions stay valid and unchanged.
 * Lookups check the delta then the base; iteration (rare: full resyncs and tests) materialises a plain
 * Map once per version.
 */

/** Marks a key deleted in a delta. */
export const GONE: unique symbol = Symbol('gone');
/** The delta value of a deleted key. */
export type Gone = typeof GONE;

/** Where a layered map keeps its layers (a symbol key, so it never clashes with Map's own members). */
export const LAYERS: unique symbol = Symbol('layers');

/** The two layers of a {@link LayeredMap}. */
export interface Layers<V> {
  readonly base: ReadonlyMap<string, V>;
  readonly delta: ReadonlyMap<string, V | Gone>;
}

/** A read-only Map view over a base and a delta; see {@link withChanges}. */
export interface LayeredMap<V> extends ReadonlyMap<string, V> {
  readonly [LAYERS]: Layers<V>;
}

/** Smallest delta that triggers folding, whatever the base size. */
const MIN_FOLD = 64;

function layersOf<V>(map: ReadonlyMap<string, V>): Layers<V> {
  const layers = (map as Partial<LayeredMap<V>>)[LAYERS];
  return layers ?? { base: map, delta: new Map() };
}

function makeLayered<V>(
  base: ReadonlyMap<string, V>,
  delta: ReadonlyMap<string, V | Gone>,
  size: number,
): LayeredMap<V> {
  if (delta.size === 0) return wrapPlain(base, size);
  let flat: Map<string, V> | undefined;
  const materialise = (): Map<string, V> => {
    if (flat === undefined) {
      flat = new Map();
      for (const [k, v] of base) {
        const d = delta.get(k);
        if (d === undefined) flat.set(k, v);
        else if (d !== GONE) flat.set(k, d);
      }
      for (const [k, d] of delta) if (d !== GONE && !base.has(k)) flat.set(k, d);
    }
    return flat;
  };
  const get = (key: string): V | undefined => {
    const d = delta.get(key);
    if (d === GONE) return undefined;
    return d !== undefined ? d : base.get(key);
  };
  return {
    [LAYERS]: { base, delta },
    size,
    get,
    has: (key) => {
      const d = delta.get(key);
      if (d === GONE) return false;
      return d !== undefined || base.has(key);
    },
    forEach: (fn, thisArg) => {
      const flatMap = materialise();
      for (const [k, v] of flatMap) fn.call(thisArg, v, k, flatMap);
    },
    entries: () => materialise().entries(),
    keys: () => materialise().keys(),
    values: () => materialise().values(),
    [Symbol.iterator]: () => materialise().entries(),
  };
}

function wrapPlain<V>(base: ReadonlyMap<string, V>, size: number): LayeredMap<V> {
  const empty: ReadonlyMap<string, V | Gone> = new Map();
  return {
    [LAYERS]: { base, delta: empty },
    size,
    get: (key) => base.get(key),
    has: (key) => base.has(key),
    forEach: (fn, thisArg) => {
      for (const [k, v] of base) fn.call(thisArg, v, k, base);
    },
    entries: () => base.entries(),
    keys: () => base.keys(),
    values: () => base.values(),
    [Symbol.iterator]: () => base.entries(),
  };
}

/**
 * A new version of `map` with `changes` applied (`undefined` deletes the key); `map` is unchanged.
 * Costs O(changes + current delta); folds the delta into a new base Map when it outgrows the base.
 *
 * @example
 * ```ts
 * const a = new Map([['x', 1]]);
 * const b = withChanges(a, new Map([['y', 2], ['x', undefined]]));
 * [a.get('x'), b.get('x'), b.get('y'), b.size]; // [1, undefined, 2, 1]
 * ```
 */
export function withChanges<V>(
  map: ReadonlyMap<string, V>,
  changes: ReadonlyMap<string, V | undefined>,
): LayeredMap<V> {
  const { base, delta } = layersOf(map);
  const next = new Map<string, V | Gone>(delta);
  let size = map.size;
  for (const [key, value] of changes) {
    const had = map.has(key);
    if (value === undefined) {
      if (had) size--;
      if (base.has(key)) next.set(key, GONE);
      else next.delete(key);
    } else {
      if (!had) size++;
      next.set(key, value);
    }
  }
  if (next.size > MIN_FOLD && next.size > base.size >> 3) {
    const folded = new Map<string, V>();
    for (const [k, v] of base) {
      const d = next.get(k);
      if (d === undefined) folded.set(k, v);
      else if (d !== GONE) folded.set(k, d);
    }
    for (const [k, d] of next) if (d !== GONE && !base.has(k)) folded.set(k, d);
    return wrapPlain(folded, folded.size);
  }
  return makeLayered(base, next, size);
}

/**
 * The number of keys held in the delta layer of `map` (0 for a plain Map); for tests of folding.
 *
 * @example
 * ```ts
 * deltaSize(new Map()); // 0
 * ```
 */
export function deltaSize(map: ReadonlyMap<string, unknown>): number {
  return layersOf(map).delta.size;
}
