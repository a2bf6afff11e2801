export type { NextHopIssue } from './check-next-hops.ts';
export { checkNextHops } from './check-next-hops.ts';
export type { CompiledLpm, CompileLpmOptions, LpmLayout, LpmStats } from './compile-lpm.ts';
export { compileLpm } from './compile-lpm.ts';
export type { ConnectedRoutesOptions, InterfaceAddress } from './connected-routes.ts';
export { connectedRoutes } from './connected-routes.ts';
export type { RouteDiff } from './diff-routes.ts';
export { diffRoutes } from './diff-routes.ts';
export { formatIpRoute, formatRoute } from './format-ip-route.ts';
export type {
  ForwardDisposition,
  ForwardHop,
  ForwardingNode,
  ForwardPacket,
  ForwardResult,
} from './forward-packet.ts';
export { forwardPacket } from './forward-packet.ts';
export type { ForwardingNodesOptions } from './forwarding-nodes.ts';
export { forwardingNodes } from './forwarding-nodes.ts';
export type { IpRule } from './ip-rule.ts';
export { defaultIpRules, formatIpRule, parseIpRule, safeParseIpRule } from './ip-rule.ts';
export { modeMtu } from './mode-mtu.ts';
export type { NetworkMode } from './network-mode.ts';
export { NETWORK_MODES } from './network-mode.ts';
export type {
  NodeAddress,
  NodeRoutesOptions,
  NodeSpec,
  Workload,
} from './node-routes.ts';
export { nodeInterfaces, nodeRoutes } from './node-routes.ts';
export type { ParseIpRouteOptions } from './parse-ip-route.ts';
export { parseIpRoute, safeParseIpRoute } from './parse-ip-route.ts';
export type { PodRoutesOptions } from './pod-routes.ts';
export { podRoutes } from './pod-routes.ts';
export type { PolicyPacket, PolicyResult } from './policy-lookup.ts';
export { policyLookup } from './policy-lookup.ts';
export type {
  NextHop,
  Route,
  RouteFlag,
  RouteMetricName,
  RoutePref,
  RouteType,
} from './route.ts';
export { isRoutesError, RoutesError } from './routes-error.ts';
export type { SelectRouteOptions } from './select-route.ts';
export { selectRoute } from './select-route.ts';
