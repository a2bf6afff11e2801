import { calicoVethName, emptyHostLocalStore, type HostLocalStore, hostLocalAllocate } from '@podnet/cni';
import {
  type Addr,
  addrPrev,
  formatAddr,
  nthAddr,
  prefixContains,
  prefixLast,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import { modeMtu } from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod, ClusterService } from '../cluster.ts';
import type { CniPlugin } from '../cluster-spec.ts';
import type { NormalizedPod, NormalizedService, NormalizedSpec } from '../normalized-spec.ts';
import { hexHash } from './hash.ts';
import { attachInternals, createInternals } from './internals.ts';
import { indexPodsByLabel, selectorCandidates } from './label-index.ts';
import { assignNodeCidrs } from './node-cidrs.ts';
import {
  endpointSliceObjects,
  endpointsFromSlices,
  type ServiceExtras,
  type SliceEndpoint,
  serviceObject,
} from './objects.ts';
import { assignClusterIps, assignNodePorts, compareText, serviceIpAt } from './service-ips.ts';
import { defaultGateway } from './spec-checks.ts';

const COREDNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/** The MTU each mode gives pods by default (`@podnet/routes` `modeMtu`). */
export function defaultPodMtu(plugin: CniPlugin, underlay: number, family: 4 | 6 = 4): number {
  return modeMtu(plugin, underlay, family);
}

function freezeDeep<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) continue;
    Object.freeze(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && typeof item === 'object' && !Object.isFrozen(item)) stack.push(item);
      }
    } else {
      const values = Object.values(v);
      for (let i = 0; i < values.length; i++) {
        const item: unknown = values[i];
        if (item !== null && typeof item === 'object' && !Object.isFrozen(item)) stack.push(item);
      }
    }
  }
  return value;
}

function addAddons(spec: NormalizedSpec): {
  pods: NormalizedPod[];
  services: NormalizedService[];
  addonPods: Set<string>;
  addonServices: Set<string>;
  /** The pods the facade added itself (CoreDNS), by `namespace/name`. */
  facadePods: Set<string>;
} {
  const pods = [...spec.pods];
  const services = [...spec.services];
  const addonPods = new Set<string>(
    pods.filter((p) => p.addon === true).map((p) => `${p.namespace}/${p.name}`),
  );
  const addonServices = new Set<string>(
    services.filter((s) => s.addon === true).map((s) => `${s.namespace}/${s.name}`),
  );
  const facadePods = new Set<string>();
  if (!spec.addons) return { pods, services, addonPods, addonServices, facadePods };
  const has = (ns: string, name: string): boolean =>
    services.some((s) => s.namespace === ns && s.name === name);
  const base: Omit<NormalizedService, 'name' | 'namespace' | 'ports' | 'selector' | 'labels'> = {
    type: 'ClusterIP',
    clusterIp: null,
    externalName: null,
    externalIps: [],
    loadBalancerIps: [],
    loadBalancerSourceRanges: [],
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
  };
  if (!has('default', 'kubernetes')) {
    services.push({
      ...base,
      name: 'kubernetes',
      namespace: 'default',
      clusterIp: serviceIpAt(spec.serviceCidr, 0),
      selector: null,
      ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP', nodePort: null }],
      labels: { component: 'apiserver', provider: 'kubernetes' },
    });
    addonServices.add('default/kubernetes');
  }
  if (!has('kube-system', 'kube-dns')) {
    services.push({
      ...base,
      name: 'kube-dns',
      namespace: 'kube-system',
      clusterIp: spec.clusterDns ?? serviceIpAt(spec.serviceCidr, 9),
      selector: { ...COREDNS_LABELS },
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP', nodePort: null },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP', nodePort: null },
      ],
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
    });
    addonServices.add('kube-system/kube-dns');
    const haveCoreDns = pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');
    const candidates = spec.nodes.map((n) => n.name).sort(compareText);
    if (!haveCoreDns && candidates.length > 0) {
      for (let i = 0; i < 2; i++) {
        const node = candidates[i % candidates.length]!;
        const name = `coredns-${i}`;
        if (pods.some((p) => p.namespace === 'kube-system' && p.name === name)) continue;
        pods.push({
          name,
          namespace: 'kube-system',
          node,
          labels: { ...COREDNS_LABELS },
          ip: null,
          hostNetwork: false,
          hostname: null,
          subdomain: null,
          dnsPolicy: 'Default',
          dnsConfig: null,
          ready: true,
          terminating: false,
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
          ],
        });
        addonPods.add(`kube-system/${name}`);
        facadePods.add(`kube-system/${name}`);
      }
    }
  }
  return { pods, services, addonPods, addonServices, facadePods };
}

function vethName(plugin: CniPlugin, pod: NormalizedPod): string {
  if (plugin === 'calico-ipip' || plugin === 'calico-vxlan') return calicoVethName(pod.namespace, pod.name);
  return `veth${hexHash(`${pod.namespace}/${pod.name}`, 8)}`;
}

function bridgeOf(plugin: CniPlugin, podCidr: string | null): ClusterNode['bridge'] {
  if (plugin === 'calico-ipip' || plugin === 'calico-vxlan') return null;
  const name = plugin === 'weave' ? 'weave' : 'cni0';
  if (podCidr === null) return { name, ip: null };
  const prefix = safeParsePrefix(podCidr);
  return { name, ip: prefix.ok ? formatAddr(nthAddr(prefix.value, 1)) : null };
}

/**
 * Continues host-local's allocation order for IPv4 from `first` (CIDR form) to the range end (broadcast − 1),
 * skipping the `taken` addresses. False (nothing written) when the range is not IPv4 or does not match.
 */
function sequential(
  list: readonly NormalizedPod[],
  from: number,
  first: string,
  cidr: string,
  taken: ReadonlySet<string>,
  out: Map<string, string | null>,
): boolean {
  const [ipText, bitsText] = first.split('/');
  const prefix = safeParsePrefix(cidr);
  const addr = safeParseAddr(ipText ?? '');
  const bits = Number(bitsText);
  if (!prefix.ok || !addr.ok || addr.value.family !== 4 || prefix.value.bits !== bits) return false;
  const base = prefix.value.addr.w3 >>> 0;
  const last = base + 2 ** (32 - bits) - 2;
  let next = (addr.value.w3 >>> 0) + 1;
  const text = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  for (let i = from; i < list.length; i++) {
    const pod = list[i]!;
    const key = `${pod.namespace}/${pod.name}`;
    while (next <= last && taken.size > 0 && taken.has(text(next))) next++;
    if (next > last) {
      out.set(key, null);
      continue;
    }
    out.set(key, text(next));
    next++;
  }
  return true;
}

/** The highest address host-local hands out in a CIDR: broadcast − 1 (IPv4) or the last address (IPv6). */
function topAddress(cidr: string): Addr | undefined {
  const prefix = safeParsePrefix(cidr);
  if (!prefix.ok) return undefined;
  const last = prefixLast(prefix.value);
  return last.family === 4 ? addrPrev(last) : last;
}

/**
 * The build pipeline: node CIDRs (cidrset order) → pod IPs through host-local per node (list order, pinned
 * first) → ClusterIPs (`kubernetes` at the first address, kube-dns at the DNS IP, the rest reproducibly in the
 * dynamic band) → NodePorts → EndpointSlices from selectors and ready pods (or the given ones) → one frozen
 * Cluster with lazily computed per-node artefacts.
 */
export function buildCluster(spec: NormalizedSpec): Cluster {
  const family: 4 | 6 = spec.podCidr.includes(':') ? 6 : 4;
  const plugin = spec.cni.plugin;
  const { pods: allPods, services: allServices, addonPods, addonServices, facadePods } = addAddons(spec);

  // 1. node CIDRs
  const cidrs = assignNodeCidrs(spec.podCidr, spec.nodeCidrMaskSize, spec.serviceCidr, spec.nodes);
  const nodes: ClusterNode[] = spec.nodes.map((n) => {
    const podCidr = cidrs.get(n.name) ?? null;
    return {
      name: n.name,
      ip: n.ip,
      podCidr,
      labels: n.labels,
      mtu: n.mtu,
      bridge: bridgeOf(plugin, podCidr),
    };
  });
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));

  // 2. pod IPs, per node through host-local: the facade's own pods (CoreDNS) first, by name, each at the highest
  // free address of the node's range that no spec pod pins; then pinned pods (they hold their address); then the
  // rest in list order. Spec pods get the addresses they would get without the facade (the first one `.2`), and
  // appending or reordering spec pods moves no other pod, the facade's included.
  const podIps = new Map<string, string | null>();
  const ipamFor = (cidr: string): unknown => ({ type: 'host-local', ranges: [[{ subnet: cidr }]] });
  const isFacade = (p: NormalizedPod): boolean => facadePods.has(`${p.namespace}/${p.name}`);
  const order = [
    ...allPods
      .filter((p) => p.ip === null && !p.hostNetwork && isFacade(p))
      .sort((a, b) => compareText(a.name, b.name)),
    ...allPods.filter((p) => p.ip !== null && !p.hostNetwork),
    ...allPods.filter((p) => p.ip === null && !p.hostNetwork && !isFacade(p)),
  ];
  for (const pod of allPods) {
    const key = `${pod.namespace}/${pod.name}`;
    if (pod.hostNetwork) podIps.set(key, pod.node === null ? null : (nodeByName.get(pod.node)?.ip ?? null));
  }
  const byNode = new Map<string, NormalizedPod[]>();
  for (const pod of order) {
    const key = `${pod.namespace}/${pod.name}`;
    const node = pod.node === null ? undefined : nodeByName.get(pod.node);
    if (node === undefined || node.podCidr === null) {
      podIps.set(key, pod.ip);
      continue;
    }
    const list = byNode.get(node.name);
    if (list === undefined) byNode.set(node.name, [pod]);
    else list.push(pod);
  }
  for (const [nodeName, list] of byNode) {
    const cidr = nodeByName.get(nodeName)!.podCidr!;
    if (list.every((p) => p.ip !== null)) {
      // every address is given (objects from a live cluster): host-local has nothing to choose
      for (const pod of list) podIps.set(`${pod.namespace}/${pod.name}`, pod.ip);
      continue;
    }
    let store: HostLocalStore = emptyHostLocalStore();
    // the facade's own pods first, each at the highest free address of the node's range that no spec pod pins
    let start = 0;
    const taken = new Set<string>();
    if (list[0] !== undefined && isFacade(list[0])) {
      for (const p of list) if (p.ip !== null) taken.add(p.ip);
      let top = topAddress(cidr);
      for (; start < list.length && isFacade(list[start]!); start++) {
        const pod = list[start]!;
        const key = `${pod.namespace}/${pod.name}`;
        let assigned: string | null = null;
        for (let tries = 0; top !== undefined && assigned === null && tries < 64; tries++) {
          const text = formatAddr(top);
          top = addrPrev(top);
          if (taken.has(text)) continue;
          try {
            const allocation = hostLocalAllocate(ipamFor(cidr), store, key, 'eth0', { requestedIps: [text] });
            store = allocation.store;
            assigned = text;
            taken.add(text);
          } catch {
            // the gateway, or outside the range: try the next address down
          }
        }
        podIps.set(key, assigned);
      }
    }
    const fresh = list.every((p, i) => i < start || p.ip === null);
    for (let i = start; i < list.length; i++) {
      const pod = list[i]!;
      const key = `${pod.namespace}/${pod.name}`;
      try {
        const options = pod.ip === null ? {} : { requestedIps: [pod.ip] };
        const allocation = hostLocalAllocate(ipamFor(cidr), store, key, 'eth0', options);
        store = allocation.store;
        const address = allocation.result.ips[0]?.address;
        podIps.set(key, address === undefined ? pod.ip : address.split('/')[0]!);
        if (
          fresh &&
          i === start &&
          address !== undefined &&
          list.length - start > 8 &&
          sequential(list, i + 1, address, cidr, taken, podIps)
        ) {
          // host-local, from the first free address, hands out the next free one up to rangeEnd (its RangeIter);
          // `sequential` continued that without re-reading the config per pod (checked against the allocator
          // in build.prop.test.ts)
          break;
        }
      } catch {
        // a pinned address outside the node's range or taken twice keeps its address (lint reports it);
        // a full range leaves the pod without one (kubelet's "failed to allocate" sandbox error)
        podIps.set(key, pod.ip);
      }
    }
  }
  const pods: ClusterPod[] = allPods.map((p) => {
    const key = `${p.namespace}/${p.name}`;
    return {
      key,
      namespace: p.namespace,
      name: p.name,
      node: p.node,
      ip: podIps.get(key) ?? null,
      labels: p.labels,
      hostNetwork: p.hostNetwork,
      hostname: p.hostname,
      subdomain: p.subdomain,
      dnsPolicy: p.dnsPolicy,
      dnsConfig: p.dnsConfig,
      ready: p.ready,
      terminating: p.terminating,
      hostVeth: p.hostNetwork ? null : vethName(plugin, p),
      addon: addonPods.has(key),
      ports: p.ports.every((c) => c.protocol !== undefined)
        ? (p.ports as ClusterPod['ports'])
        : p.ports.map((c) => ({ ...c, protocol: c.protocol ?? 'TCP' })),
    };
  });
  const podByIp = new Map<string, ClusterPod>();
  for (const pod of pods)
    if (pod.ip !== null && !pod.hostNetwork && !podByIp.has(pod.ip)) podByIp.set(pod.ip, pod);

  // 3. ClusterIPs and NodePorts
  const clusterIps = assignClusterIps(
    spec.serviceCidr,
    allServices.map((s) => ({
      key: `${s.namespace}/${s.name}`,
      pinned: s.clusterIp,
      wants: s.type !== 'ExternalName',
    })),
  );
  const nodePortRequests: { key: string; pinned: number | null }[] = [];
  for (const s of allServices) {
    if (s.type !== 'NodePort' && s.type !== 'LoadBalancer') continue;
    for (const p of s.ports)
      nodePortRequests.push({ key: `${s.namespace}/${s.name}:${p.name}:${p.protocol}`, pinned: p.nodePort });
  }
  const nodePorts = assignNodePorts(nodePortRequests);

  // 4. EndpointSlices
  const givenSlices = new Map<string, unknown[]>();
  for (const slice of spec.endpointSlices) {
    const meta = (slice as { metadata?: { namespace?: unknown; labels?: Record<string, unknown> } }).metadata;
    const svcName = meta?.labels?.['kubernetes.io/service-name'];
    if (typeof svcName !== 'string') continue;
    const key = `${typeof meta?.namespace === 'string' ? meta.namespace : 'default'}/${svcName}`;
    const list = givenSlices.get(key) ?? [];
    list.push(slice);
    givenSlices.set(key, list);
  }
  const controlPlane = [...nodes].sort((a, b) => compareText(a.name, b.name));
  const apiNode =
    controlPlane.find(
      (n) =>
        Object.hasOwn(n.labels, 'node-role.kubernetes.io/control-plane') ||
        Object.hasOwn(n.labels, 'node-role.kubernetes.io/master'),
    ) ?? controlPlane[0];
  const endpointSlices: unknown[] = [];
  const services: ClusterService[] = [];
  const extras = new Map<string, ServiceExtras>();
  const selectorIndex = indexPodsByLabel(pods);
  const sortedServices = [...allServices].sort((a, b) =>
    compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`),
  );
  for (const s of sortedServices) {
    const key = `${s.namespace}/${s.name}`;
    const clusterIp = s.type === 'ExternalName' ? null : (clusterIps.get(key) ?? null);
    const ports = s.ports.map((p) => ({
      ...p,
      nodePort:
        s.type === 'NodePort' || s.type === 'LoadBalancer'
          ? (nodePorts.get(`${key}:${p.name}:${p.protocol}`) ?? null)
          : p.nodePort,
    }));
    let slices: unknown[] = givenSlices.get(key) ?? [];
    if (slices.length === 0 && key === 'default/kubernetes' && s.selector === null && apiNode !== undefined) {
      slices = endpointSliceObjects(
        'default',
        'kubernetes',
        family,
        [
          {
            ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
            endpoints: [
              {
                ip: apiNode.ip,
                ready: true,
                serving: true,
                terminating: false,
                node: null,
                pod: null,
                hostname: null,
              },
            ],
          },
        ],
        'endpointslice-mirroring-controller.k8s.io',
      );
    } else if (
      slices.length === 0 &&
      s.selector !== null &&
      s.type !== 'ExternalName' &&
      !givenSlices.has(key)
    ) {
      slices = derivedSlices(s, ports, selectorCandidates(selectorIndex, s.namespace, s.selector), family);
    }
    endpointSlices.push(...slices);
    services.push({
      key,
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      clusterIp,
      ports,
      selector: s.selector,
      externalName: s.externalName,
      externalIps: s.externalIps,
      loadBalancerIps: s.loadBalancerIps,
      endpoints: endpointsFromSlices(slices, podByIp),
      addon: addonServices.has(key),
    });
    extras.set(key, {
      family,
      externalIps: s.externalIps,
      loadBalancerIps: s.loadBalancerIps,
      loadBalancerSourceRanges: s.loadBalancerSourceRanges,
      externalTrafficPolicy: s.externalTrafficPolicy,
      internalTrafficPolicy: s.internalTrafficPolicy,
      sessionAffinity: s.sessionAffinity,
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      labels: s.labels,
    });
  }
  const minUnderlay = nodes.reduce((m, n) => Math.min(m, n.mtu), 1500);
  const router =
    plugin === 'bridge-gateway'
      ? { name: spec.router.name, ip: spec.router.ip ?? defaultGateway(spec.nodes, family) }
      : null;
  const cluster: Cluster = {
    name: spec.name,
    clusterDomain: spec.clusterDomain,
    podCidr: spec.podCidr,
    nodeCidrMaskSize: spec.nodeCidrMaskSize,
    serviceCidr: spec.serviceCidr,
    clusterDns: spec.clusterDns ?? serviceIpAt(spec.serviceCidr, 9),
    cni: { plugin, mtu: spec.cni.mtu ?? defaultPodMtu(plugin, minUnderlay, family) },
    proxy: { ...spec.proxy },
    hostResolvConf: spec.hostResolvConf,
    router,
    nodes,
    pods,
    services,
    endpointSlices,
    spec,
  };
  freezeDeep(cluster);
  const serviceObjects = services.map((s) => serviceObject(s, extras.get(s.key)!));
  freezeDeep(serviceObjects);
  return attachInternals(cluster, createInternals(cluster, serviceObjects));
}

function derivedSlices(
  s: NormalizedService,
  ports: readonly { name: string; targetPort: number | string; protocol: 'TCP' | 'UDP' | 'SCTP' }[],
  candidates: readonly ClusterPod[],
  family: 4 | 6,
): Record<string, unknown>[] {
  const selector = s.selector!;
  const keys = Object.keys(selector);
  if (keys.length === 0) return [];
  const matched = candidates
    .filter((p) => keys.every((k) => Object.hasOwn(p.labels, k) && p.labels[k] === selector[k]))
    .filter((p) => p.ip !== null && p.node !== null && !p.terminating)
    .sort((a, b) => compareText(a.name, b.name));
  const groups = new Map<
    string,
    { ports: { name: string; port: number; protocol: string }[]; endpoints: SliceEndpoint[] }
  >();
  // numeric target ports resolve the same for every pod: one port set, one group key
  const allNumeric = ports.every((p) => typeof p.targetPort === 'number');
  const shared = allNumeric
    ? ports.map((p) => ({ name: p.name, port: p.targetPort as number, protocol: p.protocol }))
    : undefined;
  const sharedKey = shared === undefined ? '' : JSON.stringify(shared);
  for (const pod of matched) {
    const resolved = shared ?? resolvePorts(ports, pod);
    const groupKey = shared === undefined ? JSON.stringify(resolved) : sharedKey;
    const group = groups.get(groupKey) ?? { ports: resolved, endpoints: [] };
    const ready = s.publishNotReadyAddresses || pod.ready;
    group.endpoints.push({
      ip: pod.ip!,
      ready,
      serving: ready,
      terminating: false,
      node: pod.node,
      pod: { namespace: pod.namespace, name: pod.name },
      hostname: pod.hostname !== null && pod.subdomain === s.name ? pod.hostname : null,
    });
    groups.set(groupKey, group);
  }
  if (groups.size === 0) {
    // the controller keeps one empty slice with the Service's ports
    return endpointSliceObjects(s.namespace, s.name, family, [
      {
        ports: ports
          .filter((p) => typeof p.targetPort === 'number')
          .map((p) => ({ name: p.name, port: p.targetPort as number, protocol: p.protocol })),
        endpoints: [],
      },
    ]);
  }
  const ordered = [...groups.entries()].sort((a, b) => compareText(a[0], b[0])).map(([, g]) => g);
  return endpointSliceObjects(s.namespace, s.name, family, ordered);
}

/** The Service's ports with named target ports resolved through the pod's container ports (unresolved ones left out). */
function resolvePorts(
  ports: readonly { name: string; targetPort: number | string; protocol: 'TCP' | 'UDP' | 'SCTP' }[],
  pod: ClusterPod,
): { name: string; port: number; protocol: string }[] {
  const resolved: { name: string; port: number; protocol: string }[] = [];
  for (const p of ports) {
    if (typeof p.targetPort === 'number') {
      resolved.push({ name: p.name, port: p.targetPort, protocol: p.protocol });
    } else {
      const named = pod.ports.find((c) => c.name === p.targetPort && c.protocol === p.protocol);
      if (named !== undefined)
        resolved.push({ name: p.name, port: named.containerPort, protocol: p.protocol });
    }
  }
  return resolved;
}

/** Whether an address lies in a CIDR (both as text). */
export function cidrHas(cidr: string, ip: string): boolean {
  const p = safeParsePrefix(cidr);
  const a = safeParseAddr(ip);
  return p.ok && a.ok && prefixContains(p.value, a.value);
}
