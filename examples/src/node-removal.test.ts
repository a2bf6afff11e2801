// What-if: node02 goes away. Its pods go with it, so they drop out of every Service's endpoints, and a Service
// whose only endpoints lived there stops answering (kube-proxy's "has no endpoints" REJECT).
import { defineCluster, summary, trace, withoutNode } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const cluster = defineCluster({
  name: 'failover',
  podCidr: '10.244.0.0/16',
  cni: { plugin: 'bridge-static' },
  nodes: [
    { name: 'node01', ip: '192.168.1.11' },
    { name: 'node02', ip: '192.168.1.12' },
    { name: 'node03', ip: '192.168.1.13' },
  ],
  pods: [
    { name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } },
    { name: 'web-2', namespace: 'default', node: 'node02', labels: { app: 'web' } },
    { name: 'cache-1', namespace: 'default', node: 'node02', labels: { app: 'cache' } },
    { name: 'client', namespace: 'default', node: 'node03', labels: { app: 'client' } },
  ],
  services: [
    { name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80 }] },
    { name: 'cache', namespace: 'default', selector: { app: 'cache' }, ports: [{ port: 6379 }] },
  ],
});

describe('removing a node', () => {
  const after = withoutNode(cluster, 'node02');
  const endpoints = (c: typeof cluster, key: string): readonly string[] =>
    summary(c).services.find((s) => s.service === key)?.endpoints ?? [];

  it("drops its pods from the Services' endpoints", () => {
    expect(endpoints(cluster, 'default/web')).toHaveLength(2);
    expect(endpoints(after, 'default/web')).toHaveLength(1);
    expect(endpoints(after, 'default/cache')).toHaveLength(0);
  });

  it('spreads traffic over what is left, and rejects where nothing is left', () => {
    const web = trace(after, { from: 'default/client', to: 'web', port: 80 });
    expect(web.disposition).toBe('DELIVERED');
    expect(web.candidates?.map((c) => [c.pod, c.probability])).toEqual([['default/web-1', 1]]);
    const cache = trace(after, { from: 'default/client', to: 'cache', port: 6379 });
    expect(cache.disposition).toBe('REJECTED');
    expect(cache.hops.some((h) => h.detail.includes('default/cache has no endpoints'))).toBe(true);
  });

  it('leaves the original cluster untouched', () => {
    expect(trace(cluster, { from: 'default/client', to: 'cache', port: 6379 }).disposition).toBe('DELIVERED');
  });
});
