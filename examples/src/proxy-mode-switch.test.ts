// What-if: switching kube-proxy from iptables to ipvs or nftables changes the rules on every node, but not who
// can reach which Service.
import { defineCluster, reachability, render, withProxyMode } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const cluster = defineCluster({
  name: 'modes',
  podCidr: '10.244.0.0/16',
  cni: { plugin: 'flannel-vxlan' },
  proxy: { mode: 'iptables' },
  nodes: [
    { name: 'node01', ip: '192.168.1.11' },
    { name: 'node02', ip: '192.168.1.12' },
  ],
  pods: [
    { name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } },
    { name: 'web-2', namespace: 'default', node: 'node02', labels: { app: 'web' } },
    { name: 'client', namespace: 'tools', node: 'node02', labels: { app: 'client' } },
  ],
  services: [
    { name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    { name: 'empty', namespace: 'default', selector: { app: 'nothing' }, ports: [{ port: 80 }] },
  ],
});

describe('switching kube-proxy to ipvs or nftables', () => {
  const before = reachability(cluster);

  for (const mode of ['ipvs', 'nftables'] as const) {
    it(`${mode}: the reachability matrix stays the same`, () => {
      const after = reachability(withProxyMode(cluster, mode));
      expect(after.pods).toEqual(before.pods);
      expect(after.targets).toEqual(before.targets);
      expect(after.entries.map((e) => [e.from, e.service, e.reachable])).toEqual(
        before.entries.map((e) => [e.from, e.service, e.reachable]),
      );
    });
  }

  it('but the artefacts on the node differ', () => {
    expect(render(cluster, { artefact: 'iptables-save', node: 'node01' })).toContain('KUBE-SVC-');
    expect(render(withProxyMode(cluster, 'nftables'), { artefact: 'nft', node: 'node01' })).toContain(
      'kube-proxy',
    );
    expect(render(withProxyMode(cluster, 'ipvs'), { artefact: 'ipvsadm', node: 'node01' })).toMatch(
      /TCP\s+10\./,
    );
  });

  it('a Service without endpoints is unreachable in every mode', () => {
    for (const c of [cluster, withProxyMode(cluster, 'ipvs'), withProxyMode(cluster, 'nftables')]) {
      const empty = reachability(c).entries.filter((e) => e.service === 'default/empty');
      expect(empty.length).toBeGreaterThan(0);
      expect(empty.every((e) => !e.reachable)).toBe(true);
    }
  });
});
