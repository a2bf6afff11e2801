import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
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
});
