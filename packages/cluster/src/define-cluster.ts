import type { Result } from '@podnet/ip';
import type { Cluster } from './cluster.ts';
import type { ClusterError } from './cluster-error.ts';
import type { ClusterSpec } from './cluster-spec.ts';
import { buildCluster } from './internal/build.ts';
import { toClusterError } from './internal/errors.ts';
import { parseClusterSpec } from './parse-cluster-spec.ts';

/**
 * Builds a frozen {@link Cluster} from the compact spec (an object, or its YAML/JSON text): validates it with
 * zod, then allocates node CIDRs, pod IPs through the CNI's IPAM, ClusterIPs and EndpointSlices the way
 * Kubernetes would, deterministically. Problems a real cluster would accept (overlapping ranges, more nodes
 * than pod CIDRs) are left to `lint`; malformed input throws a {@link ClusterError} with a `code` and `path`.
 *
 * @example
 * ```ts
 * const cluster = defineCluster({
 *   podCidr: '10.244.0.0/16',
 *   nodes: [{ name: 'node01', ip: '192.168.1.11' }],
 *   pods: [{ name: 'web-1', node: 'node01', labels: { app: 'web' } }],
 * });
 * cluster.pods.find((p) => p.name === 'web-1')?.ip; // '10.244.0.2'
 * ```
 */
export function defineCluster(spec: ClusterSpec | string | unknown): Cluster {
  try {
    return buildCluster(parseClusterSpec(spec));
  } catch (error) {
    throw toClusterError(error);
  }
}

/**
 * Like {@link defineCluster} but returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeDefineCluster({ podCidr: 'nope' });
 * r.ok; // false
 * ```
 */
export function safeDefineCluster(spec: ClusterSpec | string | unknown): Result<Cluster, ClusterError> {
  try {
    return { ok: true, value: defineCluster(spec) };
  } catch (error) {
    return { ok: false, error: toClusterError(error) };
  }
}
