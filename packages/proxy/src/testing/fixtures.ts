/**
 * Test fixtures shaped like kube-proxy's unit tests (pkg/proxy/iptables/proxier_test.go:
 * NewFakeProxier, makeTestService, makeTestEndpointSlice), as the JSON `kubectl get -o json` prints.
 * Not exported from the package.
 */
import type { ProxyConfig } from '../service-model/types.ts';

export const testNodeName = 'test-node';
export const testNodeIP = '192.168.0.2';
export const testNodeIPAlt = '192.168.1.2';
export const testExternalIP = '192.168.99.11';
export const testNodeIPv6 = '2001:db8::1';
export const testNodeIPv6Alt = '2001:db8:1::2';
export const testExternalClient = '203.0.113.2';
export const testExternalClientBlocked = '203.0.113.130';

/** NewFakeProxier's settings (IPv4: pod CIDR 10.0.0.0/8; IPv6: fd00:10::/64). */
export function fakeConfig(overrides: Partial<ProxyConfig> = {}): ProxyConfig {
  const ipv6 = overrides.ipFamily === 'IPv6';
  return {
    hostname: testNodeName,
    nodeIPs: ipv6
      ? [testNodeIPv6, testNodeIPv6Alt, testNodeIP, testNodeIPAlt, testExternalIP]
      : [testNodeIP, testNodeIPAlt, testExternalIP, testNodeIPv6, testNodeIPv6Alt],
    clusterCIDR: ipv6 ? 'fd00:10::/64' : '10.0.0.0/8',
    masqueradeBit: 14,
    nodePortAddresses: [],
    ...overrides,
  };
}

type Json = Record<string, unknown>;

/** makeTestService: a Service with ClusterIP type unless `spec.type` says otherwise. */
export function makeService(namespace: string, name: string, spec: Json, status?: Json): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec },
    status: status ?? { loadBalancer: {} },
  };
}

/** makeTestEndpointSlice: slice `<name>-<n>` labelled for the service. */
export function makeSlice(
  namespace: string,
  name: string,
  n: number,
  endpoints: readonly Json[],
  ports: readonly Json[],
  addressType = 'IPv4',
): Json {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-${n}`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType,
    endpoints,
    ports,
  };
}

/** The six services of TestOverallIPTablesRules. */
export function overallServices(): Json[] {
  return [
    makeService('ns1', 'svc1', {
      clusterIP: '172.30.0.41',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
    }),
    makeService(
      'ns2',
      'svc2',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        clusterIP: '172.30.0.42',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
        externalIPs: ['192.168.99.22'],
        healthCheckNodePort: 30000,
      },
      { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    ),
    makeService('ns3', 'svc3', {
      type: 'NodePort',
      clusterIP: '172.30.0.43',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3003 }],
    }),
    makeService('ns4', 'svc4', {
      type: 'NodePort',
      clusterIP: '172.30.0.44',
      externalIPs: ['192.168.99.33'],
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }],
    }),
    makeService(
      'ns5',
      'svc5',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        clusterIP: '172.30.0.45',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3002 }],
        healthCheckNodePort: 30000,
        loadBalancerSourceRanges: [' 203.0.113.0/25'],
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      },
      { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } },
    ),
    makeService('ns6', 'svc6', {
      type: 'ClusterIP',
      clusterIP: '172.30.0.46',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }],
    }),
  ];
}

const p80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];

/** The EndpointSlices of TestOverallIPTablesRules. */
export function overallSlices(): Json[] {
  return [
    makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.180.0.1'] }], p80),
    makeSlice('ns2', 'svc2', 1, [{ addresses: ['10.180.0.2'] }], p80),
    makeSlice('ns3', 'svc3', 1, [{ addresses: ['10.180.0.3'] }], p80),
    makeSlice(
      'ns4',
      'svc4',
      1,
      [{ addresses: ['10.180.0.4'] }, { addresses: ['10.180.0.5'], nodeName: testNodeName }],
      p80,
    ),
    makeSlice('ns5', 'svc5', 1, [{ addresses: ['10.180.0.3'] }], p80),
  ];
}
