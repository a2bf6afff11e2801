import type { CniPlugin, DnsPolicy, PodDnsConfigSpec, ProxyMode, ServiceType } from './cluster-spec.ts';
import type { NormalizedSpec } from './normalized-spec.ts';

/**
 * A node of a built cluster: its address, its pod CIDR (null when the pod CIDR ran out, as
 * kube-controller-manager leaves such a node) and the CNI's host-side interface for pods.
 *
 * @example
 * ```ts
 * cluster.nodes[0]; // { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.0.0/24', ... }
 * ```
 */
export interface ClusterNode {
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly mtu: number;
  /** The pods' gateway device on the node (`cni0`, `weave`, or null for Calico's routed veths). */
  readonly bridge: { readonly name: string; readonly ip: string | null } | null;
}

/**
 * A pod of a built cluster with its allocated IP (null when it has none: unscheduled, on an unknown node, or
 * its node has no pod CIDR left).
 *
 * @example
 * ```ts
 * cluster.pods[0]; // { key: 'default/web-1', node: 'node01', ip: '10.244.0.2', ... }
 * ```
 */
export interface ClusterPod {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string | null;
  readonly ip: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly hostNetwork: boolean;
  readonly hostname: string | null;
  readonly subdomain: string | null;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig: PodDnsConfigSpec | null;
  readonly ready: boolean;
  readonly terminating: boolean;
  /** The host side of the pod's veth pair (`vethXXXXXXXX`, `caliXXXXXXXXXXX`); null for host-network pods. */
  readonly hostVeth: string | null;
  /** True for what the facade added itself (CoreDNS). */
  readonly addon: boolean;
  readonly ports: readonly {
    readonly name?: string | undefined;
    readonly containerPort: number;
    readonly protocol: string;
  }[];
}

/**
 * One endpoint of a Service as its EndpointSlices list it.
 *
 * @example
 * ```ts
 * const e: ClusterEndpoint = { ip: '10.244.0.2', pod: 'default/web-1', node: 'node01', ready: true };
 * ```
 */
export interface ClusterEndpoint {
  readonly ip: string;
  readonly pod: string | null;
  readonly node: string | null;
  readonly ready: boolean;
}

/**
 * A Service of a built cluster. `clusterIp` is `'None'` for a headless Service and null for ExternalName (or
 * when the service range is full).
 *
 * @example
 * ```ts
 * cluster.services.find((s) => s.key === 'default/kubernetes')?.clusterIp; // '10.96.0.1'
 * ```
 */
export interface ClusterService {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly clusterIp: string | null;
  readonly ports: readonly {
    readonly name: string;
    readonly port: number;
    readonly targetPort: number | string;
    readonly protocol: 'TCP' | 'UDP' | 'SCTP';
    readonly nodePort: number | null;
  }[];
  readonly selector: Readonly<Record<string, string>> | null;
  readonly externalName: string | null;
  /** `spec.externalIPs` and the load balancer's ingress IPs. */
  readonly externalIps: readonly string[];
  readonly loadBalancerIps: readonly string[];
  readonly endpoints: readonly ClusterEndpoint[];
  readonly addon: boolean;
}

/**
 * A whole cluster network as one frozen value. Build it with `defineCluster` or `fromKubernetesObjects`; query
 * it with `trace`, `resolve`, `reachability`, `lint`, `render`, `diagram`; derive new clusters with the what-if
 * helpers. Per-node artefacts (routes, proxy rules, the DNS zone, resolv.conf files) are computed on first use
 * and memoised inside the value.
 *
 * @example
 * ```ts
 * const cluster = defineCluster({ nodes: [{ name: 'node01', ip: '192.168.1.11' }] });
 * Object.isFrozen(cluster); // true
 * ```
 */
export interface Cluster {
  readonly name: string;
  readonly clusterDomain: string;
  readonly podCidr: string;
  readonly nodeCidrMaskSize: number;
  readonly serviceCidr: string;
  readonly clusterDns: string;
  readonly cni: { readonly plugin: CniPlugin; readonly mtu: number };
  readonly proxy: {
    readonly mode: ProxyMode;
    readonly masqueradeAll: boolean;
    readonly masqueradeBit: number;
  };
  readonly hostResolvConf: string | null;
  /** The central router of `bridge-gateway` (null in other modes). */
  readonly router: { readonly name: string; readonly ip: string } | null;
  readonly nodes: readonly ClusterNode[];
  readonly pods: readonly ClusterPod[];
  readonly services: readonly ClusterService[];
  /** The EndpointSlices (discovery.k8s.io/v1 JSON), given or derived from selectors and ready pods. */
  readonly endpointSlices: readonly unknown[];
  /** The validated input this cluster was built from (what-if helpers edit it). */
  readonly spec: NormalizedSpec;
}
