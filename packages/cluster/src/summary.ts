import type { Cluster } from './cluster.ts';
import { internalsOf } from './internal/internals.ts';

/**
 * A compact overview of a cluster for tables and JSON output: settings, nodes with their pod CIDRs and the
 * pods on them with IPs, Services with ClusterIPs, ports and endpoints, and pods not on any known node.
 *
 * @example
 * ```ts
 * const s: ClusterSummary = summary(cluster);
 * s.nodes[0]?.pods[0]; // { pod: 'default/web-1', ip: '10.244.0.2' }
 * ```
 */
export interface ClusterSummary {
  readonly name: string;
  readonly podCidr: string;
  readonly nodeCidrMaskSize: number;
  readonly serviceCidr: string;
  readonly clusterDns: string;
  readonly clusterDomain: string;
  readonly cni: string;
  readonly proxy: string;
  readonly nodes: readonly {
    readonly name: string;
    readonly ip: string;
    readonly podCidr: string | null;
    readonly pods: readonly { readonly pod: string; readonly ip: string | null; readonly addon: boolean }[];
  }[];
  readonly services: readonly {
    readonly service: string;
    readonly type: string;
    readonly clusterIp: string | null;
    readonly externalName: string | null;
    readonly ports: readonly string[];
    readonly endpoints: readonly string[];
    readonly addon: boolean;
  }[];
  readonly unplacedPods: readonly { readonly pod: string; readonly node: string | null }[];
}

/**
 * Summarises a cluster: nodes with their pod CIDRs and pods (with IPs), Services with ClusterIPs, ports
 * (`80/TCP→8080`, `:30080` for a NodePort) and endpoints (`ip:port` of ready endpoints). Plain frozen data, in
 * the cluster's order.
 *
 * @example
 * ```ts
 * summary(cluster).services.find((s) => s.service === 'default/kubernetes')?.clusterIp; // '10.96.0.1'
 * ```
 */
export function summary(cluster: Cluster): ClusterSummary {
  const internals = internalsOf(cluster);
  const nodes = cluster.nodes.map((n) => ({
    name: n.name,
    ip: n.ip,
    podCidr: n.podCidr,
    pods: cluster.pods
      .filter((p) => p.node === n.name)
      .map((p) => ({ pod: p.key, ip: p.ip, addon: p.addon })),
  }));
  const services = cluster.services.map((s) => {
    const targets = new Map<string, number[]>();
    for (const slice of cluster.endpointSlices) {
      const sl = slice as {
        metadata?: { namespace?: string; labels?: Record<string, string> };
        ports?: { name?: string; port?: number }[];
      };
      if (
        sl.metadata?.namespace !== s.namespace ||
        sl.metadata?.labels?.['kubernetes.io/service-name'] !== s.name
      )
        continue;
      for (const p of sl.ports ?? []) {
        if (typeof p.port === 'number')
          targets.set(p.name ?? '', [...(targets.get(p.name ?? '') ?? []), p.port]);
      }
    }
    const firstPort = s.ports[0];
    const resolvedPort = firstPort === undefined ? undefined : targets.get(firstPort.name)?.[0];
    return {
      service: s.key,
      type: s.type,
      clusterIp: s.clusterIp,
      externalName: s.externalName,
      ports: s.ports.map(
        (p) => `${p.port}/${p.protocol}→${p.targetPort}${p.nodePort === null ? '' : ` :${p.nodePort}`}`,
      ),
      endpoints: s.endpoints
        .filter((e) => e.ready)
        .map((e) =>
          resolvedPort === undefined ? e.ip : `${e.ip.includes(':') ? `[${e.ip}]` : e.ip}:${resolvedPort}`,
        ),
      addon: s.addon,
    };
  });
  const unplacedPods = cluster.pods
    .filter((p) => p.node === null || !internals.nodeByName.has(p.node))
    .map((p) => ({ pod: p.key, node: p.node }));
  return deepFreeze({
    name: cluster.name,
    podCidr: cluster.podCidr,
    nodeCidrMaskSize: cluster.nodeCidrMaskSize,
    serviceCidr: cluster.serviceCidr,
    clusterDns: cluster.clusterDns,
    clusterDomain: cluster.clusterDomain,
    cni: cluster.cni.plugin,
    proxy: cluster.proxy.mode,
    nodes,
    services,
    unplacedPods,
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}
