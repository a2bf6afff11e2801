import type {
  CniPlugin,
  ContainerPortSpec,
  DnsPolicy,
  PodDnsConfigSpec,
  ProxyMode,
  ServiceType,
} from './cluster-spec.ts';

/**
 * A node after validation and defaults. `podCidr` is the pinned CIDR (or null: allocate).
 *
 * @example
 * ```ts
 * const node: NormalizedNode = { name: 'n1', ip: '192.168.1.11', podCidr: null, labels: {}, mtu: 1500 };
 * ```
 */
export interface NormalizedNode {
  readonly name: string;
  readonly ip: string;
  readonly podCidr: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly mtu: number;
}

/**
 * A pod after validation and defaults.
 *
 * @example
 * ```ts
 * const pod: Partial<NormalizedPod> = { name: 'web-1', namespace: 'default', node: 'node01' };
 * ```
 */
export interface NormalizedPod {
  readonly name: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string | null;
  readonly hostNetwork: boolean;
  readonly hostname: string | null;
  readonly subdomain: string | null;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig: PodDnsConfigSpec | null;
  readonly ready: boolean;
  /** Pods that ended (Succeeded/Failed) or are terminating are not endpoints. */
  readonly terminating: boolean;
  readonly ports: readonly ContainerPortSpec[];
  /** True for what the facade added itself (CoreDNS), carried through what-if edits. */
  readonly addon?: boolean | undefined;
}

/**
 * A Service port after defaults.
 *
 * @example
 * ```ts
 * const port: NormalizedServicePort = { name: '', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: null };
 * ```
 */
export interface NormalizedServicePort {
  readonly name: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly nodePort: number | null;
}

/**
 * A Service after validation and defaults. `clusterIp` is the pinned address, `'None'` for headless, or null
 * (allocate).
 *
 * @example
 * ```ts
 * const service: Partial<NormalizedService> = { name: 'web', namespace: 'default', type: 'ClusterIP' };
 * ```
 */
export interface NormalizedService {
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType;
  readonly clusterIp: string | null;
  readonly selector: Readonly<Record<string, string>> | null;
  readonly ports: readonly NormalizedServicePort[];
  readonly externalName: string | null;
  readonly externalIps: readonly string[];
  readonly loadBalancerIps: readonly string[];
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly publishNotReadyAddresses: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** True for what the facade added itself (`default/kubernetes`, `kube-system/kube-dns`). */
  readonly addon?: boolean | undefined;
}

/**
 * A finding noticed while reading input (unknown fields, ignored objects); `lint` reports these too.
 *
 * @example
 * ```ts
 * const note: InputNote = { code: 'UNKNOWN_FIELD', message: 'nodes[0].podCIDR is not a spec field', path: ['nodes', 0, 'podCIDR'] };
 * ```
 */
export interface InputNote {
  readonly code: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/**
 * The whole validated input of the build pipeline, with every default filled in: what `parseClusterSpec` and
 * `fromKubernetesObjects` produce and what-if helpers edit.
 *
 * @example
 * ```ts
 * const spec = parseClusterSpec({ nodes: [{ name: 'n1', ip: '192.168.1.11' }] });
 * spec.serviceCidr; // '10.96.0.0/12'
 * ```
 */
export interface NormalizedSpec {
  readonly name: string;
  readonly clusterDomain: string;
  readonly podCidr: string;
  readonly nodeCidrMaskSize: number;
  readonly serviceCidr: string;
  /** The cluster DNS IP; null means the 10th address of the service CIDR. */
  readonly clusterDns: string | null;
  readonly cni: { readonly plugin: CniPlugin; readonly mtu: number | null };
  readonly proxy: {
    readonly mode: ProxyMode;
    readonly masqueradeAll: boolean;
    readonly masqueradeBit: number;
  };
  readonly dns: {
    readonly podsMode: 'insecure' | 'verified' | 'disabled';
    readonly resolver: 'glibc' | 'musl';
  };
  readonly hostResolvConf: string | null;
  readonly router: { readonly name: string; readonly ip: string | null };
  readonly nodes: readonly NormalizedNode[];
  readonly pods: readonly NormalizedPod[];
  readonly services: readonly NormalizedService[];
  /** EndpointSlices given as Kubernetes objects (their Services then use these instead of selectors). */
  readonly endpointSlices: readonly unknown[];
  /** The Corefile from the CoreDNS ConfigMap, when one was given; null: kubeadm's default. */
  readonly corefile: string | null;
  /** Whether the facade adds `default/kubernetes`, `kube-system/kube-dns` and CoreDNS pods when missing. */
  readonly addons: boolean;
  readonly notes: readonly InputNote[];
}
