import { type Addr, formatAddr } from '@podnet/ip';
import { formatRoute } from './format-ip-route.ts';
import { canonicalTable } from './internal/tables.ts';
import type { NextHop, Route } from './route.ts';
import { RoutesError } from './routes-error.ts';
import { containsAddr, routeDst } from './select-route.ts';

/**
 * A route the kernel would refuse (or could not use) because of its next hop; from
 * {@link checkNextHops}.
 *
 * @example
 * ```ts
 * const issue: NextHopIssue = { index: 0, code: 'INVALID_GATEWAY', message: '…' };
 * ```
 */
export interface NextHopIssue {
  /** Index of the route in the checked array. */
  readonly index: number;
  /**
   * `INVALID_GATEWAY`: no directly connected (`scope link`/`host`, no `via`) unicast route covers
   * the gateway — `ip route add` fails with "Nexthop has invalid gateway" unless `onlink`;
   * `GATEWAY_IS_LOCAL`: the gateway is one of the host's own addresses (a `local` route);
   * `DEVICE_MISMATCH`: the covering link route is on another device than the route's `dev`.
   */
  readonly code: 'INVALID_GATEWAY' | 'GATEWAY_IS_LOCAL' | 'DEVICE_MISMATCH';
  readonly message: string;
}

function isLinkScoped(r: Route): boolean {
  if (r.via !== undefined || r.nexthops !== undefined) return false;
  if (r.dst.addr.family === 6) return true; // IPv6 routes have no scope; a gateway-less route is on-link
  const s = r.scope;
  return s === 'link' || s === 'host' || (s !== undefined && /^\d+$/.test(s) && Number(s) >= 253);
}

/**
 * Checks every gateway as the kernel does when a route is added (`fib_check_nh`): a `via` that is
 * not `onlink` must be covered by a directly connected unicast route (longest match among routes
 * of scope `link`/`host` without a gateway, in the route's table, then in all tables), on the same
 * device when the route names one; it must not be a local address. IPv6 link-local gateways
 * (`fe80::/10`) with a device are always fine. Returns one issue per bad next hop, in order; an
 * empty array means every next hop is valid.
 *
 * @example
 * ```ts
 * const routes = parseIpRoute('192.168.1.0/24 dev eth0 scope link\n10.244.2.0/24 via 192.168.2.12 dev eth0');
 * checkNextHops(routes)[0]?.code; // 'INVALID_GATEWAY'
 * ```
 */
export function checkNextHops(routes: readonly Route[]): NextHopIssue[] {
  if (!Array.isArray(routes)) throw new RoutesError('INVALID_INPUT', 'expected an array of routes');
  routes.forEach((r, i) => {
    routeDst(r, i);
  });
  const issues: NextHopIssue[] = [];
  const check = (index: number, route: Route, via: Addr, dev: string | undefined, onlink: boolean): void => {
    if (onlink) return;
    if (via.family === 6 && via.w0 >>> 22 === 0x3fa && dev !== undefined) return; // fe80::/10
    const table = canonicalTable(route.table);
    let local = false;
    let best: Route | undefined;
    let bestSameTable: Route | undefined;
    for (const c of routes) {
      if (!containsAddr(c.dst, via)) continue;
      if (c.type === 'local' && c.dst.bits === (via.family === 4 ? 32 : 128)) local = true;
      if (c.type !== 'unicast' || !isLinkScoped(c)) continue;
      if (best === undefined || c.dst.bits > best.dst.bits) best = c;
      if (
        canonicalTable(c.table) === table &&
        (bestSameTable === undefined || c.dst.bits > bestSameTable.dst.bits)
      ) {
        bestSameTable = c;
      }
    }
    const what = `route "${formatRoute(route).split('\n')[0]}"`;
    if (local) {
      issues.push({
        index,
        code: 'GATEWAY_IS_LOCAL',
        message: `${what}: gateway ${formatAddr(via)} is a local address`,
      });
      return;
    }
    const cover = bestSameTable ?? best;
    if (cover === undefined) {
      issues.push({
        index,
        code: 'INVALID_GATEWAY',
        message: `${what}: Nexthop has invalid gateway — no link route covers ${formatAddr(via)} (add onlink or a connected route)`,
      });
      return;
    }
    if (dev !== undefined && cover.dev !== undefined && cover.dev !== dev) {
      issues.push({
        index,
        code: 'DEVICE_MISMATCH',
        message: `${what}: gateway ${formatAddr(via)} is on ${cover.dev}, not ${dev}`,
      });
    }
  };
  routes.forEach((r, index) => {
    if (r.via !== undefined) check(index, r, r.via, r.dev, r.onlink === true);
    r.nexthops?.forEach((nh: NextHop) => {
      if (nh.via !== undefined) check(index, r, nh.via, nh.dev, nh.onlink === true);
    });
  });
  return issues.map((x) => Object.freeze(x));
}
