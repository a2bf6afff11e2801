import type { Cluster, ClusterNode, ClusterPod } from '../cluster.ts';

/** A node as `nodeRoutes` takes it. */
export interface RouteNode {
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string;
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
