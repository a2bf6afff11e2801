import { formatRoute } from './format-ip-route.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * What changed between two route tables, from {@link diffRoutes}.
 *
 * @example
 * ```ts
 * const d: RouteDiff = { added: [], removed: [], unchanged: 3 };
 * ```
 */
export interface RouteDiff {
  /** Routes of `after` that `before` lacks, in `after` order. */
  readonly added: readonly Route[];
  /** Routes of `before` that `after` lacks, in `before` order. */
  readonly removed: readonly Route[];
  /** How many routes both tables hold. */
  readonly unchanged: number;
}

function key(r: Route): string {
  // The printed line (no layout markers) identifies a route: same fields, same text.
  return formatRoute(r).trimEnd().replace(/ \n/g, '\n');
}

/**
 * Compares two route tables as multisets of routes (a route is its `ip route` line; order does
 * not matter): what a what-if change adds and removes on a node.
 *
 * @example
 * ```ts
 * const before = parseIpRoute('10.244.1.0/24 dev cni0\n10.244.2.0/24 via 192.168.1.12 dev eth0');
 * const after = parseIpRoute('10.244.1.0/24 dev cni0');
 * formatIpRoute(diffRoutes(before, after).removed); // '10.244.2.0/24 via 192.168.1.12 dev eth0\n'
 * ```
 */
export function diffRoutes(before: readonly Route[], after: readonly Route[]): RouteDiff {
  if (!Array.isArray(before) || !Array.isArray(after)) {
    throw new RoutesError('INVALID_INPUT', 'expected two arrays of routes');
  }
  const pool = new Map<string, number>();
  for (const r of before) {
    const k = key(r);
    pool.set(k, (pool.get(k) ?? 0) + 1);
  }
  const added: Route[] = [];
  let unchanged = 0;
  for (const r of after) {
    const k = key(r);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      unchanged++;
    } else added.push(r);
  }
  const removed: Route[] = [];
  for (const r of before) {
    const k = key(r);
    const n = pool.get(k) ?? 0;
    if (n > 0) {
      pool.set(k, n - 1);
      removed.push(r);
    }
  }
  return Object.freeze({ added: Object.freeze(added), removed: Object.freeze(removed), unchanged });
}
