import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { fakeConfig, makeService, makeSlice, testNodeName } from '../testing/fixtures.ts';
import { evaluatePacket } from './evaluate-packet.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import type { Ruleset } from './ruleset.ts';

const TOP = new Set([
  'KUBE-SERVICES',
  'KUBE-EXTERNAL-SERVICES',
  'KUBE-NODEPORTS',
  'KUBE-POSTROUTING',
  'KUBE-FORWARD',
  'KUBE-MARK-MASQ',
  'KUBE-PROXY-FIREWALL',
  'KUBE-FIREWALL',
]);
const TARGETS = new Set(['ACCEPT', 'REJECT', 'DROP', 'MARK', 'RETURN', 'DNAT', 'SNAT', 'MASQUERADE']);

/** checkIPTablesRuleJumps (proxier_test.go): declared, filled and used chains agree. */
function checkJumps(ruleset: Ruleset): string[] {
  const problems: string[] = [];
  for (const table of ruleset.tables) {
    const created = new Set<string>();
    const filled = new Set<string>();
    const jumped = new Set<string>();
    for (const line of table.lines) {
      if (line.kind === 'chain') created.add(line.chain);
      if (line.kind === 'delete') created.delete(line.chain);
      if (line.kind === 'rule') {
        filled.add(line.chain);
        const m = / -j (\S+)/.exec(line.text);
        if (m && !TARGETS.has(m[1] as string)) jumped.add(m[1] as string);
      }
    }
    for (const c of [...jumped, ...filled])
      if (!created.has(c)) problems.push(`${table.name}: ${c} used but not created`);
    for (const c of jumped)
      if (!filled.has(c) && c !== 'KUBE-NODEPORTS') problems.push(`${table.name}: ${c} jumped to but empty`);
    for (const c of created)
      if (!jumped.has(c) && !TOP.has(c)) problems.push(`${table.name}: ${c} created but unused`);
  }
  return problems;
}

/** Every KUBE-SEP chain is reachable from KUBE-SERVICES / KUBE-NODEPORTS (nat). */
function unreachableSeps(ruleset: Ruleset): string[] {
  const nat = ruleset.tables.find((t) => t.name === 'nat');
  const edges = new Map<string, string[]>();
  const seps: string[] = [];
  for (const line of nat?.lines ?? []) {
    if (line.kind === 'chain' && line.chain.startsWith('KUBE-SEP-')) seps.push(line.chain);
    if (line.kind !== 'rule') continue;
    const m = / -j (\S+)/.exec(line.text);
    if (!m) continue;
    const list = edges.get(line.chain) ?? [];
    list.push(m[1] as string);
    edges.set(line.chain, list);
  }
  const seen = new Set<string>(['KUBE-SERVICES']);
  const stack = ['KUBE-SERVICES'];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    for (const n of edges.get(c) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seps.filter((s) => !seen.has(s));
}

const serviceArb = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  etp: fc.constantFrom('Cluster', 'Local'),
  itp: fc.constantFrom('Cluster', 'Local'),
  affinity: fc.boolean(),
  externalIP: fc.boolean(),
  sourceRange: fc.constantFrom(undefined, '203.0.113.0/25', '192.168.0.0/16'),
  protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
  endpoints: fc.array(
    fc.record({
      host: fc.integer({ min: 1, max: 40 }),
      local: fc.boolean(),
      ready: fc.constantFrom(undefined, true, false),
      serving: fc.constantFrom(undefined, true, false),
      terminating: fc.constantFrom(undefined, true, false),
    }),
    { maxLength: 6 },
  ),
});

type Spec = typeof serviceArb extends fc.Arbitrary<infer T> ? T : never;

function buildInput(specs: readonly Spec[]): {
  services: unknown[];
  endpointSlices: unknown[];
} {
  const services: unknown[] = [];
  const endpointSlices: unknown[] = [];
  specs.forEach((s, i) => {
    const ports = [
      {
        name: 'p',
        port: 80,
        protocol: s.protocol,
        ...(s.type === 'ClusterIP' ? {} : { nodePort: 30000 + i }),
      },
    ];
    services.push(
      makeService(
        'ns',
        `svc${i}`,
        {
          type: s.type,
          clusterIP: `172.30.0.${i + 1}`,
          ports,
          internalTrafficPolicy: s.itp,
          externalTrafficPolicy: s.etp,
          ...(s.externalIP ? { externalIPs: [`192.168.99.${i + 1}`] } : {}),
          ...(s.sourceRange ? { loadBalancerSourceRanges: [s.sourceRange] } : {}),
          ...(s.type === 'LoadBalancer' ? { healthCheckNodePort: 32000 + i } : {}),
          ...(s.affinity ? { sessionAffinity: 'ClientIP' } : {}),
        },
        s.type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: `5.6.7.${i + 1}` }] } } : undefined,
      ),
    );
    endpointSlices.push(
      makeSlice(
        'ns',
        `svc${i}`,
        1,
        s.endpoints.map((e) => ({
          addresses: [`10.180.${i}.${e.host}`],
          ...(e.local ? { nodeName: testNodeName } : { nodeName: 'other' }),
          conditions: {
            ...(e.ready === undefined ? {} : { ready: e.ready }),
            ...(e.serving === undefined ? {} : { serving: e.serving }),
            ...(e.terminating === undefined ? {} : { terminating: e.terminating }),
          },
        })),
        [{ name: 'p', port: 8080, protocol: s.protocol }],
      ),
    );
  });
  return { services, endpointSlices };
}

test.prop([fc.array(serviceArb, { maxLength: 6 })], { numRuns: 150 })(
  'rules are consistent (checkIPTablesRuleJumps) and every KUBE-SEP is reachable',
  (specs) => {
    const ruleset = iptablesRules({ ...buildInput(specs), config: fakeConfig() });
    expect(checkJumps(ruleset)).toEqual([]);
    expect(unreachableSeps(ruleset)).toEqual([]);
  },
);

test.prop([fc.array(serviceArb, { minLength: 1, maxLength: 5 }), fc.boolean()], { numRuns: 150 })(
  'candidate probabilities of every ClusterIP sum to 1',
  (specs, fromPod) => {
    const ruleset = iptablesRules({ ...buildInput(specs), config: fakeConfig() });
    specs.forEach((s, i) => {
      const r = evaluatePacket(ruleset, {
        sourceIP: fromPod ? '10.0.0.2' : '203.0.113.2',
        destIP: `172.30.0.${i + 1}`,
        destPort: 80,
        protocol: s.protocol,
      });
      if (r.verdict === 'DNAT') {
        const sum = r.candidates.reduce((a, c) => a + c.probability, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
        expect(new Set(r.candidates.map((c) => c.endpoint)).size).toBe(r.candidates.length);
      } else {
        expect(['REJECT', 'DROP']).toContain(r.verdict);
      }
    });
  },
);

test.prop([fc.array(serviceArb, { maxLength: 5 }), fc.nat()], { numRuns: 100 })(
  'output is independent of input order and round-trips through iptables-save text',
  (specs, seed) => {
    const input = buildInput(specs);
    const a = formatIptablesSave(iptablesRules({ ...input, config: fakeConfig() }));
    const rotate = <T>(list: T[]): T[] =>
      list.length === 0 ? list : [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)];
    const b = formatIptablesSave(
      iptablesRules({
        services: rotate([...input.services]).reverse(),
        endpointSlices: rotate([...input.endpointSlices]),
        config: fakeConfig(),
      }),
    );
    expect(b).toBe(a);
    expect(formatIptablesSave(parseIptablesSave(a))).toBe(a);
  },
);
