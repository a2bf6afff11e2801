import { NETWORKING_MODES } from '@podnet/cni';
import type { Cluster } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import type { CniPlugin, NodeSpec, PodSpec, ProxyMode, ServiceSpec } from './cluster-spec.ts';
import { buildCluster } from './internal/build.ts';
import { describeValue } from './internal/describe-value.ts';
import { toClusterError } from './internal/errors.ts';
import { internalsOf } from './internal/internals.ts';
import type { NormalizedPod, NormalizedService, NormalizedSpec } from './normalized-spec.ts';
import { parseClusterSpec } from './parse-cluster-spec.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The cluster's spec with everything it allocated pinned (node CIDRs, pod IPs, ClusterIPs, NodePorts, and the
 * objects the facade added), so a what-if edit changes only what the edit touches — as in a real cluster, where
 * removing a node does not renumber the others.
 */
function pinned(cluster: Cluster, rederive = false): Mutable<NormalizedSpec> {
  const internals = internalsOf(cluster);
  const spec = cluster.spec;
  const nodes = spec.nodes.map((n) => {
    const built = internals.nodeByName.get(n.name);
    return { ...n, podCidr: built?.podCidr ?? n.podCidr };
  });
  const specPods = new Map(spec.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  const specServices = new Map(spec.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  const pods: NormalizedPod[] = cluster.pods.map((p) => {
    const original = specPods.get(p.key);
    const base: NormalizedPod = original ?? {
      name: p.name,
      namespace: p.namespace,
      node: p.node,
      labels: p.labels,
      ip: null,
      hostNetwork: p.hostNetwork,
      hostname: p.hostname,
      subdomain: p.subdomain,
      dnsPolicy: p.dnsPolicy,
      dnsConfig: p.dnsConfig,
      ready: p.ready,
      terminating: p.terminating,
      ports: p.ports.map((c) => ({ ...c, protocol: c.protocol as 'TCP' | 'UDP' | 'SCTP' })),
      addon: p.addon,
    };
    return { ...base, ip: p.hostNetwork ? base.ip : (p.ip ?? base.ip), addon: p.addon };
  });
  const services: NormalizedService[] = cluster.services.map((s) => {
    const original = specServices.get(s.key);
    const base: NormalizedService = original ?? {
      name: s.name,
      namespace: s.namespace,
      type: s.type,
      clusterIp: null,
      selector: s.selector,
      ports: s.ports,
      externalName: s.externalName,
      externalIps: s.externalIps,
      loadBalancerIps: s.loadBalancerIps,
      loadBalancerSourceRanges: [],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      publishNotReadyAddresses: false,
      labels: {},
      addon: s.addon,
    };
    return {
      ...base,
      clusterIp: s.clusterIp ?? base.clusterIp,
      ports: base.ports.map((p, i) => ({ ...p, nodePort: s.ports[i]?.nodePort ?? p.nodePort })),
      addon: s.addon,
    };
  });
  // EndpointSlices the EndpointSlice controller wrote for a selector are rewritten by it when pods or Services
  // change; an edit of those re-derives them (slices of selector-less Services are kept as given)
  const selectors = new Set(
    services.filter((s) => s.selector !== null).map((s) => `${s.namespace}/${s.name}`),
  );
  const endpointSlices = rederive
    ? spec.endpointSlices.filter((slice) => {
        const meta = (slice as { metadata?: { namespace?: unknown; labels?: Record<string, unknown> } })
          .metadata;
        const labels = meta?.labels ?? {};
        const managed = labels['endpointslice.kubernetes.io/managed-by'];
        const key = `${String(meta?.namespace ?? 'default')}/${String(labels['kubernetes.io/service-name'])}`;
        return !(
          selectors.has(key) &&
          (managed === undefined || managed === 'endpointslice-controller.k8s.io')
        );
      })
    : spec.endpointSlices;
  return {
    ...spec,
    nodes,
    pods,
    services,
    endpointSlices,
    clusterDns: spec.clusterDns ?? cluster.clusterDns,
  };
}

function rebuild(spec: NormalizedSpec): Cluster {
  try {
    return buildCluster(pruneSlices(spec));
  } catch (error) {
    throw toClusterError(error);
  }
}

/** Drops given EndpointSlice endpoints whose pod or node no longer exists. */
function pruneSlices(spec: NormalizedSpec): NormalizedSpec {
  if (spec.endpointSlices.length === 0) return spec;
  const pods = new Set(spec.pods.map((p) => `${p.namespace}/${p.name}`));
  const nodes = new Set(spec.nodes.map((n) => n.name));
  const slices = spec.endpointSlices.map((slice) => {
    const s = slice as { endpoints?: unknown };
    if (!Array.isArray(s.endpoints)) return slice;
    const endpoints = s.endpoints.filter((e: unknown) => {
      const ep = e as {
        nodeName?: unknown;
        targetRef?: { kind?: unknown; namespace?: unknown; name?: unknown };
      };
      if (typeof ep.nodeName === 'string' && !nodes.has(ep.nodeName)) return false;
      const ref = ep.targetRef;
      if (ref !== undefined && ref.kind === 'Pod' && typeof ref.name === 'string') {
        return pods.has(`${typeof ref.namespace === 'string' ? ref.namespace : 'default'}/${ref.name}`);
      }
      return true;
    });
    return endpoints.length === s.endpoints.length ? slice : { ...(slice as object), endpoints };
  });
  return { ...spec, endpointSlices: slices };
}

function parseOne<K extends 'nodes' | 'pods' | 'services'>(
  cluster: Cluster,
  key: K,
  item: unknown,
): NormalizedSpec[K][number] {
  let spec: NormalizedSpec;
  try {
    spec = parseClusterSpec({ podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr, [key]: [item] });
  } catch (error) {
    const e = toClusterError(error);
    throw new ClusterError(e.code, e.message.replace(`${key}[0]`, key.slice(0, -1)), e.path.slice(2));
  }
  return spec[key][0] as NormalizedSpec[K][number];
}

/**
 * A new cluster without the node and the pods on it (their endpoints go with them); the original is unchanged.
 * Other nodes keep their pod CIDRs and pods their IPs.
 *
 * @example
 * ```ts
 * const after = withoutNode(cluster, 'node02');
 * after.nodes.some((n) => n.name === 'node02'); // false
 * ```
 */
export function withoutNode(cluster: Cluster, name: string): Cluster {
  const spec = pinned(cluster, true);
  if (!spec.nodes.some((n) => n.name === name)) {
    throw new ClusterError('UNKNOWN_NODE', `withoutNode: no node ${describeValue(name)}`);
  }
  spec.nodes = spec.nodes.filter((n) => n.name !== name);
  spec.pods = spec.pods.filter((p) => p.node !== name);
  return rebuild(spec);
}

/**
 * A new cluster with one more node (a {@link NodeSpec}); it gets the next free pod CIDR.
 *
 * @example
 * ```ts
 * withNode(cluster, { name: 'node04', ip: '192.168.1.14' }).nodes.at(-1)?.podCidr; // '10.244.3.0/24'
 * ```
 */
export function withNode(cluster: Cluster, node: NodeSpec): Cluster {
  const spec = pinned(cluster, true);
  const parsed = parseOne(cluster, 'nodes', node);
  if (spec.nodes.some((n) => n.name === parsed.name)) {
    throw new ClusterError('DUPLICATE_NAME', `withNode: node ${describeValue(parsed.name)} exists`, ['name']);
  }
  spec.nodes = [...spec.nodes, parsed];
  return rebuild(spec);
}

/**
 * A new cluster with one more pod (a {@link PodSpec}); it gets the next address on its node.
 *
 * @example
 * ```ts
 * withPod(cluster, { name: 'web-3', node: 'node01', labels: { app: 'web' } });
 * ```
 */
export function withPod(cluster: Cluster, pod: PodSpec): Cluster {
  const spec = pinned(cluster, true);
  const parsed = parseOne(cluster, 'pods', pod);
  if (spec.pods.some((p) => p.namespace === parsed.namespace && p.name === parsed.name)) {
    throw new ClusterError('DUPLICATE_NAME', `withPod: pod ${parsed.namespace}/${parsed.name} exists`, [
      'name',
    ]);
  }
  spec.pods = [...spec.pods, parsed];
  return rebuild(spec);
}

/**
 * A new cluster without the pod (`namespace/name`).
 *
 * @example
 * ```ts
 * withoutPod(cluster, 'default/web-1').pods.some((p) => p.key === 'default/web-1'); // false
 * ```
 */
export function withoutPod(cluster: Cluster, key: string): Cluster {
  const spec = pinned(cluster, true);
  const ref = typeof key === 'string' && !key.includes('/') ? `default/${key}` : key;
  if (!spec.pods.some((p) => `${p.namespace}/${p.name}` === ref)) {
    throw new ClusterError('UNKNOWN_POD', `withoutPod: no pod ${describeValue(key)}`);
  }
  spec.pods = spec.pods.filter((p) => `${p.namespace}/${p.name}` !== ref);
  return rebuild(spec);
}

/**
 * A new cluster where the pod's Ready condition is `ready` (an unready pod leaves its Services' endpoints).
 *
 * @example
 * ```ts
 * withPodReady(cluster, 'default/web-1', false);
 * ```
 */
export function withPodReady(cluster: Cluster, key: string, ready: boolean): Cluster {
  const spec = pinned(cluster, true);
  const ref = typeof key === 'string' && !key.includes('/') ? `default/${key}` : key;
  if (!spec.pods.some((p) => `${p.namespace}/${p.name}` === ref)) {
    throw new ClusterError('UNKNOWN_POD', `withPodReady: no pod ${describeValue(key)}`);
  }
  spec.pods = spec.pods.map((p) =>
    `${p.namespace}/${p.name}` === ref ? { ...p, ready: ready === true } : p,
  );
  return rebuild(spec);
}

/**
 * A new cluster with one more Service (a {@link ServiceSpec}); it gets a ClusterIP and EndpointSlices.
 *
 * @example
 * ```ts
 * withService(cluster, { name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }] });
 * ```
 */
export function withService(cluster: Cluster, service: ServiceSpec): Cluster {
  const spec = pinned(cluster, true);
  const parsed = parseOne(cluster, 'services', service);
  const existing = spec.services.findIndex((s) => s.namespace === parsed.namespace && s.name === parsed.name);
  if (existing >= 0 && spec.services[existing]?.addon !== true) {
    throw new ClusterError(
      'DUPLICATE_NAME',
      `withService: service ${parsed.namespace}/${parsed.name} exists`,
      ['name'],
    );
  }
  spec.services =
    existing >= 0 ? spec.services.map((s, i) => (i === existing ? parsed : s)) : [...spec.services, parsed];
  return rebuild(spec);
}

/**
 * A new cluster without the Service (`namespace/name`).
 *
 * @example
 * ```ts
 * withoutService(cluster, 'default/web');
 * ```
 */
export function withoutService(cluster: Cluster, key: string): Cluster {
  const spec = pinned(cluster, true);
  const ref = typeof key === 'string' && !key.includes('/') ? `default/${key}` : key;
  if (!spec.services.some((s) => `${s.namespace}/${s.name}` === ref)) {
    throw new ClusterError('UNKNOWN_SERVICE', `withoutService: no service ${describeValue(key)}`);
  }
  spec.services = spec.services.filter((s) => `${s.namespace}/${s.name}` !== ref);
  spec.endpointSlices = spec.endpointSlices.filter((slice) => {
    const meta = (slice as { metadata?: { namespace?: unknown; labels?: Record<string, unknown> } }).metadata;
    return (
      `${String(meta?.namespace ?? 'default')}/${String(meta?.labels?.['kubernetes.io/service-name'])}` !==
      ref
    );
  });
  return rebuild(spec);
}

/** The CNI plugins a cluster can use: @podnet/cni's networking modes. */
const PLUGINS: readonly CniPlugin[] = NETWORKING_MODES;

/**
 * A new cluster with another CNI networking mode (allocations kept; routes, bridges and MTU follow the mode).
 *
 * @example
 * ```ts
 * withCni(cluster, 'flannel-vxlan').cni.mtu; // 1450
 * ```
 */
export function withCni(
  cluster: Cluster,
  cni: CniPlugin | { readonly plugin: CniPlugin; readonly mtu?: number },
): Cluster {
  const plugin = typeof cni === 'string' ? cni : cni?.plugin;
  if (!PLUGINS.includes(plugin as CniPlugin)) {
    throw new ClusterError(
      'INVALID_VALUE',
      `withCni: ${describeValue(plugin)} is not one of ${PLUGINS.join(', ')}`,
    );
  }
  const spec = pinned(cluster);
  const mtu = typeof cni === 'object' && typeof cni.mtu === 'number' ? cni.mtu : null;
  spec.cni = { plugin: plugin as CniPlugin, mtu };
  return rebuild(spec);
}

/**
 * A new cluster with kube-proxy in another mode.
 *
 * @example
 * ```ts
 * withProxyMode(cluster, 'ipvs').proxy.mode; // 'ipvs'
 * ```
 */
export function withProxyMode(cluster: Cluster, mode: ProxyMode): Cluster {
  if (mode !== 'iptables' && mode !== 'ipvs' && mode !== 'nftables') {
    throw new ClusterError(
      'INVALID_VALUE',
      `withProxyMode: ${describeValue(mode)} is not iptables, ipvs or nftables`,
    );
  }
  const spec = pinned(cluster);
  spec.proxy = { ...spec.proxy, mode };
  return rebuild(spec);
}

/**
 * A new cluster with another pod CIDR (and optionally node mask size): node CIDRs and pod IPs are allocated
 * afresh, Services keep their ClusterIPs.
 *
 * @example
 * ```ts
 * withPodCidr(cluster, '10.200.0.0/16').nodes[0]?.podCidr; // '10.200.0.0/24'
 * ```
 */
export function withPodCidr(cluster: Cluster, podCidr: string, nodeCidrMaskSize?: number): Cluster {
  internalsOf(cluster);
  const check = parseClusterSpec({
    podCidr,
    serviceCidr: cluster.serviceCidr,
    nodeCidrMaskSize: nodeCidrMaskSize ?? cluster.nodeCidrMaskSize,
  });
  const spec = pinned(cluster);
  spec.podCidr = check.podCidr;
  spec.nodeCidrMaskSize = check.nodeCidrMaskSize;
  spec.nodes = spec.nodes.map((n) => ({ ...n, podCidr: null }));
  spec.pods = spec.pods.map((p) => ({ ...p, ip: p.hostNetwork ? p.ip : null }));
  return rebuild(spec);
}

/**
 * A new cluster with another node CIDR mask size (node CIDRs and pod IPs allocated afresh).
 *
 * @example
 * ```ts
 * withNodeCidrMaskSize(cluster, 26).nodes[1]?.podCidr; // '10.244.0.64/26'
 * ```
 */
export function withNodeCidrMaskSize(cluster: Cluster, maskSize: number): Cluster {
  internalsOf(cluster);
  return withPodCidr(cluster, cluster.podCidr, maskSize);
}

/**
 * A new cluster with another service CIDR: ClusterIPs are allocated afresh, `kubernetes` at its first address,
 * kube-dns at its 10th (unless the spec pinned `clusterDns`).
 *
 * @example
 * ```ts
 * withServiceCidr(cluster, '10.100.0.0/16').clusterDns; // '10.100.0.10'
 * ```
 */
export function withServiceCidr(cluster: Cluster, serviceCidr: string): Cluster {
  internalsOf(cluster);
  const check = parseClusterSpec({
    podCidr: cluster.podCidr,
    serviceCidr,
    nodeCidrMaskSize: cluster.nodeCidrMaskSize,
  });
  const spec = pinned(cluster);
  spec.serviceCidr = check.serviceCidr;
  spec.clusterDns = cluster.spec.clusterDns;
  spec.services = spec.services
    .filter((s) => s.addon !== true)
    .map((s) => ({ ...s, clusterIp: s.clusterIp === 'None' ? 'None' : null }));
  return rebuild(spec);
}
