import { clusterZone, type PodsMode } from './cluster-zone.ts';
import type { DnsRecord } from './dns-record.ts';
import type { KubePod } from './kube-objects.ts';
import { zoneRecords } from './zone-records.ts';

/**
 * Options of {@link podRecords}.
 *
 * @example
 * ```ts
 * const o: PodRecordsOptions = { clusterDomain: 'cluster.local', podsMode: 'verified' };
 * ```
 */
export interface PodRecordsOptions {
  readonly clusterDomain: string;
  /** CoreDNS `pods` mode; default `insecure` (what kubeadm configures). `disabled` gives none. */
  readonly podsMode?: PodsMode | undefined;
  readonly ttl?: number | undefined;
}

/**
 * The pod A/AAAA records CoreDNS serves with the `pods` option:
 * `<ip with dashes>.<namespace>.pod.<zone>` for each pod IP (not in the DNS spec any more; a
 * CoreDNS extension kept for kube-dns compatibility). Names under Services (`<hostname>.<subdomain>`)
 * come from EndpointSlices: see {@link serviceRecords}.
 *
 * @example
 * ```ts
 * podRecords({ metadata: { name: 'web-0', namespace: 'default' }, status: { podIP: '10.244.1.5' } }, { clusterDomain: 'cluster.local' });
 * // [{ name: '10-244-1-5.default.pod.cluster.local.', type: 'A', ttl: 5, data: '10.244.1.5' }]
 * ```
 */
export function podRecords(pod: KubePod, options: PodRecordsOptions): DnsRecord[] {
  const zone = clusterZone({
    clusterDomain: options?.clusterDomain,
    pods: [pod],
    podsMode: options?.podsMode ?? 'insecure',
    ttl: options?.ttl,
  });
  return zoneRecords(zone).filter((r) => r.type === 'A' || r.type === 'AAAA');
}
