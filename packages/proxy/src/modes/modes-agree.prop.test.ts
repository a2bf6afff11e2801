import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { evaluatePacket } from '../iptables/evaluate-packet.ts';
import { iptablesRules } from '../iptables/iptables-rules.ts';
import { evaluateIpvsPacket } from '../ipvs/evaluate-ipvs-packet.ts';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import { evaluateNftPacket } from '../nftables/evaluate-nft-packet.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
import { testService, testSlice } from './upstream-fixtures.ts';

// For every Service and packet, iptables and nftables pick the same endpoints and the same
// masquerade decision; ipvs agrees too outside its documented differences (see docs/proxy-modes.md):
// Local policies without local endpoints fall back to all endpoints, Local-policy external
// destinations get no pod/node short-circuit, and node-originated traffic is handled by other rules.

const HOST = 'node1';
const NODE_IP = '192.168.0.2';
const POD_SRC = '10.0.0.2';
const EXTERNAL_SRC = '203.0.113.2';

const serviceArb = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
  etpLocal: fc.boolean(),
  itpLocal: fc.boolean(),
  externalIP: fc.boolean(),
  sourceRange: fc.boolean(),
  masqueradeAll: fc.boolean(),
  endpoints: fc.uniqueArray(
    fc.record({
      n: fc.integer({ min: 1, max: 20 }),
      local: fc.boolean(),
      ready: fc.boolean(),
      terminating: fc.boolean(),
    }),
    { selector: (e) => e.n, maxLength: 5 },
  ),
});

type Gen = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(g: Gen) {
  const lb = g.type === 'LoadBalancer';
  const np = g.type !== 'ClusterIP';
  const service = testService('ns1', 'svc1', {
    type: g.type,
    clusterIP: '172.30.0.41',
    ports: [
      { name: 'p', port: 80, protocol: g.protocol, targetPort: 8080, ...(np ? { nodePort: 30001 } : {}) },
    ],
    ...(np ? { externalTrafficPolicy: g.etpLocal ? ('Local' as const) : ('Cluster' as const) } : {}),
    internalTrafficPolicy: g.itpLocal ? 'Local' : 'Cluster',
    ...(g.externalIP ? { externalIPs: ['192.168.99.11'] } : {}),
    ...(lb ? { loadBalancerIPs: ['1.2.3.4'] } : {}),
    ...(lb && g.sourceRange ? { loadBalancerSourceRanges: ['203.0.113.0/25'] } : {}),
  });
  const slice = testSlice(
    'ns1',
    'svc1',
    1,
    g.endpoints.map((e) => ({
      ip: `10.180.0.${e.n}`,
      nodeName: e.local ? HOST : 'node2',
      ready: e.ready,
      serving: e.ready || e.terminating,
      terminating: e.terminating,
    })),
    [{ name: 'p', port: 8080, protocol: g.protocol }],
  );
  return {
    services: [service],
    endpointSlices: [slice],
    config: { hostname: HOST, nodeIPs: [NODE_IP], clusterCIDR: '10.0.0.0/8', masqueradeAll: g.masqueradeAll },
  };
}

interface Probe {
  readonly kind: 'cluster' | 'external';
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly fromNode: boolean;
}

function probes(g: Gen): Probe[] {
  const sources = [
    POD_SRC,
    EXTERNAL_SRC,
    NODE_IP,
    ...g.endpoints.filter((e) => e.local).map((e) => `10.180.0.${e.n}`),
  ];
  const dests: { kind: Probe['kind']; ip: string; port: number }[] = [
    { kind: 'cluster', ip: '172.30.0.41', port: 80 },
  ];
  if (g.externalIP) dests.push({ kind: 'external', ip: '192.168.99.11', port: 80 });
  if (g.type === 'LoadBalancer') dests.push({ kind: 'external', ip: '1.2.3.4', port: 80 });
  if (g.type !== 'ClusterIP') dests.push({ kind: 'external', ip: NODE_IP, port: 30001 });
  const out: Probe[] = [];
  for (const s of sources) {
    for (const d of dests)
      out.push({ kind: d.kind, sourceIP: s, destIP: d.ip, destPort: d.port, fromNode: s === NODE_IP });
  }
  return out;
}

function summary(r: { verdict: string; candidates: readonly { endpoint: string }[]; masquerade: boolean }) {
  const dnat = r.verdict === 'DNAT';
  return {
    endpoints: dnat ? r.candidates.map((c) => c.endpoint).sort() : [],
    masquerade: dnat ? r.masquerade : false,
  };
}

describe('the three modes agree', { timeout: 60_000 }, () => {
  test.prop([serviceArb], { numRuns: 120 })('same endpoints and masquerade decision', (g) => {
    const input = inputOf(g);
    const ipt = iptablesRules(input);
    const nft = nftablesRules({ ...input, config: { ...input.config, serviceCIDRs: '172.30.0.0/16' } });
    const ipvs = ipvsRules(input);
    const hasLocal = g.endpoints.some((e) => e.local && (e.ready || e.terminating));
    const etpLocal = g.etpLocal && g.type !== 'ClusterIP';
    for (const p of probes(g)) {
      const packet = { sourceIP: p.sourceIP, destIP: p.destIP, destPort: p.destPort, protocol: g.protocol };
      const a = summary(evaluatePacket(ipt, packet));
      const b = summary(evaluateNftPacket(nft, packet));
      expect({ probe: p, nft: b }).toEqual({ probe: p, nft: a });

      // ipvs: skip its documented differences.
      const localPolicy = p.kind === 'cluster' ? g.itpLocal : etpLocal;
      if (p.fromNode) continue;
      if (localPolicy && (!hasLocal || (p.kind === 'external' && p.sourceIP !== EXTERNAL_SRC))) continue;
      const c = summary(evaluateIpvsPacket(ipvs, packet));
      expect({ probe: p, ipvs: c }).toEqual({ probe: p, ipvs: a });
    }
  });
});
