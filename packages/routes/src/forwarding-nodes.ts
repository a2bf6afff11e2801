import type { ForwardingNode } from './forward-packet.ts';
import type { NetworkMode } from './network-mode.ts';
import {
  interfacesFor,
  type NodeRoutesOptions,
  type NodeSpec,
  prepareNodes,
  routesFor,
  type Workload,
} from './node-routes.ts';

/**
 * Options for {@link forwardingNodes}: those of {@link nodeRoutes} plus per-node Calico workloads.
 *
 * @example
 * ```ts
 * const o: ForwardingNodesOptions = { workloadsByNode: new Map([['node02', [{ ip: '10.244.2.5', dev: 'cali0123456789a' }]]]) };
 * ```
 */
export interface ForwardingNodesOptions extends NodeRoutesOptions {
  /** calico-*: each node's workloads (`IP dev caliX scope link` routes). */
  readonly workloadsByNode?: ReadonlyMap<string, readonly Workload[]>;
}

/**
 * Builds the {@link ForwardingNode} graph of a whole cluster in one mode, ready for
 * {@link forwardPacket}: every node with its {@link nodeRoutes} table (with the uplink's
 * connected route, so that node IPs are reachable), the addresses of its
 * devices ({@link nodeInterfaces}), its pod CIDR as the attached prefix, and `weave` as an
 * overlay device in Weave mode. In `bridge-gateway` mode the router (options.router.name,
 * default `router`) is added as a node of its own unless `nodes` already has it.
 * Calico workload routes come from `options.workloadsByNode` (per node), not `options.workloads`.
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
  options?: ForwardingNodesOptions,
): ForwardingNode[] {
  const ctx = prepareNodes(mode, nodes, options);
  const names = ctx.nodes.map((n) => n.name);
  const routerName = options?.router?.name ?? 'router';
  if (mode === 'bridge-gateway' && !names.includes(routerName)) names.push(routerName);
  return names.map((name) => {
    const { workloadsByNode, workloads: _ignored, ...rest } = options ?? {};
    const perNode: NodeRoutesOptions = {
      ...rest,
      uplinkRoute: true,
      ...(workloadsByNode?.has(name) === true
        ? { workloads: workloadsByNode.get(name) as readonly Workload[] }
        : {}),
    };
    const routes = routesFor(ctx, name, perNode);
    const ifaces = interfacesFor(ctx, name);
    const podCidr = ctx.nodes.find((n) => n.name === name)?.podCidr;
    const isRouter = mode === 'bridge-gateway' && name === routerName;
    const attached = isRouter ? [] : podCidr === undefined ? undefined : [podCidr];
    const node: ForwardingNode = {
      name: name,
      routes,
      addresses: ifaces.map((a) => a.addr),
      ...(attached === undefined ? {} : { attached }),
      ...(mode === 'weave' ? { overlayDevices: [options?.bridge ?? 'weave'] } : {}),
    };
    return Object.freeze(node);
  });
}
