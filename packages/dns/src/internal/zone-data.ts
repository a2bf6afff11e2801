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
 * A ready endpoint address. `label` is CoreDNS's `endpointHostname`, `labelKey` its lower case.
 *
 * @example
 * ```ts
 * clusterZone({ clusterDomain: 'cluster.local' }).services.get('web.default')?.slices[0]?.addresses[0]?.label;
 * ```
 */
export interface ZoneAddress {
  readonly ip: IpInfo;
  readonly label: string;
  readonly labelKey: string;
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
