import type { ModelEndpoint } from './types.ts';

/** The service-port facts CategorizeEndpoints reads. */
export interface CategorizePolicy {
  readonly usesClusterEndpoints: boolean;
  readonly usesLocalEndpoints: boolean;
}

/** Where this node sits, for topology hints. */
export interface CategorizeNode {
  readonly hostname: string;
  readonly zone: string;
  readonly preferSameNode: boolean;
}

/** CategorizeEndpoints' four results. Lists keep the input order (sorted by endpoint string). */
export interface CategorizedEndpoints {
  readonly clusterEndpoints: readonly ModelEndpoint[];
  readonly localEndpoints: readonly ModelEndpoint[];
  readonly allReachableEndpoints: readonly ModelEndpoint[];
  readonly hasAnyEndpoints: boolean;
}

type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';

function topologyMode(endpoints: readonly ModelEndpoint[], node: CategorizeNode): TopologyMode {
  let hasReady = false;
  let forNode = false;
  let allNodeHints = true;
  let forZone = false;
  let allZoneHints = true;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    hasReady = true;
    if (ep.nodeHints.length === 0) allNodeHints = false;
    else if (ep.nodeHints.includes(node.hostname)) forNode = true;
    if (ep.zoneHints.length === 0) allZoneHints = false;
    else if (ep.zoneHints.includes(node.zone)) forZone = true;
  }
  if (!hasReady) return '';
  if (node.preferSameNode && allNodeHints && forNode) return 'PreferSameNode';
  if (allZoneHints && forZone) return 'PreferSameZone';
  return '';
}

function available(ep: ModelEndpoint, mode: TopologyMode, node: CategorizeNode): boolean {
  if (mode === '') return true;
  if (mode === 'PreferSameNode') return ep.nodeHints.includes(node.hostname);
  return ep.zoneHints.includes(node.zone);
}

const EMPTY: readonly ModelEndpoint[] = Object.freeze([]);

/** The Ready, topology-available endpoints; the input list itself when all of them are (the usual case). */
function keepAll(
  endpoints: readonly ModelEndpoint[],
  mode: TopologyMode,
  node: CategorizeNode,
): readonly ModelEndpoint[] {
  let i = 0;
  while (i < endpoints.length) {
    const ep = endpoints[i] as ModelEndpoint;
    if (!(ep.ready && available(ep, mode, node))) break;
    i++;
  }
  if (i === endpoints.length) return endpoints;
  return endpoints.filter((ep) => ep.ready && available(ep, mode, node));
}

/**
 * kube-proxy's `CategorizeEndpoints` (pkg/proxy/topology.go): the usable Cluster-policy endpoints
 * (Ready, narrowed by topology hints, else Serving+Terminating), the usable Local-policy endpoints
 * (local Ready, else local Serving+Terminating), their union, and whether the service has any usable
 * endpoint anywhere.
 *
 * @example
 * ```ts
 * const r = categorizeEndpoints(endpoints, { usesClusterEndpoints: true, usesLocalEndpoints: false },
 *   { hostname: 'node1', zone: '', preferSameNode: true });
 * r.clusterEndpoints.length; // the Ready endpoints
 * ```
 */
export function categorizeEndpoints(
  endpoints: readonly ModelEndpoint[],
  policy: CategorizePolicy,
  node: CategorizeNode,
): CategorizedEndpoints {
  if (endpoints.length === 0) {
    return {
      clusterEndpoints: EMPTY,
      localEndpoints: EMPTY,
      allReachableEndpoints: EMPTY,
      hasAnyEndpoints: false,
    };
  }
  let mode: TopologyMode = '';
  let cluster: readonly ModelEndpoint[] = EMPTY;
  let hasAny = false;
  if (policy.usesClusterEndpoints) {
    mode = topologyMode(endpoints, node);
    cluster = keepAll(endpoints, mode, node);
    if (cluster.length === 0) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!policy.usesLocalEndpoints) {
    return {
      clusterEndpoints: cluster,
      localEndpoints: EMPTY,
      allReachableEndpoints: cluster,
      hasAnyEndpoints: hasAny,
    };
  }
  let localReady = false;
  let localServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      if (ep.isLocal) localReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (ep.isLocal) localServingTerminating = true;
    }
  }
  let local: readonly ModelEndpoint[] = EMPTY;
  let useServingTerminating = false;
  if (localReady) {
    local = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (localServingTerminating) {
    useServingTerminating = true;
    local = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!policy.usesClusterEndpoints) {
    return {
      clusterEndpoints: EMPTY,
      localEndpoints: local,
      allReachableEndpoints: local,
      hasAnyEndpoints: hasAny,
    };
  }
  if (mode === '' && !useServingTerminating) {
    return {
      clusterEndpoints: cluster,
      localEndpoints: local,
      allReachableEndpoints: cluster,
      hasAnyEndpoints: hasAny,
    };
  }
  const merged = new Map<string, ModelEndpoint>();
  for (const ep of cluster) merged.set(ep.endpoint, ep);
  for (const ep of local) merged.set(ep.endpoint, ep);
  const all = [...merged.values()].sort((a, b) =>
    a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0,
  );
  return {
    clusterEndpoints: cluster,
    localEndpoints: local,
    allReachableEndpoints: all,
    hasAnyEndpoints: hasAny,
  };
}
