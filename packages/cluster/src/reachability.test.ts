import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { reachabilityReference } from './internal/reachability-reference.ts';
import { reachability } from './reachability.ts';
import { withoutNode, withPodReady } from './what-if.ts';

describe('reachability: pods × Service ports over equivalence classes', () => {
  const c = defineCluster(lessonSpec());
  const r = reachability(c);

  it('labels rows and columns and fills every cell', () => {
    expect(r.pods).toEqual([...c.pods.map((p) => p.key)].sort());
    expect(r.targets).toContain('default/web:80/TCP');
    expect(r.targets).toContain('kube-system/kube-dns:53/UDP');
    expect(r.targets.some((t) => t.startsWith('shop/db:'))).toBe(false); // headless: no virtual IP
    expect(r.matrix).toHaveLength(r.pods.length);
    for (const row of r.matrix) expect(row).toHaveLength(r.targets.length);
    expect(r.entries).toHaveLength(r.pods.length * r.targets.length);
  });

  it('traces one representative per node, not every pod', () => {
    expect(r.classes).toBe(3);
    expect(r.classes).toBeLessThan(r.pods.length);
  });

  it('DELIVERED where every endpoint is reachable, REJECTED for a Service without endpoints', () => {
    const cell = (pod: string, target: string): string | undefined =>
      r.matrix[r.pods.indexOf(pod)]?.[r.targets.indexOf(target)];
    expect(cell('shop/api-1', 'default/web:80/TCP')).toBe('DELIVERED');
    expect(cell('shop/api-1', 'default/empty:80/TCP')).toBe('REJECTED');
    const e = r.entries.find((x) => x.from === 'default/web-1' && x.service === 'shop/api');
    expect(e).toMatchObject({ port: 8080, protocol: 'TCP', reachable: true, delivered: 2, endpoints: 2 });
  });

  it('an unready pod leaves the endpoints, a removed node takes its pods', () => {
    const after = reachability(withPodReady(c, 'default/web-1', false));
    expect(after.entries.find((x) => x.from === 'shop/api-1' && x.service === 'default/web')?.endpoints).toBe(
      1,
    );
    const gone = reachability(withoutNode(withoutNode(c, 'node01'), 'node02'));
    expect(gone.entries.find((x) => x.service === 'default/web')?.disposition).toBe('REJECTED');
  });

  it('follows every candidate past the DNAT: a stray endpoint address is DROPPED, its neighbours delivered', () => {
    // a-0 claims an address inside node1's pod CIDR: packets DNATed to it reach node1, where no pod holds it
    for (const plugin of ['flannel-vxlan', 'calico-ipip', 'bridge-static'] as const) {
      const stray = defineCluster({
        podCidr: '10.244.0.0/16',
        cni: { plugin },
        nodes: [
          { name: 'node0', ip: '192.168.1.10', podCidr: '10.244.0.0/24' },
          { name: 'node1', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
        ],
        pods: [
          { name: 'a-0', node: 'node0', ip: '10.244.1.100', labels: { app: 'a' } },
          { name: 'a-1', node: 'node1', labels: { app: 'a' } },
          { name: 'a-2', node: 'node1', labels: { app: 'a' } },
          { name: 'client', node: 'node0', labels: { app: 'c' } },
        ],
        services: [{ name: 'a', selector: { app: 'a' }, ports: [{ port: 80 }] }],
      });
      const fast = reachability(stray);
      const e = fast.entries.find((x) => x.from === 'default/client' && x.service === 'default/a');
      if (plugin === 'flannel-vxlan') {
        expect(e).toMatchObject({ disposition: 'DROPPED', delivered: 2, endpoints: 3 });
      }
      expect(JSON.stringify(fast)).toBe(JSON.stringify(reachabilityReference(stray)));
    }
  });

  it('shares one frozen row per class and builds the entries on first read', () => {
    const byNode = new Map<string, readonly string[]>();
    r.pods.forEach((pod, i) => {
      const node = c.pods.find((p) => p.key === pod)?.node ?? '';
      const row = r.matrix[i]!;
      expect(Object.isFrozen(row)).toBe(true);
      const seen = byNode.get(node);
      if (seen !== undefined && !c.pods.find((p) => p.key === pod)?.hostNetwork) expect(row).toEqual(seen);
      byNode.set(node, row);
    });
    expect(r.entries).toBe(r.entries);
    expect(Object.keys(r)).toEqual(['pods', 'targets', 'matrix', 'entries', 'classes']);
    expect(JSON.stringify(r)).toBe(JSON.stringify(reachabilityReference(c)));
  });
});
