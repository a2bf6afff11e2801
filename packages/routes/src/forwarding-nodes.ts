import type { ForwardingNode } from './forward-packet.ts';
import { toPrefix } from './internal/coerce.ts';
import {
  type NetworkMode,
  type NodeRoutesOptions,
  type NodeSpec,
  nodeInterfaces,
  nodeRoutes,
} from './node-routes.ts';

/**
 * Builds the {@link ForwardingNode} graph of a whole cluster in one mode, ready for
 * {@link forwardPacket}: every node with its {@link nodeRoutes} table (with the uplink's
 * connected route, so that node IPs are reachable), the addresses of its
 * devices ({@link nodeInterfaces}), its pod CIDR as the attached prefix, and `weave` as an
 * overlay device in Weave mode. In `bridge-gateway` mode the router (options.router.name,
 * default `router`) is added as a node of its own unless `nodes` already has it.
 * Per-node `workloads` cannot be passed here; build the Calico nodes one by one for that.
 *
 * @example
 * ```ts
 * const graph = forwardingNodes('bridge-gateway', [
 *   { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
 *   { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
 * ]);
 * graph.map((n) => n.name); // ['node01', 'node02', 'router']
 * ```
 */
export function forwardingNodes(
  mode: NetworkMode,
  nodes: readonly NodeSpec[],
  options?: NodeRoutesOptions,
): ForwardingNode[] {
  const names = Array.isArray(nodes) ? nodes.map((n) => n?.name) : [];
  const routerName = options?.router?.name ?? 'router';
  if (mode === 'bridge-gateway' && !names.includes(routerName)) names.push(routerName);
  return names.map((name) => {
    const routes = nodeRoutes(mode, nodes, name as string, { ...options, uplinkRoute: true });
    const ifaces = nodeInterfaces(mode, nodes, name as string, options);
    const spec = Array.isArray(nodes) ? nodes.find((n) => n?.name === name) : undefined;
    const isRouter = mode === 'bridge-gateway' && name === routerName;
    const attached =
      isRouter || spec?.podCidr === undefined ? (isRouter ? [] : undefined) : [toPrefix(spec.podCidr)];
    const node: ForwardingNode = {
      name: name as string,
      routes,
      addresses: ifaces.map((a) => a.addr),
      ...(attached === undefined ? {} : { attached }),
      ...(mode === 'weave' ? { overlayDevices: [options?.bridge ?? 'weave'] } : {}),
    };
    return Object.freeze(node);
  });
}
