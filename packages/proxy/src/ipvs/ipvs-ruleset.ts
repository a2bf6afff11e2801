import type { Ruleset } from '../iptables/ruleset.ts';

/** An IPVS real server (destination). */
export interface IpvsRealServer {
  readonly address: string;
  readonly port: number;
  readonly weight: number;
}

/** An IPVS virtual server (service) with its real servers. */
export interface IpvsVirtualServer {
  readonly address: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly scheduler: string;
  /** `persistent` (ClientIP affinity) and/or `source-hash` (scheduler `mh`); absent when none. */
  readonly flags?: readonly ('persistent' | 'source-hash')[];
  /** Persistence timeout in seconds; present with the `persistent` flag. */
  readonly timeout?: number;
  /** Sorted by address, then port (as `ipvsadm -Ln` lists them). */
  readonly realServers: readonly IpvsRealServer[];
}

/** One ipset kube-proxy creates, with its entries in ipset's own text form. */
export interface IpsetDefinition {
  readonly name: string;
  /** e.g. `hash:ip,port`, `bitmap:port`. */
  readonly type: string;
  readonly family: 'inet' | 'inet6';
  readonly comment: string;
  /** Sorted entries, e.g. `10.20.30.41,tcp:80`. */
  readonly entries: readonly string[];
}

/**
 * What `ipvsRules` returns: the IPVS table, the ipsets, the addresses on `kube-ipvs0` and the
 * iptables rules ipvs mode still writes.
 *
 * @example
 * ```ts
 * const r: IpvsRuleset = ipvsRules({ services, endpointSlices, config });
 * r.virtualServers[0]; // { address: '10.20.30.41', port: 80, protocol: 'TCP', scheduler: 'rr', … }
 * r.ipsets['KUBE-CLUSTER-IP']; // ['10.20.30.41,tcp:80']
 * ```
 */
export interface IpvsRuleset {
  readonly kind: 'ipvs';
  readonly family: 4 | 6;
  /** Sorted as `ipvsadm -Ln` lists them: protocol (TCP, UDP, SCTP), address, port. */
  readonly virtualServers: readonly IpvsVirtualServer[];
  /** Every ipset by name (empty sets map to `[]`). */
  readonly ipsets: Readonly<Record<string, readonly string[]>>;
  /** The same sets with their types, in kube-proxy's creation order. */
  readonly ipsetDefinitions: readonly IpsetDefinition[];
  /** Addresses bound to the `kube-ipvs0` dummy interface, sorted. */
  readonly boundAddresses: readonly string[];
  /** The iptables rules (nat then filter), as `iptables-restore` input parsed into a Ruleset. */
  readonly iptables: Ruleset;
  /** Node addresses (`--src-type/--dst-type LOCAL`, NodePort virtual servers). */
  readonly nodeIPs: readonly string[];
}
