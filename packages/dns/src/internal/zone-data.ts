import type { IpInfo } from './ip-text.ts';

/**
 * A port as CoreDNS keeps it; `port: -1` is the sentinel for "no ports". Names lower-cased.
 *
 * @example
 * ```ts
 * const p: ZonePort = { name: 'http', protocol: 'tcp', port: 80 };
 * ```
 */
export interface ZonePort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
}

/**
 * A ready endpoint address: its IP (parsed, and as written), the endpoint `hostname` and, with
 * `endpoint_pod_names`, the pod name (`''` when unset). Its DNS label is {@link addressLabel}.
 *
 * @example
 * ```ts
 * const a = clusterZone({ clusterDomain: 'cluster.local' }).services.get('web.default')?.slices[0]?.addresses[0];
 * a && addressLabel(a); // e.g. 'web-0' or '10-244-1-5'
 * ```
 */
export interface ZoneAddress {
  readonly ip: IpInfo;
  readonly text: string;
  readonly hostname: string;
  readonly podName: string;
}

/**
 * CoreDNS's `endpointHostname`: the endpoint hostname, else (with `endpoint_pod_names`) the pod
 * name, else the IP with dashes (IPv6: `:` → `-`, plus `0` when it would end in `-`).
 * Computed on demand so that building a zone does not pay for every endpoint's label.
 *
 * @example
 * ```ts
 * addressLabel({ ip: parseIpText('fd00::')!, text: 'fd00::', hostname: '', podName: '' }); // 'fd00--0'
 * ```
 */
export function addressLabel(a: ZoneAddress): string {
  if (a.hostname !== '') return a.hostname;
  if (a.podName !== '') return a.podName;
  const ip = a.text;
  if (ip.includes('.')) return ip.replaceAll('.', '-');
  if (ip.includes(':')) {
    const dashed = ip.replaceAll(':', '-');
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
}

/**
 * One EndpointSlice, reduced.
 *
 * @example
 * ```ts
 * clusterZone({ clusterDomain: 'cluster.local' }).services.get('web.default')?.slices.length;
 * ```
 */
export interface ZoneSlice {
  readonly addresses: readonly ZoneAddress[];
  readonly ports: readonly ZonePort[];
}

/**
 * One Service, reduced.
 *
 * @example
 * ```ts
 * clusterZone({ clusterDomain: 'cluster.local' }).services.get('web.default')?.kind; // 'ClusterIP' | 'Headless' | 'ExternalName'
 * ```
 */
export interface ZoneService {
  readonly name: string;
  readonly namespace: string;
  readonly kind: 'ClusterIP' | 'Headless' | 'ExternalName';
  readonly clusterIps: readonly IpInfo[];
  readonly externalName: string;
  readonly ports: readonly ZonePort[];
  readonly slices: ZoneSlice[];
  /** `<name>.<namespace>.svc.<primary zone>` with the trailing dot. */
  readonly fqdn: string;
}
