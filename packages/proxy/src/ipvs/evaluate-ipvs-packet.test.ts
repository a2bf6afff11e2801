import { describe, expect, it } from 'vitest';
import { testService, testSlice } from '../modes/upstream-fixtures.ts';
import { evaluateIpvsPacket } from './evaluate-ipvs-packet.ts';
import { ipvsRules } from './ipvs-rules.ts';

const HOST = 'test-hostname';
const NODE = '100.101.102.103';

function lb(policy: 'Local' | 'Cluster', clusterCIDR?: string) {
  return ipvsRules({
    services: [
      testService('ns1', 'svc1', {
        type: 'LoadBalancer',
        externalTrafficPolicy: policy,
        clusterIP: '10.20.30.41',
        ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        loadBalancerIPs: ['1.2.3.4'],
        loadBalancerSourceRanges: ['203.0.113.0/25'],
        ...(policy === 'Local' ? { healthCheckNodePort: 30000 } : {}),
      }),
      testService('ns2', 'empty', { clusterIP: '10.20.30.42', ports: [{ name: 'p80', port: 80 }] }),
    ],
    endpointSlices: [
      testSlice(
        'ns1',
        'svc1',
        1,
        [
          { ip: '10.180.0.1', nodeName: HOST },
          { ip: '10.180.2.1', nodeName: 'other' },
        ],
        [{ name: 'p80', port: 80 }],
      ),
    ],
    config: { hostname: HOST, nodeIPs: [NODE], ...(clusterCIDR === undefined ? {} : { clusterCIDR }) },
  });
}

const eps = (r: ReturnType<typeof evaluateIpvsPacket>): string =>
  r.candidates.map((c) => c.endpoint).join(', ');

describe('evaluateIpvsPacket', () => {
  it('ClusterIP: every real server with probability weight/sum; no masquerade from pods', () => {
    const r = evaluateIpvsPacket(lb('Cluster', '10.0.0.0/8'), {
      sourceIP: '10.0.0.2',
      destIP: '10.20.30.41',
      destPort: 80,
      protocol: 'TCP',
    });
    expect(r).toEqual({
      verdict: 'DNAT',
      candidates: [
        { endpoint: '10.180.0.1:80', probability: 0.5 },
        { endpoint: '10.180.2.1:80', probability: 0.5 },
      ],
      masquerade: false,
    });
  });

  it('ClusterIP from outside the cluster CIDR is masqueraded (KUBE-CLUSTER-IP ! -s CIDR)', () => {
    const r = evaluateIpvsPacket(lb('Cluster', '10.0.0.0/8'), {
      sourceIP: '203.0.113.2',
      destIP: '10.20.30.41',
      destPort: 80,
    });
    expect(r.masquerade).toBe(true);
  });

  it('hairpin to a local endpoint is masqueraded through KUBE-LOOP-BACK', () => {
    const r = evaluateIpvsPacket(lb('Cluster', '10.0.0.0/8'), {
      sourceIP: '10.180.0.1',
      destIP: '10.20.30.41',
      destPort: 80,
    });
    expect(r.verdict).toBe('DNAT');
    expect(r.masquerade).toBe(true);
  });

  it('NodePort with Cluster policy is masqueraded; with Local policy only local endpoints, source kept', () => {
    const c = evaluateIpvsPacket(lb('Cluster'), { sourceIP: '203.0.113.2', destIP: NODE, destPort: 3001 });
    expect([eps(c), c.masquerade]).toEqual(['10.180.0.1:80, 10.180.2.1:80', true]);
    const l = evaluateIpvsPacket(lb('Local'), { sourceIP: '203.0.113.2', destIP: NODE, destPort: 3001 });
    expect([eps(l), l.masquerade]).toEqual(['10.180.0.1:80', false]);
  });

  it('load-balancer source ranges: allowed clients reach the endpoints, others are dropped', () => {
    const ok = evaluateIpvsPacket(lb('Cluster'), {
      sourceIP: '203.0.113.2',
      destIP: '1.2.3.4',
      destPort: 80,
    });
    expect([ok.verdict, ok.masquerade]).toEqual(['DNAT', true]);
    const blocked = evaluateIpvsPacket(lb('Cluster'), {
      sourceIP: '203.0.113.130',
      destIP: '1.2.3.4',
      destPort: 80,
    });
    expect(blocked.verdict).toBe('DROP');
    const local = evaluateIpvsPacket(lb('Local'), {
      sourceIP: '203.0.113.2',
      destIP: '1.2.3.4',
      destPort: 80,
    });
    expect([eps(local), local.masquerade]).toEqual(['10.180.0.1:80', false]);
  });

  it('no endpoints → REJECT (IPVS answers port unreachable); unknown port on a VIP → REJECT (KUBE-IPVS-FILTER)', () => {
    expect(
      evaluateIpvsPacket(lb('Cluster'), { sourceIP: '10.0.0.2', destIP: '10.20.30.42', destPort: 80 })
        .verdict,
    ).toBe('REJECT');
    expect(
      evaluateIpvsPacket(lb('Cluster'), { sourceIP: '10.0.0.2', destIP: '10.20.30.41', destPort: 81 })
        .verdict,
    ).toBe('REJECT');
    expect(
      evaluateIpvsPacket(lb('Cluster'), { sourceIP: '10.0.0.2', destIP: '8.8.8.8', destPort: 53 }).verdict,
    ).toBe('NONE');
  });

  it('health check node port is ACCEPTed by KUBE-NODE-PORT', () => {
    expect(
      evaluateIpvsPacket(lb('Local'), { sourceIP: '203.0.113.2', destIP: NODE, destPort: 30000 }).verdict,
    ).toBe('ACCEPT');
  });

  it('the node cannot reach an LB IP whose source ranges exclude it (KUBE-IPVS-OUT-FILTER)', () => {
    expect(
      evaluateIpvsPacket(lb('Cluster'), { sourceIP: '1.2.3.4', destIP: '1.2.3.4', destPort: 80 }).verdict,
    ).toBe('DROP');
  });

  it('rejects malformed packets', () => {
    expect(() =>
      evaluateIpvsPacket(lb('Cluster'), { sourceIP: '1.2.3', destIP: '1.2.3.4', destPort: 80 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PACKET' }));
    expect(() =>
      evaluateIpvsPacket(lb('Cluster'), {
        sourceIP: '1.2.3.5',
        destIP: '1.2.3.4',
        destPort: 80,
        protocol: 'ICMP',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PACKET' }));
  });
});

describe('evaluateIpvsPacket input checks', () => {
  it('rejects something that is not an ipvs ruleset with INVALID_RULESET', () => {
    for (const bad of [null, 1, {}, { virtualServers: [] }]) {
      expect(() =>
        evaluateIpvsPacket(bad as never, { sourceIP: '1.1.1.1', destIP: '2.2.2.2', destPort: 1 }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_RULESET' }));
    }
  });
});
