import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, testService, testSlice } from '../modes/upstream-fixtures.ts';
import { evaluateNftPacket } from './evaluate-nft-packet.ts';
import { formatNft } from './format-nft.ts';
import { nftablesRules } from './nftables-rules.ts';
import { sortNftTransaction } from './sort-nft-transaction.ts';

// pkg/proxy/nftables/proxier_test.go TestInternalExternalMasquerade: three LoadBalancer services
// (svc2 eTP:Local, svc3 iTP:Local), one local and one remote endpoint each, and the same packet
// table under four proxier settings.
const NODE = '192.168.0.2';
const EXT = '203.0.113.2';

function services() {
  const lb = (ns: string, ip: string, np: number, hc: number, lbIP: string, extra: object) =>
    testService(ns, ns.replace('ns', 'svc'), {
      type: 'LoadBalancer',
      clusterIP: ip,
      ports: [{ name: 'p80', port: 80, nodePort: np }],
      healthCheckNodePort: hc,
      loadBalancerIPs: [lbIP],
      ...extra,
    });
  const eps = (ns: string, i: number) =>
    testSlice(
      ns,
      ns.replace('ns', 'svc'),
      1,
      [
        { ip: `10.180.0.${i}`, nodeName: 'test-node' },
        { ip: `10.180.1.${i}`, nodeName: 'remote' },
      ],
      [{ name: 'p80', port: 80 }],
    );
  return {
    services: [
      lb('ns1', '172.30.0.41', 3001, 30001, '1.2.3.4', {}),
      lb('ns2', '172.30.0.42', 3002, 30002, '5.6.7.8', { externalTrafficPolicy: 'Local' }),
      lb('ns3', '172.30.0.43', 3003, 30003, '9.10.11.12', { internalTrafficPolicy: 'Local' }),
    ],
    endpointSlices: [eps('ns1', 1), eps('ns2', 2), eps('ns3', 3)],
  };
}

const BOTH1 = '10.180.0.1:80, 10.180.1.1:80';
const BOTH2 = '10.180.0.2:80, 10.180.1.2:80';
const BOTH3 = '10.180.0.3:80, 10.180.1.3:80';
const FLOWS: readonly [string, string, string, number, string, boolean][] = [
  ['pod to ClusterIP', '10.0.0.2', '172.30.0.41', 80, BOTH1, false],
  ['pod to NodePort', '10.0.0.2', NODE, 3001, BOTH1, true],
  ['pod to LB', '10.0.0.2', '1.2.3.4', 80, BOTH1, true],
  ['node to ClusterIP', NODE, '172.30.0.41', 80, BOTH1, true],
  ['node to NodePort', NODE, NODE, 3001, BOTH1, true],
  ['node to LB', NODE, '1.2.3.4', 80, BOTH1, true],
  ['external to ClusterIP', EXT, '172.30.0.41', 80, BOTH1, true],
  ['external to NodePort', EXT, NODE, 3001, BOTH1, true],
  ['external to LB', EXT, '1.2.3.4', 80, BOTH1, true],
  ['pod to ClusterIP with eTP:Local', '10.0.0.2', '172.30.0.42', 80, BOTH2, false],
  ['pod to NodePort with eTP:Local', '10.0.0.2', NODE, 3002, BOTH2, false],
  ['pod to LB with eTP:Local', '10.0.0.2', '5.6.7.8', 80, BOTH2, false],
  ['node to ClusterIP with eTP:Local', NODE, '172.30.0.42', 80, BOTH2, true],
  ['node to NodePort with eTP:Local', NODE, NODE, 3001, BOTH1, true],
  ['node to LB with eTP:Local', NODE, '5.6.7.8', 80, BOTH2, true],
  ['external to ClusterIP with eTP:Local', EXT, '172.30.0.42', 80, BOTH2, true],
  ['external to NodePort with eTP:Local', EXT, NODE, 3002, '10.180.0.2:80', false],
  ['external to LB with eTP:Local', EXT, '5.6.7.8', 80, '10.180.0.2:80', false],
  ['pod to ClusterIP with iTP:Local', '10.0.0.2', '172.30.0.43', 80, '10.180.0.3:80', false],
  ['pod to NodePort with iTP:Local', '10.0.0.2', NODE, 3003, BOTH3, true],
  ['pod to LB with iTP:Local', '10.0.0.2', '9.10.11.12', 80, BOTH3, true],
  ['node to ClusterIP with iTP:Local', NODE, '172.30.0.43', 80, '10.180.0.3:80', true],
  ['node to NodePort with iTP:Local', NODE, NODE, 3003, BOTH3, true],
  ['node to LB with iTP:Local', NODE, '9.10.11.12', 80, BOTH3, true],
  ['external to ClusterIP with iTP:Local', EXT, '172.30.0.43', 80, '10.180.0.3:80', true],
  ['external to NodePort with iTP:Local', EXT, NODE, 3003, BOTH3, true],
  ['external to LB with iTP:Local', EXT, '9.10.11.12', 80, BOTH3, true],
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

describe('TestInternalExternalMasquerade (nftables)', () => {
  const cases: [string, boolean, boolean, Record<string, Override>][] = [
    ['base', false, true, {}],
    ['no LocalTrafficDetector', false, false, NO_DETECTOR],
    ['masqueradeAll', true, true, MASQ_ALL],
    [
      'masqueradeAll, no LocalTrafficDetector',
      true,
      false,
      {
        ...MASQ_ALL,
        'pod to NodePort with eTP:Local': { output: '10.180.0.2:80' },
        'pod to LB with eTP:Local': { output: '10.180.0.2:80' },
      },
    ],
  ];
  for (const [name, masqueradeAll, detector, overrides] of cases) {
    it(name, () => {
      const { clusterCIDR: _omit, ...noCidr } = FAKE_NODE_CONFIG;
      const config = { ...(detector ? FAKE_NODE_CONFIG : noCidr), masqueradeAll };
      const rules = nftablesRules({ ...services(), config });
      for (const [flow, sourceIP, destIP, destPort, output, masq] of FLOWS) {
        const want = { output: overrides[flow]?.output ?? output, masq: overrides[flow]?.masq ?? masq };
        const r = evaluateNftPacket(rules, { sourceIP, destIP, destPort, protocol: 'TCP' });
        const got = {
          output: r.verdict === 'DNAT' ? r.candidates.map((c) => c.endpoint).join(', ') : r.verdict,
          masq: r.masquerade,
        };
        expect({ flow, ...got }).toEqual({ flow, ...want });
      }
    });
  }
});

describe('TestSyncProxyRulesRepeated (initial state)', () => {
  it('writes the expected transaction for two ClusterIP services', () => {
    const rules = nftablesRules({
      services: [
        testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] }),
        testService('ns2', 'svc2', { clusterIP: '172.30.0.42', ports: [{ name: 'p8080', port: 8080 }] }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.0.1.1' }], [{ name: 'p80', port: 80 }]),
        testSlice('ns2', 'svc2', 1, [{ ip: '10.0.2.1' }], [{ name: 'p8080', port: 8080 }]),
      ],
      config: FAKE_NODE_CONFIG,
    });
    const perService = `
add element ip kube-proxy cluster-ips { 172.30.0.41 }
add element ip kube-proxy cluster-ips { 172.30.0.42 }
add element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }
add element ip kube-proxy service-ips { 172.30.0.42 . tcp . 8080 : goto service-MHHHYRWA-ns2/svc2/tcp/p8080 }
add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80
add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 }
add chain ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80
add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 ip saddr 10.0.1.1 jump mark-for-masquerade
add rule ip kube-proxy endpoint-5TPGNJF2-ns1/svc1/tcp/p80__10.0.1.1/80 meta l4proto tcp dnat to 10.0.1.1:80
add chain ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080
add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 ip daddr 172.30.0.42 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-MHHHYRWA-ns2/svc2/tcp/p8080 numgen random mod 1 vmap { 0 : goto endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 }
add chain ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080
add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 ip saddr 10.0.2.1 jump mark-for-masquerade
add rule ip kube-proxy endpoint-7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080 meta l4proto tcp dnat to 10.0.2.1:8080
`;
    const empty = formatNft(nftablesRules({ services: [], endpointSlices: [], config: FAKE_NODE_CONFIG }));
    expect(sortNftTransaction(formatNft(rules))).toBe(sortNftTransaction(empty + perService));
  });
});
