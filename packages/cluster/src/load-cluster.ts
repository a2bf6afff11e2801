import type { Result } from '@podnet/ip';
import type { Cluster } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import { fromKubernetesObjects, type KubernetesSettings } from './from-kubernetes-objects.ts';
import { buildCluster } from './internal/build.ts';
import { toClusterError } from './internal/errors.ts';
import { describeType, loadDocuments } from './internal/load-text.ts';
import { parseClusterSpec } from './parse-cluster-spec.ts';

function isKubernetesObject(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isKubernetesObject);
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { apiVersion?: unknown }).apiVersion === 'string'
  );
}

/**
 * Loads a cluster from text, detecting what it is: a compact cluster spec (one YAML or JSON document), or
 * Kubernetes objects (a `v1 List`, a JSON array, or multi-document YAML with `apiVersion`/`kind`, as `kubectl
 * get … -o yaml|json` prints them). `settings` apply to Kubernetes objects (e.g. the CNI plugin).
 *
 * @example
 * ```ts
 * loadCluster('nodes:\n  - { name: node01, ip: 192.168.1.11 }\n').nodes.length; // 1
 * loadCluster('{"apiVersion":"v1","kind":"List","items":[]}').nodes.length; // 0
 * ```
 */
export function loadCluster(text: string, settings: KubernetesSettings = {}): Cluster {
  try {
    if (typeof text !== 'string') {
      throw new ClusterError(
        'INVALID_INPUT',
        `loadCluster expects YAML or JSON text, got ${describeType(text)}`,
      );
    }
    const docs = loadDocuments(text);
    if (docs.length === 0) throw new ClusterError('EMPTY_INPUT', 'the input holds no YAML or JSON document');
    if (docs.some(isKubernetesObject)) {
      return fromKubernetesObjects(docs.length === 1 ? docs[0] : docs, settings);
    }
    if (docs.length > 1) {
      throw new ClusterError(
        'INVALID_SPEC',
        `a cluster spec is one document; got ${docs.length} without Kubernetes kinds`,
      );
    }
    return buildCluster(parseClusterSpec(docs[0]));
  } catch (error) {
    throw toClusterError(error);
  }
}

/**
 * Like {@link loadCluster} but returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * safeLoadCluster('[[[').ok; // false
 * ```
 */
export function safeLoadCluster(
  text: string,
  settings: KubernetesSettings = {},
): Result<Cluster, ClusterError> {
  try {
    return { ok: true, value: loadCluster(text, settings) };
  } catch (error) {
    return { ok: false, error: toClusterError(error) };
  }
}
