import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import type { CniPlugin, ProxyMode } from './cluster-spec.ts';
import { defineCluster } from './define-cluster.ts';
import { trace } from './trace.ts';

const kinds = (r: ReturnType<typeof trace>): string[] => r.hops.map((h) => h.kind);

describe('trace: the classic lessons end to end', () => {
  it('pods on the same node talk over the bridge (no node route, no NAT)', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'shop/api-2', to: 'shop/db-0', port: 5432 });
    expect(r.disposition).toBe('DELIVERED');
    expect(kinds(r)).toEqual(['route', 'veth', 'bridge', 'bridge', 'veth', 'deliver']);
    expect(r.hops[0]?.detail).toBe('10.244.2.0/24 dev eth0 proto kernel scope link src 10.244.2.2');
    expect(r.hops.every((h) => h.node === 'node03')).toBe(true);
    expect(r.hops.at(-1)?.pod).toBe('shop/db-0');
  });

  it('pods on different nodes: a route on every node to every other pod CIDR (bridge-static)', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'default/web-1', to: 'default/web-2', port: 8080 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.map((h) => [h.node, h.kind, h.detail])).toContainEqual([
      'node01',
      'route',
      '10.244.1.0/24 via 192.168.1.12 dev eth0',
    ]);
    expect(r.hops.map((h) => [h.node, h.kind, h.detail])).toContainEqual([
      'node02',
      'route',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
    ]);
    expect(r.hops.at(-1)).toMatchObject({ node: 'node02', kind: 'deliver', pod: 'default/web-2' });
  });

  it('pods on different nodes through one central router (bridge-gateway, "the better way")', () => {
    const c = defineCluster(lessonSpec({ cni: { plugin: 'bridge-gateway' } }));
    expect(c.router).toEqual({ name: 'router', ip: '192.168.1.1' });
    const r = trace(c, { from: 'default/web-1', to: 'default/web-2', port: 8080 });
    expect(r.disposition).toBe('DELIVERED');
    const nodes = [...new Set(r.hops.map((h) => h.node))];
    expect(nodes).toEqual(['node01', 'router', 'node02']);
    expect(r.hops.find((h) => h.node === 'node01' && h.kind === 'route' && !h.pod)?.detail).toBe(
      'default via 192.168.1.1 dev eth0',
    );
    expect(r.hops.find((h) => h.node === 'router' && h.kind === 'route')?.detail).toBe(
      '10.244.1.0/24 via 192.168.1.12 dev eth0',
    );
  });

  it.each<[CniPlugin, string]>([
    ['flannel-vxlan', 'vxlan (flannel.1, VNI 1, UDP 8472): outer 192.168.1.11 → 192.168.1.12'],
    ['calico-ipip', 'ipip (tunl0, IP protocol 4): outer 192.168.1.11 → 192.168.1.12'],
    ['calico-vxlan', 'vxlan (vxlan.calico, VNI 4096, UDP 4789): outer 192.168.1.11 → 192.168.1.12'],
    ['weave', 'weave fast datapath (vxlan, UDP 6784): outer 192.168.1.11 → 192.168.1.12'],
  ])('overlay %s names the encapsulation', (plugin, encap) => {
    const c = defineCluster(
      lessonSpec({ cni: { plugin }, podCidr: plugin === 'weave' ? '10.32.0.0/12' : '10.244.0.0/16' }),
    );
    const r = trace(c, { from: 'default/web-1', to: 'default/web-2', port: 8080 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.find((h) => h.kind === 'encap')?.detail).toBe(encap);
    expect(r.hops.at(-1)?.pod).toBe('default/web-2');
  });

  // flannel pkg/backend/vxlan/vxlan.go names the IPv6 device fmt.Sprintf("flannel-v6.%v", cfg.VNI).
  it('names the flannel-v6.<VNI> vxlan device of a single-stack IPv6 cluster', () => {
    const v6 = defineCluster({
      podCidr: 'fd00:10:244::/56',
      cni: { plugin: 'flannel-vxlan' },
      nodes: [
        { name: 'a', ip: 'fd00::11' },
        { name: 'b', ip: 'fd00::12' },
      ],
      pods: [
        { name: 'p1', node: 'a' },
        { name: 'p2', node: 'b' },
      ],
    });
    const r = trace(v6, { from: 'default/p1', to: 'default/p2', port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.find((h) => h.kind === 'encap')?.detail).toBe(
      'vxlan (flannel-v6.1, VNI 1, UDP 8472): outer fd00::11 → fd00::12',
    );
  });

  it.each<ProxyMode>(['iptables', 'ipvs', 'nftables'])('a Service through kube-proxy in %s mode', (mode) => {
    const c = defineCluster(lessonSpec({ proxy: { mode } }));
    const svc = c.services.find((s) => s.key === 'default/web')!;
    const r = trace(c, { from: 'shop/api-1', to: svc.clusterIp!, port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.candidates).toEqual([
      { pod: 'default/web-1', probability: 0.5 },
      { pod: 'default/web-2', probability: 0.5 },
    ]);
    expect(r.candidates?.map((c) => [c.endpoint, c.node])).toEqual([
      ['10.244.0.2:8080', 'node01'],
      ['10.244.1.2:8080', 'node02'],
    ]);
    expect(r.hops.filter((h) => h.kind === 'nat')).toHaveLength(1);
    if (mode === 'iptables') {
      // kube-proxy's chain for default/web port "" TCP (pkg/proxy/iptables servicePortChainName)
      expect(r.hops.find((h) => h.kind === 'nat')?.detail).toContain('-j KUBE-SVC-');
    }
    expect(r.hops.at(-1)).toMatchObject({ kind: 'deliver', pod: 'default/web-1' });
    const empty = trace(c, { from: 'shop/api-1', to: 'empty.default', port: 80 });
    expect(empty.disposition).toBe('REJECTED');
    expect(empty.hops.at(-1)?.kind).toBe('filter');
    const other = trace(c, { from: 'shop/api-1', to: svc.clusterIp!, port: 80, endpoint: 'default/web-2' });
    expect(other.hops.at(-1)).toMatchObject({ kind: 'deliver', pod: 'default/web-2' });
  });

  it('DNS from a pod in another namespace: search expansion, then the ClusterIP, then kube-proxy', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'shop/api-1', to: 'web.default', port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    const dns = r.hops.filter((h) => h.kind === 'dns');
    expect(dns[0]?.detail).toBe('web.default.shop.svc.cluster.local. A → NXDOMAIN (nameserver 10.96.0.10)');
    const ip = c.services.find((s) => s.key === 'default/web')?.clusterIp;
    expect(dns[1]?.detail).toBe(`web.default.svc.cluster.local. 30 IN A ${ip}`);
    expect(r.destination).toEqual({ ip, port: 80, protocol: 'TCP' });
    expect(r.hops.at(-1)?.pod).toMatch(/^default\/web-/);
  });

  it('a Service without endpoints is REJECTED by kube-proxy\'s "has no endpoints" rule', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'default/web-1', to: 'empty.default.svc.cluster.local', port: 80 });
    expect(r.disposition).toBe('REJECTED');
    expect(r.hops.at(-1)?.kind).toBe('filter');
    expect(r.hops.at(-1)?.detail).toContain('"default/empty has no endpoints"');
    expect(r.hops.at(-1)?.detail).toContain('-j REJECT');
  });

  it('a bare pod name is a pod unless a Service of that name exists in the source namespace', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'web-1', to: 'web-2' });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.at(-1)?.pod).toBe('default/web-2');
    expect(trace(c, { from: 'default/web-1', to: 'web', port: 80 }).hops[0]?.kind).toBe('dns');
  });

  it('an unknown name is NXDOMAIN after every search domain', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'default/web-1', to: 'nope' });
    expect(r.disposition).toBe('NXDOMAIN');
    expect(r.hops.map((h) => h.detail.split(' ')[0])).toEqual([
      'nope.default.svc.cluster.local.',
      'nope.svc.cluster.local.',
      'nope.cluster.local.',
      'nope.',
    ]);
  });

  it('a headless Service resolves to its pods directly (no NAT)', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'default/web-1', to: 'db-0.db.shop:5432' });
    expect(r.disposition).toBe('DELIVERED');
    expect(kinds(r)).not.toContain('nat');
    expect(r.hops.at(-1)?.pod).toBe('shop/db-0');
  });

  it('the kubernetes Service reaches the apiserver on the control-plane node', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'shop/api-1', to: 'kubernetes.default', port: 443 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.candidates).toEqual([{ pod: null, probability: 1 }]);
    expect(r.candidates?.[0]?.endpoint).toBe('192.168.1.11:6443');
    expect(r.hops.at(-1)).toMatchObject({ node: 'node01', kind: 'deliver' });
  });

  it('from a node, to a pod on another node', () => {
    const c = defineCluster(lessonSpec());
    const r = trace(c, { from: 'node03', to: 'default/web-1' });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops[0]).toMatchObject({
      node: 'node03',
      kind: 'route',
      detail: '10.244.0.0/24 via 192.168.1.11 dev eth0',
    });
  });

  it('NO_ROUTE without a route, DROPPED for an unused pod address', () => {
    const c = defineCluster(lessonSpec());
    expect(trace(c, { from: 'default/web-1', to: '172.16.0.1' }).disposition).toBe('NO_ROUTE');
    const dropped = trace(c, { from: 'default/web-1', to: '10.244.1.200' });
    expect(dropped.disposition).toBe('DROPPED');
    expect(dropped.hops.at(-1)?.detail).toContain('no pod holds 10.244.1.200');
  });

  it('a pod on a node without a pod CIDR has no source IP', () => {
    const c = defineCluster(lessonSpec({ podCidr: '10.244.0.0/23' }));
    expect(c.nodes.map((n) => n.podCidr)).toEqual(['10.244.0.0/24', '10.244.1.0/24', null]);
    expect(trace(c, { from: 'shop/api-2', to: 'default/web-1' }).disposition).toBe('NO_SOURCE_IP');
    expect(trace(c, { from: 'default/web-1', to: 'shop/api-2' }).disposition).toBe('NO_ROUTE');
  });

  it('refuses bad requests with coded errors', () => {
    const c = defineCluster(lessonSpec());
    expect(() => trace(c, { from: 'default/ghost', to: 'web' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_SOURCE' }),
    );
    expect(() => trace(c, { from: 'default/web-1', to: 'x/y' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TARGET' }),
    );
    expect(() => trace(c, null as never)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(
      trace(c, { from: 'default/web-1', to: 'default/web-2', protocol: 'udp' as never, port: '53' as never })
        .destination,
    ).toEqual({
      ip: '10.244.1.2',
      port: 53,
      protocol: 'UDP',
    });
    expect(() => trace(c, { from: 'default/web-1', to: 'web', port: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST', path: ['port'] }),
    );
    expect(() => trace({} as never, { from: 'a', to: 'b' })).toThrow(
      expect.objectContaining({ code: 'NOT_A_CLUSTER' }),
    );
  });

  it('returns a frozen, deterministic result', () => {
    const c = defineCluster(lessonSpec());
    const a = trace(c, { from: 'shop/api-1', to: 'web.default', port: 80 });
    const b = trace(defineCluster(lessonSpec()), { from: 'shop/api-1', to: 'web.default', port: 80 });
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.hops[0])).toBe(true);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  describe('NodePort, ExternalName and host-network pods', () => {
    const spec = lessonSpec();
    const c = defineCluster({
      ...spec,
      pods: [
        ...(spec.pods ?? []),
        {
          name: 'agent',
          namespace: 'kube-system',
          node: 'node02',
          hostNetwork: true,
          labels: { app: 'agent' },
        },
      ],
      services: [
        ...(spec.services ?? []),
        {
          name: 'np',
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
        },
        { name: 'ext', type: 'ExternalName', externalName: 'example.com' },
        { name: 'agent', namespace: 'kube-system', selector: { app: 'agent' }, ports: [{ port: 9100 }] },
      ],
    });

    it('NodePort traffic from another node is DNATed where it arrives (KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC)', () => {
      const r = trace(c, { from: 'node01', to: '192.168.1.12', port: 30080 });
      expect(r.disposition).toBe('DELIVERED');
      const nat = r.hops.find((h) => h.kind === 'nat');
      expect(nat?.node).toBe('node02');
      expect(nat?.detail).toMatch(/^-A KUBE-NODEPORTS .*--dport 30080 -j KUBE-EXT-/);
      expect(nat?.detail).toContain('-j KUBE-SVC-');
      expect(nat?.detail).toContain('masquerade');
    });

    it('an ExternalName Service is a CNAME resolved outside the cluster', () => {
      const r = trace(c, { from: 'default/web-1', to: 'ext' });
      expect(r.disposition).toBe('EXITS_NETWORK');
      expect(r.hops[0]?.detail).toBe('ext.default.svc.cluster.local. 30 IN CNAME example.com.');
    });

    it('a host-network endpoint is delivered to its node, naming the pod', () => {
      const r = trace(c, { from: 'default/web-1', to: 'agent.kube-system', port: 9100 });
      expect(r.disposition).toBe('DELIVERED');
      expect(r.candidates).toEqual([{ pod: 'kube-system/agent', probability: 1 }]);
      expect(r.hops.at(-1)).toMatchObject({ node: 'node02', kind: 'deliver', pod: 'kube-system/agent' });
    });

    it("a host-network pod with ClusterFirst gets the node's resolver (kubelet falls back to Default)", () => {
      expect(trace(c, { from: 'kube-system/agent', to: 'web.default', port: 80 }).disposition).toBe(
        'NXDOMAIN',
      );
      const r = trace(c, {
        from: 'kube-system/agent',
        to: c.services.find((s) => s.key === 'default/web')!.clusterIp!,
        port: 80,
      });
      expect(r.disposition).toBe('DELIVERED');
      expect(r.hops[0]?.node).toBe('node02');
    });
  });
});

describe('trace from a client outside the cluster', () => {
  const spec = lessonSpec();
  const c = defineCluster({
    ...spec,
    services: [
      ...(spec.services ?? []),
      {
        name: 'lb',
        type: 'LoadBalancer',
        selector: { app: 'web' },
        loadBalancerIps: ['192.168.1.200'],
        ports: [{ port: 80, targetPort: 8080, nodePort: 30081 }],
      },
    ],
  });

  it('reaches a NodePort on a node address (DNAT on arrival, masqueraded)', () => {
    const r = trace(c, { from: '192.168.1.50', to: '192.168.1.13', port: 30081 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops[0]).toEqual({
      node: '192.168.1.50',
      kind: 'underlay',
      detail: 'client 192.168.1.50 → node03 (192.168.1.13) via the LAN',
    });
    expect(r.hops.find((h) => h.kind === 'nat')).toMatchObject({ node: 'node03' });
    expect(r.hops.at(-1)?.pod).toMatch(/^default\/web-/);
  });

  it('reaches a load-balancer IP through a node', () => {
    const r = trace(c, { from: '192.168.1.50', to: '192.168.1.200', port: 80 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops.find((h) => h.kind === 'nat')?.detail).toContain('KUBE-');
  });

  it('cannot reach pod IPs without a router that knows them', () => {
    expect(trace(c, { from: '192.168.1.50', to: '10.244.0.2' }).disposition).toBe('NO_ROUTE');
    const g = defineCluster(lessonSpec({ cni: { plugin: 'bridge-gateway' } }));
    const r = trace(g, { from: '192.168.1.50', to: '10.244.1.2', port: 8080 });
    expect(r.disposition).toBe('DELIVERED');
    expect(r.hops[0]?.detail).toBe('client 192.168.1.50 → router (192.168.1.1) via the LAN');
    expect(() => trace(c, { from: '192.168.1.50', to: 'web.default' })).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});

describe("the guide's example (docs/cluster.md)", () => {
  it('prints the same hops as the guide shows', () => {
    const r = trace(defineCluster(lessonSpec()), { from: 'shop/api-1', to: 'web.default', port: 80 });
    expect(r.hops.map((h) => `${h.node} ${h.kind} ${h.detail.split('\n')[0]}`)).toEqual([
      'node02 dns web.default.shop.svc.cluster.local. A → NXDOMAIN (nameserver 10.96.0.10)',
      'node02 dns web.default.svc.cluster.local. 30 IN A 10.106.175.246',
      'node02 route default via 10.244.1.1 dev eth0',
      'node02 veth shop/api-1 eth0 (10.244.1.3) → veth4febff90 on node02',
      'node02 bridge veth4febff90 → cni0 (10.244.1.1)',
      'node02 nat -A KUBE-SERVICES -m comment --comment "default/web cluster IP" -m tcp -p tcp -d 10.106.175.246 --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
      'node02 route 10.244.0.0/24 via 192.168.1.11 dev eth0',
      'node02 underlay 192.168.1.12 → node01 (192.168.1.11) via eth0',
      'node01 route 10.244.0.0/24 dev cni0 proto kernel scope link src 10.244.0.1',
      'node01 bridge cni0 → veth86bbd2e9',
      'node01 veth veth86bbd2e9 → default/web-1 eth0 (10.244.0.2)',
      'node01 deliver 10.244.0.2:8080/TCP delivered to default/web-1',
    ]);
  });
});

describe("a Service with more endpoints than kube-proxy's large-cluster threshold (1,000)", () => {
  const c = defineCluster({
    podCidr: '10.244.0.0/16',
    nodeCidrMaskSize: 22,
    nodes: [
      { name: 'node01', ip: '192.168.1.11' },
      { name: 'node02', ip: '192.168.1.12' },
    ],
    pods: Array.from({ length: 1200 }, (_, i) => ({
      name: `big-${i}`,
      node: i % 2 === 0 ? 'node01' : 'node02',
      labels: { app: 'big' },
    })),
    services: [{ name: 'big', selector: { app: 'big' }, ports: [{ port: 80, targetPort: 8080 }] }],
  });

  it('every endpoint is a candidate with its probability; repeated traces give equal, frozen results', () => {
    const a = trace(c, { from: 'default/big-0', to: 'big', port: 80 });
    const b = trace(c, { from: 'default/big-0', to: 'big', port: 80 });
    expect(a.disposition).toBe('DELIVERED');
    expect(a.candidates).toHaveLength(1200);
    expect(a.candidates?.reduce((sum, x) => sum + x.probability, 0)).toBeCloseTo(1, 6);
    expect(new Set(a.candidates?.map((x) => x.pod)).size).toBe(1200);
    expect(b).toEqual(a);
    expect(Object.isFrozen(a.candidates)).toBe(true);
    expect(a.hops.at(-1)?.pod).toBe(a.candidates?.[0]?.pod);
  });
});

describe('overlay peers found by pod CIDR of any size', () => {
  it('flannel-vxlan reaches nodes whose pinned pod CIDRs differ in length (VTEP address in the peer CIDR)', () => {
    const c = defineCluster({
      podCidr: '10.244.0.0/16',
      cni: { plugin: 'flannel-vxlan' },
      nodes: [
        { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.0.0/24' },
        { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/23' },
        { name: 'node03', ip: '192.168.1.13', podCidr: '10.244.1.0/24' },
      ],
      pods: [
        { name: 'a', node: 'node01' },
        { name: 'b', node: 'node02' },
        { name: 'c', node: 'node03' },
      ],
    });
    for (const [to, node, outer] of [
      ['default/b', 'node02', '192.168.1.12'],
      ['default/c', 'node03', '192.168.1.13'],
    ] as const) {
      const r = trace(c, { from: 'default/a', to, port: 80 });
      expect(r.disposition).toBe('DELIVERED');
      expect(r.hops.find((h) => h.kind === 'encap')?.detail).toBe(
        `vxlan (flannel.1, VNI 1, UDP 8472): outer 192.168.1.11 → ${outer}`,
      );
      expect(r.hops.at(-1)).toMatchObject({ node, pod: to });
    }
  });
});
