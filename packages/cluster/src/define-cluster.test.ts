import { describe, expect, it } from 'vitest';
import { defineCluster } from './define-cluster.ts';

const lesson = {
  name: 'lesson',
  podCidr: '10.244.0.0/16',
  nodes: [
    { name: 'node01', ip: '192.168.1.11' },
    { name: 'node02', ip: '192.168.1.12' },
  ],
  pods: [
    { name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } },
    { name: 'web-2', namespace: 'default', node: 'node02', labels: { app: 'web' } },
  ],
  services: [
    { name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  ],
};

describe('defineCluster', () => {
  it('builds', () => {
    const c = defineCluster(lesson);
    expect(c.nodes.map((n) => n.podCidr)).toEqual(['10.244.0.0/24', '10.244.1.0/24']);
    expect(c.pods.filter((p) => !p.addon).map((p) => p.ip)).toEqual(['10.244.0.2', '10.244.1.2']);
    expect(Object.isFrozen(c)).toBe(true);
  });
});
