import { type ClusterZoneInput, clusterZone } from './cluster-zone.ts';
import type { DnsRecord } from './dns-record.ts';
import type { KubeEndpointSlice, KubeService } from './kube-objects.ts';
import { collect, serviceQuestions } from './zone-records.ts';

/**
 * Options of {@link serviceRecords}.
 *
 * @example
 * ```ts
 * const o: ServiceRecordsOptions = { clusterDomain: 'cluster.local', endpointSlices: [], ttl: 30 };
 * ```
 */
export interface ServiceRecordsOptions {
  readonly clusterDomain: string;
  /** The Service's EndpointSlices (others are ignored). */
  readonly endpointSlices?: readonly KubeEndpointSlice[] | undefined;
  readonly ttl?: number | undefined;
  readonly endpointPodNames?: boolean | undefined;
}

/**
 * The DNS records one Service gets (Kubernetes DNS spec + CoreDNS kubernetes plugin):
 * ClusterIP → A/AAAA per cluster IP, SRV per named port, PTR per cluster IP; headless → A/AAAA
 * per ready endpoint at the Service name and at `<endpoint>.<service>` (hostname, else the
 * dashed IP), SRV per endpoint × named port, PTR per endpoint; ExternalName → CNAME. Sorted.
 *
 * @example
 * ```ts
 * serviceRecords(
 *   { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
 *   { clusterDomain: 'cluster.local' },
 * ).map((r) => `${r.name} ${r.type} ${r.data}`);
 * // ['1.0.96.10.in-addr.arpa. PTR kubernetes.default.svc.cluster.local.',
 * //  '_https._tcp.kubernetes.default.svc.cluster.local. SRV 0 100 443 kubernetes.default.svc.cluster.local.',
 * //  'kubernetes.default.svc.cluster.local. A 10.96.0.1']
 * ```
 */
export function serviceRecords(service: KubeService, options: ServiceRecordsOptions): DnsRecord[] {
  const input: ClusterZoneInput = {
    clusterDomain: options?.clusterDomain,
    services: [service],
    endpointSlices: options?.endpointSlices ?? [],
    ttl: options?.ttl,
    endpointPodNames: options?.endpointPodNames,
  };
  const zone = clusterZone(input);
  const svc = zone.services.values().next().value;
  // Stryker disable next-line ConditionalExpression,BlockStatement: clusterZone keeps the one Service or throws, so svc is never undefined here
  if (svc === undefined) return [];
  return collect(zone, serviceQuestions(svc));
}
