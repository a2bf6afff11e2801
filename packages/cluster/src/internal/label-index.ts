import type { ClusterPod } from '../cluster.ts';

/** Pods per `namespace` + `label=value`, so a selector looks at the pods of its rarest label only. */
export type LabelIndex = ReadonlyMap<string, readonly ClusterPod[]>;

/**
 * Indexes pods by namespace and each of their labels.
 *
 * @example
 * ```ts
 * const index = indexPodsByLabel(cluster.pods);
 * selectorCandidates(index, 'default', { app: 'web' }); // pods of default with app=web (and maybe more labels)
 * ```
 */
export function indexPodsByLabel(pods: readonly ClusterPod[]): LabelIndex {
  const index = new Map<string, ClusterPod[]>();
  for (const pod of pods) {
    for (const key of Object.keys(pod.labels)) {
      const k = `${pod.namespace}\u0000${key}\u0000${pod.labels[key]}`;
      const list = index.get(k);
      if (list === undefined) index.set(k, [pod]);
      else list.push(pod);
    }
  }
  return index;
}

/**
 * The pods of `namespace` carrying the selector's rarest `label=value`: a superset of the pods the selector
 * matches (callers still check every label). Empty for a null or empty selector.
 *
 * @example
 * ```ts
 * selectorCandidates(indexPodsByLabel(cluster.pods), 'default', null); // []
 * ```
 */
export function selectorCandidates(
  index: LabelIndex,
  namespace: string,
  selector: Readonly<Record<string, string>> | null,
): readonly ClusterPod[] {
  if (selector === null) return [];
  let best: readonly ClusterPod[] | undefined;
  for (const key of Object.keys(selector)) {
    const list = index.get(`${namespace}\u0000${key}\u0000${selector[key]}`) ?? [];
    if (best === undefined || list.length < best.length) best = list;
  }
  return best ?? [];
}
