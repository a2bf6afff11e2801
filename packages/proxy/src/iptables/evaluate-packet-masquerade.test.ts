import { describe, expect, it } from 'vitest';
import type { ProxyConfig } from '../service-model/types.ts';
import {
  fakeConfig,
  makeService,
  makeSlice,
  testExternalClient,
  testNodeIP,
  testNodeName,
} from '../testing/fixtures.ts';
import { evaluatePacket, type PacketResult } from './evaluate-packet.ts';
import { iptablesRules } from './iptables-rules.ts';

// kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go TestInternalExternalMasquerade (531be812)

const output = (r: PacketResult): string =>
  r.verdict === 'DNAT'
    ? r.candidates.map((c) => c.endpoint).join(', ')
    : r.verdict === 'NONE'
      ? ''
      : r.verdict;

const p80 = (nodePort: number) => [{ name: 'p80', port: 80, protocol: 'TCP', nodePort }];
const lb = (ip: string) => ({ loadBalancer: { ingress: [{ ip }] } });
const services = [
  makeService(
    'ns1',
    'svc1',
    { type: 'LoadBalancer', clusterIP: '172.30.0.41', ports: p80(3001), healthCheckNodePort: 30001 },
    lb('1.2.3.4'),
  ),
  makeService(
    'ns2',
    'svc2',
    {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.42',
      ports: p80(3002),
      healthCheckNodePort: 30002,
      externalTrafficPolicy: 'Local',
    },
    lb('5.6.7.8'),
  ),
  makeService(
    'ns3',
    'svc3',
    {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.43',
      ports: p80(3003),
      healthCheckNodePort: 30003,
      internalTrafficPolicy: 'Local',
    },
    lb('9.10.11.12'),
  ),
];
const slices = [1, 2, 3].map((n) =>
  makeSlice(
    `ns${n}`,
    `svc${n}`,
    1,
    [
      { addresses: [`10.180.0.${n}`], nodeName: testNodeName },
      { addresses: [`10.180.1.${n}`], nodeName: 'remote' },
    ],
    [{ name: 'p80', port: 80, protocol: 'TCP' }],
  ),
);

const both = (n: number): string => `10.180.0.${n}:80, 10.180.1.${n}:80`;
const pod = '10.0.0.2';
const ext = testExternalClient;
const node = testNodeIP;
const lo = '127.0.0.1';

// [name, source, destination, port, output, masq] for a working detector without masqueradeAll
const FLOWS: [string, string, string, number, string, boolean][] = [
  ['pod to ClusterIP', pod, '172.30.0.41', 80, both(1), false],
  ['pod to NodePort', pod, node, 3001, both(1), true],
  ['pod to LB', pod, '1.2.3.4', 80, both(1), true],
  ['node to ClusterIP', node, '172.30.0.41', 80, both(1), true],
  ['node to NodePort', node, node, 3001, both(1), true],
  ['localhost to NodePort', lo, lo, 3001, both(1), true],
  ['node to LB', node, '1.2.3.4', 80, both(1), true],
  ['external to ClusterIP', ext, '172.30.0.41', 80, both(1), true],
  ['external to NodePort', ext, node, 3001, both(1), true],
  ['external to LB', ext, '1.2.3.4', 80, both(1), true],
  ['pod to ClusterIP with eTP:Local', pod, '172.30.0.42', 80, both(2), false],
  ['pod to NodePort with eTP:Local', pod, node, 3002, both(2), false],
  ['pod to LB with eTP:Local', pod, '5.6.7.8', 80, both(2), false],
  ['node to ClusterIP with eTP:Local', node, '172.30.0.42', 80, both(2), true],
  ['node to NodePort with eTP:Local', node, node, 3001, both(1), true],
  ['localhost to NodePort with eTP:Local', lo, lo, 3002, both(2), true],
  ['node to LB with eTP:Local', node, '5.6.7.8', 80, both(2), true],
  ['external to ClusterIP with eTP:Local', ext, '172.30.0.42', 80, both(2), true],
  ['external to NodePort with eTP:Local', ext, node, 3002, '10.180.0.2:80', false],
  ['external to LB with eTP:Local', ext, '5.6.7.8', 80, '10.180.0.2:80', false],
  ['pod to ClusterIP with iTP:Local', pod, '172.30.0.43', 80, '10.180.0.3:80', false],
  ['pod to NodePort with iTP:Local', pod, node, 3003, both(3), true],
  ['pod to LB with iTP:Local', pod, '9.10.11.12', 80, both(3), true],
  ['node to ClusterIP with iTP:Local', node, '172.30.0.43', 80, '10.180.0.3:80', true],
  ['node to NodePort with iTP:Local', node, node, 3003, both(3), true],
  ['localhost to NodePort with iTP:Local', lo, lo, 3003, both(3), true],
  ['node to LB with iTP:Local', node, '9.10.11.12', 80, both(3), true],
  ['external to ClusterIP with iTP:Local', ext, '172.30.0.43', 80, '10.180.0.3:80', true],
  ['external to NodePort with iTP:Local', ext, node, 3003, both(3), true],
  ['external to LB with iTP:Local', ext, '9.10.11.12', 80, both(3), true],
];

type Override = { output?: string; masq?: boolean };
const NO_DETECTOR: Record<string, Override> = {
  'node to ClusterIP': { masq: false },
  'node to ClusterIP with eTP:Local': { masq: false },
  'node to ClusterIP with iTP:Local': { masq: false },
  'external to ClusterIP': { masq: false },
  'external to ClusterIP with eTP:Local': { masq: false },
  'external to ClusterIP with iTP:Local': { masq: false },
  'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
  'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
};
const MASQ_ALL: Record<string, Override> = {
  'pod to ClusterIP': { masq: true },
  'pod to ClusterIP with eTP:Local': { masq: true },
  'pod to ClusterIP with iTP:Local': { masq: true },
};

const CASES: [string, ProxyConfig, Record<string, Override>][] = [
  ['base', fakeConfig(), {}],
  ['no LocalTrafficDetector', fakeConfig({ localDetector: { mode: 'None' } }), NO_DETECTOR],
  ['masqueradeAll', fakeConfig({ masqueradeAll: true }), MASQ_ALL],
  [
    'masqueradeAll, no LocalTrafficDetector',
    fakeConfig({ masqueradeAll: true, localDetector: { mode: 'None' } }),
    {
      ...MASQ_ALL,
      'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
      'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
    },
  ],
];

describe('TestInternalExternalMasquerade', () => {
  for (const [caseName, config, overrides] of CASES) {
    it(caseName, () => {
      const ruleset = iptablesRules({ services, endpointSlices: slices, config });
      const got = FLOWS.map(([name, sourceIP, destIP, destPort]) => {
        const r = evaluatePacket(ruleset, { sourceIP, destIP, destPort, protocol: 'TCP' });
        return [name, output(r), r.masquerade];
      });
      const want = FLOWS.map(([name, , , , out, masq]) => [
        name,
        overrides[name]?.output ?? out,
        overrides[name]?.masq ?? masq,
      ]);
      expect(got).toEqual(want);
    });
  }
});
