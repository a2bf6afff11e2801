import {
  type Addr,
  addrAdd,
  addrEquals,
  type Prefix,
  parsePrefix,
  prefixContains,
  prefixFrom,
} from '@podnet/ip';
import { splitInterfaceAddress } from './connected-routes.ts';
import { buildRoute, compareRoutesForDump } from './internal/build-route.ts';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { modeMtu } from './mode-mtu.ts';
import { NETWORK_MODES, type NetworkMode } from './network-mode.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * A node as {@link nodeRoutes} needs it: its name, its uplink IP and its pod CIDR (Kubernetes
 * `spec.podCIDR`, a flannel lease, or a Calico block). Text is accepted for `ip` and `podCidr`.
 *
 * @example
 * ```ts
 * const n: NodeSpec = { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' };
 * ```
 */
export interface NodeSpec {
  readonly name: string;
  readonly ip: string | Addr;
  /** Required for every mode but `weave` (where it is the node's share of the range, if known). */
  readonly podCidr?: string | Prefix;
}

/**
 * A local pod route for the Calico modes: `IP dev caliXXXX scope link`.
 *
 * @example
 * ```ts
 * const w: Workload = { ip: '10.244.1.5', dev: 'cali1234567890a' };
 * ```
 */
export interface Workload {
  readonly ip: string | Addr;
  readonly dev: string;
}

/**
 * Options for {@link nodeRoutes} and {@link nodeInterfaces}.
 *
 * @example
 * ```ts
 * const o: NodeRoutesOptions = { uplink: 'ens3', nodeSubnet: 16 };
 * ```
 */
export interface NodeRoutesOptions {
  /** The node's uplink device. Default `eth0`. */
  readonly uplink?: string;
  /** The bridge of the bridge and flannel modes. Default `cni0`. */
  readonly bridge?: string;
  /**
   * The nodes' shared L2 subnet (a prefix) or its length. Default: /24 (IPv4) or /64 (IPv6)
   * around each node IP. It gives the uplink's connected route and the bridge-gateway router IP.
   */
  readonly nodeSubnet?: string | Prefix | number;
  /**
   * Also return the uplink's connected route (`192.168.1.0/24 dev eth0 proto kernel scope link
   * src NODE_IP`), as a real node's `ip route` shows it. Default false: the table then holds just
   * what the networking mode installs. {@link forwardingNodes} turns it on.
   */
  readonly uplinkRoute?: boolean;
  /** bridge-gateway: the router's name and IP. Default name `router`, IP = the subnet's first host. */
  readonly router?: { readonly name?: string; readonly ip?: string | Addr };
  /** A default route `default via GATEWAY dev UPLINK` for the other modes. */
  readonly defaultGateway?: string | Addr;
  /** flannel-vxlan: the VNI, which names the device `flannel.<VNI>` (`flannel-v6.<VNI>` for IPv6). Default 1. */
  readonly vni?: number;
  /** weave: the whole pod range (IPALLOC_RANGE). Default: derived from the nodes, else 10.32.0.0/12. */
  readonly podRange?: string | Prefix;
  /** calico-*: this node's workloads, each adding `IP dev DEV scope link`. */
  readonly workloads?: readonly Workload[];
  /**
   * calico-*: put the tunnel MTU on the cross-node routes (`… onlink mtu 1450`), as newer Felix
   * versions do when they program the routes (`routetable.Target.MTU`). `true` uses
   * {@link modeMtu} on a 1500 underlay; a number sets it. Default: no route MTU.
   */
  readonly routeMtu?: boolean | number;
}

/**
 * An address on one of a node's devices (what `ip addr` would show), from {@link nodeInterfaces}.
 *
 * @example
 * ```ts
 * const a: NodeAddress = { dev: 'cni0', addr: parseAddr('10.244.1.1'), bits: 24 };
 * ```
 */
export interface NodeAddress {
  readonly dev: string;
  readonly addr: Addr;
  readonly bits: number;
}

/** @internal */
export interface NormNode {
  readonly name: string;
  readonly ip: Addr;
  readonly podCidr: Prefix | undefined;
}

/** @internal */
export interface Ctx {
  readonly mode: NetworkMode;
  readonly nodes: readonly NormNode[];
  readonly uplink: string;
  readonly bridge: string;
  readonly subnetOf: (ip: Addr) => Prefix;
  readonly routerName: string;
  readonly options: NodeRoutesOptions | undefined;
  /** Memo for derived values (Weave's range). */
  readonly memo: { weaveRange?: Prefix };
}

function normNodes(nodes: readonly NodeSpec[]): NormNode[] {
  if (!Array.isArray(nodes)) throw new RoutesError('INVALID_INPUT', 'expected an array of nodes', ['nodes']);
  const names = new Set<string>();
  return nodes.map((n, i) => {
    if (n === null || typeof n !== 'object' || Array.isArray(n)) {
      throw new RoutesError('INVALID_NODE', `node ${i} is not an object`, ['nodes', i]);
    }
    if (typeof n.name !== 'string' || n.name === '') {
      throw new RoutesError('INVALID_NODE', `node ${i} needs a name, got ${describe(n.name)}`, [
        'nodes',
        i,
        'name',
      ]);
    }
    if (names.has(n.name)) {
      throw new RoutesError('DUPLICATE_NODE', `duplicate node name ${describe(n.name)}`, [
        'nodes',
        i,
        'name',
      ]);
    }
    names.add(n.name);
    const ip = toAddr(n.ip, `IP of node ${describe(n.name)}`, ['nodes', i, 'ip']);
    // `podCIDR` (the Kubernetes Node spec spelling) is accepted too.
    const cidr = n.podCidr ?? (n as { podCIDR?: string | Prefix }).podCIDR;
    const podCidr =
      cidr === undefined
        ? undefined
        : toPrefix(cidr, `pod CIDR of node ${describe(n.name)}`, undefined, ['nodes', i, 'podCidr']);
    return { name: n.name, ip, podCidr };
  });
}

function makeCtx(mode: NetworkMode, nodes: readonly NodeSpec[], options: NodeRoutesOptions | undefined): Ctx {
  if (!(NETWORK_MODES as readonly string[]).includes(mode)) {
    throw new RoutesError('UNKNOWN_MODE', `unknown network mode ${describe(mode)}`, ['mode']);
  }
  const norm = normNodes(nodes);
  const sub = options?.nodeSubnet;
  let subnetOf: (ip: Addr) => Prefix;
  if (typeof sub === 'number') {
    subnetOf = (ip) => {
      if (!Number.isInteger(sub) || sub < 0 || sub > (ip.family === 4 ? 32 : 128)) {
        throw new RoutesError('INVALID_OPTION', `invalid nodeSubnet length ${sub}`, ['nodeSubnet']);
      }
      return prefixFrom(ip, sub);
    };
  } else if (sub !== undefined) {
    const p = toPrefix(sub, 'nodeSubnet', undefined, ['nodeSubnet']);
    subnetOf = (ip) => (ip.family === p.addr.family ? prefixFrom(ip, p.bits) : prefixFrom(ip, 64));
  } else {
    subnetOf = (ip) => prefixFrom(ip, ip.family === 4 ? 24 : 64);
  }
  return {
    mode,
    nodes: norm,
    uplink: options?.uplink ?? 'eth0',
    bridge: options?.bridge ?? (mode === 'weave' ? 'weave' : 'cni0'),
    subnetOf,
    routerName: options?.router?.name ?? 'router',
    options,
    memo: {},
  };
}

/** @internal */
export function podCidrOf(ctx: Ctx, n: NormNode): Prefix {
  if (n.podCidr === undefined) {
    const i = ctx.nodes.indexOf(n);
    throw new RoutesError(
      'MISSING_POD_CIDR',
      `node ${describe(n.name)} has no podCidr, which mode ${describe(ctx.mode)} needs`,
      ['nodes', i, 'podCidr'],
    );
  }
  return n.podCidr;
}

/** @internal */
export function firstHost(p: Prefix): Addr {
  return addrAdd(p.addr, 1);
}

function routerIp(ctx: Ctx): Addr {
  const named = ctx.nodes.find((n) => n.name === ctx.routerName);
  if (named !== undefined) return named.ip;
  const given = ctx.options?.router?.ip;
  if (given !== undefined) return toAddr(given, 'router IP', ['router', 'ip']);
  const first = ctx.nodes[0];
  if (first === undefined) throw new RoutesError('NO_NODES', 'bridge-gateway needs at least one node');
  const ip = firstHost(ctx.subnetOf(first.ip));
  const clash = ctx.nodes.find((n) => addrEquals(n.ip, ip));
  if (clash !== undefined) {
    throw new RoutesError(
      'ROUTER_IP_CONFLICT',
      `the default router IP is node ${describe(clash.name)}'s IP; pass options.router.ip`,
      ['router', 'ip'],
    );
  }
  return ip;
}

/** Weave's default IPALLOC_RANGE. */
const WEAVE_DEFAULT_RANGE: Prefix = parsePrefix('10.32.0.0/12');

/** Weave: the whole range, from the option, the nodes' shares, or Weave's default. */
/** @internal */
export function weaveRange(ctx: Ctx): Prefix {
  ctx.memo.weaveRange ??= computeWeaveRange(ctx);
  return ctx.memo.weaveRange;
}

function computeWeaveRange(ctx: Ctx): Prefix {
  if (ctx.options?.podRange !== undefined)
    return toPrefix(ctx.options.podRange, 'podRange', undefined, ['podRange']);
  const cidrs = ctx.nodes.flatMap((n) => (n.podCidr === undefined ? [] : [n.podCidr]));
  const first = cidrs[0];
  if (first === undefined) return WEAVE_DEFAULT_RANGE;
  if (cidrs.every((c) => c.bits === first.bits && addrEquals(c.addr, first.addr))) return first;
  return clusterCover(first, cidrs);
}

/**
 * @internal The prefix around the first CIDR that holds all of them (/0 when families differ),
 * widened to at least /16 (IPv4) or /48 (IPv6): per-node CIDRs (a /24 each from the controller
 * manager) suggest a cluster range of at least the usual cluster CIDR sizes.
 */
export function clusterCover(first: Prefix, cidrs: readonly Prefix[]): Prefix {
  let bits = first.bits;
  for (const c of cidrs) {
    while (
      bits > 0 &&
      !(c.addr.family === first.addr.family && prefixContains(prefixFrom(first.addr, bits), c))
    )
      bits--;
  }
  return prefixFrom(first.addr, Math.min(bits, first.addr.family === 4 ? 16 : 48));
}

/**
 * Weave: the node's bridge address — the first host of the node's own CIDR when it has one inside
 * the range; else the first address of an even share of the range (the range's first host for
 * the first node), an approximation of Weave's ring IPAM.
 */
/** @internal */
export function weaveBridgeIp(ctx: Ctx, n: NormNode, range: Prefix): Addr {
  if (n.podCidr !== undefined && n.podCidr.bits > range.bits && prefixContains(range, n.podCidr)) {
    // A per-node CIDR (as the controller manager allocates): the bridge takes its first host,
    // as the bridge plugin's gateway does.
    return firstHost(n.podCidr);
  }
  // Even split of the range in node order: an approximation of Weave's ring IPAM.
  const count = Math.max(1, ctx.nodes.length);
  let extra = 0;
  while (2 ** extra < count) extra++;
  const width = range.addr.family === 4 ? 32 : 128;
  const bits = Math.min(width, range.bits + extra);
  const index = Math.max(0, ctx.nodes.indexOf(n));
  const share = prefixFrom(addrAdd(range.addr, BigInt(index) << BigInt(width - bits)), bits);
  return addrEquals(share.addr, range.addr) ? firstHost(range) : share.addr;
}

/** flannel names its VXLAN devices `flannel.<VNI>` (IPv4) and `flannel-v6.<VNI>` (IPv6). */
function vxlanDev(ctx: Ctx, family: 4 | 6): string {
  const vni = ctx.options?.vni ?? 1;
  if (!Number.isInteger(vni) || vni < 0 || vni > 16777215) {
    throw new RoutesError('INVALID_OPTION', `invalid VNI ${describe(vni)}`, ['vni']);
  }
  // flannel pkg/backend/vxlan/vxlan.go RegisterNetwork: "flannel.%v" and "flannel-v6.%v"
  return family === 4 ? `flannel.${vni}` : `flannel-v6.${vni}`;
}

/** IPv6 routes added without a metric get the kernel's 1024 and `pref medium` in `ip -6 route`. */
/** @internal */
export function staticRoute(fields: Parameters<typeof buildRoute>[0] & { readonly dst: Prefix }): Route {
  if (fields.dst.addr.family === 6) {
    return buildRoute({ ...fields, metric: fields.metric ?? 1024, pref: fields.pref ?? 'medium' });
  }
  return buildRoute(fields);
}

function routeMtuOf(mode: NetworkMode, options: NodeRoutesOptions | undefined): { mtu?: number } {
  const m = options?.routeMtu;
  if (m === undefined || m === false) return {};
  const mtu = m === true ? modeMtu(mode) : m;
  if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) {
    throw new RoutesError('INVALID_OPTION', `invalid routeMtu ${describe(m)}`, ['routeMtu']);
  }
  return { mtu };
}

/** @internal */
export function connected(dev: string, addr: Addr, bits: number): Route[] {
  const width = addr.family === 4 ? 32 : 128;
  if (bits >= width) return [];
  const dst = prefixFrom(addr, bits);
  if (addr.family === 4) return [buildRoute({ dst, dev, proto: 'kernel', scope: 'link', src: addr })];
  return [buildRoute({ dst, dev, proto: 'kernel', metric: 256, pref: 'medium' })];
}

function interfacesOf(ctx: Ctx, node: NormNode | undefined, isRouter: boolean, ip: Addr): NodeAddress[] {
  const uplink: NodeAddress = { dev: ctx.uplink, addr: ip, bits: ctx.subnetOf(ip).bits };
  if (isRouter || node === undefined) return [uplink];
  const out: NodeAddress[] = [uplink];
  switch (ctx.mode) {
    case 'bridge-static':
    case 'bridge-gateway':
    case 'flannel-host-gw': {
      const p = podCidrOf(ctx, node);
      out.push({ dev: ctx.bridge, addr: firstHost(p), bits: p.bits });
      break;
    }
    case 'flannel-vxlan': {
      const p = podCidrOf(ctx, node);
      out.push({ dev: ctx.bridge, addr: firstHost(p), bits: p.bits });
      out.push({ dev: vxlanDev(ctx, p.addr.family), addr: p.addr, bits: p.addr.family === 4 ? 32 : 128 });
      break;
    }
    case 'weave': {
      const range = weaveRange(ctx);
      out.push({ dev: ctx.bridge, addr: weaveBridgeIp(ctx, node, range), bits: range.bits });
      break;
    }
    case 'calico-ipip': {
      const p = podCidrOf(ctx, node);
      out.push({ dev: 'tunl0', addr: p.addr, bits: p.addr.family === 4 ? 32 : 128 });
      break;
    }
    case 'calico-vxlan': {
      const p = podCidrOf(ctx, node);
      out.push({ dev: 'vxlan.calico', addr: p.addr, bits: p.addr.family === 4 ? 32 : 128 });
      break;
    }
  }
  return out;
}

/** @internal */
export function locate(
  ctx: Ctx,
  nodeName: string,
): { node: NormNode | undefined; isRouter: boolean; ip: Addr } {
  if (typeof nodeName !== 'string') {
    throw new RoutesError('INVALID_INPUT', `node name must be a string, got ${describe(nodeName)}`, [
      'nodeName',
    ]);
  }
  const node = ctx.nodes.find((n) => n.name === nodeName);
  if (ctx.mode === 'bridge-gateway' && nodeName === ctx.routerName) {
    return { node, isRouter: true, ip: routerIp(ctx) };
  }
  if (node === undefined) {
    throw new RoutesError('NODE_NOT_FOUND', `no node named ${describe(nodeName)}`, ['nodeName']);
  }
  return { node, isRouter: false, ip: node.ip };
}

/**
 * The addresses a node's devices carry in a mode: the uplink (`eth0`, node IP with the node
 * subnet's length); the bridge (`cni0` gets the pod CIDR's first host, as the bridge plugin's
 * `isGateway`); `flannel.1`, `tunl0` or `vxlan.calico` with the pod CIDR's network address as a
 * /32; `weave` with the node's bridge IP and the whole range's length.
 *
 * @example
 * ```ts
 * nodeInterfaces('flannel-vxlan', nodes, 'node01').map((a) => a.dev); // ['eth0', 'cni0', 'flannel.1']
 * ```
 */
export function nodeInterfaces(
  mode: NetworkMode,
  nodes: readonly NodeSpec[],
  nodeName: string,
  options?: NodeRoutesOptions,
): NodeAddress[] {
  return interfacesFor(prepareNodes(mode, nodes, options), nodeName);
}

/** @internal Validated nodes and options, reusable across many nodes of one cluster. */
export function prepareNodes(
  mode: NetworkMode,
  nodes: readonly NodeSpec[],
  options: NodeRoutesOptions | undefined,
): Ctx {
  return makeCtx(mode, nodes, options);
}

/** @internal {@link nodeInterfaces} on a prepared context. */
export function interfacesFor(ctx: Ctx, nodeName: string): NodeAddress[] {
  const { node, isRouter, ip } = locate(ctx, nodeName);
  return interfacesOf(ctx, node, isRouter, ip).map((a) => Object.freeze(a));
}

/**
 * The main-table routes a networking mode installs on a node, in kernel dump order (IPv4 first,
 * then by address, longer prefix first for the same address; IPv6 more specific prefixes before
 * the prefix that covers them, `default` last), matching what the plugins install:
 *
 * - every node, on request: its uplink's connected route (`options.uplinkRoute`:
 *   `192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11`) and
 *   `default via GATEWAY dev eth0` (`options.defaultGateway`);
 * - `bridge-static` (the CKA lesson's hand-made routes) and `flannel-host-gw`
 *   (flannel `pkg/backend/hostgw`: `Dst=lease.Subnet, Gw=lease.PublicIP, LinkIndex=ext iface`):
 *   `cni0` connected route and, for every other node, `POD_CIDR via NODE_IP dev eth0`;
 * - `bridge-gateway`: nodes hold only their bridge route and `default via ROUTER dev eth0`;
 *   `nodeRoutes('bridge-gateway', nodes, 'router')` is the router's table (one route per node);
 * - `flannel-vxlan` (flannel `pkg/backend/vxlan/vxlan_network.go`: `Gw = subnet IP`, `RTNH_F_ONLINK`):
 *   `POD_CIDR via POD_CIDR_NETWORK dev flannel.1 onlink` per remote node;
 * - `weave`: one connected route for the whole pod range on the `weave` bridge;
 * - `calico-ipip` (BIRD): `blackhole OWN_BLOCK proto bird` and
 *   `BLOCK via NODE_IP dev tunl0 proto bird onlink` per remote node;
 * - `calico-vxlan` (Felix `vxlan_mgr.go`, blackholes with protocol 80):
 *   `blackhole OWN_BLOCK proto 80` and `BLOCK via BLOCK_NETWORK dev vxlan.calico onlink`.
 *
 * @example
 * ```ts
 * const nodes = [
 *   { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
 *   { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
 * ];
 * formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node01'));
 * // 10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1
 * // 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink
 * ```
 */
export function nodeRoutes(
  mode: NetworkMode,
  nodes: readonly NodeSpec[],
  nodeName: string,
  options?: NodeRoutesOptions,
): Route[] {
  return routesFor(prepareNodes(mode, nodes, options), nodeName, options);
}

/** @internal {@link nodeRoutes} on a prepared context (options may differ per node: workloads). */
export function routesFor(ctx: Ctx, nodeName: string, options: NodeRoutesOptions | undefined): Route[] {
  const mode = ctx.mode;
  const { node, isRouter, ip } = locate(ctx, nodeName);
  const routes: Route[] = [];
  const ifaces = interfacesOf(ctx, node, isRouter, ip);
  ifaces.forEach((a, i) => {
    // Only uplink and bridges have prefix routes; /32 tunnel addresses add none.
    if (i > 0 || options?.uplinkRoute === true) routes.push(...connected(a.dev, a.addr, a.bits));
  });
  // In bridge-gateway, only the router uses `others`, and `node` is then the router's own entry.
  const others = ctx.nodes.filter((n) => n !== node);
  const viaNode = (dev: string, extra: Omit<Parameters<typeof buildRoute>[0], 'dst'> = {}): void => {
    for (const m of others) {
      const p = podCidrOf(ctx, m);
      if (p.addr.family !== m.ip.family) continue;
      routes.push(staticRoute({ dst: p, via: m.ip, dev, ...extra }));
    }
  };
  if (isRouter) {
    viaNode(ctx.uplink);
  } else {
    switch (mode) {
      case 'bridge-static':
      case 'flannel-host-gw':
        viaNode(ctx.uplink);
        break;
      case 'bridge-gateway': {
        const gw = routerIp(ctx);
        routes.push(staticRoute({ dst: prefixFrom(gw, 0), via: gw, dev: ctx.uplink }));
        break;
      }
      case 'flannel-vxlan': {
        for (const m of others) {
          const p = podCidrOf(ctx, m);
          routes.push(staticRoute({ dst: p, via: p.addr, dev: vxlanDev(ctx, p.addr.family), onlink: true }));
        }
        break;
      }
      // weave: the bridge's connected route is all
      case 'calico-ipip':
        routes.push(staticRoute({ type: 'blackhole', dst: podCidrOf(ctx, node as NormNode), proto: 'bird' }));
        viaNode('tunl0', { proto: 'bird', onlink: true, ...routeMtuOf(mode, options) });
        break;
      case 'calico-vxlan': {
        routes.push(staticRoute({ type: 'blackhole', dst: podCidrOf(ctx, node as NormNode), proto: '80' }));
        for (const m of others) {
          const p = podCidrOf(ctx, m);
          routes.push(
            staticRoute({
              dst: p,
              via: p.addr,
              dev: 'vxlan.calico',
              onlink: true,
              ...routeMtuOf(mode, options),
            }),
          );
        }
        break;
      }
    }
    if (mode === 'calico-ipip' || mode === 'calico-vxlan') {
      (options?.workloads ?? []).forEach((w, i) => {
        const a = toAddr(w?.ip, `workload ${i} IP`, ['workloads', i, 'ip']);
        const { addr } = splitInterfaceAddress({ dev: w.dev, address: a }, i);
        routes.push(
          buildRoute({ dst: prefixFrom(addr, addr.family === 4 ? 32 : 128), dev: w.dev, scope: 'link' }),
        );
      });
    }
    if (mode !== 'bridge-gateway' && options?.defaultGateway !== undefined) {
      const gw = toAddr(options.defaultGateway, 'defaultGateway', ['defaultGateway']);
      routes.push(staticRoute({ dst: prefixFrom(gw, 0), via: gw, dev: ctx.uplink }));
    }
  }
  return routes.sort(compareRoutesForDump);
}
