/**
 * The networking modes the facade models (the CNI plugin and how it routes between nodes).
 *
 * @example
 * ```ts
 * const plugin: CniPlugin = 'flannel-vxlan';
 * ```
 */
export type CniPlugin =
  | 'bridge-static'
  | 'bridge-gateway'
  | 'flannel-vxlan'
  | 'flannel-host-gw'
  | 'weave'
  | 'calico-ipip'
  | 'calico-vxlan';

/**
 * kube-proxy's modes.
 *
 * @example
 * ```ts
 * const mode: ProxyMode = 'ipvs';
 * ```
 */
export type ProxyMode = 'iptables' | 'ipvs' | 'nftables';

/**
 * A node in the compact spec. `podCidr` pins the node's pod CIDR; omitted, it is allocated in spec order from
 * the start of the cluster's pod CIDR (kube-controller-manager's cidrset).
 *
 * @example
 * ```ts
 * const node: NodeSpec = { name: 'node01', ip: '192.168.1.11' };
 * ```
 */
export interface NodeSpec {
  readonly name: string;
  readonly ip: string;
  readonly podCidr?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** The underlay (uplink) MTU; default 1500. */
  readonly mtu?: number | undefined;
}

/**
 * A container port of a pod (used to resolve named `targetPort`s).
 *
 * @example
 * ```ts
 * const port: ContainerPortSpec = { name: 'http', containerPort: 8080 };
 * ```
 */
export interface ContainerPortSpec {
  readonly name?: string | undefined;
  readonly containerPort: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | undefined;
}

/**
 * A pod's DNS config (`spec.dnsConfig`).
 *
 * @example
 * ```ts
 * const dnsConfig: PodDnsConfigSpec = { options: [{ name: 'ndots', value: '2' }] };
 * ```
 */
export interface PodDnsConfigSpec {
  readonly nameservers?: readonly string[] | undefined;
  readonly searches?: readonly string[] | undefined;
  readonly options?: readonly { readonly name: string; readonly value?: string | undefined }[] | undefined;
}

/**
 * A pod's DNS policy (`spec.dnsPolicy`).
 *
 * @example
 * ```ts
 * const policy: DnsPolicy = 'ClusterFirst';
 * ```
 */
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

/**
 * A pod in the compact spec. Pods on one node get IPs from the node's pod CIDR through the CNI's IPAM in list
 * order, so appending a pod never renumbers the others; `ip` pins an address.
 *
 * @example
 * ```ts
 * const pod: PodSpec = { name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } };
 * ```
 */
export interface PodSpec {
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly node?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly ip?: string | undefined;
  readonly hostNetwork?: boolean | undefined;
  readonly hostname?: string | undefined;
  readonly subdomain?: string | undefined;
  readonly dnsPolicy?: DnsPolicy | undefined;
  readonly dnsConfig?: PodDnsConfigSpec | undefined;
  /** The pod's Ready condition; default true. Not-ready pods are not endpoints. */
  readonly ready?: boolean | undefined;
  readonly ports?: readonly ContainerPortSpec[] | undefined;
}

/**
 * A Service port in the compact spec; `targetPort` defaults to `port`, `protocol` to TCP.
 *
 * @example
 * ```ts
 * const port: ServicePortSpec = { port: 80, targetPort: 8080 };
 * ```
 */
export interface ServicePortSpec {
  readonly name?: string | undefined;
  readonly port: number;
  readonly targetPort?: number | string | undefined;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | undefined;
  readonly nodePort?: number | undefined;
}

/**
 * A Service's type.
 *
 * @example
 * ```ts
 * const type: ServiceType = 'NodePort';
 * ```
 */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/**
 * A Service in the compact spec. `clusterIp: 'None'` makes it headless; `type: 'ExternalName'` with
 * `externalName` makes it a CNAME. Omitted ClusterIPs are allocated from the service CIDR.
 *
 * @example
 * ```ts
 * const service: ServiceSpec = { name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] };
 * ```
 */
export interface ServiceSpec {
  readonly name: string;
  readonly namespace?: string | undefined;
  readonly type?: ServiceType | undefined;
  readonly clusterIp?: string | undefined;
  readonly selector?: Readonly<Record<string, string>> | undefined;
  readonly ports?: readonly ServicePortSpec[] | undefined;
  readonly externalName?: string | undefined;
  readonly externalIps?: readonly string[] | undefined;
  readonly loadBalancerIps?: readonly string[] | undefined;
  readonly loadBalancerSourceRanges?: readonly string[] | undefined;
  readonly externalTrafficPolicy?: 'Cluster' | 'Local' | undefined;
  readonly internalTrafficPolicy?: 'Cluster' | 'Local' | undefined;
  readonly sessionAffinity?: 'None' | 'ClientIP' | undefined;
  readonly publishNotReadyAddresses?: boolean | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

/**
 * The compact cluster spec (DESIGN.md "The compact cluster spec"): YAML or JSON with these fields. Whatever is
 * omitted is defaulted or allocated the way Kubernetes would, deterministically.
 *
 * @example
 * ```ts
 * const spec: ClusterSpec = {
 *   name: 'demo',
 *   podCidr: '10.244.0.0/16',
 *   nodes: [{ name: 'node01', ip: '192.168.1.11' }],
 * };
 * ```
 */
export interface ClusterSpec {
  readonly name?: string | undefined;
  readonly clusterDomain?: string | undefined;
  readonly podCidr?: string | undefined;
  readonly nodeCidrMaskSize?: number | undefined;
  readonly serviceCidr?: string | undefined;
  readonly clusterDns?: string | undefined;
  readonly cni?: { readonly plugin?: CniPlugin | undefined; readonly mtu?: number | undefined } | undefined;
  readonly proxy?:
    | {
        readonly mode?: ProxyMode | undefined;
        readonly masqueradeAll?: boolean | undefined;
        readonly masqueradeBit?: number | undefined;
      }
    | undefined;
  readonly dns?:
    | {
        readonly podsMode?: 'insecure' | 'verified' | 'disabled' | undefined;
        readonly resolver?: 'glibc' | 'musl' | undefined;
      }
    | undefined;
  readonly hostResolvConf?: string | null | undefined;
  /** The central router of `bridge-gateway` (the lesson's "better way"); default: first address of node 1's /24. */
  readonly router?: { readonly name?: string | undefined; readonly ip?: string | undefined } | undefined;
  readonly nodes?: readonly NodeSpec[] | undefined;
  readonly pods?: readonly PodSpec[] | undefined;
  readonly services?: readonly ServiceSpec[] | undefined;
}
