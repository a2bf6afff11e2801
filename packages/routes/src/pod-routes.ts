import { type Addr, addrEquals, type Prefix, prefixContains, prefixFrom } from '@podnet/ip';
import { compareRoutesForDump } from './internal/build-route.ts';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import type { NetworkMode } from './network-mode.ts';
import {
  clusterCover,
  connected,
  firstHost,
  locate,
  type NodeRoutesOptions,
  type NodeSpec,
  podCidrOf,
  prepareNodes,
  staticRoute,
  weaveBridgeIp,
  weaveRange,
} from './node-routes.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * Options for {@link podRoutes}: those of {@link nodeRoutes} plus the pod's interface name and
 * flannel's network.
 *
 * @example
 * ```ts
 * const o: PodRoutesOptions = { ifname: 'eth0', clusterCidr: '10.244.0.0/16' };
 * ```
 */
export interface PodRoutesOptions extends NodeRoutesOptions {
  /** The pod's interface (`CNI_IFNAME`). Default `eth0`. */
  readonly ifname?: string;
  /** flannel-*: `FLANNEL_NETWORK`, the route the flannel CNI adds via the gateway. Default: the nodes' pod CIDRs' cover, widened to /16. */
  readonly clusterCidr?: string | Prefix;
}

const CALICO_GW = '169.254.1.1';

/**
 * The routes inside a pod (its `ip route`), as the mode's CNI plugin configures them:
 *
 * - bridge modes: the bridge plugin gives the pod `IP/len` on `eth0` (kernel route
 *   `POD_CIDR dev eth0 proto kernel scope link src IP`) and, with `isDefaultGateway`,
 *   `default via GATEWAY dev eth0` (gateway = the pod CIDR's first host, on `cni0`);
 * - flannel modes: the same, plus the flannel CNI's IPAM route to the whole network
 *   (`FLANNEL_NETWORK via GATEWAY dev eth0`);
 * - weave: the pod gets `IP/range-length`, so one kernel route for the whole range, and
 *   `default via BRIDGE_IP dev eth0`;
 * - calico: a /32 address, `169.254.1.1 dev eth0 scope link` and `default via 169.254.1.1 dev eth0`
 *   (projectcalico/calico cni-plugin dataplane_linux.go).
 *
 * The pod IP must lie in the node's pod CIDR (the Weave range for `weave`).
 *
 * @example
 * ```ts
 * formatIpRoute(podRoutes('flannel-vxlan', nodes, 'node01', '10.244.1.5'));
 * // default via 10.244.1.1 dev eth0
 * // 10.244.0.0/16 via 10.244.1.1 dev eth0
 * // 10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.5
 * ```
 */
export function podRoutes(
  mode: NetworkMode,
  nodes: readonly NodeSpec[],
  nodeName: string,
  podIp: Addr | string,
  options?: PodRoutesOptions,
): Route[] {
  const ctx = prepareNodes(mode, nodes, options);
  const { node, isRouter } = locate(ctx, nodeName);
  if (node === undefined || isRouter) {
    throw new RoutesError('NODE_NOT_FOUND', `no node named ${describe(nodeName)} runs pods`, ['nodeName']);
  }
  const ip = toAddr(podIp, 'pod IP', ['podIp']);
  const dev = options?.ifname ?? 'eth0';
  const width = ip.family === 4 ? 32 : 128;
  const routes: Route[] = [];
  const inside = (p: Prefix, networkAddressOk = false): void => {
    if (!prefixContains(p, ip) || (!networkAddressOk && addrEquals(prefixFrom(ip, width).addr, p.addr))) {
      throw new RoutesError(
        'POD_IP_OUTSIDE',
        `pod IP ${describe(String(podIp))} is not a host of the node's pod network`,
        ['podIp'],
      );
    }
  };
  switch (mode) {
    case 'calico-ipip':
    case 'calico-vxlan': {
      // Calico IPAM hands out every address of a block, the network address included.
      inside(podCidrOf(ctx, node), true);
      const gw = toAddr(CALICO_GW);
      routes.push(staticRoute({ dst: prefixFrom(gw, 32), dev, scope: 'link' }));
      routes.push(staticRoute({ dst: prefixFrom(gw, 0), via: gw, dev }));
      break;
    }
    case 'weave': {
      const range = weaveRange(ctx);
      inside(range);
      const gw = weaveBridgeIp(ctx, node, range);
      routes.push(...connected(dev, ip, range.bits));
      routes.push(staticRoute({ dst: prefixFrom(gw, 0), via: gw, dev }));
      break;
    }
    default: {
      const p = podCidrOf(ctx, node);
      inside(p);
      const gw = firstHost(p);
      if (addrEquals(gw, ip)) {
        throw new RoutesError('POD_IP_CONFLICT', `pod IP ${describe(String(podIp))} is the bridge gateway`, [
          'podIp',
        ]);
      }
      routes.push(...connected(dev, ip, p.bits));
      routes.push(staticRoute({ dst: prefixFrom(gw, 0), via: gw, dev }));
      if (mode === 'flannel-host-gw' || mode === 'flannel-vxlan') {
        // FLANNEL_NETWORK: the option, else the cover of the nodes' CIDRs (this node's among them)
        const net =
          options?.clusterCidr !== undefined
            ? toPrefix(options.clusterCidr, 'clusterCidr', undefined, ['clusterCidr'])
            : clusterCover(
                p,
                ctx.nodes.flatMap((n) => (n.podCidr === undefined ? [] : [n.podCidr])),
              );
        if (net.bits < p.bits) routes.push(staticRoute({ dst: net, via: gw, dev }));
      }
    }
  }
  return routes.sort(compareRoutesForDump);
}
