import { describe, expect, it } from 'vitest';
import { fakeConfig, makeService, makeSlice, testExternalClient, testNodeName } from '../testing/fixtures.ts';
import { evaluatePacket, type PacketResult } from './evaluate-packet.ts';
import { iptablesRules } from './iptables-rules.ts';

const output = (r: PacketResult): string =>
  r.verdict === 'DNAT'
    ? r.candidates.map((c) => c.endpoint).join(', ')
    : r.verdict === 'NONE'
      ? ''
      : r.verdict;

const unnamed80 = [{ name: '', port: 80, protocol: 'TCP' }];

function trace(services: unknown[], slices: unknown[], sourceIP: string, destIP: string): PacketResult {
  const ruleset = iptablesRules({ services, endpointSlices: slices, config: fakeConfig() });
  return evaluatePacket(ruleset, { sourceIP, destIP, destPort: 80, protocol: 'TCP' });
}

// kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go TestInternalTrafficPolicy
describe('TestInternalTrafficPolicy', () => {
  const cases: [string, string | undefined, [string, string][], string][] = [
    [
      'cluster',
      'Cluster',
      [
        ['10.0.1.1', testNodeName],
        ['10.0.1.2', 'node1'],
        ['10.0.1.3', 'node2'],
      ],
      '10.0.1.1:80, 10.0.1.2:80, 10.0.1.3:80',
    ],
    [
      'local, one local endpoint',
      'Local',
      [
        ['10.0.1.1', testNodeName],
        ['10.0.1.2', 'node1'],
        ['10.0.1.3', 'node2'],
      ],
      '10.0.1.1:80',
    ],
    [
      'local, several local endpoints',
      'Local',
      [
        ['10.0.1.1', testNodeName],
        ['10.0.1.2', testNodeName],
        ['10.0.1.3', 'node2'],
      ],
      '10.0.1.1:80, 10.0.1.2:80',
    ],
    [
      'local, no local endpoints',
      'Local',
      [
        ['10.0.1.1', 'node0'],
        ['10.0.1.2', 'node1'],
        ['10.0.1.3', 'node2'],
      ],
      'DROP',
    ],
  ];
  for (const [name, itp, eps, out] of cases) {
    it(name, () => {
      const svc = makeService('ns1', 'svc1', {
        clusterIP: '172.30.1.1',
        ports: [{ name: '', port: 80, protocol: 'TCP' }],
        ...(itp === undefined ? {} : { internalTrafficPolicy: itp }),
      });
      const slice = makeSlice(
        'ns1',
        'svc1',
        1,
        eps.map(([ip, node]) => ({ addresses: [ip], conditions: { ready: true }, nodeName: node })),
        unnamed80,
      );
      const r = trace([svc], [slice], '10.0.0.2', '172.30.1.1');
      expect([output(r), r.masquerade]).toEqual([out, false]);
      expect(output(trace([svc], [], '10.0.0.2', '172.30.1.1'))).toBe('REJECT');
    });
  }
});

// kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go TestTerminatingEndpointsTrafficPolicyLocal
describe('TestTerminatingEndpointsTrafficPolicyLocal', () => {
  const svc = makeService(
    'ns1',
    'svc1',
    {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      clusterIP: '172.30.1.1',
      healthCheckNodePort: 30000,
      ports: [{ name: '', port: 80, protocol: 'TCP', targetPort: 80 }],
    },
    { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
  );
  const ep = (ip: string, ready: boolean, serving: boolean, terminating: boolean, node: string) => ({
    addresses: [ip],
    conditions: { ready, serving, terminating },
    nodeName: node,
  });
  const cases: [string, ReturnType<typeof ep>[], string, string][] = [
    [
      'ready endpoints exist',
      [
        ep('10.0.1.1', true, true, false, testNodeName),
        ep('10.0.1.2', true, true, false, testNodeName),
        ep('10.0.1.3', false, true, true, testNodeName),
        ep('10.0.1.4', false, false, true, testNodeName),
        ep('10.0.1.5', true, true, false, 'node-1'),
      ],
      '10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80',
      '10.0.1.1:80, 10.0.1.2:80',
    ],
    [
      'only terminating endpoints exist',
      [
        ep('10.0.1.2', false, true, true, testNodeName),
        ep('10.0.1.3', false, true, true, testNodeName),
        ep('10.0.1.4', false, false, true, testNodeName),
        ep('10.0.1.5', true, true, false, 'node-1'),
      ],
      '10.0.1.5:80',
      '10.0.1.2:80, 10.0.1.3:80',
    ],
    [
      'terminating endpoints on remote node',
      [ep('10.0.1.5', false, true, true, 'node-1')],
      '10.0.1.5:80',
      'DROP',
    ],
    [
      'no usable endpoints on any node',
      [ep('10.0.1.5', false, false, true, testNodeName), ep('10.0.1.5', false, false, true, 'node-1')],
      'REJECT',
      'REJECT',
    ],
  ];
  for (const [name, eps, podOut, extOut] of cases) {
    it(name, () => {
      const slice = makeSlice('ns1', 'svc1', 1, eps, unnamed80);
      const pod = trace([svc], [slice], '10.0.0.2', '172.30.1.1');
      const ext = trace([svc], [slice], testExternalClient, '1.2.3.4');
      expect([output(pod), pod.masquerade, output(ext), ext.masquerade]).toEqual([
        podOut,
        false,
        extOut,
        false,
      ]);
      expect(output(trace([svc], [], '10.0.0.2', '172.30.1.1'))).toBe('REJECT');
      expect(output(trace([svc], [], testExternalClient, '1.2.3.4'))).toBe('REJECT');
    });
  }
});

// kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go TestExternalTrafficPolicyCluster
describe('TestExternalTrafficPolicyCluster', () => {
  it('masquerades external destinations and uses every endpoint', () => {
    const svc = makeService(
      'ns1',
      'svc1',
      {
        type: 'LoadBalancer',
        clusterIP: '172.30.0.41',
        externalIPs: ['192.168.99.11'],
        externalTrafficPolicy: 'Cluster',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001, targetPort: 80 }],
      },
      { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
    );
    const slice = makeSlice(
      'ns1',
      'svc1',
      1,
      [{ addresses: ['10.180.0.1'] }, { addresses: ['10.180.2.1'], nodeName: testNodeName }],
      [{ name: 'p80', port: 80, protocol: 'TCP' }],
    );
    const ruleset = iptablesRules({ services: [svc], endpointSlices: [slice], config: fakeConfig() });
    const both = '10.180.0.1:80, 10.180.2.1:80';
    const flows: [string, string, number, boolean][] = [
      ['10.0.0.2', '172.30.0.41', 80, false],
      ['10.0.0.2', '192.168.99.11', 80, true],
      [testExternalClient, '192.168.99.11', 80, true],
      ['10.0.0.2', '1.2.3.4', 80, true],
      [testExternalClient, '1.2.3.4', 80, true],
      ['10.0.0.2', '192.168.0.2', 3001, true],
      [testExternalClient, '192.168.0.2', 3001, true],
    ];
    for (const [sourceIP, destIP, destPort, masq] of flows) {
      const r = evaluatePacket(ruleset, { sourceIP, destIP, destPort, protocol: 'TCP' });
      expect([sourceIP, destIP, output(r), r.masquerade]).toEqual([sourceIP, destIP, both, masq]);
    }
  });
});
