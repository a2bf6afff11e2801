// The packages the facade composes, as namespaces: `import { cni, ip } from '@podnet/cluster'`.
export * as cni from '@podnet/cni';
export * as dns from '@podnet/dns';
export * as ip from '@podnet/ip';
export * as proxy from '@podnet/proxy';
export * as routes from '@podnet/routes';
export type { Cluster, ClusterEndpoint, ClusterNode, ClusterPod, ClusterService } from './cluster.ts';
export { ClusterError, isClusterError } from './cluster-error.ts';
export type {
  ClusterSpec,
  CniPlugin,
  ContainerPortSpec,
  DnsPolicy,
  NodeSpec,
  PodDnsConfigSpec,
  PodSpec,
  ProxyMode,
  ServicePortSpec,
  ServiceSpec,
  ServiceType,
} from './cluster-spec.ts';
export { defineCluster, safeDefineCluster } from './define-cluster.ts';
export type { DiagramFormat } from './diagram.ts';
export { diagram } from './diagram.ts';
export type { DiffKind, DiffRecord } from './diff.ts';
export { diff } from './diff.ts';
export type { KubernetesSettings } from './from-kubernetes-objects.ts';
export {
  fromKubernetesObjects,
  normalizeKubernetesObjects,
  safeFromKubernetesObjects,
} from './from-kubernetes-objects.ts';
export type { Finding, Severity } from './lint.ts';
export { lint } from './lint.ts';
export { loadCluster, safeLoadCluster } from './load-cluster.ts';
export type {
  InputNote,
  NormalizedNode,
  NormalizedPod,
  NormalizedService,
  NormalizedServicePort,
  NormalizedSpec,
} from './normalized-spec.ts';
export { parseClusterSpec, safeParseClusterSpec } from './parse-cluster-spec.ts';
export type { Reachability, ReachabilityEntry } from './reachability.ts';
export { reachability } from './reachability.ts';
export type { Artefact, RenderRequest } from './render.ts';
export { render, renderableArtefacts } from './render.ts';
export type { ResolveResult } from './resolve.ts';
export { resolve } from './resolve.ts';
export type { ClusterSummary } from './summary.ts';
export { summary } from './summary.ts';
export type {
  Disposition,
  HopKind,
  TraceCandidate,
  TraceHop,
  TraceRequest,
  TraceResult,
} from './trace.ts';
export { trace } from './trace.ts';
export {
  withCni,
  withNode,
  withNodeCidrMaskSize,
  withoutNode,
  withoutPod,
  withoutService,
  withPod,
  withPodCidr,
  withPodReady,
  withProxyMode,
  withService,
  withServiceCidr,
} from './what-if.ts';
