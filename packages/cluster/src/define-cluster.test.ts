import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { trace } from './trace.ts';

describe('defineCluster: allocation the way Kubernetes does it', () => {
  const c = defineCluster(lessonSpec());

  it('hands out node CIDRs in spec order from the start of the pod CIDR (cidrset AllocateNext)', () => {
    expect(c.nodes.map((n) => n.podCidr)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    const pinned = defineCluster({
      podCidr: '10.244.0.0/16',
      nodes: [
        { name: 'a', ip: '192.168.1.11' },
        { name: 'b', ip: '192.168.1.12', podCidr: '10.244.0.0/24' },
        { name: 'c', ip: '192.168.1.13' },
      ],
    });
    expect(pinned.nodes.map((n) => n.podCidr)).toEqual(['10.244.1.0/24', '10.244.0.0/24', '10.244.2.0/24']);
  });

  it('occupies the service CIDR inside the pod CIDR, also for very fine masks (sparse path)', () => {
    const nodes = [
      { name: 'a', ip: '192.168.1.11' },
      { name: 'b', ip: '192.168.1.12', podCidr: '10.0.0.4/30' },
      { name: 'c', ip: '192.168.1.13' },
    ];
    for (const mask of [28, 30]) {
      const x = defineCluster({ podCidr: '10.0.0.0/8', nodeCidrMaskSize: mask, nodes });
      const expected =
        mask === 30
          ? ['10.0.0.0/30', '10.0.0.4/30', '10.0.0.8/30']
          : ['10.0.0.16/28', '10.0.0.4/30', '10.0.0.32/28'];
      expect(x.nodes.map((n) => n.podCidr)).toEqual(expected);
    }
    const svc = defineCluster({ podCidr: '10.96.0.0/11', serviceCidr: '10.96.0.0/12', nodes });
    expect(svc.nodes.map((n) => n.podCidr)).toEqual(['10.112.0.0/24', '10.0.0.4/30', '10.112.1.0/24']);
  });

  it('gives pods host-local addresses in list order, .1 being the bridge (cni0) gateway', () => {
    expect(c.pods.filter((p) => !p.addon).map((p) => [p.key, p.ip])).toEqual([
      ['default/web-1', '10.244.0.2'],
      ['default/web-2', '10.244.1.2'],
      ['shop/api-1', '10.244.1.3'],
      ['shop/api-2', '10.244.2.2'],
      ['shop/db-0', '10.244.2.3'],
    ]);
    expect(c.nodes[0]?.bridge).toEqual({ name: 'cni0', ip: '10.244.0.1' });
    expect(c.pods[0]?.hostVeth).toMatch(/^veth[0-9a-f]{8}$/);
    const calico = defineCluster(lessonSpec({ cni: { plugin: 'calico-ipip' } }));
    expect(calico.nodes[0]?.bridge).toBeNull();
    expect(calico.pods[0]?.hostVeth).toMatch(/^cali[0-9a-f]{11}$/);
  });

  it('adds default/kubernetes at the first service IP and kube-dns at the 10th, with CoreDNS endpoints', () => {
    const api = c.services.find((s) => s.key === 'default/kubernetes');
    expect(api).toMatchObject({ clusterIp: '10.96.0.1', addon: true });
    expect(api?.ports).toEqual([
      { name: 'https', port: 443, targetPort: 6443, protocol: 'TCP', nodePort: null },
    ]);
    const dns = c.services.find((s) => s.key === 'kube-system/kube-dns');
    expect(dns?.clusterIp).toBe('10.96.0.10');
    expect(dns?.endpoints.map((e) => e.pod)).toEqual(['kube-system/coredns-0', 'kube-system/coredns-1']);
    expect(c.clusterDns).toBe('10.96.0.10');
  });

  it("places the facade's CoreDNS pods by name at the top of their node's range, never by list position", () => {
    // coredns-0 / -1 on the first two nodes by name, each at broadcast − 1 of the node's range (host-local
    // requestedIps, reserved before the spec's pods), so no spec pod moves and appending one moves neither
    expect(c.pods.filter((p) => p.addon).map((p) => [p.key, p.node, p.ip])).toEqual([
      ['kube-system/coredns-0', 'node01', '10.244.0.254'],
      ['kube-system/coredns-1', 'node02', '10.244.1.254'],
    ]);
    const more = defineCluster(
      lessonSpec({ pods: [...(lessonSpec().pods ?? []), { name: 'late', node: 'node01' }] }),
    );
    expect(more.pods.map((p) => [p.key, p.ip])).toEqual([
      ...c.pods.filter((p) => !p.addon).map((p) => [p.key, p.ip]),
      ['default/late', '10.244.0.3'],
      ...c.pods.filter((p) => p.addon).map((p) => [p.key, p.ip]),
    ]);
    // a spec pod pinned at the top address keeps it; CoreDNS takes the next one down
    const pinned = defineCluster(lessonSpec({ pods: [{ name: 'top', node: 'node01', ip: '10.244.0.254' }] }));
    expect(pinned.pods.map((p) => [p.key, p.ip])).toEqual([
      ['default/top', '10.244.0.254'],
      ['kube-system/coredns-0', '10.244.0.253'],
      ['kube-system/coredns-1', '10.244.1.254'],
    ]);
  });

  it('gives every pod of a busy IPv6 node an address (host-local, one by one)', () => {
    const v6 = defineCluster({
      podCidr: 'fd00:10:244::/56',
      serviceCidr: 'fd00:10:96::/112',
      nodes: [{ name: 'n1', ip: 'fd00::11' }],
      pods: Array.from({ length: 12 }, (_, i) => ({ name: `p${i}`, node: 'n1' })),
    });
    expect(v6.pods.map((p) => p.ip)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `fd00:10:244::${(i + 2).toString(16)}`),
      'fd00:10:244:0:ffff:ffff:ffff:ffff',
      'fd00:10:244:0:ffff:ffff:ffff:fffe',
    ]);
  });

  it('groups endpoints by their resolved port set when a targetPort is named (EndpointSlice controller)', () => {
    // pkg/controller/endpointslice: endpoints whose named ports resolve differently go to different slices;
    // a pod without the named port keeps only the numeric one
    const x = defineCluster({
      podCidr: '10.244.0.0/16',
      nodes: [{ name: 'node01', ip: '192.168.1.11' }],
      pods: [
        { name: 'a', node: 'node01', labels: { app: 'x' }, ports: [{ name: 'http', containerPort: 8080 }] },
        { name: 'b', node: 'node01', labels: { app: 'x' }, ports: [{ name: 'http', containerPort: 9090 }] },
        { name: 'c', node: 'node01', labels: { app: 'x' } },
        { name: 'd', node: 'node01', labels: { app: 'x' }, ports: [{ name: 'http', containerPort: 8080 }] },
      ],
      services: [
        {
          name: 'x',
          selector: { app: 'x' },
          ports: [
            { name: 'web', port: 80, targetPort: 'http' },
            { name: 'm', port: 81, targetPort: 7000 },
          ],
        },
      ],
    });
    const slices = x.endpointSlices.filter(
      (e) =>
        (e as { metadata: { labels: Record<string, string> } }).metadata.labels[
          'kubernetes.io/service-name'
        ] === 'x',
    ) as { ports: { name: string; port: number }[]; endpoints: { targetRef: { name: string } }[] }[];
    expect(
      slices.map((sl) => [
        sl.ports.map((p) => `${p.name}=${p.port}`),
        sl.endpoints.map((e) => e.targetRef.name),
      ]),
    ).toEqual([
      [['m=7000'], ['c']],
      [
        ['web=8080', 'm=7000'],
        ['a', 'd'],
      ],
      [['web=9090', 'm=7000'], ['b']],
    ]);
  });

  it('allocates other ClusterIPs from the dynamic band (KEP-3070: above the 256 static addresses of a /12)', () => {
    for (const s of c.services.filter((x) => !x.addon && x.clusterIp !== 'None')) {
      const [a, b, x] = (s.clusterIp ?? '').split('.').map(Number);
      expect(a).toBe(10);
      expect((b ?? 0) >= 96 && (b ?? 0) < 112).toBe(true);
      expect(b === 96 && x === 0).toBe(false);
    }
    expect(c.services.find((s) => s.key === 'shop/db')?.clusterIp).toBe('None');
  });

  it('allocates NodePorts in 30000-32767 and keeps pinned ones', () => {
    const n = defineCluster({
      services: [
        { name: 'a', type: 'NodePort', ports: [{ port: 80 }] },
        { name: 'b', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
        { name: 'e', type: 'ExternalName', externalName: 'example.com' },
      ],
    });
    const a = n.services.find((s) => s.key === 'default/a')?.ports[0]?.nodePort ?? 0;
    expect(a >= 30000 && a <= 32767).toBe(true);
    expect(n.services.find((s) => s.key === 'default/b')?.ports[0]?.nodePort).toBe(30080);
    expect(n.services.find((s) => s.key === 'default/e')).toMatchObject({
      clusterIp: null,
      externalName: 'example.com',
    });
  });

  it('derives EndpointSlices from selectors and ready pods (hostname when subdomain = service)', () => {
    const slices = c.endpointSlices as {
      metadata: { labels: Record<string, string> };
      endpoints: { hostname?: string }[];
    }[];
    const db = slices.find((s) => s.metadata.labels['kubernetes.io/service-name'] === 'db');
    expect(db?.endpoints.map((e) => e.hostname)).toEqual(['db-0']);
    const unready = defineCluster(
      lessonSpec({ pods: [{ name: 'w', node: 'node01', labels: { app: 'web' }, ready: false }] }),
    );
    expect(unready.services.find((s) => s.key === 'default/web')?.endpoints).toEqual([
      { ip: '10.244.0.2', pod: 'default/w', node: 'node01', ready: false },
    ]);
  });

  it('is deeply frozen and deterministic', () => {
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.nodes)).toBe(true);
    expect(Object.isFrozen(c.pods[0]?.labels)).toBe(true);
    expect(Object.isFrozen(c.spec.pods)).toBe(true);
    expect(() => {
      (c.nodes as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(JSON.stringify(defineCluster(lessonSpec()))).toBe(JSON.stringify(c));
  });

  it('models a single-stack IPv6 cluster with the IPv6 defaults', () => {
    const v6 = defineCluster({
      podCidr: 'fd00:10:244::/56',
      nodes: [
        { name: 'a', ip: 'fd00::11' },
        { name: 'b', ip: 'fd00::12' },
      ],
      pods: [
        { name: 'p1', node: 'a', labels: { app: 'x' } },
        { name: 'p2', node: 'b', labels: { app: 'x' } },
      ],
      services: [{ name: 'x', selector: { app: 'x' }, ports: [{ port: 80 }] }],
    });
    expect([v6.serviceCidr, v6.clusterDns, v6.nodeCidrMaskSize]).toEqual([
      'fd00:10:96::/108',
      'fd00:10:96::a',
      64,
    ]);
    expect(v6.nodes.map((n) => n.podCidr)).toEqual(['fd00:10:244::/64', 'fd00:10:244:1::/64']);
    const r = trace(v6, { from: 'default/p1', to: 'default/p2', port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.at(-1)?.detail).toBe('[fd00:10:244:1::2]:80/TCP delivered to default/p2');
  });
});

describe('the facade barrel', () => {
  it('re-exports the composed packages as namespaces', async () => {
    const facade = await import('./index.ts');
    expect(
      facade.cni.safeParseNetConfList('{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"loopback"}]}').ok,
    ).toBe(true);
    expect(facade.ip.formatPrefix(facade.ip.parsePrefix('10.244.0.0/16'))).toBe('10.244.0.0/16');
    expect(typeof facade.routes.nodeRoutes).toBe('function');
    expect(typeof facade.proxy.iptablesRules).toBe('function');
    expect(typeof facade.dns.podResolvConf).toBe('function');
  });
});
