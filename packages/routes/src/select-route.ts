import type { Addr, Prefix } from '@podnet/ip';
import { addrWithZone, prefixContains } from '@podnet/ip';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { canonicalTable, defaultTableRank } from './internal/tables.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * Options for {@link selectRoute} and {@link compileLpm}.
 *
 * @example
 * ```ts
 * const opts: SelectRouteOptions = { table: '100' };
 * ```
 */
export interface SelectRouteOptions {
  /**
   * Look in this one table only (`main`, `local`, `100`; `254` equals `main`). Without it the
   * default rule list applies: table `local`, then `main` (routes without `table`), then `default`;
   * routes of other tables are ignored, and a `throw` route moves on to the next table.
   */
  readonly table?: string;
}

/**
 * @internal Prefix contains address, same family only. An address zone is ignored: the kernel
 * matches the bare address, the zone only names the link (`@podnet/ip`'s `prefixContains` says
 * no to zoned addresses, like Go's `netip.Prefix.Contains`).
 */
export function containsAddr(p: Prefix, a: Addr): boolean {
  // Stryker disable next-line ConditionalExpression,StringLiteral: fast path (no allocation); addrWithZone(a, '') of an address without a zone is the same address
  return prefixContains(p, a.zone === '' ? a : addrWithZone(a, ''));
}

/** @internal The destination of a route as a Prefix (accepts text for hand-built routes). */
export function routeDst(route: Route, index: number): Prefix {
  if (route === null || typeof route !== 'object') {
    throw new RoutesError('INVALID_ROUTE', `route ${index} is not an object`, [index]);
  }
  return toPrefix(route.dst, `destination of route ${index}`, undefined, [index, 'dst']);
}

/** @internal Which table rank a route belongs to under the options (-1 = not consulted). */
export function tableRank(route: Route, options: SelectRouteOptions | undefined): number {
  if (options?.table !== undefined) {
    return canonicalTable(route.table) === canonicalTable(options.table) ? 0 : -1;
  }
  return defaultTableRank(route.table);
}

/** @internal Index of the selected route or -1; the linear-scan reference for compileLpm. */
export function selectRouteIndex(
  routes: readonly Route[],
  addr: Addr,
  options: SelectRouteOptions | undefined,
): number {
  // best[rank] = index of the best match in that table so far
  const best = [-1, -1, -1];
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i] as Route;
    const dst = routeDst(r, i);
    const rank = tableRank(r, options);
    if (rank < 0) continue;
    if (!containsAddr(dst, addr)) continue;
    const cur = best[rank] as number;
    if (cur < 0) {
      best[rank] = i;
      continue;
    }
    const c = routes[cur] as Route;
    const cb = routeDst(c, cur).bits;
    if (dst.bits > cb || (dst.bits === cb && (r.metric ?? 0) < (c.metric ?? 0))) best[rank] = i;
  }
  for (let rank = 0; rank < 3; rank++) {
    const i = best[rank] as number;
    if (i < 0) continue;
    if ((routes[i] as Route).type === 'throw') continue;
    return i;
  }
  return -1;
}

/**
 * Picks the route Linux would use for a destination address: the longest matching prefix, then
 * the lowest metric (a missing metric counts as 0), then the first in array order. Tables follow
 * the default `ip rule` list — `local`, then `main`, then `default` — and a `throw` route sends
 * the lookup on to the next table. IPv6 routes never match IPv4 addresses (and `::ffff:a.b.c.d`
 * is IPv6). Blackhole, unreachable and prohibit routes are returned like any other: the caller
 * decides what they do to the packet. Accepts an `Addr` from `@podnet/ip` or address text.
 *
 * @example
 * ```ts
 * const routes = parseIpRoute(
 *   'default via 192.168.1.1 dev eth0\n10.244.0.0/16 dev weave\n10.244.2.0/24 via 192.168.1.12 dev eth0',
 * );
 * selectRoute(routes, parseAddr('10.244.2.7'))?.via; // 192.168.1.12
 * selectRoute(routes, parseAddr('8.8.8.8'))?.dst.bits; // 0
 * ```
 */
export function selectRoute(
  routes: readonly Route[],
  addr: Addr | string,
  options?: SelectRouteOptions,
): Route | undefined {
  if (!Array.isArray(routes)) throw new RoutesError('INVALID_INPUT', 'expected an array of routes');
  const a = toAddr(addr);
  // routes[-1] is undefined: no route
  return routes[selectRouteIndex(routes, a, options)];
}
