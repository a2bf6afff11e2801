import type { IpInfo } from './ip-text.ts';

/** A port as CoreDNS keeps it; `port: -1` is the sentinel for "no ports". Names lower-cased. */
export interface ZonePort {
  readonly name: string;
  readonly protocol: string;
  readonly port: number;
}

/** A ready endpoint address. `label` is CoreDNS's `endpointHostname`, `labelKey` its lower case. */
export interface ZoneAddress {
  readonly ip: IpInfo;
  readonly label: string;
  readonly labelKey: string;
}

/** One EndpointSlice, reduced. */
export interface ZoneSlice {
  readonly addresses: readonly ZoneAddress[];
  readonly ports: readonly ZonePort[];
}

/** One Service, reduced. */
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
