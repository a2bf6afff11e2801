/**
 * Kubernetes objects shaped like kube-proxy's unit-test helpers build them (`makeTestService`,
 * `makeTestEndpointSlice` in pkg/proxy/{iptables,ipvs,nftables}/proxier_test.go), so golden cases
 * can be transcribed from the upstream tests. Used by tests and the docs generator.
 */

/** A `v1.ServicePort` as JSON. */
export interface TestServicePort {
  readonly name?: string;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly nodePort?: number;
  readonly targetPort?: number;
}

/** The `spec`/`status` fields the tests set. */
export interface TestServiceSpec {
  readonly type?: string;
  readonly clusterIP?: string;
  readonly ports: readonly TestServicePort[];
  readonly externalIPs?: readonly string[];
  readonly loadBalancerIPs?: readonly string[];
  readonly loadBalancerSourceRanges?: readonly string[];
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly healthCheckNodePort?: number;
  readonly sessionAffinityTimeout?: number;
}

/**
 * A `v1.Service` object.
 *
 * @example
 * ```ts
 * testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] });
 * ```
 */
export function testService(namespace: string, name: string, s: TestServiceSpec): unknown {
  const spec: Record<string, unknown> = {
    type: s.type ?? 'ClusterIP',
    clusterIP: s.clusterIP ?? '',
    ports: s.ports.map((p) => ({
      ...(p.name === undefined ? {} : { name: p.name }),
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      ...(p.nodePort === undefined ? {} : { nodePort: p.nodePort }),
      targetPort: p.targetPort ?? p.port,
    })),
  };
  if (s.externalIPs !== undefined) spec.externalIPs = s.externalIPs;
  if (s.loadBalancerSourceRanges !== undefined) spec.loadBalancerSourceRanges = s.loadBalancerSourceRanges;
  if (s.externalTrafficPolicy !== undefined) spec.externalTrafficPolicy = s.externalTrafficPolicy;
  if (s.internalTrafficPolicy !== undefined) spec.internalTrafficPolicy = s.internalTrafficPolicy;
  if (s.healthCheckNodePort !== undefined) spec.healthCheckNodePort = s.healthCheckNodePort;
  if (s.sessionAffinityTimeout !== undefined) {
    spec.sessionAffinity = 'ClientIP';
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: s.sessionAffinityTimeout } };
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, name },
    spec,
    status: { loadBalancer: { ingress: (s.loadBalancerIPs ?? []).map((ip) => ({ ip })) } },
  };
}

/** One endpoint of a test slice. */
export interface TestEndpoint {
  readonly ip: string;
  readonly nodeName?: string;
  readonly ready?: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
}

/**
 * A `discovery.k8s.io/v1` EndpointSlice named `<svc>-<n>`.
 *
 * @example
 * ```ts
 * testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }]);
 * ```
 */
export function testSlice(
  namespace: string,
  service: string,
  n: number,
  endpoints: readonly TestEndpoint[],
  ports: readonly { readonly name?: string; readonly port: number; readonly protocol?: string }[],
  addressType: 'IPv4' | 'IPv6' = 'IPv4',
): unknown {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace, name: `${service}-${n}`, labels: { 'kubernetes.io/service-name': service } },
    addressType,
    endpoints: endpoints.map((e) => {
      const conditions: Record<string, boolean> = {};
      if (e.ready !== undefined) conditions.ready = e.ready;
      if (e.serving !== undefined) conditions.serving = e.serving;
      if (e.terminating !== undefined) conditions.terminating = e.terminating;
      return {
        addresses: [e.ip],
        conditions,
        ...(e.nodeName === undefined ? {} : { nodeName: e.nodeName }),
      };
    }),
    ports: ports.map((p) => ({
      ...(p.name === undefined ? {} : { name: p.name }),
      port: p.port,
      protocol: p.protocol ?? 'TCP',
    })),
  };
}

/**
 * The six services of `TestOverallNFTablesRules` (also `TestOverallIPTablesRules`).
 *
 * @example
 * ```ts
 * nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG });
 * ```
 */
export function overallServices(): { services: unknown[]; endpointSlices: unknown[] } {
  const p80 = [{ name: 'p80', port: 80 }];
  return {
    services: [
      testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] }),
      testService('ns2', 'svc2', {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        clusterIP: '172.30.0.42',
        ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        loadBalancerIPs: ['1.2.3.4'],
        externalIPs: ['192.168.99.22'],
        healthCheckNodePort: 30000,
      }),
      testService('ns3', 'svc3', {
        type: 'NodePort',
        clusterIP: '172.30.0.43',
        ports: [{ name: 'p80', port: 80, nodePort: 3003 }],
      }),
      testService('ns4', 'svc4', {
        type: 'NodePort',
        clusterIP: '172.30.0.44',
        externalIPs: ['192.168.99.33'],
        ports: [{ name: 'p80', port: 80, targetPort: 80 }],
      }),
      testService('ns5', 'svc5', {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        clusterIP: '172.30.0.45',
        ports: [{ name: 'p80', port: 80, nodePort: 3002 }],
        loadBalancerIPs: ['5.6.7.8'],
        healthCheckNodePort: 30000,
        loadBalancerSourceRanges: [' 203.0.113.0/25'],
        sessionAffinityTimeout: 10800,
      }),
      testService('ns6', 'svc6', {
        type: 'ClusterIP',
        clusterIP: '172.30.0.46',
        ports: [{ name: 'p80', port: 80, targetPort: 80 }],
      }),
    ],
    endpointSlices: [
      testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], p80),
      testSlice('ns2', 'svc2', 1, [{ ip: '10.180.0.2' }], p80),
      testSlice('ns3', 'svc3', 1, [{ ip: '10.180.0.3' }], p80),
      testSlice('ns4', 'svc4', 1, [{ ip: '10.180.0.4' }, { ip: '10.180.0.5', nodeName: 'test-node' }], p80),
      testSlice('ns5', 'svc5', 1, [{ ip: '10.180.0.3' }], p80),
    ],
  };
}

/** The node of kube-proxy's `NewFakeProxier` (nftables/iptables tests), IPv4. */
export const FAKE_NODE_CONFIG = {
  hostname: 'test-node',
  nodeIPs: ['192.168.0.2', '192.168.1.2', '192.168.99.11', '2001:db8::1', '2001:db8:1::2'],
  clusterCIDR: '10.0.0.0/8',
  nodePortAddresses: ['192.168.0.2/32', '2001:db8::1/128'],
  serviceCIDRs: '172.30.0.0/16',
} as const;
