// What-if: the Service CIDR overlaps the pod CIDR. The apiserver and kube-controller-manager accept it (they do
// not cross-check), so a real cluster comes up — and ClusterIPs can collide with pod IPs. lint catches it.
import { defineCluster, lint } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const spec = {
  name: 'overlap',
  podCidr: '10.0.0.0/16',
  serviceCidr: '10.0.128.0/20',
  cni: { plugin: 'bridge-static' },
  nodes: [{ name: 'node01', ip: '192.168.1.11' }],
  services: [{ name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80 }] }],
} as const;

describe('a Service CIDR overlapping the pod CIDR', () => {
  it('is accepted, as a real cluster accepts it', () => {
    expect(() => defineCluster(spec)).not.toThrow();
  });

  it('is reported by lint as an error naming both ranges', () => {
    const findings = lint(defineCluster(spec)).filter((f) => f.severity === 'error');
    const overlap = findings.find(
      (f) => f.message.includes('10.0.0.0/16') && f.message.includes('10.0.128.0/20'),
    );
    expect(overlap).toBeDefined();
  });

  it('and disappears when the ranges are apart', () => {
    const fixed = lint(defineCluster({ ...spec, serviceCidr: '10.96.0.0/12' }));
    expect(fixed.some((f) => f.message.includes('10.96.0.0/12') && f.severity === 'error')).toBe(false);
  });
});
