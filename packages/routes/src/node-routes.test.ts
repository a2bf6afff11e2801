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
