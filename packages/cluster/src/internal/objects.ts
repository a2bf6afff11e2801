import type { ClusterEndpoint, ClusterPod, ClusterService } from '../cluster.ts';
import { k8sSuffix } from './hash.ts';

/** The v1.Service JSON (as `kubectl get -o json` prints it) for a built Service. */
export function serviceObject(svc: ClusterService, extra: ServiceExtras): Record<string, unknown> {
  const spec: Record<string, unknown> = { type: svc.type };
  if (svc.type === 'ExternalName') {
    spec.externalName = svc.externalName;
  } else {
    if (svc.clusterIp !== null) {
      spec.clusterIP = svc.clusterIp;
      spec.clusterIPs = [svc.clusterIp];
    }
    if (svc.clusterIp !== 'None') {
      spec.ipFamilies = [extra.family === 6 ? 'IPv6' : 'IPv4'];
      spec.ipFamilyPolicy = 'SingleStack';
    }
    spec.internalTrafficPolicy = extra.internalTrafficPolicy;
    if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
      spec.externalTrafficPolicy = extra.externalTrafficPolicy;
    }
    spec.sessionAffinity = extra.sessionAffinity;
    if (extra.sessionAffinity === 'ClientIP') {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  if (svc.selector !== null) spec.selector = { ...svc.selector };
  if (extra.externalIps.length > 0) spec.externalIPs = [...extra.externalIps];
  if (extra.loadBalancerSourceRanges.length > 0)
    spec.loadBalancerSourceRanges = [...extra.loadBalancerSourceRanges];
  if (extra.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  spec.ports = svc.ports.map((p) => {
    const port: Record<string, unknown> = {};
    if (p.name !== '') port.name = p.name;
    port.port = p.port;
    port.protocol = p.protocol;
    port.targetPort = p.targetPort;
    if (p.nodePort !== null) port.nodePort = p.nodePort;
    return port;
  });
  const status: Record<string, unknown> = { loadBalancer: {} };
  if (extra.loadBalancerIps.length > 0) {
    status.loadBalancer = { ingress: extra.loadBalancerIps.map((ip) => ({ ip })) };
  }
  const metadata: Record<string, unknown> = { name: svc.name, namespace: svc.namespace };
  if (Object.keys(extra.labels).length > 0) metadata.labels = { ...extra.labels };
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status };
}

/** Fields of a Service the built ClusterService does not show but its JSON needs. */
export interface ServiceExtras {
  readonly family: 4 | 6;
  readonly externalIps: readonly string[];
  readonly loadBalancerIps: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly publishNotReadyAddresses: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** The v1.Pod JSON (the fields kubelet's DNS code and CoreDNS read). */
export function podObject(pod: ClusterPod): Record<string, unknown> {
  const spec: Record<string, unknown> = { dnsPolicy: pod.dnsPolicy };
  if (pod.node !== null) spec.nodeName = pod.node;
  if (pod.hostNetwork) spec.hostNetwork = true;
  if (pod.hostname !== null) spec.hostname = pod.hostname;
  if (pod.subdomain !== null) spec.subdomain = pod.subdomain;
  if (pod.dnsConfig !== null) spec.dnsConfig = pod.dnsConfig;
  const metadata: Record<string, unknown> = { name: pod.name, namespace: pod.namespace };
  if (Object.keys(pod.labels).length > 0) metadata.labels = { ...pod.labels };
  const status: Record<string, unknown> = {
    phase: pod.ip === null ? 'Pending' : 'Running',
    conditions: [{ type: 'Ready', status: pod.ready ? 'True' : 'False' }],
  };
  if (pod.ip !== null) {
    status.podIP = pod.ip;
    status.podIPs = [{ ip: pod.ip }];
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}

/** One endpoint as an EndpointSlice lists it. */
export interface SliceEndpoint {
  readonly ip: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly node: string | null;
  readonly pod: { readonly namespace: string; readonly name: string } | null;
  readonly hostname: string | null;
}

/**
 * EndpointSlices for one Service as the EndpointSlice controller writes them: endpoints grouped by their
 * resolved port set, at most 100 endpoints per slice, names `<service>-<5 chars>` (the controller's
 * generateName, here a stable suffix).
 */
export function endpointSliceObjects(
  namespace: string,
  service: string,
  family: 4 | 6,
  groups: readonly {
    readonly ports: readonly { readonly name: string; readonly port: number; readonly protocol: string }[];
    readonly endpoints: readonly SliceEndpoint[];
  }[],
  managedBy = 'endpointslice-controller.k8s.io',
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let n = 0;
  for (const group of groups) {
    for (let i = 0; i < Math.max(1, group.endpoints.length); i += 100) {
      const chunk = group.endpoints.slice(i, i + 100);
      const name =
        managedBy === 'endpointslice-controller.k8s.io'
          ? `${service}-${k8sSuffix(`${namespace}/${service}#${n}`, 5)}`
          : service;
      n++;
      out.push({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace,
          labels: {
            'endpointslice.kubernetes.io/managed-by': managedBy,
            'kubernetes.io/service-name': service,
          },
        },
        addressType: family === 6 ? 'IPv6' : 'IPv4',
        endpoints: chunk.map((e) => {
          const ep: Record<string, unknown> = {
            addresses: [e.ip],
            conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
          };
          if (e.hostname !== null) ep.hostname = e.hostname;
          if (e.node !== null) ep.nodeName = e.node;
          if (e.pod !== null) ep.targetRef = { kind: 'Pod', namespace: e.pod.namespace, name: e.pod.name };
          return ep;
        }),
        ports: group.ports.map((p) => {
          const port: Record<string, unknown> = { name: p.name, port: p.port, protocol: p.protocol };
          return port;
        }),
      });
    }
  }
  return out;
}

/** Reads the endpoints of a Service from EndpointSlice JSON (given or derived). */
export function endpointsFromSlices(
  slices: readonly unknown[],
  podByIp: ReadonlyMap<string, ClusterPod>,
): ClusterEndpoint[] {
  const out: ClusterEndpoint[] = [];
  const seen = new Set<string>();
  for (const slice of slices) {
    const endpoints = (slice as { endpoints?: unknown }).endpoints;
    if (!Array.isArray(endpoints)) continue;
    for (const ep of endpoints) {
      if (ep === null || typeof ep !== 'object') continue;
      const e = ep as {
        addresses?: unknown;
        conditions?: { ready?: unknown };
        nodeName?: unknown;
        targetRef?: { kind?: unknown; namespace?: unknown; name?: unknown };
      };
      const addr = Array.isArray(e.addresses) ? e.addresses[0] : undefined;
      if (typeof addr !== 'string' || seen.has(addr)) continue;
      seen.add(addr);
      const ref = e.targetRef;
      let pod: string | null = null;
      if (ref && ref.kind === 'Pod' && typeof ref.name === 'string') {
        pod = `${typeof ref.namespace === 'string' ? ref.namespace : 'default'}/${ref.name}`;
      } else {
        const byIp = podByIp.get(addr);
        if (byIp !== undefined && !byIp.hostNetwork) pod = byIp.key;
      }
      out.push({
        ip: addr,
        pod,
        node: typeof e.nodeName === 'string' ? e.nodeName : null,
        ready: e.conditions?.ready !== false,
      });
    }
  }
  return out;
}
