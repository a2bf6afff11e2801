import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, testService, testSlice } from '../modes/upstream-fixtures.ts';
import { evaluateNftPacket } from './evaluate-nft-packet.ts';
import type { NftRuleset } from './nft-ruleset.ts';
import { nftablesRules } from './nftables-rules.ts';

// Packet-flow cases transcribed from pkg/proxy/nftables/proxier_test.go (runPacketFlowTests):
// `output` is the tracer's joined outputs ("ip:port, ip:port", "REJECT", "DROP" or "").
interface Flow {
  readonly name: string;
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
  readonly output: string;
  readonly masq?: boolean;
}

const NODE_IP = '192.168.0.2';
const EXTERNAL_CLIENT = '203.0.113.2';
const EXTERNAL_CLIENT_BLOCKED = '203.0.113.130';

function run(rules: NftRuleset, flows: readonly Flow[]): void {
  for (const f of flows) {
    const r = evaluateNftPacket(rules, {
      sourceIP: f.sourceIP,
      destIP: f.destIP,
      destPort: f.destPort,
      protocol: f.protocol ?? 'TCP',
    });
    const output =
      r.verdict === 'DNAT'
        ? r.candidates.map((c) => c.endpoint).join(', ')
        : r.verdict === 'NONE'
          ? ''
          : r.verdict;
    expect({ name: f.name, output }).toEqual({ name: f.name, output: f.output });
    if (r.verdict === 'DNAT') {
      expect({ name: f.name, masq: r.masquerade }).toEqual({ name: f.name, masq: f.masq ?? false });
      const sum = r.candidates.reduce((s, c) => s + c.probability, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
  }
}

describe('evaluateNftPacket (helpers_test.go tracePacket)', () => {
  it('TestNoEndpointsReject', () => {
    const rules = nftablesRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          clusterIP: '172.30.0.41',
          externalIPs: ['192.168.99.11'],
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
          loadBalancerIPs: ['1.2.3.4'],
        }),
      ],
      endpointSlices: [],
      config: FAKE_NODE_CONFIG,
    });
    run(rules, [
      {
        name: 'pod to cluster IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to external IP with no endpoints',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '192.168.99.11',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'pod to NodePort with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: NODE_IP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'external to NodePort with no endpoints',
        sourceIP: EXTERNAL_CLIENT,
        destIP: NODE_IP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'pod to LoadBalancer IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to LoadBalancer IP with no endpoints',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ]);
  });

  it('TestClusterIPGeneral', () => {
    const rules = nftablesRules({
      services: [
        testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'http', port: 80 }] }),
        testService('ns2', 'svc2', {
          clusterIP: '172.30.0.42',
          ports: [
            { name: 'http', port: 80 },
            { name: 'https', port: 443, targetPort: 8443 },
            { name: 'dns-udp', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, targetPort: 5353 },
            { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
          ],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [{ ip: '10.180.0.1', nodeName: 'test-node' }],
          [{ name: 'http', port: 80 }],
        ),
        testSlice(
          'ns2',
          'svc2',
          1,
          [
            { ip: '10.180.0.1', nodeName: 'test-node' },
            { ip: '10.180.2.1', nodeName: 'node2' },
          ],
          [
            { name: 'http', port: 80 },
            { name: 'https', port: 8443 },
            { name: 'dns-udp', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 5353 },
            { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
          ],
        ),
      ],
      config: FAKE_NODE_CONFIG,
    });
    run(rules, [
      {
        name: 'simple clusterIP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'hairpin to cluster IP',
        sourceIP: '10.180.0.1',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'clusterIP with multiple endpoints',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
      },
      {
        name: 'clusterIP with TargetPort',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 443,
        output: '10.180.0.1:8443, 10.180.2.1:8443',
      },
      {
        name: 'TCP on shared port',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        protocol: 'TCP',
        output: '10.180.0.1:5353, 10.180.2.1:5353',
      },
      {
        name: 'UDP on shared port',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        protocol: 'UDP',
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'SCTP on shared port',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        protocol: 'SCTP',
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'TCP-only port does not match UDP traffic',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        protocol: 'UDP',
        output: 'REJECT',
      },
      {
        name: "svc1 does not accept svc2's ports",
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 443,
        output: 'REJECT',
      },
      {
        name: 'packet to unallocated cluster ip',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.50',
        destPort: 80,
        output: 'DROP',
      },
    ]);
  });

  it('TestLoadBalancer (source ranges are enforced pre-DNAT; NodePorts bypass them)', () => {
    const rules = nftablesRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          clusterIP: '172.30.0.41',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
          loadBalancerIPs: ['1.2.3.4', '5.6.7.8'],
          loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'],
        }),
      ],
      endpointSlices: [testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }])],
      config: FAKE_NODE_CONFIG,
    });
    const ep = '10.180.0.1:80';
    run(rules, [
      { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: ep },
      {
        name: 'external to nodePort',
        sourceIP: EXTERNAL_CLIENT,
        destIP: NODE_IP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: EXTERNAL_CLIENT_BLOCKED,
        destIP: NODE_IP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB1',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB2',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'blocked external to LB1',
        sourceIP: EXTERNAL_CLIENT_BLOCKED,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'blocked external to LB2',
        sourceIP: EXTERNAL_CLIENT_BLOCKED,
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
        sourceIP: NODE_IP,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: NODE_IP,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
    ]);
  });

  for (const tc of [
    { name: 'ipv4', v6: false, npa: undefined, alt: false },
    {
      name: 'ipv4, multiple nodeport-addresses',
      v6: false,
      npa: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      alt: true,
    },
    { name: 'ipv6', v6: true, npa: undefined, alt: false },
    {
      name: 'ipv6, multiple nodeport-addresses',
      v6: true,
      npa: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64', '2001:db8:1::2/128'],
      alt: true,
    },
  ]) {
    it(`TestNodePorts: ${tc.name}`, () => {
      const svcIP = tc.v6 ? 'fd00:172:30::41' : '172.30.0.41';
      const ep1 = tc.v6 ? 'fd00:10:180::1' : '10.180.0.1';
      const ep2 = tc.v6 ? 'fd00:10:180::2:1' : '10.180.2.1';
      const nodeIP = tc.v6 ? '2001:db8::1' : NODE_IP;
      const config = {
        ...FAKE_NODE_CONFIG,
        clusterCIDR: tc.v6 ? 'fd00:10::/64' : '10.0.0.0/8',
        serviceCIDRs: tc.v6 ? 'fd00:10:96::/112' : '172.30.0.0/16',
        ipFamily: tc.v6 ? ('IPv6' as const) : ('IPv4' as const),
        nodePortAddresses: tc.npa ?? FAKE_NODE_CONFIG.nodePortAddresses,
      };
      const rules = nftablesRules({
        services: [
          testService('ns1', 'svc1', {
            type: 'NodePort',
            clusterIP: svcIP,
            ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
          }),
        ],
        endpointSlices: [
          testSlice(
            'ns1',
            'svc1',
            1,
            [{ ip: ep1 }, { ip: ep2, nodeName: 'test-node' }],
            [{ name: 'p80', port: 80 }],
            tc.v6 ? 'IPv6' : 'IPv4',
          ),
        ],
        config,
      });
      const j = (ip: string): string => (tc.v6 ? `[${ip}]:80` : `${ip}:80`);
      const output = `${j(ep1)}, ${j(ep2)}`;
      const podIP = tc.v6 ? 'fd00:10::2' : '10.0.0.2';
      const ext = tc.v6 ? '2600:5200::1' : EXTERNAL_CLIENT;
      const alt = tc.v6 ? '2001:db8:1::2' : '192.168.1.2';
      run(rules, [
        { name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output },
        { name: 'external to nodePort', sourceIP: ext, destIP: nodeIP, destPort: 3001, output, masq: true },
        { name: 'node to nodePort', sourceIP: nodeIP, destIP: nodeIP, destPort: 3001, output, masq: true },
        tc.alt
          ? {
              name: 'external to nodePort on secondary IP',
              sourceIP: ext,
              destIP: alt,
              destPort: 3001,
              output,
              masq: true,
            }
          : {
              name: 'secondary nodeIP ignores NodePorts',
              sourceIP: ext,
              destIP: alt,
              destPort: 3001,
              output: '',
            },
      ]);
    });
  }

  const policyService = (policy: 'Local' | 'Cluster'): NftRuleset =>
    nftablesRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          externalTrafficPolicy: policy,
          clusterIP: '172.30.0.41',
          externalIPs: ['192.168.99.11'],
          ports: [{ name: 'p80', port: 80, nodePort: 3001, targetPort: 80 }],
          ...(policy === 'Local' ? { healthCheckNodePort: 30000 } : {}),
          loadBalancerIPs: ['1.2.3.4'],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [{ ip: '10.180.0.1' }, { ip: '10.180.2.1', nodeName: 'test-node' }],
          [{ name: 'p80', port: 80 }],
        ),
      ],
      config: FAKE_NODE_CONFIG,
    });
  const both = '10.180.0.1:80, 10.180.2.1:80';

  it('TestExternalTrafficPolicyLocal', () => {
    run(policyService('Local'), [
      {
        name: 'pod to cluster IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: both,
      },
      {
        name: 'pod to external IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '192.168.99.11',
        destPort: 80,
        output: both,
      },
      {
        name: 'external to external IP hits only local endpoint, unmasqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '192.168.99.11',
        destPort: 80,
        output: '10.180.2.1:80',
      },
      {
        name: 'pod to LB IP hits only both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
      },
      {
        name: 'external to LB IP hits only local endpoint, unmasqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.2.1:80',
      },
      {
        name: 'pod to NodePort hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: NODE_IP,
        destPort: 3001,
        output: both,
      },
      {
        name: 'external to NodePort hits only local endpoint, unmasqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: NODE_IP,
        destPort: 3001,
        output: '10.180.2.1:80',
      },
    ]);
  });

  it('TestExternalTrafficPolicyCluster', () => {
    run(policyService('Cluster'), [
      {
        name: 'pod to cluster IP hits both endpoints, unmasqueraded',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: both,
      },
      {
        name: 'pod to external IP hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: '192.168.99.11',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'external to external IP hits both endpoints, masqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '192.168.99.11',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'pod to LB IP hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'external to LB IP hits both endpoints, masqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: '1.2.3.4',
        destPort: 80,
        output: both,
        masq: true,
      },
      {
        name: 'pod to NodePort hits both endpoints, masqueraded',
        sourceIP: '10.0.0.2',
        destIP: NODE_IP,
        destPort: 3001,
        output: both,
        masq: true,
      },
      {
        name: 'external to NodePort hits both endpoints, masqueraded',
        sourceIP: EXTERNAL_CLIENT,
        destIP: NODE_IP,
        destPort: 3001,
        output: both,
        masq: true,
      },
    ]);
  });

  it('gives each of n endpoints probability 1/n and rejects bad packets with INVALID_PACKET', () => {
    const rules = policyService('Cluster');
    const r = evaluateNftPacket(rules, {
      sourceIP: '10.0.0.2',
      destIP: '172.30.0.41',
      destPort: 80,
      protocol: 'TCP',
    });
    expect(r.candidates).toEqual([
      { endpoint: '10.180.0.1:80', probability: 0.5 },
      { endpoint: '10.180.2.1:80', probability: 0.5 },
    ]);
    expect(() => evaluateNftPacket(rules, { sourceIP: 'x', destIP: '1.2.3.4', destPort: 80 })).toThrow(
      expect.objectContaining({ code: 'INVALID_PACKET' }),
    );
    expect(() =>
      evaluateNftPacket(rules, { sourceIP: '1.1.1.1', destIP: '1.2.3.4', destPort: 70000 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PACKET' }));
    expect(evaluateNftPacket(rules, { sourceIP: '1.1.1.1', destIP: '8.8.8.8', destPort: 53 }).verdict).toBe(
      'NONE',
    );
  });
});

describe('evaluateNftPacket input checks', () => {
  it('rejects something that is not an nft ruleset with INVALID_RULESET', () => {
    for (const bad of [null, 1, {}, { tables: 3 }]) {
      expect(() =>
        evaluateNftPacket(bad as never, { sourceIP: '1.1.1.1', destIP: '2.2.2.2', destPort: 1 }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_RULESET' }));
    }
  });
});
