import { formatAddr, parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { formatIpRoute } from './format-ip-route.ts';
import { NETWORK_MODES } from './network-mode.ts';
import { nodeInterfaces, nodeRoutes } from './node-routes.ts';
import { parseIpRoute } from './parse-ip-route.ts';
import { selectRoute } from './select-route.ts';

// The CKA "Pod Networking" lesson's three nodes (reference note §5a).
const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
  { name: 'node03', ip: '192.168.1.13', podCidr: '10.244.3.0/24' },
];
const show = (text: string[]): string => `${text.join('\n')}\n`;

describe('nodeRoutes', () => {
  it('bridge-static: a route on every node to every other node pod CIDR via that node', () => {
    // containernetworking/plugins bridge: the bridge gets gateway/prefix, so the kernel adds the
    // `proto kernel scope link` route; `ip route add 10.244.2.0/24 via 192.168.1.12` adds the rest.
    expect(formatIpRoute(nodeRoutes('bridge-static', nodes, 'node02'))).toBe(
      show([
        '10.244.1.0/24 via 192.168.1.11 dev eth0',
        '10.244.2.0/24 dev cni0 proto kernel scope link src 10.244.2.1',
        '10.244.3.0/24 via 192.168.1.13 dev eth0',
      ]),
    );
  });

  it('bridge-gateway: nodes hold their bridge route and a default to the router; the router holds all', () => {
    expect(formatIpRoute(nodeRoutes('bridge-gateway', nodes, 'node01'))).toBe(
      show([
        'default via 192.168.1.1 dev eth0',
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      ]),
    );
    expect(formatIpRoute(nodeRoutes('bridge-gateway', nodes, 'router'))).toBe(
      show([
        '10.244.1.0/24 via 192.168.1.11 dev eth0',
        '10.244.2.0/24 via 192.168.1.12 dev eth0',
        '10.244.3.0/24 via 192.168.1.13 dev eth0',
      ]),
    );
    const viaRouter = nodeRoutes('bridge-gateway', nodes, 'node01', { router: { ip: '192.168.1.254' } });
    expect(formatIpRoute(viaRouter)).toContain('default via 192.168.1.254 dev eth0\n');
  });

  it('flannel-host-gw: Dst=lease.Subnet Gw=lease.PublicIP on the external interface', () => {
    // flannel-io/flannel pkg/backend/hostgw/hostgw.go GetRoute: {Dst, Gw, LinkIndex} — no
    // protocol, scope or flags, so `ip route` shows `SUBNET via PUBLIC_IP dev eth0`.
    const routes = nodeRoutes('flannel-host-gw', nodes, 'node01', { uplink: 'ens3' });
    expect(formatIpRoute(routes)).toBe(
      show([
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
        '10.244.2.0/24 via 192.168.1.12 dev ens3',
        '10.244.3.0/24 via 192.168.1.13 dev ens3',
      ]),
    );
  });

  it('flannel-vxlan: SUBNET via SUBNET.IP dev flannel.1 onlink', () => {
    // flannel-io/flannel pkg/backend/vxlan/vxlan_network.go: vxlanRoute{LinkIndex: flannel.<VNI>,
    // Scope: UNIVERSE, Dst: sn, Gw: sn.IP} with RTNH_F_ONLINK.
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node03'))).toBe(
      show([
        '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
        '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
        '10.244.3.0/24 dev cni0 proto kernel scope link src 10.244.3.1',
      ]),
    );
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node03', { vni: 4096 }))).toContain(
      'dev flannel.4096 onlink',
    );
  });

  it('weave: one connected route for the whole pod range on the weave bridge', () => {
    const weaveNodes = nodes.map(({ name, ip }) => ({ name, ip }));
    const routes = nodeRoutes('weave', weaveNodes, 'node01');
    expect(formatIpRoute(routes)).toBe(
      show(['10.32.0.0/12 dev weave proto kernel scope link src 10.32.0.1']),
    );
    const second = nodeRoutes('weave', weaveNodes, 'node02', { podRange: '10.40.0.0/16' });
    expect(formatIpRoute(second)).toContain(
      '10.40.0.0/16 dev weave proto kernel scope link src 10.40.64.0\n',
    );
  });

  it('calico-ipip: blackhole for the own block and BIRD routes via tunl0 onlink', () => {
    // projectcalico/calico confd: IPIP pools get `krt_tunnel = "tunl0"` in BIRD's kernel export
    // filter (so BIRD programs `proto bird onlink` routes on tunl0); the node's affine blocks are
    // BIRD static blackhole routes.
    const blocks = nodes.map((n, i) => ({ ...n, podCidr: `192.168.${100 + i}.0/26` }));
    const hosts = blocks.map((n, i) => ({ ...n, ip: `10.0.0.${11 + i}` }));
    expect(
      formatIpRoute(
        nodeRoutes('calico-ipip', hosts, 'node01', {
          workloads: [{ ip: '192.168.100.5', dev: 'cali12345678901' }],
        }),
      ),
    ).toBe(
      show([
        'blackhole 192.168.100.0/26 proto bird',
        '192.168.100.5 dev cali12345678901 scope link',
        '192.168.101.0/26 via 10.0.0.12 dev tunl0 proto bird onlink',
        '192.168.102.0/26 via 10.0.0.13 dev tunl0 proto bird onlink',
      ]),
    );
  });

  it('calico: route MTUs on request (newer Felix sets routetable.Target.MTU)', () => {
    expect(formatIpRoute(nodeRoutes('calico-vxlan', nodes, 'node02', { routeMtu: true }))).toContain(
      '10.244.1.0/24 via 10.244.1.0 dev vxlan.calico onlink mtu 1450\n',
    );
    expect(formatIpRoute(nodeRoutes('calico-ipip', nodes, 'node02', { routeMtu: 8980 }))).toContain(
      '10.244.1.0/24 via 192.168.1.11 dev tunl0 proto bird onlink mtu 8980\n',
    );
    expect(() => nodeRoutes('calico-ipip', nodes, 'node02', { routeMtu: 10 })).toThrow(/routeMtu/);
  });

  it('calico-vxlan: Felix blackholes (protocol 80) and VTEP routes via vxlan.calico onlink', () => {
    // projectcalico/calico felix/dataplane/linux/vxlan_mgr.go: defaultVXLANProto = 80; VXLAN
    // targets {CIDR, GW: remote VTEP address}; routetable sets onlink for VXLAN targets.
    expect(formatIpRoute(nodeRoutes('calico-vxlan', nodes, 'node02'))).toBe(
      show([
        '10.244.1.0/24 via 10.244.1.0 dev vxlan.calico onlink',
        'blackhole 10.244.2.0/24 proto 80',
        '10.244.3.0/24 via 10.244.3.0 dev vxlan.calico onlink',
      ]),
    );
  });

  it('selects the right route for a remote pod in every mode', () => {
    const want: Record<string, string> = {
      'bridge-static': 'eth0',
      'bridge-gateway': 'eth0',
      'flannel-host-gw': 'eth0',
      'flannel-vxlan': 'flannel.1',
      weave: 'weave',
      'calico-ipip': 'tunl0',
      'calico-vxlan': 'vxlan.calico',
    };
    for (const mode of NETWORK_MODES) {
      const routes = nodeRoutes(mode, nodes, 'node01', mode === 'weave' ? { podRange: '10.244.0.0/16' } : {});
      expect(selectRoute(routes, '10.244.2.9')?.dev, mode).toBe(want[mode]);
      // the output is itself valid `ip route` text
      expect(parseIpRoute(formatIpRoute(routes))).toEqual(routes);
    }
  });

  it('adds the uplink connected route on request, as a real node shows it', () => {
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node01', { uplinkRoute: true }))).toBe(
      show([
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
        '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
        '10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink',
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
      ]),
    );
    expect(
      formatIpRoute(nodeRoutes('bridge-gateway', nodes, 'router', { uplinkRoute: true, nodeSubnet: 16 })),
    ).toContain('192.168.0.0/16 dev eth0 proto kernel scope link src 192.168.0.1\n');
  });

  it('weave: derives the range from the nodes — one shared CIDR, or their cover widened to /16', () => {
    const same = nodes.map((n) => ({ ...n, podCidr: '10.32.0.0/12' }));
    expect(formatIpRoute(nodeRoutes('weave', same, 'node01'))).toBe(
      '10.32.0.0/12 dev weave proto kernel scope link src 10.32.0.1\n',
    );
    expect(formatIpRoute(nodeRoutes('weave', nodes, 'node02'))).toBe(
      '10.244.0.0/16 dev weave proto kernel scope link src 10.244.2.1\n',
    );
  });

  it('adds a default route when asked, and handles IPv6 nodes', () => {
    const r = nodeRoutes('flannel-host-gw', nodes, 'node01', { defaultGateway: '192.168.1.1' });
    expect(formatIpRoute(r).split('\n')[0]).toBe('default via 192.168.1.1 dev eth0');
    const v6 = [
      { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
      { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
    ];
    expect(formatIpRoute(nodeRoutes('flannel-host-gw', v6, 'a'))).toBe(
      show([
        'fd00:10:244:1::/64 dev cni0 proto kernel metric 256 pref medium',
        'fd00:10:244:2::/64 via 2001:db8::12 dev eth0 metric 1024 pref medium',
      ]),
    );
  });

  it('accepts the Kubernetes spelling podCIDR', () => {
    const k8s = nodes.map(({ name, ip, podCidr }) => ({ name, ip, podCIDR: podCidr }));
    expect(nodeRoutes('flannel-host-gw', k8s as never, 'node01')).toEqual(
      nodeRoutes('flannel-host-gw', nodes, 'node01'),
    );
  });

  it('lists the device addresses of each mode', () => {
    expect(nodeInterfaces('flannel-vxlan', nodes, 'node01').map((a) => `${a.dev}/${a.bits}`)).toEqual([
      'eth0/24',
      'cni0/24',
      'flannel.1/32',
    ]);
    expect(nodeInterfaces('calico-ipip', nodes, 'node01').map((a) => a.dev)).toEqual(['eth0', 'tunl0']);
    expect(nodeInterfaces('bridge-gateway', nodes, 'router').map((a) => a.dev)).toEqual(['eth0']);
  });

  it('reports bad input with codes and paths', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as { code: string; path: unknown[]; message: string };
      }
      throw new Error('no error');
    };
    expect(err(() => nodeRoutes('nope' as never, nodes, 'node01')).code).toBe('UNKNOWN_MODE');
    expect(err(() => nodeRoutes('weave', nodes, 'node09')).code).toBe('NODE_NOT_FOUND');
    const missing = err(() =>
      nodeRoutes('flannel-vxlan', [{ name: 'a', ip: '10.0.0.1' }, nodes[1]!], 'node02'),
    );
    expect(missing.code).toBe('MISSING_POD_CIDR');
    expect(missing.path).toEqual(['nodes', 0, 'podCidr']);
    const badIp = err(() => nodeRoutes('weave', [{ name: 'a', ip: '10.0.0.256' }], 'a'));
    expect(badIp).toMatchObject({ code: 'INVALID_ADDRESS', path: ['nodes', 0, 'ip'] });
    expect(badIp.message).toContain('10.0.0.256');
    expect(err(() => nodeRoutes('weave', [nodes[0]!, nodes[0]!], 'node01')).code).toBe('DUPLICATE_NODE');
    expect(err(() => nodeRoutes('weave', null as never, 'a')).code).toBe('INVALID_INPUT');
    expect(err(() => nodeRoutes('weave', [null] as never, 'a')).code).toBe('INVALID_NODE');
    expect(
      err(() => nodeRoutes('bridge-static', [{ name: 'a', ip: '10.0.0.1', podCidr: '10.244.1.1/24' }], 'a'))
        .code,
    ).toBe('HOST_BITS_SET');
    expect(
      err(() =>
        nodeRoutes('bridge-gateway', [{ name: 'a', ip: '192.168.1.1', podCidr: '10.244.1.0/24' }], 'a'),
      ).code,
    ).toBe('ROUTER_IP_CONFLICT');
  });
});

/** The code, message and path of the RoutesError `f` throws. */
function thrown(f: () => unknown): { code: string; message: string; path: unknown } {
  try {
    f();
  } catch (e) {
    const { code, message, path } = e as { code: string; message: string; path: unknown };
    return { code, message, path };
  }
  throw new Error('no error');
}

describe('nodeRoutes input errors', () => {
  it.each([
    [null, 'INVALID_INPUT', 'expected an array of nodes', ['nodes']],
    [[nodes[0], null], 'INVALID_NODE', 'node 1 is not an object', ['nodes', 1]],
    [[nodes[0], 'node02'], 'INVALID_NODE', 'node 1 is not an object', ['nodes', 1]],
    [[nodes[0], [nodes[1]]], 'INVALID_NODE', 'node 1 is not an object', ['nodes', 1]],
    [
      [nodes[0], { ip: '10.0.0.1' }],
      'INVALID_NODE',
      'node 1 needs a name, got undefined',
      ['nodes', 1, 'name'],
    ],
    [
      [nodes[0], { name: '', ip: '10.0.0.1' }],
      'INVALID_NODE',
      'node 1 needs a name, got ""',
      ['nodes', 1, 'name'],
    ],
    [
      [nodes[0], { name: 7, ip: '10.0.0.1' }],
      'INVALID_NODE',
      'node 1 needs a name, got 7',
      ['nodes', 1, 'name'],
    ],
    [[nodes[0], nodes[0]], 'DUPLICATE_NODE', 'duplicate node name "node01"', ['nodes', 1, 'name']],
    [
      [nodes[0], { name: 'b', ip: '10.0.0.256' }],
      'INVALID_ADDRESS',
      'invalid IP of node "b" "10.0.0.256"',
      ['nodes', 1, 'ip'],
    ],
    [
      [nodes[0], { name: 'b', ip: '10.0.0.1', podCidr: '10.244.1.1/24' }],
      'HOST_BITS_SET',
      'invalid pod CIDR of node "b" "10.244.1.1/24"',
      ['nodes', 1, 'podCidr'],
    ],
    [
      [nodes[0], { name: 'b', ip: '10.0.0.1', podCidr: 'x' }],
      'INVALID_PREFIX',
      'invalid pod CIDR of node "b" "x"',
      ['nodes', 1, 'podCidr'],
    ],
  ])('nodes %j → %s', (input, code, message, path) => {
    expect(thrown(() => nodeRoutes('weave', input as never, 'node01'))).toEqual({ code, message, path });
  });

  it('names an unknown mode, a missing node and a non-string node name', () => {
    expect(thrown(() => nodeRoutes('nope' as never, nodes, 'node01'))).toEqual({
      code: 'UNKNOWN_MODE',
      message: 'unknown network mode "nope"',
      path: ['mode'],
    });
    expect(thrown(() => nodeRoutes('weave', nodes, 'node09'))).toEqual({
      code: 'NODE_NOT_FOUND',
      message: 'no node named "node09"',
      path: ['nodeName'],
    });
    // `router` is special only in bridge-gateway
    expect(thrown(() => nodeRoutes('weave', nodes, 'router')).code).toBe('NODE_NOT_FOUND');
    expect(thrown(() => nodeRoutes('weave', nodes, 5 as never))).toEqual({
      code: 'INVALID_INPUT',
      message: 'node name must be a string, got 5',
      path: ['nodeName'],
    });
    expect(
      thrown(() => nodeRoutes('flannel-vxlan', [{ name: 'a', ip: '10.0.0.1' }, nodes[1]!], 'node02')),
    ).toEqual({
      code: 'MISSING_POD_CIDR',
      message: 'node "a" has no podCidr, which mode "flannel-vxlan" needs',
      path: ['nodes', 0, 'podCidr'],
    });
  });

  it('checks nodeSubnet lengths against the node family (0–32 for IPv4, 0–128 for IPv6)', () => {
    const uplinkBits = (ns: readonly { name: string; ip: string; podCidr: string }[], nodeSubnet: unknown) =>
      nodeInterfaces('bridge-static', ns, ns[0]!.name, { nodeSubnet: nodeSubnet as number })[0]?.bits;
    const v6 = [{ name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' }];
    expect(uplinkBits(nodes, 0)).toBe(0);
    expect(uplinkBits(nodes, 32)).toBe(32);
    expect(uplinkBits(v6, 33)).toBe(33);
    expect(uplinkBits(v6, 128)).toBe(128);
    for (const [ns, bad] of [
      [nodes, 33],
      [nodes, -1],
      [nodes, 1.5],
      [v6, 129],
    ] as const) {
      expect(thrown(() => uplinkBits(ns, bad))).toEqual({
        code: 'INVALID_OPTION',
        message: `invalid nodeSubnet length ${bad}`,
        path: ['nodeSubnet'],
      });
    }
    // a prefix gives its length to nodes of its family; other nodes keep /64
    expect(uplinkBits(nodes, '192.168.0.0/16')).toBe(16);
    expect(uplinkBits(v6, '2001:db8::/48')).toBe(48);
    expect(uplinkBits(v6, '192.168.0.0/16')).toBe(64);
    // defaults: /24 and /64
    expect(uplinkBits(nodes, undefined)).toBe(24);
    expect(uplinkBits(v6, undefined)).toBe(64);
    expect(thrown(() => uplinkBits(nodes, 'x')).code).toBe('INVALID_PREFIX');
  });
});

describe('nodeRoutes bridge-gateway router', () => {
  const withRouter = [...nodes, { name: 'router', ip: '192.168.1.254', podCidr: '10.244.254.0/24' }];

  it('uses a router listed among the nodes, which routes to every other node but not to itself', () => {
    expect(formatIpRoute(nodeRoutes('bridge-gateway', withRouter, 'node01'))).toBe(
      show([
        'default via 192.168.1.254 dev eth0',
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      ]),
    );
    expect(formatIpRoute(nodeRoutes('bridge-gateway', withRouter, 'router'))).toBe(
      show([
        '10.244.1.0/24 via 192.168.1.11 dev eth0',
        '10.244.2.0/24 via 192.168.1.12 dev eth0',
        '10.244.3.0/24 via 192.168.1.13 dev eth0',
      ]),
    );
    expect(nodeInterfaces('bridge-gateway', withRouter, 'router')).toEqual([
      { dev: 'eth0', addr: parseAddr('192.168.1.254'), bits: 24 },
    ]);
  });

  it('takes router name and IP from the options; the default IP must not be a node IP', () => {
    const opts = { router: { name: 'gw', ip: '192.168.1.200' } };
    expect(formatIpRoute(nodeRoutes('bridge-gateway', nodes, 'node02', opts)).split('\n')[0]).toBe(
      'default via 192.168.1.200 dev eth0',
    );
    expect(nodeRoutes('bridge-gateway', nodes, 'gw', opts)).toHaveLength(3);
    expect(thrown(() => nodeRoutes('bridge-gateway', nodes, 'node02', { router: { ip: 'x' } }))).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid router IP "x"',
      path: ['router', 'ip'],
    });
    expect(thrown(() => nodeRoutes('bridge-gateway', [], 'router'))).toEqual({
      code: 'NO_NODES',
      message: 'bridge-gateway needs at least one node',
      path: [],
    });
    expect(
      thrown(() =>
        nodeRoutes('bridge-gateway', [{ name: 'a', ip: '192.168.1.1', podCidr: '10.244.1.0/24' }], 'a'),
      ),
    ).toEqual({
      code: 'ROUTER_IP_CONFLICT',
      message: `the default router IP is node "a"'s IP; pass options.router.ip`,
      path: ['router', 'ip'],
    });
    // bridge-gateway nodes take their default from the router, never from defaultGateway
    expect(nodeRoutes('bridge-gateway', nodes, 'node01', { defaultGateway: '192.168.1.99' })).toEqual(
      nodeRoutes('bridge-gateway', nodes, 'node01'),
    );
  });

  it('treats a node named router as an ordinary node in the other modes', () => {
    const text = formatIpRoute(nodeRoutes('bridge-static', withRouter, 'node01'));
    expect(text).toContain('10.244.254.0/24 via 192.168.1.254 dev eth0\n');
    expect(formatIpRoute(nodeRoutes('bridge-static', withRouter, 'router'))).toContain(
      '10.244.254.0/24 dev cni0 proto kernel scope link src 10.244.254.1\n',
    );
  });
});

describe('nodeRoutes options', () => {
  it('flannel-vxlan: the VNI names the device (0–16777215)', () => {
    expect(nodeInterfaces('flannel-vxlan', nodes, 'node01', { vni: 16777215 })[2]?.dev).toBe(
      'flannel.16777215',
    );
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', nodes, 'node01', { vni: 0 }))).toContain(
      '10.244.2.0/24 via 10.244.2.0 dev flannel.0 onlink\n',
    );
    for (const vni of [16777216, -1, 1.5]) {
      expect(thrown(() => nodeRoutes('flannel-vxlan', nodes, 'node01', { vni }))).toEqual({
        code: 'INVALID_OPTION',
        message: `invalid VNI ${vni}`,
        path: ['vni'],
      });
    }
  });

  it('calico: routeMtu accepts 68–65535 and false', () => {
    const mtuOf = (routeMtu: boolean | number): number | undefined =>
      nodeRoutes('calico-ipip', nodes, 'node02', { routeMtu }).find((r) => r.dev === 'tunl0')?.mtu;
    expect(mtuOf(68)).toBe(68);
    expect(mtuOf(65535)).toBe(65535);
    expect(mtuOf(false)).toBeUndefined();
    expect(mtuOf(true)).toBe(1480);
    for (const bad of [67, 65536, 1400.5]) {
      expect(thrown(() => mtuOf(bad))).toEqual({
        code: 'INVALID_OPTION',
        message: `invalid routeMtu ${bad}`,
        path: ['routeMtu'],
      });
    }
  });

  it('adds workload routes only in the Calico modes, /32 or /128', () => {
    const workloads = [
      { ip: '10.244.1.5', dev: 'cali1' },
      { ip: 'fd00::5', dev: 'cali2' },
    ];
    const text = formatIpRoute(nodeRoutes('calico-vxlan', nodes, 'node01', { workloads }));
    expect(text).toContain('10.244.1.5 dev cali1 scope link\n');
    expect(text).toContain('fd00::5 dev cali2 scope link\n');
    expect(nodeRoutes('flannel-host-gw', nodes, 'node01', { workloads })).toEqual(
      nodeRoutes('flannel-host-gw', nodes, 'node01'),
    );
    expect(thrown(() => nodeRoutes('calico-ipip', nodes, 'node01', { workloads: [null as never] }))).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid workload 0 IP undefined',
      path: ['workloads', 0, 'ip'],
    });
    expect(thrown(() => nodeRoutes('weave', nodes, 'node01', { defaultGateway: 'x' }))).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid defaultGateway "x"',
      path: ['defaultGateway'],
    });
  });

  it('skips a remote pod CIDR of another family than the remote node IP', () => {
    const mixed = [nodes[0]!, { name: 'b', ip: '192.168.1.12', podCidr: 'fd00:10:244:2::/64' }];
    expect(formatIpRoute(nodeRoutes('bridge-static', mixed, 'node01'))).toBe(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n',
    );
  });
});

describe('nodeInterfaces per mode', () => {
  const v6 = [
    { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
    { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
  ];
  const list = (mode: Parameters<typeof nodeInterfaces>[0], ns: typeof v6, name: string): string[] =>
    nodeInterfaces(mode, ns, name).map((a) => `${a.dev} ${formatAddr(a.addr)}/${a.bits}`);

  it('IPv4: bridge, tunnel and VTEP addresses', () => {
    expect(list('flannel-host-gw', nodes, 'node02')).toEqual(['eth0 192.168.1.12/24', 'cni0 10.244.2.1/24']);
    expect(list('bridge-static', nodes, 'node02')).toEqual(['eth0 192.168.1.12/24', 'cni0 10.244.2.1/24']);
    expect(list('calico-vxlan', nodes, 'node02')).toEqual([
      'eth0 192.168.1.12/24',
      'vxlan.calico 10.244.2.0/32',
    ]);
    expect(list('calico-ipip', nodes, 'node02')).toEqual(['eth0 192.168.1.12/24', 'tunl0 10.244.2.0/32']);
  });

  it('IPv6: /64 uplink and /128 tunnel addresses', () => {
    expect(list('flannel-vxlan', v6, 'b')).toEqual([
      'eth0 2001:db8::12/64',
      'cni0 fd00:10:244:2::1/64',
      'flannel-v6.1 fd00:10:244:2::/128',
    ]);
    expect(list('calico-ipip', v6, 'b')).toEqual(['eth0 2001:db8::12/64', 'tunl0 fd00:10:244:2::/128']);
    expect(list('calico-vxlan', v6, 'b')).toEqual([
      'eth0 2001:db8::12/64',
      'vxlan.calico fd00:10:244:2::/128',
    ]);
  });
});

describe('weave range and bridge addresses', () => {
  const bridge = (ns: readonly object[], name: string, options?: { podRange?: string }): string => {
    const a = nodeInterfaces('weave', ns as never, name, options)[1]!;
    return `${formatAddr(a.addr)}/${a.bits}`;
  };

  it('derives the range: one shared CIDR as is, else the cover, at most /16 (IPv4) or /48 (IPv6)', () => {
    const n = (name: string, podCidr?: string) => ({ name, ip: `192.168.1.${name.length + 10}`, podCidr });
    expect(bridge([n('a', '10.244.1.0/24'), n('bb', '10.244.1.0/24')], 'a')).toBe('10.244.1.1/24');
    // same address, different lengths: the cover, widened to /16
    expect(bridge([n('a', '10.244.0.0/24'), n('bb', '10.244.0.0/25')], 'a')).toBe('10.244.0.1/16');
    // a cover wider than /16 stays as it is
    expect(bridge([n('a', '10.0.0.0/24'), n('bb', '10.128.0.0/24')], 'a')).toBe('10.0.0.1/8');
    expect(bridge([n('a', '10.244.1.0/24'), n('bb', '200.0.0.0/24')], 'a')).toBe('10.244.1.1/0');
    // nodes without a CIDR do not count; none at all → Weave's default 10.32.0.0/12
    expect(bridge([n('a', '10.244.1.0/24'), n('bb')], 'a')).toBe('10.244.1.1/24');
    expect(bridge([n('a')], 'a')).toBe('10.32.0.1/12');
    // IPv6 covers stop at /48
    const v6 = [
      { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
      { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
    ];
    expect(bridge(v6, 'b')).toBe('fd00:10:244:2::1/48');
    // CIDRs of both families cover everything: /0
    expect(
      bridge([n('a', '10.244.1.0/24'), { name: 'b', ip: '2001:db8::12', podCidr: 'fd00::/64' }], 'a'),
    ).toBe('10.244.1.1/0');
  });

  it('splits the range evenly in node order when a node has no CIDR inside it', () => {
    const shared = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        name: `n${i}`,
        ip: `192.168.1.${i + 1}`,
        podCidr: '10.32.0.0/12',
      }));
    // 2 nodes: /13 shares; 3 nodes: /14 shares; the first share's bridge is the range's first host
    expect(bridge(shared(2), 'n0')).toBe('10.32.0.1/12');
    expect(bridge(shared(2), 'n1')).toBe('10.40.0.0/12');
    expect(bridge(shared(3), 'n1')).toBe('10.36.0.0/12');
    expect(bridge(shared(3), 'n2')).toBe('10.40.0.0/12');
    // CIDRs outside the range do not count
    expect(bridge(nodes, 'node02', { podRange: '10.32.0.0/12' })).toBe('10.36.0.0/12');
    const v6 = [
      { name: 'a', ip: '2001:db8::11' },
      { name: 'b', ip: '2001:db8::12' },
    ];
    expect(bridge(v6, 'b', { podRange: 'fd00:10:32::/48' })).toBe('fd00:10:32:8000::/48');
    expect(thrown(() => bridge(v6, 'b', { podRange: 'x' }))).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid podRange "x"',
      path: ['podRange'],
    });
  });
});

describe('flannel-vxlan over IPv6', () => {
  // flannel pkg/backend/vxlan/vxlan.go RegisterNetwork names the IPv6 VXLAN device
  // fmt.Sprintf("flannel-v6.%v", cfg.VNI) (the IPv4 one "flannel.%v").
  it('uses the flannel-v6.<VNI> device for IPv6 pod CIDRs', () => {
    const v6 = [
      { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
      { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
    ];
    expect(formatIpRoute(nodeRoutes('flannel-vxlan', v6, 'a', { vni: 4 }))).toBe(
      show([
        'fd00:10:244:1::/64 dev cni0 proto kernel metric 256 pref medium',
        'fd00:10:244:2::/64 via fd00:10:244:2:: dev flannel-v6.4 metric 1024 onlink pref medium',
      ]),
    );
    expect(nodeInterfaces('flannel-vxlan', v6, 'a', { vni: 4 })[2]?.dev).toBe('flannel-v6.4');
  });
});

describe('IPv6 dump order', () => {
  it('prints the default route last, as `ip -6 route` does', () => {
    const v6 = [
      { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
      { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
    ];
    expect(
      formatIpRoute(nodeRoutes('flannel-host-gw', v6, 'a', { defaultGateway: 'fe80::1', uplinkRoute: true })),
    ).toBe(
      show([
        '2001:db8::/64 dev eth0 proto kernel metric 256 pref medium',
        'fd00:10:244:1::/64 dev cni0 proto kernel metric 256 pref medium',
        'fd00:10:244:2::/64 via 2001:db8::12 dev eth0 metric 1024 pref medium',
        'default via fe80::1 dev eth0 metric 1024 pref medium',
      ]),
    );
  });
});
