import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isClusterError } from './cluster-error.ts';
import type { ClusterSpec, PodSpec } from './cluster-spec.ts';
import { defineCluster, safeDefineCluster } from './define-cluster.ts';
import { diagram } from './diagram.ts';
import { diff } from './diff.ts';
import { lint } from './lint.ts';
import { safeLoadCluster } from './load-cluster.ts';
import { reachability } from './reachability.ts';
import { render } from './render.ts';
import { trace } from './trace.ts';
import { withoutNode } from './what-if.ts';

const APPS = ['web', 'api', 'db'] as const;

const specArb = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 4 }),
    pods: fc.array(
      fc.record({ node: fc.nat(3), app: fc.constantFrom(...APPS), ns: fc.constantFrom('default', 'shop') }),
      {
        maxLength: 8,
      },
    ),
    services: fc.uniqueArray(
      fc.record({ app: fc.constantFrom(...APPS), ns: fc.constantFrom('default', 'shop') }),
      {
        maxLength: 4,
        selector: (s) => `${s.ns}/${s.app}`,
      },
    ),
    plugin: fc.constantFrom('bridge-static', 'flannel-vxlan', 'calico-ipip', 'weave' as const),
  })
  .map(({ nodeCount, pods, services, plugin }) => {
    const spec: ClusterSpec = {
      podCidr: '10.244.0.0/16',
      cni: { plugin },
      nodes: Array.from({ length: nodeCount }, (_, i) => ({
        name: `node${i}`,
        ip: `192.168.1.${10 + i}`,
        podCidr: `10.244.${i}.0/24`,
      })),
      pods: pods.map((p, i) => ({
        name: `${p.app}-${i}`,
        namespace: p.ns,
        node: `node${p.node % nodeCount}`,
        labels: { app: p.app, tier: 'x' },
      })),
      services: services.map((s, i) => ({
        name: s.app,
        namespace: s.ns,
        clusterIp: `10.96.1.${i + 20}`,
        selector: { app: s.app },
        ports: [{ port: 80, targetPort: 8080 }],
      })),
    };
    return spec;
  });

/** Reverses every object's key order (JSON-equal, different insertion order). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse())
    out[key] = reverseKeys((value as Record<string, unknown>)[key]);
  return out;
}

/** Reorders nodes and services, and interleaves pods of different nodes (each node's own order kept). */
function reorder(spec: ClusterSpec, seed: number): ClusterSpec {
  const rot = <T>(list: readonly T[]): T[] =>
    list.length === 0 ? [] : [...list.slice(seed % list.length), ...list.slice(0, seed % list.length)];
  const byNode = new Map<string, PodSpec[]>();
  for (const p of spec.pods ?? []) byNode.set(p.node ?? '', [...(byNode.get(p.node ?? '') ?? []), p]);
  const groups = rot([...byNode.values()]).reverse();
  const pods: PodSpec[] = [];
  for (let i = 0; groups.some((g) => g.length > i); i++)
    for (const g of groups) if (g[i] !== undefined) pods.push(g[i]!);
  return reverseKeys({
    ...spec,
    nodes: rot(spec.nodes ?? []).reverse(),
    services: rot(spec.services ?? []).reverse(),
    pods,
  }) as ClusterSpec;
}

function renderAll(spec: ClusterSpec): string {
  const c = defineCluster(spec);
  const out: string[] = [];
  const nodes = [...c.nodes].map((n) => n.name).sort();
  for (const node of nodes) {
    for (const artefact of ['ip-route', 'iptables-save', 'cni-conflist'] as const)
      out.push(render(c, { node, artefact }));
  }
  for (const pod of [...c.pods].map((p) => p.key).sort()) {
    out.push(render(c, { pod, artefact: 'resolv.conf' }), render(c, { pod, artefact: 'ip-route' }));
  }
  out.push(render(c, { artefact: 'corefile' }), render(c, { artefact: 'endpointslices' }));
  out.push(diagram(c, 'mermaid'), diagram(c, 'dot'), diagram(c, 'svg'));
  return out.join('\n--\n');
}

describe('determinism (issue 12)', () => {
  test.prop([specArb, fc.nat(10)], { numRuns: 25 })(
    'reordering nodes, Services, pods on different nodes and object keys changes no rendered byte',
    (spec, seed) => {
      expect(renderAll(reorder(spec, seed))).toBe(renderAll(spec));
    },
  );

  test.prop([specArb, fc.nat(3)], { numRuns: 30 })(
    "appending a pod never renumbers the others, the facade's CoreDNS pods included",
    (spec, node) => {
      const c = defineCluster(spec);
      const late = { name: 'late', node: `node${node % (spec.nodes?.length ?? 1)}` };
      const more = defineCluster({ ...spec, pods: [...(spec.pods ?? []), late] });
      expect(c.pods.some((p) => p.key === 'kube-system/coredns-0')).toBe(true);
      for (const p of c.pods) expect(more.pods.find((x) => x.key === p.key)?.ip).toBe(p.ip);
    },
  );

  test.prop([specArb, fc.nat(10)], { numRuns: 30 })(
    "reordering the spec's pods (on one node too) never moves the facade's CoreDNS pods",
    (spec, seed) => {
      const pods = [...(spec.pods ?? [])];
      for (let i = pods.length - 1; i > 0; i--) {
        const j = (seed * 7 + i * 13) % (i + 1);
        [pods[i], pods[j]] = [pods[j]!, pods[i]!];
      }
      const facade = (s: ClusterSpec): (string | null)[] =>
        defineCluster(s)
          .pods.filter((p) => p.namespace === 'kube-system')
          .map((p) => p.ip);
      expect(facade({ ...spec, pods })).toEqual(facade(spec));
    },
  );
});

describe('hostile input never crashes (issue 12)', () => {
  test.prop([fc.jsonValue({ maxDepth: 6 })], { numRuns: 200 })('defineCluster on arbitrary JSON', (value) => {
    const r = safeDefineCluster(value);
    if (!r.ok) expect(isClusterError(r.error)).toBe(true);
  });

  test.prop([fc.string({ maxLength: 200 })], { numRuns: 200 })('loadCluster on arbitrary text', (text) => {
    const r = safeLoadCluster(text);
    if (!r.ok) {
      expect(isClusterError(r.error)).toBe(true);
      expect(r.error.code).toMatch(/^[A-Z_]+$/);
    }
  });

  test.prop(
    [
      specArb,
      fc.nat(2000),
      fc.constantFrom('\u0000', '\r', '{', '[', '"', ':', '\n- ', '&a', '*a', '__proto__'),
    ],
    {
      numRuns: 100,
    },
  )('loadCluster on mutated specs', (spec, at, insert) => {
    const text = JSON.stringify(spec);
    const cut = at % (text.length + 1);
    const r = safeLoadCluster(text.slice(0, cut) + insert + text.slice(cut));
    if (!r.ok) expect(isClusterError(r.error)).toBe(true);
  });
});

describe('every query answers every generated cluster (no crash, known dispositions)', () => {
  const DISPOSITIONS = [
    'DELIVERED',
    'NO_ROUTE',
    'REJECTED',
    'DROPPED',
    'NXDOMAIN',
    'LOOP',
    'EXITS_NETWORK',
    'NO_SOURCE_IP',
  ];
  test.prop([specArb, fc.constantFrom('iptables', 'ipvs', 'nftables' as const), fc.boolean()], {
    numRuns: 12,
  })('trace, resolve, lint, reachability, diff and diagram', (spec, mode, smallCidr) => {
    const c = defineCluster({ ...spec, proxy: { mode }, ...(smallCidr ? { podCidr: '10.244.0.0/23' } : {}) });
    const pods = c.pods.slice(0, 4);
    for (const a of pods) {
      for (const b of pods) {
        expect(DISPOSITIONS).toContain(trace(c, { from: a.key, to: b.key, port: 8080 }).disposition);
      }
      for (const s of c.services.slice(0, 3)) {
        expect(DISPOSITIONS).toContain(trace(c, { from: a.key, to: `${s.name}.${s.namespace}` }).disposition);
      }
    }
    expect(Array.isArray(lint(c))).toBe(true);
    expect(reachability(c).entries.length).toBe(c.pods.length * reachability(c).targets.length);
    const node = c.nodes[0]?.name;
    if (node !== undefined && c.nodes.length > 1)
      expect(Array.isArray(diff(c, withoutNode(c, node)))).toBe(true);
    expect(diagram(c, 'svg').startsWith('<svg')).toBe(true);
  });
});
