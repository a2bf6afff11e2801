import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { ClusterSpec } from './cluster-spec.ts';
import { defineCluster } from './define-cluster.ts';
import { diff } from './diff.ts';
import { reachabilityReference } from './internal/reachability-reference.ts';
import { compareText } from './internal/service-ips.ts';
import { withoutNode, withoutPod, withPodReady, withService } from './what-if.ts';

const APPS = ['web', 'api'] as const;

const specArb = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 3 }),
    pods: fc.array(fc.record({ node: fc.nat(2), app: fc.constantFrom(...APPS) }), { maxLength: 6 }),
    plugin: fc.constantFrom('flannel-vxlan', 'calico-ipip', 'weave', 'bridge-gateway' as const),
    edit: fc.nat(4),
  })
  .map(({ nodeCount, pods, plugin, edit }) => {
    const spec: ClusterSpec = {
      podCidr: plugin === 'weave' ? '10.32.0.0/12' : '10.244.0.0/16',
      cni: { plugin },
      nodes: Array.from({ length: nodeCount }, (_, i) => ({ name: `node${i}`, ip: `192.168.1.${10 + i}` })),
      pods: pods.map((p, i) => ({
        name: `${p.app}-${i}`,
        node: `node${p.node % nodeCount}`,
        labels: { app: p.app },
      })),
      services: APPS.map((app) => ({ name: app, selector: { app }, ports: [{ port: 80 }] })),
    };
    return { spec, edit };
  });

/** The reachability records as diff built them before: every cell of both entry lists, keys in text order. */
function naive(a: ReturnType<typeof defineCluster>, b: ReturnType<typeof defineCluster>): unknown[] {
  const key = (e: { from: string; service: string; port: number; protocol: string }): string =>
    `${e.from} → ${e.service}:${e.port}/${e.protocol}`;
  const ma = new Map(reachabilityReference(a).entries.map((e) => [key(e), e.disposition]));
  const mb = new Map(reachabilityReference(b).entries.map((e) => [key(e), e.disposition]));
  const out: unknown[] = [];
  for (const k of [...new Set([...ma.keys(), ...mb.keys()])].sort(compareText)) {
    const x = ma.get(k);
    const y = mb.get(k);
    if (x === undefined) out.push({ kind: 'reachability', change: 'added', key: k, after: y });
    else if (y === undefined) out.push({ kind: 'reachability', change: 'removed', key: k, before: x });
    else if (x !== y) out.push({ kind: 'reachability', change: 'changed', key: k, before: x, after: y });
  }
  return out;
}

describe('diff: reachability records read from the shared matrix rows', () => {
  test.prop([specArb], { numRuns: 60 })('the same records as comparing every entry', ({ spec, edit }) => {
    const a = defineCluster(spec);
    const first = a.pods.find((p) => p.namespace === 'default');
    let b = a;
    if (edit === 0 && a.nodes.length > 1) b = withoutNode(a, a.nodes[0]!.name);
    else if (edit === 1 && first !== undefined) b = withoutPod(a, first.key);
    else if (edit === 2 && first !== undefined) b = withPodReady(a, first.key, false);
    else if (edit === 3)
      b = withService(a, { name: 'extra', selector: { app: 'web' }, ports: [{ port: 81 }] });
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const records = diff(x, y).filter((r) => r.kind === 'reachability');
      expect(JSON.stringify(records)).toBe(JSON.stringify(naive(x, y)));
    }
  });
});
