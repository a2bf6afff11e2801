import { type Addr, formatAddr, formatPrefix, type Prefix } from '@podnet/ip';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { hasTrailingSpace, wantsTrailingNewline } from './internal/trailing-newline.ts';
import { FLAG_ORDER, METRIC_NAMES, type NextHop, type Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

function familyHint(route: Route): 4 | 6 {
  const v = route.via as unknown;
  if (typeof v === 'string') return v.includes(':') ? 6 : 4;
  if (v !== undefined && v !== null && typeof v === 'object') return (v as Addr).family === 6 ? 6 : 4;
  return 4;
}

function formatDst(p: Prefix): string {
  if (p.bits === 0) return 'default';
  if (p.bits === (p.addr.family === 4 ? 32 : 128)) return formatAddr(p.addr);
  return formatPrefix(p);
}

function formatFrom(p: Prefix): string {
  if (p.bits === (p.addr.family === 4 ? 32 : 128)) return formatAddr(p.addr);
  return formatPrefix(p);
}

function formatVia(via: Addr, family: 4 | 6): string {
  if (via.family === family) return `via ${formatAddr(via)}`;
  return `via ${via.family === 4 ? 'inet' : 'inet6'} ${formatAddr(via)}`;
}

function flagWords(onlink: boolean, flags: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const f of FLAG_ORDER) {
    if (f === 'onlink' ? onlink : flags?.includes(f) === true) out.push(f);
  }
  return out;
}

function formatNextHop(nh: NextHop, family: 4 | 6): string {
  const parts = ['\tnexthop'];
  if (nh.via !== undefined) parts.push(formatVia(nh.via, family));
  if (nh.dev !== undefined) parts.push(`dev ${nh.dev}`);
  if (nh.weight !== undefined) parts.push(`weight ${nh.weight}`);
  parts.push(...flagWords(nh.onlink === true, nh.flags));
  return hasTrailingSpace(nh) ? `${parts.join(' ')} ` : parts.join(' ');
}

/**
 * Formats one route as the line `ip route show` prints for it (without the newline), in
 * iproute2's field order: type, dst, from, nhid, tos, via, dev, table, proto, scope, src, metric,
 * flags (`onlink`, `linkdown`…), realms, expires, error, metrics (`mtu`, `advmss`…), pref; then
 * one indented `nexthop` line per path of a multipath route. `/32` and `/128` print bare, `/0`
 * prints `default`, `unicast` is not printed unless it was parsed, and absent fields are not
 * printed. No trailing space.
 *
 * @example
 * ```ts
 * formatRoute(parseIpRoute('10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink')[0]);
 * // '10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink'
 * ```
 */
export function formatRoute(route: Route): string {
  if (route === null || typeof route !== 'object' || route.dst === undefined) {
    throw new RoutesError('INVALID_ROUTE', 'expected a route object with a dst');
  }
  // Hand-built routes may carry text; parse it (throws RoutesError, never a TypeError).
  const dst = toPrefix(route.dst, 'route destination', familyHint(route), ['dst']);
  const via = route.via === undefined ? undefined : toAddr(route.via, 'route via', ['via']);
  const src = route.src === undefined ? undefined : toAddr(route.src, 'route src', ['src']);
  const family = dst.addr.family;
  const parts: string[] = [];
  if ((route.type !== undefined && route.type !== 'unicast') || route.typeShown === true) {
    parts.push(route.type ?? 'unicast');
  }
  parts.push(formatDst(dst));
  if (route.from !== undefined) parts.push(`from ${formatFrom(route.from)}`);
  if (route.nhid !== undefined) parts.push(`nhid ${route.nhid}`);
  if (route.tos !== undefined) parts.push(`tos ${route.tos}`);
  if (via !== undefined) parts.push(formatVia(via, family));
  if (route.dev !== undefined) parts.push(`dev ${route.dev}`);
  if (route.table !== undefined) parts.push(`table ${route.table}`);
  if (route.proto !== undefined) parts.push(`proto ${route.proto}`);
  if (route.scope !== undefined) parts.push(`scope ${route.scope}`);
  if (src !== undefined) parts.push(`src ${formatAddr(src)}`);
  if (route.metric !== undefined) parts.push(`metric ${route.metric}`);
  parts.push(...flagWords(route.onlink === true, route.flags));
  if (route.realms !== undefined) {
    parts.push(`${route.realms.includes('/') ? 'realms' : 'realm'} ${route.realms}`);
  }
  if (route.expires !== undefined) parts.push(`expires ${route.expires}sec`);
  if (route.error !== undefined) parts.push(`error ${route.error}`);
  for (const m of METRIC_NAMES) {
    const v = route[m];
    if (v !== undefined) parts.push(`${m}${route.locked?.includes(m) === true ? ' lock' : ''} ${v}`);
  }
  if (route.pref !== undefined) parts.push(`pref ${route.pref}`);
  let line = parts.join(' ');
  if (hasTrailingSpace(route)) line += ' ';
  if (route.nexthops !== undefined) {
    for (const nh of route.nexthops) line += `\n${formatNextHop(nh, family)}`;
  }
  return line;
}

/**
 * Formats routes as `ip route show` prints them: one line per route, in array order, each ending
 * with a newline (an empty array gives `''`). See {@link formatRoute} for the field order.
 * `formatIpRoute(parseIpRoute(text))` gives `text` back for iproute2-formatted text (trailing
 * spaces aside): an array straight from {@link parseIpRoute} remembers whether its text ended
 * with a newline, and its output does the same.
 *
 * @example
 * ```ts
 * formatIpRoute(parseIpRoute('10.244.2.2 via 192.168.1.12 dev eth0\nblackhole 10.244.9.0/24'));
 * // '10.244.2.2 via 192.168.1.12 dev eth0\nblackhole 10.244.9.0/24\n'
 * ```
 */
export function formatIpRoute(routes: readonly Route[]): string {
  if (!Array.isArray(routes)) {
    throw new RoutesError('INVALID_INPUT', 'expected an array of routes');
  }
  if (routes.length === 0) return '';
  const text = routes.map(formatRoute).join('\n');
  return wantsTrailingNewline(routes) ? `${text}\n` : text;
}
