import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import { addrToBigInt, formatAddr, nthAddr, safeParseAddr, safeParsePrefix } from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod } from '../cluster.ts';
import { ClusterError } from '../cluster-error.ts';
import { describeValue } from './describe-value.ts';

/** A route as @podnet/routes models it. */
export type RouteValue = routes.Route;
/** An iptables ruleset as @podnet/proxy models it. */
export type IptablesRuleset = proxy.Ruleset;
/** An ipvs ruleset as @podnet/proxy's `ipvsRules` returns it. */
export type IpvsRuleset = proxy.IpvsRuleset;
/** An nftables ruleset as @podnet/proxy's `nftablesRules` returns it. */
export type NftRuleset = proxy.NftRuleset;
/** The DNS zone as @podnet/dns models it. */
export type Zone = dns.ClusterZone;
/** The input of @podnet/proxy's rule generators. */
export type ProxyInputValue = proxy.ProxyInput;

/** A node as `nodeRoutes` takes it. */
export interface RouteNode {
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string;
}

/** The routes package's node inputs for the cluster. */
export function routeNodes(cluster: Cluster): RouteNode[] {
  return cluster.nodes
    .filter((n) => n.podCidr !== null)
    .map((n) => ({ name: n.name, ip: n.ip, podCidr: n.podCidr as string }));
}

/**
 * The node's (or the bridge-gateway router's) main routing table: `@podnet/routes` `nodeRoutes(mode, nodes,
 * nodeName, options)` with the cluster's router, Weave's whole range and Calico's workloads.
 */
export function nodeRouteTable(cluster: Cluster, nodeName: string): readonly RouteValue[] {
  const nodes = routeNodes(cluster);
  const mode = cluster.cni.plugin;
  const isRouter = cluster.router !== null && nodeName === cluster.router.name;
  if (!isRouter && !nodes.some((n) => n.name === nodeName)) {
    // a node without a pod CIDR holds only its uplink's connected route
    const node = cluster.nodes.find((n) => n.name === nodeName);
    if (node === undefined) return [];
    return routes
      .nodeRoutes(
        mode === 'weave' ? 'weave' : 'bridge-static',
        [
          {
            name: node.name,
            ip: node.ip,
            podCidr: node.ip.includes(':') ? `${node.ip}/128` : `${node.ip}/32`,
          },
        ],
        node.name,
      )
      .filter((r) => r.dev === 'eth0');
  }
  const options: routes.NodeRoutesOptions = {
    uplinkRoute: true,
    ...(cluster.router === null ? {} : { router: { name: cluster.router.name, ip: cluster.router.ip } }),
    ...(mode === 'weave' ? { podRange: cluster.podCidr } : {}),
    ...(mode === 'calico-ipip' || mode === 'calico-vxlan'
      ? {
          workloads: cluster.pods
            .filter((p) => p.node === nodeName && !p.hostNetwork && p.ip !== null && p.hostVeth !== null)
            .map((p) => ({ ip: p.ip as string, dev: p.hostVeth as string })),
        }
      : {}),
  };
  return routes.nodeRoutes(mode, nodes, nodeName, options);
}

/** The pod's own table: what the CNI plugin set up inside the pod's network namespace. */
export function podRouteTable(cluster: Cluster, pod: ClusterPod | undefined): readonly RouteValue[] {
  if (pod === undefined || pod.ip === null) return [];
  if (pod.hostNetwork) return pod.node === null ? [] : nodeRouteTable(cluster, pod.node);
  const node = cluster.nodes.find((n) => n.name === pod.node);
  if (node === undefined) return [];
  const fromChain = chainPodRoutes(cluster, node, pod);
  if (fromChain !== null) return routes.parseIpRoute(fromChain);
  // The chain model needs the node's pod CIDR (the IPAM range). Without one, a bridge, flannel or Weave pod has
  // no network, but a Calico pod (Calico's IPAM does not use the node's CIDR, e.g. a live cluster's objects) still
  // gets the two routes calico's CNI plugin always writes (cni-plugin dataplane_linux.go).
  return cluster.cni.plugin === 'calico-ipip' || cluster.cni.plugin === 'calico-vxlan'
    ? routes.parseIpRoute(CALICO_POD_ROUTES)
    : [];
}

const CALICO_POD_ROUTES = 'default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link';

/**
 * The routes the CNI chain installs in the pod's network namespace, from `@podnet/cni`'s chain model
 * (`cniAdd` on the node's conflist), as `ip route` lines in kernel dump order (default first, then by
 * address, longer prefix first). The pod's own address replaces the one the model's fresh IPAM store picked.
 * Null when the chain model cannot run this mode's conflist.
 */
function chainPodRoutes(cluster: Cluster, node: ClusterNode, pod: ClusterPod): string | null {
  if (node.podCidr === null || pod.ip === null) return null;
  const prefix = safeParsePrefix(node.podCidr);
  if (!prefix.ok) return null;
  const gateway = formatAddr(nthAddr(prefix.value, 1));
  const range = safeParsePrefix(cluster.podCidr);
  const containerId = pod.key.replace(/[^A-Za-z0-9_.-]/g, '_');
  const netns = `/var/run/netns/${containerId}`;
  let effects: readonly cni.CniEffect[];
  try {
    const list = conflistFor(cluster, node) as cni.NetConfList;
    effects = cni.cniAdd(list, {
      containerId,
      netns,
      flannel: { network: cluster.podCidr, subnet: `${gateway}/${prefix.value.bits}` },
      weave: {
        ipallocRange: cluster.podCidr,
        bridgeAddress: `${node.bridge?.ip ?? gateway}/${range.ok ? range.value.bits : prefix.value.bits}`,
      },
      calico: { block: node.podCidr },
    } as cni.CniRuntime).effects;
  } catch {
    return null;
  }
  const rows: { dst: string; bits: number; line: string }[] = [];
  for (const e of effects) {
    if (e.kind !== 'route' || e.netns !== netns) continue;
    const [dstAddr = '', bitsText = '32'] = e.dst.split('/');
    const bits = Number(bitsText);
    const dst = bits === 0 ? 'default' : bits === (dstAddr.includes(':') ? 128 : 32) ? dstAddr : e.dst;
    let line = `${dst}${e.gw === undefined ? '' : ` via ${e.gw}`} dev ${e.dev}`;
    if (e.proto !== undefined) line += ` proto ${e.proto}`;
    if (e.scope !== undefined && e.scope !== 'global') line += ` scope ${e.scope}`;
    if (e.src !== undefined) line += ` src ${pod.ip}`;
    rows.push({ dst: dstAddr, bits, line });
  }
  if (rows.length === 0) return null;
  const key = (r: { dst: string }): bigint => {
    const a = safeParseAddr(r.dst);
    return a.ok ? addrToBigInt(a.value) : 0n;
  };
  rows.sort((a, b) =>
    a.bits === 0 ? -1 : b.bits === 0 ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : b.bits - a.bits,
  );
  return rows.map((r) => r.line).join('\n');
}

/** The proxy input for one node: every Service and EndpointSlice, and the node's kube-proxy config. */
export function proxyInput(
  cluster: Cluster,
  nodeName: string,
  services: readonly unknown[],
): ProxyInputValue {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  if (node === undefined) throw new ClusterError('UNKNOWN_NODE', `no node named ${describeValue(nodeName)}`);
  return {
    services,
    endpointSlices: cluster.endpointSlices,
    config: {
      hostname: node.name,
      nodeIPs: [node.ip],
      clusterCIDR: cluster.podCidr,
      masqueradeAll: cluster.proxy.masqueradeAll,
      masqueradeBit: cluster.proxy.masqueradeBit,
      nodePortAddresses: [],
      ipFamily: cluster.podCidr.includes(':') ? 'IPv6' : 'IPv4',
    },
  };
}

/** kube-proxy's iptables-mode ruleset for the node. */
export function iptablesFor(input: ProxyInputValue): IptablesRuleset {
  return proxy.iptablesRules(input);
}

/** kube-proxy's ipvs-mode rules for the node. */
export function ipvsFor(input: ProxyInputValue): IpvsRuleset {
  return proxy.ipvsRules(input);
}

/** kube-proxy's nftables-mode rules for the node. */
export function nftFor(input: ProxyInputValue): NftRuleset {
  return proxy.nftablesRules(input);
}

/** The `ipvsadm -Ln` text of an ipvs ruleset. */
export function formatIpvs(rules: IpvsRuleset): string {
  return proxy.formatIpvsadm(rules);
}

/** The `nft -f` text of an nftables ruleset. */
export function formatNftText(rules: NftRuleset): string {
  return proxy.formatNft(rules);
}

/** The cluster DNS zone (CoreDNS's kubernetes plugin view), configured from the cluster's Corefile. */
export function zoneFor(cluster: Cluster, services: readonly unknown[], pods: readonly unknown[]): Zone {
  let config: dns.KubernetesPluginConfig | undefined;
  try {
    config = dns.kubernetesPluginConfig(corefileFor(cluster));
  } catch {
    config = undefined;
  }
  const podsMode =
    cluster.spec.corefile === null ? cluster.spec.dns.podsMode : (config?.podsMode ?? 'insecure');
  return dns.clusterZone({
    services: services as readonly dns.KubeService[],
    endpointSlices: cluster.endpointSlices as readonly dns.KubeEndpointSlice[],
    pods: pods as readonly dns.KubePod[],
    clusterDomain: cluster.clusterDomain,
    podsMode,
    ...(config === undefined
      ? { ttl: 30 }
      : {
          zones: config.zones,
          ttl: config.ttl,
          fallthrough: config.fallthrough,
          endpointPodNames: config.endpointPodNames,
          ignoreEmptyService: config.ignoreEmptyService,
          noEndpoints: config.noEndpoints,
          ...(config.exposedNamespaces.length > 0 ? { exposedNamespaces: config.exposedNamespaces } : {}),
        }),
  });
}

/** The resolv.conf kubelet writes for the pod. */
export function resolvConfFor(
  cluster: Cluster,
  pod: ClusterPod | undefined,
  nodes: ReadonlyMap<string, ClusterNode>,
): string {
  if (pod === undefined) throw new ClusterError('UNKNOWN_POD', 'no such pod');
  const node = pod.node === null ? undefined : nodes.get(pod.node);
  return dns.podResolvConf({
    pod: {
      metadata: { namespace: pod.namespace, name: pod.name },
      spec: {
        dnsPolicy: pod.dnsPolicy,
        dnsConfig: pod.dnsConfig as dns.PodDnsConfig | null,
        hostNetwork: pod.hostNetwork,
      },
    },
    clusterDns: [cluster.clusterDns],
    clusterDomain: cluster.clusterDomain,
    hostResolvConf: cluster.hostResolvConf,
    nodeIps: node === undefined ? [] : [node.ip],
  });
}

/** The Corefile CoreDNS runs with: the given ConfigMap's, else kubeadm's default for the cluster domain. */
export function corefileFor(cluster: Cluster): string {
  if (cluster.spec.corefile !== null) return cluster.spec.corefile;
  return dns.defaultCorefile({ clusterDomain: cluster.clusterDomain });
}

/** The node's CNI `.conflist` (JSON value) for the cluster's networking mode. */
export function conflistFor(cluster: Cluster, node: ClusterNode | undefined): unknown {
  if (node === undefined) throw new ClusterError('UNKNOWN_NODE', 'no such node');
  try {
    return cni.defaultConflist(cluster.cni.plugin, {
      podCidr: node.podCidr ?? cluster.podCidr,
      mtu: cluster.cni.mtu,
      nodeName: node.name,
    });
  } catch (error) {
    throw new ClusterError(
      'CONFLIST_FAILED',
      `no ${cluster.cni.plugin} conflist for node ${node.name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The first host address of a CIDR (the bridge/gateway address). */
export function gatewayOf(cidr: string): string | null {
  const p = safeParsePrefix(cidr);
  return p.ok ? formatAddr(nthAddr(p.value, 1)) : null;
}
