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
export type {
  InputNote,
  NormalizedNode,
  NormalizedPod,
  NormalizedService,
  NormalizedServicePort,
  NormalizedSpec,
} from './normalized-spec.ts';
export { parseClusterSpec, safeParseClusterSpec } from './parse-cluster-spec.ts';
export type { ResolveResult } from './resolve.ts';
export { resolve } from './resolve.ts';
export type {
  Disposition,
  HopKind,
  TraceCandidate,
  TraceHop,
  TraceRequest,
  TraceResult,
} from './trace.ts';
export { trace } from './trace.ts';
