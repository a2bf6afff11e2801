import type { Cluster, ClusterNode, ClusterPod, ClusterService } from '../cluster.ts';
import { ClusterError } from '../cluster-error.ts';
import { describeValue } from './describe-value.ts';
import { internalsOf } from './internals.ts';

/** Finds a pod by `namespace/name` (or a bare name in `default`, or a unique bare name). */
export function findPod(cluster: Cluster, ref: unknown): ClusterPod {
  const pod = lookupPod(cluster, ref);
  if (pod === undefined) {
    throw new ClusterError(
      'UNKNOWN_POD',
      `no pod ${describeValue(ref)} in the cluster (use "namespace/name")`,
    );
  }
  return pod;
}

/** Like {@link findPod} but returns undefined. */
export function lookupPod(cluster: Cluster, ref: unknown): ClusterPod | undefined {
  if (typeof ref !== 'string' || ref === '') return undefined;
  const internals = internalsOf(cluster);
  if (ref.includes('/')) return internals.podByKey.get(ref);
  const inDefault = internals.podByKey.get(`default/${ref}`);
  if (inDefault !== undefined) return inDefault;
  return internals.podsByName().get(ref) ?? undefined;
}

/** Finds a node by name. */
export function lookupNode(cluster: Cluster, ref: unknown): ClusterNode | undefined {
  if (typeof ref !== 'string') return undefined;
  return internalsOf(cluster).nodeByName.get(ref);
}

/** Finds a Service by `namespace/name`. */
export function lookupService(cluster: Cluster, ref: unknown): ClusterService | undefined {
  if (typeof ref !== 'string') return undefined;
  const { serviceByKey } = internalsOf(cluster);
  return ref.includes('/') ? serviceByKey.get(ref) : serviceByKey.get(`default/${ref}`);
}
