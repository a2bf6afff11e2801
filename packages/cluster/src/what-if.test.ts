import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { diff } from './diff.ts';
import { render } from './render.ts';
import { trace } from './trace.ts';
import {
  withCni,
  withNode,
  withNodeCidrMaskSize,
  withoutNode,
  withoutPod,
  withoutService,
  withPod,
  withPodCidr,
  withPodReady,
  withProxyMode,
  withService,
  withServiceCidr,
} from './what-if.ts';

const base = defineCluster(lessonSpec());
const ipOf = (c: typeof base, key: string): string | null | undefined =>
  c.pods.find((p) => p.key === key)?.ip;

describe('what-if helpers return a new frozen cluster and leave the original unchanged', () => {
  it('withoutNode drops the node, its pods and their endpoints; others keep their CIDRs and IPs', () => {
    const before = JSON.stringify(base);
    const after = withoutNode(base, 'node02');
    expect(JSON.stringify(base)).toBe(before);
    expect(Object.isFrozen(after)).toBe(true);
    expect(after.nodes.map((n) => [n.name, n.podCidr])).toEqual([
      ['node01', '10.244.0.0/24'],
      ['node03', '10.244.2.0/24'],
    ]);
    expect(after.pods.some((p) => p.node === 'node02')).toBe(false);
    expect(ipOf(after, 'shop/api-2')).toBe(ipOf(base, 'shop/api-2'));
    expect(after.services.find((s) => s.key === 'default/web')?.endpoints.map((e) => e.pod)).toEqual([
      'default/web-1',
    ]);
    expect(render(after, { node: 'node01', artefact: 'ip-route' })).not.toContain('10.244.1.0/24');
    expect(() => withoutNode(base, 'ghost')).toThrow(expect.objectContaining({ code: 'UNKNOWN_NODE' }));
  });

  it('withNode hands the next free pod CIDR to the new node', () => {
    const after = withNode(base, { name: 'node04', ip: '192.168.1.14' });
    expect(after.nodes.at(-1)).toMatchObject({ name: 'node04', podCidr: '10.244.3.0/24' });
    const gap = withNode(withoutNode(base, 'node02'), { name: 'node04', ip: '192.168.1.14' });
    expect(gap.nodes.at(-1)?.podCidr).toBe('10.244.1.0/24');
    expect(() => withNode(base, { name: 'node01', ip: '192.168.1.20' })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_NAME' }),
    );
    expect(() => withNode(base, { name: 'x', ip: '1.2.3' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', path: ['ip'] }),
    );
  });

  it('withPod appends a pod without renumbering the others (host-local round robin)', () => {
    const after = withPod(base, { name: 'web-3', node: 'node01', labels: { app: 'web' } });
    for (const p of base.pods) expect(ipOf(after, p.key)).toBe(p.ip);
    expect(ipOf(after, 'default/web-3')).toBe('10.244.0.3');
    // the facade's CoreDNS pod on node01 stays at the top of the node's range
    expect(ipOf(after, 'kube-system/coredns-0')).toBe('10.244.0.254');
    expect(after.services.find((s) => s.key === 'default/web')?.endpoints).toHaveLength(3);
    const r = trace(after, { from: 'shop/api-1', to: 'web.default', port: 80 });
    expect(r.candidates?.map((c) => c.probability)).toEqual(
      [1 / 3, 1 / 3, 1 / 3].map((p) => expect.closeTo(p, 5)),
    );
  });

  it('withoutPod / withPodReady take the pod out of its Service', () => {
    expect(
      withoutPod(base, 'default/web-1').services.find((s) => s.key === 'default/web')?.endpoints,
    ).toHaveLength(1);
    const unready = withPodReady(base, 'default/web-1', false);
    const eps = unready.services.find((s) => s.key === 'default/web')?.endpoints;
    expect(eps?.filter((e) => e.ready).map((e) => e.pod)).toEqual(['default/web-2']);
  });

  it('withService / withoutService', () => {
    const added = withService(base, {
      name: 'web2',
      selector: { app: 'web' },
      ports: [{ port: 81, targetPort: 8080 }],
    });
    const svc = added.services.find((s) => s.key === 'default/web2');
    expect(svc?.endpoints).toHaveLength(2);
    for (const s of base.services)
      expect(added.services.find((x) => x.key === s.key)?.clusterIp).toBe(s.clusterIp);
    expect(withoutService(added, 'default/web2').services.some((s) => s.key === 'default/web2')).toBe(false);
  });

  it('refuses unknown targets and bad values with codes', () => {
    expect(() => withoutPod(base, 'nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_POD' }));
    expect(() => withPodReady(base, 'x/y', true)).toThrow(expect.objectContaining({ code: 'UNKNOWN_POD' }));
    expect(() => withoutService(base, 'x/y')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SERVICE' }));
    expect(() => withCni(base, 'cilium' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
    expect(() => withPod(base, { name: 'web-1' })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_NAME' }),
    );
    expect(() => withService(base, { name: 'web', ports: [{ port: 80 }] })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_NAME' }),
    );
    expect(() => withNodeCidrMaskSize(base, 8)).toThrow(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(withCni(base, { plugin: 'calico-vxlan', mtu: 1400 }).cni).toEqual({
      plugin: 'calico-vxlan',
      mtu: 1400,
    });
  });

  it('withCni and withProxyMode keep every allocation', () => {
    const vx = withCni(base, 'flannel-vxlan');
    expect(vx.cni).toEqual({ plugin: 'flannel-vxlan', mtu: 1450 });
    expect(vx.pods.map((p) => p.ip)).toEqual(base.pods.map((p) => p.ip));
    expect(render(vx, { node: 'node01', artefact: 'ip-route' })).toContain(
      '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
    );
    const ipvs = withProxyMode(base, 'ipvs');
    expect(ipvs.proxy.mode).toBe('ipvs');
    expect(() => withProxyMode(base, 'userspace' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_VALUE' }),
    );
  });

  it('withPodCidr / withNodeCidrMaskSize / withServiceCidr reallocate what depends on the range', () => {
    const p = withPodCidr(base, '10.200.0.0/16');
    expect(p.nodes.map((n) => n.podCidr)).toEqual(['10.200.0.0/24', '10.200.1.0/24', '10.200.2.0/24']);
    expect(ipOf(p, 'default/web-1')).toBe('10.200.0.2');
    expect(withNodeCidrMaskSize(base, 26).nodes[1]?.podCidr).toBe('10.244.0.64/26');
    const s = withServiceCidr(base, '10.100.0.0/16');
    expect(s.clusterDns).toBe('10.100.0.10');
    expect(s.services.find((x) => x.key === 'default/kubernetes')?.clusterIp).toBe('10.100.0.1');
    expect(s.services.find((x) => x.key === 'shop/db')?.clusterIp).toBe('None');
    expect(
      s.services.every(
        (x) => x.clusterIp === null || x.clusterIp === 'None' || x.clusterIp.startsWith('10.100.'),
      ),
    ).toBe(true);
    expect(() => withPodCidr(base, 'bad')).toThrow(expect.objectContaining({ code: 'INVALID_PREFIX' }));
  });
});

describe('diff', () => {
  it('is empty for equal clusters', () => {
    expect(diff(base, base)).toEqual([]);
    expect(diff(base, defineCluster(lessonSpec()))).toEqual([]);
  });

  it('removing a node: what changed in IPs, routes, rules, records and reachability', () => {
    const d = diff(base, withoutNode(base, 'node02'));
    expect(d).toContainEqual({
      kind: 'node',
      change: 'removed',
      key: 'node02',
      before: '192.168.1.12 10.244.1.0/24',
    });
    expect(d).toContainEqual({
      kind: 'pod',
      change: 'removed',
      key: 'default/web-2',
      before: '10.244.1.2 on node02',
    });
    expect(d).toContainEqual({
      kind: 'route',
      change: 'removed',
      key: '10.244.1.0/24 via 192.168.1.12 dev eth0',
      node: 'node01',
    });
    expect(d.some((x) => x.kind === 'rule' && x.node === 'node01' && x.key.includes('10.244.1.2:8080'))).toBe(
      true,
    );
    expect(d.some((x) => x.kind === 'record' && x.change === 'removed')).toBe(true);
    expect(d).toContainEqual({
      kind: 'endpoints',
      change: 'changed',
      key: 'default/web',
      before: '10.244.0.2,10.244.1.2',
      after: '10.244.0.2',
    });
    const kinds = [...new Set(d.map((x) => x.kind))];
    expect(kinds).toEqual(['node', 'pod', 'endpoints', 'route', 'rule', 'record', 'reachability']);
  });

  it('switching kube-proxy to ipvs changes no reachability', () => {
    const d = diff(base, withProxyMode(base, 'ipvs'));
    expect(d).toEqual([
      { kind: 'setting', change: 'changed', key: 'proxy.mode', before: 'iptables', after: 'ipvs' },
    ]);
  });
});
