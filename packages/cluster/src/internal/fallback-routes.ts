import { formatAddr, nthAddr, safeParsePrefix } from '@podnet/ip';
import type { Cluster, ClusterNode, ClusterPod } from '../cluster.ts';

/** A node as `nodeRoutes` takes it. */
export interface RouteNode {
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string;
}

function nth(cidr: string, n: number): string {
  const p = safeParsePrefix(cidr, { strict: false });
  return p.ok ? formatAddr(nthAddr(p.value, n)) : cidr;
}

function lan(ip: string): string {
  const p = safeParsePrefix(`${ip}/${ip.includes(':') ? 64 : 24}`, { strict: false });
  return p.ok ? `${formatAddr(p.value.addr)}/${p.value.bits}` : `${ip}/32`;
}

/**
 * The routes each mode installs on a node, as `ip route` text (reference ip-and-routing.md §5, cni.md §9) —
 * used only while `@podnet/routes` does not export `nodeRoutes`.
 */
export function fallbackNodeRoutes(cluster: Cluster, nodes: readonly RouteNode[], nodeName: string): string {
  const lines: string[] = [];
  const router = cluster.router;
  if (router !== null && nodeName === router.name) {
    for (const n of nodes) lines.push(`${n.podCidr} via ${n.ip} dev eth0`);
    return lines.join('\n');
  }
  const self = cluster.nodes.find((n) => n.name === nodeName);
  if (self === undefined) return '';
  const gw = router?.ip ?? nth(lan(self.ip), 1);
  lines.push(`default via ${gw} dev eth0`);
  lines.push(`${lan(self.ip)} dev eth0 proto kernel scope link src ${self.ip}`);
  const mode = cluster.cni.plugin;
  const others = nodes.filter((n) => n.name !== nodeName);
  if (mode === 'weave') {
    if (self.bridge?.ip)
      lines.push(`${cluster.podCidr} dev weave proto kernel scope link src ${self.bridge.ip}`);
    return lines.join('\n');
  }
  if (mode === 'calico-ipip' || mode === 'calico-vxlan') {
    if (self.podCidr !== null) lines.push(`blackhole ${self.podCidr} proto bird`);
    for (const n of others) {
      lines.push(
        mode === 'calico-ipip'
          ? `${n.podCidr} via ${n.ip} dev tunl0 proto bird onlink`
          : `${n.podCidr} via ${nth(n.podCidr, 0)} dev vxlan.calico onlink`,
      );
    }
    return lines.join('\n');
  }
  if (self.podCidr !== null) {
    lines.push(`${self.podCidr} dev cni0 proto kernel scope link src ${nth(self.podCidr, 1)}`);
  }
  if (mode === 'bridge-static' || mode === 'flannel-host-gw') {
    for (const n of others) lines.push(`${n.podCidr} via ${n.ip} dev eth0`);
  } else if (mode === 'flannel-vxlan') {
    for (const n of others) lines.push(`${n.podCidr} via ${nth(n.podCidr, 0)} dev flannel.1 onlink`);
  }
  return lines.join('\n');
}

/** The routes inside a pod's network namespace, as the CNI plugin sets them up. */
export function fallbackPodRoutes(cluster: Cluster, node: ClusterNode, pod: ClusterPod): string {
  const mode = cluster.cni.plugin;
  if (mode === 'calico-ipip' || mode === 'calico-vxlan') {
    return 'default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link';
  }
  const subnet = mode === 'weave' ? cluster.podCidr : node.podCidr;
  const gw = node.bridge?.ip;
  if (subnet === null || gw === null || gw === undefined) return '';
  const lines = [`default via ${gw} dev eth0`];
  if (mode === 'flannel-vxlan' || mode === 'flannel-host-gw')
    lines.push(`${cluster.podCidr} via ${gw} dev eth0`);
  lines.push(`${subnet} dev eth0 proto kernel scope link src ${pod.ip}`);
  return lines.join('\n');
}
