/**
 * The per-service-port view the ipvs and nftables generators consume. It is derived from the
 * shared service model (see `from-service-model.ts`), already filtered to one IP family and with
 * kube-proxy's `CategorizeEndpoints` applied, so the generators only decide rule shapes.
 */
import type {
  ModelEndpoint,
  Protocol,
  ResolvedProxyConfig,
  ServicePortModel,
} from '../service-model/types.ts';

/** Protocol of a service port, as Kubernetes spells it (the service model's {@link Protocol}). */
export type ModeProtocol = Protocol;

/**
 * One endpoint of a service port: the service model's endpoint narrowed to what the ipvs and
 * nftables rules read (`ip` canonical, `port` the target port, `isLocal`).
 */
export type ModeEndpoint = Pick<ModelEndpoint, 'ip' | 'port' | 'isLocal'>;

/** The fields a mode service port shares, unchanged, with the service model's port. */
type SharedServicePortFields =
  | 'namespace'
  | 'name'
  | 'portName'
  | 'protocol'
  | 'clusterIP'
  | 'port'
  | 'nodePort'
  | 'externalIPs'
  | 'loadBalancerVIPs'
  | 'internalPolicyLocal'
  | 'externalPolicyLocal'
  | 'externallyAccessible'
  | 'usesClusterEndpoints'
  | 'usesLocalEndpoints'
  | 'hasAnyEndpoints';

/**
 * One service port with its addresses, policies and categorised endpoints: the service model's
 * {@link ServicePortModel} fields as they are, plus the mode-specific readings below.
 */
export interface ModeServicePort extends Pick<ServicePortModel, SharedServicePortFields> {
  /** Canonical CIDRs, family-filtered. */
  readonly loadBalancerSourceRanges: readonly string[];
  /** 0 when none (or the service does not need one). */
  readonly healthCheckNodePort: number;
  /** ClientIP affinity timeout in seconds, or `null` for no affinity. */
  readonly affinityTimeout: number | null;
  /** Every endpoint of the port kube-proxy knows (sorted by `ip:port` string). */
  readonly allEndpoints: readonly ModeEndpoint[];
  readonly clusterEndpoints: readonly ModeEndpoint[];
  readonly localEndpoints: readonly ModeEndpoint[];
  readonly allReachableEndpoints: readonly ModeEndpoint[];
}

/** Node-level settings for one IP family. */
export interface ModeConfig
  extends Pick<
    ResolvedProxyConfig,
    'hostname' | 'nodeIPs' | 'masqueradeAll' | 'masqueradeMark' | 'localDetector' | 'randomFully'
  > {
  readonly family: 4 | 6;
  /** Canonical CIDRs of this family; empty = every local address. */
  readonly nodePortAddresses: readonly string[];
  /** Non-loopback node addresses inside `nodePortAddresses` (empty when it matches all). */
  readonly nodePortIPs: readonly string[];
  /** Service CIDRs of this family (nftables "Drop traffic to unallocated ClusterIPs"). */
  readonly serviceCIDRs: readonly string[];
  /** IPVS scheduler (`rr` default). */
  readonly scheduler: string;
}

/** The whole input of a mode generator. */
export interface ModeView {
  readonly config: ModeConfig;
  /** Sorted by `namespace/name:port` then protocol. */
  readonly servicePorts: readonly ModeServicePort[];
}

/**
 * `ns/name:port` (or `ns/name`), kube-proxy's ServicePortName.String().
 *
 * @example
 * ```ts
 * servicePortNameString(sp); // 'ns1/svc1:p80'
 * ```
 */
export function servicePortNameString(sp: ModeServicePort): string {
  return sp.portName === '' ? `${sp.namespace}/${sp.name}` : `${sp.namespace}/${sp.name}:${sp.portName}`;
}

/**
 * `ip:port`, or `[ip]:port` for IPv6 (Go's net.JoinHostPort).
 *
 * @example
 * ```ts
 * joinHostPort('fd00::1', 80); // '[fd00::1]:80'
 * ```
 */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
