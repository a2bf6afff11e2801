import type { Addr, Prefix } from '@podnet/ip';

/**
 * The route types iproute2 knows (`rtnl_rtntype_n2a`). `unicast` is the default and is not printed
 * by `ip route show`.
 *
 * @example
 * ```ts
 * const t: RouteType = 'blackhole';
 * ```
 */
export type RouteType =
  | 'unicast'
  | 'local'
  | 'broadcast'
  | 'anycast'
  | 'multicast'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'throw'
  | 'nat'
  | 'xresolve';

/**
 * Route flags as iproute2 prints them after `metric` (`print_rt_flags`), in that order. `onlink`
 * has its own field on {@link Route}.
 *
 * @example
 * ```ts
 * const f: RouteFlag = 'linkdown';
 * ```
 */
export type RouteFlag =
  | 'dead'
  | 'pervasive'
  | 'offload'
  | 'trap'
  | 'notify'
  | 'linkdown'
  | 'unresolved'
  | 'rt_offload'
  | 'rt_trap'
  | 'rt_offload_failed';

/**
 * IPv6 router preference (RFC 4191) as printed after `pref`.
 *
 * @example
 * ```ts
 * const p: RoutePref = 'medium';
 * ```
 */
export type RoutePref = 'low' | 'medium' | 'high';

/**
 * One path of a multipath route (a `nexthop` line under the route in `ip route show`).
 *
 * @example
 * ```ts
 * const nh: NextHop = { via: parseAddr('192.168.1.1'), dev: 'eth0', weight: 1 };
 * ```
 */
export interface NextHop {
  readonly via?: Addr;
  readonly dev?: string;
  /** 1–256; iproute2 always prints it. */
  readonly weight?: number;
  readonly onlink?: true;
  readonly flags?: readonly RouteFlag[];
}

/**
 * A Linux route entry with the fields `ip route show` prints. Optional fields are present only
 * when they were parsed (or set); {@link formatIpRoute} prints exactly the fields that are present.
 *
 * - `type` is always set (`'unicast'` by default); `typeShown` records an explicit `unicast` word
 *   (as `ip -d route` prints it) so that the text round-trips.
 * - `dst` is the destination prefix (`default` is `0.0.0.0/0` or `::/0`; a bare address is a /32
 *   or /128).
 * - `table` is the table name or number as printed (`local`, `main`, `100`); absent means `main`.
 * - `proto` and `scope` are kept as printed (`kernel`, `boot`, `static`, `bird`, `80`; `link`,
 *   `host`, `global`). Absent means `boot` and `global`, as for `ip route add`.
 * - A missing `metric` counts as 0 in route selection.
 *
 * @example
 * ```ts
 * const [route] = parseIpRoute('10.244.2.0/24 via 192.168.1.12 dev eth0');
 * route.type; // 'unicast'
 * formatPrefix(route.dst); // '10.244.2.0/24'
 * route.dev; // 'eth0'
 * ```
 */
export interface Route {
  readonly type: RouteType;
  readonly typeShown?: true;
  readonly dst: Prefix;
  /** Source-specific routing (`from PREFIX`, IPv6). */
  readonly from?: Prefix;
  readonly nhid?: number;
  readonly tos?: string;
  readonly via?: Addr;
  readonly dev?: string;
  readonly table?: string;
  readonly proto?: string;
  readonly scope?: string;
  readonly src?: Addr;
  readonly metric?: number;
  readonly onlink?: true;
  readonly flags?: readonly RouteFlag[];
  readonly realms?: string;
  readonly expires?: number;
  readonly error?: number;
  /** Route metrics (`RTA_METRICS`), printed in `RTAX_*` order after the flags. */
  readonly mtu?: number;
  readonly window?: number;
  /** Time metrics keep iproute2's text: `300ms`, `1.5s`. */
  readonly rtt?: string;
  readonly rttvar?: string;
  readonly ssthresh?: number;
  readonly cwnd?: number;
  readonly advmss?: number;
  readonly reordering?: number;
  readonly hoplimit?: number;
  readonly initcwnd?: number;
  /** `ecn` or a hex value. */
  readonly features?: string;
  readonly rto_min?: string;
  readonly initrwnd?: number;
  readonly quickack?: number;
  readonly congctl?: string;
  readonly fastopen_no_cookie?: number;
  /** Route metrics printed with `lock` (`mtu lock 1400`): their names. */
  readonly locked?: readonly RouteMetricName[];
  readonly pref?: RoutePref;
  readonly nexthops?: readonly NextHop[];
}

/**
 * The numeric route metrics (`RTA_METRICS`) this package models, in iproute2's print order.
 *
 * @example
 * ```ts
 * const m: RouteMetricName = 'mtu';
 * ```
 */
export type RouteMetricName =
  | 'mtu'
  | 'window'
  | 'rtt'
  | 'rttvar'
  | 'ssthresh'
  | 'cwnd'
  | 'advmss'
  | 'reordering'
  | 'hoplimit'
  | 'initcwnd'
  | 'features'
  | 'rto_min'
  | 'initrwnd'
  | 'quickack'
  | 'congctl'
  | 'fastopen_no_cookie';

/** @internal The numeric metrics in `RTAX_*` order (the order `print_rta_metrics` prints them). */
export const METRIC_NAMES: readonly RouteMetricName[] = Object.freeze([
  'mtu',
  'window',
  'rtt',
  'rttvar',
  'ssthresh',
  'cwnd',
  'advmss',
  'reordering',
  'hoplimit',
  'initcwnd',
  'features',
  'rto_min',
  'initrwnd',
  'quickack',
  'congctl',
  'fastopen_no_cookie',
]);

/** @internal Flags in `print_rt_flags` order; `onlink` sits between `dead` and `pervasive`. */
export const FLAG_ORDER: readonly (RouteFlag | 'onlink')[] = Object.freeze([
  'dead',
  'onlink',
  'pervasive',
  'offload',
  'trap',
  'notify',
  'linkdown',
  'unresolved',
  'rt_offload',
  'rt_trap',
  'rt_offload_failed',
]);

/** @internal All route type words. */
export const ROUTE_TYPES: readonly RouteType[] = Object.freeze([
  'unicast',
  'local',
  'broadcast',
  'anycast',
  'multicast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
]);
