/**
 * A v1 Service as JSON (only the fields DNS reads).
 *
 * @example
 * ```ts
 * const svc: KubeService = { metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIP: '10.96.4.2', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } };
 * ```
 */
export interface KubeService {
  readonly metadata: { readonly name: string; readonly namespace?: string | undefined };
  readonly spec?:
    | {
        readonly type?: string | undefined;
        readonly clusterIP?: string | undefined;
        readonly clusterIPs?: readonly string[] | null | undefined;
        readonly externalName?: string | undefined;
        readonly publishNotReadyAddresses?: boolean | undefined;
        readonly ports?:
          | readonly {
              readonly name?: string | undefined;
              readonly port: number;
              readonly protocol?: string | undefined;
            }[]
          | null
          | undefined;
      }
    | undefined;
}

/**
 * A discovery.k8s.io/v1 EndpointSlice as JSON (only the fields DNS reads).
 *
 * @example
 * ```ts
 * const es: KubeEndpointSlice = {
 *   metadata: { name: 'web-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
 *   endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }],
 *   ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
 * };
 * ```
 */
export interface KubeEndpointSlice {
  readonly metadata: {
    readonly name?: string | undefined;
    readonly namespace?: string | undefined;
    readonly labels?: Readonly<Record<string, string>> | undefined;
  };
  readonly addressType?: string | undefined;
  readonly endpoints?:
    | readonly {
        readonly addresses: readonly string[];
        readonly conditions?: { readonly ready?: boolean | null | undefined } | undefined;
        readonly hostname?: string | null | undefined;
        readonly targetRef?:
          | { readonly kind?: string | undefined; readonly name?: string | undefined }
          | null
          | undefined;
        readonly nodeName?: string | null | undefined;
      }[]
    | null
    | undefined;
  readonly ports?:
    | readonly {
        readonly name?: string | null | undefined;
        readonly port?: number | null | undefined;
        readonly protocol?: string | null | undefined;
      }[]
    | null
    | undefined;
}

/**
 * A v1 Pod as JSON (only the fields DNS reads).
 *
 * @example
 * ```ts
 * const pod: KubePod = { metadata: { name: 'web-0', namespace: 'shop' }, spec: { hostname: 'web-0', subdomain: 'web' }, status: { podIP: '10.244.1.5' } };
 * ```
 */
export interface KubePod {
  readonly metadata: { readonly name?: string | undefined; readonly namespace?: string | undefined };
  readonly spec?:
    | {
        readonly hostname?: string | undefined;
        readonly subdomain?: string | undefined;
        readonly hostNetwork?: boolean | undefined;
      }
    | undefined;
  readonly status?:
    | {
        readonly podIP?: string | undefined;
        readonly podIPs?: readonly { readonly ip: string }[] | null | undefined;
      }
    | undefined;
}
