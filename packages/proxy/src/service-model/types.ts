/**
 * The shared, mode-independent service model: what kube-proxy's ServiceChangeTracker,
 * EndpointSliceCache and CategorizeEndpoints produce for one node and one IP family. The
 * iptables, ipvs and nftables generators all read this model; none of them reads raw
 * Kubernetes JSON. See README.md in this folder.
 */

/** A Service port protocol. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The IP family a proxier instance handles. */
export type IpFamily = 'IPv4' | 'IPv6';

/**
 * How kube-proxy tells pod traffic from other traffic (`--detect-local-mode`).
 * `None` (or `ClusterCIDR` without a CIDR) is the no-op detector.
 */
export type LocalDetector =
  | { readonly mode: 'ClusterCIDR' | 'NodeCIDR'; readonly cidr: string }
  | { readonly mode: 'BridgeInterface'; readonly interface: string }
  | { readonly mode: 'InterfaceNamePrefix'; readonly prefix: string }
  | { readonly mode: 'None' };

/** kube-proxy settings for one node, as the acceptance API takes them. */
export interface ProxyConfig {
  /** The node name; endpoints with this `nodeName` are local. */
  readonly hostname: string;
  /** Node IPs (either family); the first of the proxier's family is the primary node IP. */
  readonly nodeIPs: readonly string[];
  /** `--cluster-cidr` (comma-separated for dual-stack); absent → no local-traffic detector. */
  readonly clusterCIDR?: string;
  /** Another local-traffic detector; wins over `clusterCIDR` when given. */
  readonly localDetector?: LocalDetector;
  /**
   * KubeProxyConfiguration's `detectLocalMode` (`ClusterCIDR`, `NodeCIDR`, `BridgeInterface`,
   * `InterfaceNamePrefix`), read with `clusterCIDR`, `nodeCIDR`, `bridgeInterface` or
   * `interfaceNamePrefix`; `localDetector` wins when both are given.
   */
  readonly detectLocalMode?: 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix';
  /** The node's pod CIDR, for `detectLocalMode: 'NodeCIDR'`. */
  readonly nodeCIDR?: string;
  /** For `detectLocalMode: 'BridgeInterface'`. */
  readonly bridgeInterface?: string;
  /** For `detectLocalMode: 'InterfaceNamePrefix'`. */
  readonly interfaceNamePrefix?: string;
  /** `--masquerade-all` (default false). */
  readonly masqueradeAll?: boolean;
  /** `--iptables-masquerade-bit` (default 14 → mark `0x4000`). */
  readonly masqueradeBit?: number;
  /** `--nodeport-addresses` CIDRs; `[]` or absent → every local address. */
  readonly nodePortAddresses?: readonly string[];
  /** `--iptables-localhost-nodeports` (default true; IPv4 only). */
  readonly localhostNodePorts?: boolean;
  /** The proxier's family (default `'IPv4'`). */
  readonly ipFamily?: IpFamily;
  /** This node's `topology.kubernetes.io/zone` label, for topology hints. */
  readonly zone?: string;
  /** Whether `PreferSameTrafficDistribution` node hints are honoured (default true). */
  readonly preferSameNode?: boolean;
  /** nfacct counters available (`-m nfacct` matches; default true as in kube-proxy's tests). */
  readonly nfacct?: boolean;
  /** iptables supports `--random-fully` (default false as in kube-proxy's tests). */
  readonly randomFully?: boolean;
  /** Write the ctstate INVALID drop rule (sysctl nf_conntrack_tcp_be_liberal = 0; default true). */
  readonly dropInvalid?: boolean;
}

/** The config with every default applied and every address parsed and re-printed. */
export interface ResolvedProxyConfig {
  readonly hostname: string;
  readonly ipFamily: IpFamily;
  /** Node IPs of the proxier's family, as Go prints them. */
  readonly nodeIPs: readonly string[];
  /** Every node IP (both families), as Go prints them. */
  readonly allNodeIPs: readonly string[];
  /** The primary node IP of the proxier's family (`''` when none). */
  readonly primaryNodeIP: string;
  readonly localDetector: LocalDetector;
  readonly masqueradeAll: boolean;
  readonly masqueradeBit: number;
  /** The mark string, `0x` + lower-case hex of `1 << masqueradeBit`. */
  readonly masqueradeMark: string;
  /** nodePortAddresses CIDRs of this family (masked); empty when `nodePortsMatchAll`. */
  readonly nodePortAddresses: readonly string[];
  readonly nodePortsMatchAll: boolean;
  /** The node addresses that NodePorts accept on when not `nodePortsMatchAll`. */
  readonly nodePortIPs: readonly string[];
  /** After kube-proxy's own adjustment (false when nodePortAddresses excludes 127.0.0.1). */
  readonly localhostNodePorts: boolean;
  readonly zone: string;
  readonly preferSameNode: boolean;
  readonly nfacct: boolean;
  readonly randomFully: boolean;
  readonly dropInvalid: boolean;
}

/** One endpoint of one service port (EndpointSliceCache's endpoint info). */
export interface ModelEndpoint {
  /** The address as Go prints it. */
  readonly ip: string;
  /** The endpoint (target) port. */
  readonly port: number;
  /** `ip:port`, or `[ip]:port` for IPv6 — the sort key and the SEP hash input. */
  readonly endpoint: string;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** Sorted zone hints (`hints.forZones[].name`). */
  readonly zoneHints: readonly string[];
  /** Sorted node hints (`hints.forNodes[].name`). */
  readonly nodeHints: readonly string[];
}

/** kube-proxy's per-port service info plus the categorised endpoints. */
export interface ServicePortModel {
  readonly namespace: string;
  readonly name: string;
  /** `spec.ports[].name` (may be `''`). */
  readonly portName: string;
  /** `namespace/name`. */
  readonly serviceKey: string;
  /** ServicePortName.String(): `ns/name:port`, or `ns/name` when the port has no name. */
  readonly servicePortName: string;
  readonly protocol: Protocol;
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when none. */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  readonly loadBalancerVIPs: readonly string[];
  /** Masked CIDRs, as Go prints them. */
  readonly loadBalancerSourceRanges: readonly string[];
  /** 0 unless type LoadBalancer with externalTrafficPolicy Local. */
  readonly healthCheckNodePort: number;
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** ClientIP affinity timeout (0 when affinity is None). */
  readonly stickyMaxAgeSeconds: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  readonly externallyAccessible: boolean;
  readonly usesClusterEndpoints: boolean;
  readonly usesLocalEndpoints: boolean;
  /** Every endpoint of this port (all conditions), sorted by `endpoint` string. */
  readonly endpoints: readonly ModelEndpoint[];
  /** CategorizeEndpoints results, each sorted by `endpoint` string. */
  readonly clusterEndpoints: readonly ModelEndpoint[];
  readonly localEndpoints: readonly ModelEndpoint[];
  readonly allReachableEndpoints: readonly ModelEndpoint[];
  readonly hasAnyEndpoints: boolean;
}

/** Something in the input kube-proxy would skip, with where it was. */
export interface ModelWarning {
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** The normalised input of every proxy mode. */
export interface ServiceModel {
  readonly config: ResolvedProxyConfig;
  /** Sorted by `servicePortName`, then protocol. */
  readonly servicePorts: readonly ServicePortModel[];
  /** Σ endpoints over every service port (kube-proxy's `totalEndpoints`). */
  readonly totalEndpoints: number;
  readonly warnings: readonly ModelWarning[];
}

/**
 * The input of every generator: Kubernetes objects as `kubectl get -o json` prints them (an array
 * of objects, or the List object itself with its `items`).
 */
export interface ProxyInput {
  readonly services: readonly unknown[] | { readonly items: readonly unknown[] };
  readonly endpointSlices: readonly unknown[] | { readonly items: readonly unknown[] };
  readonly config: ProxyConfig;
}
