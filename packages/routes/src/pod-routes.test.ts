import { describe, expect, it } from 'vitest';
import { formatIpRoute } from './format-ip-route.ts';
import { NETWORK_MODES } from './network-mode.ts';
import { parseIpRoute } from './parse-ip-route.ts';
import { podRoutes } from './pod-routes.ts';

const nodes = [
  { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
  { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
];
const show = (lines: string[]): string => `${lines.join('\n')}\n`;

describe('podRoutes', () => {
  it('bridge modes: the kernel route of IP/24 on eth0 and the default via the bridge gateway', () => {
    // containernetworking/plugins bridge: isDefaultGateway appends {dst: 0.0.0.0/0, gw}; the
    // gateway is the subnet's first host (calcGatewayIP), assigned to cni0.
    expect(formatIpRoute(podRoutes('bridge-static', nodes, 'node01', '10.244.1.5'))).toBe(
      show([
        'default via 10.244.1.1 dev eth0',
        '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.5',
      ]),
    );
  });

  it('flannel: plus the IPAM route to FLANNEL_NETWORK via the gateway', () => {
    // flannel-io/cni-plugin: ipam.routes = user routes + [{dst: FLANNEL_NETWORK}]; delegate has
    // isDefaultGateway: true.
    expect(formatIpRoute(podRoutes('flannel-vxlan', nodes, 'node02', '10.244.2.9'))).toBe(
      show([
        'default via 10.244.2.1 dev eth0',
        '10.244.0.0/16 via 10.244.2.1 dev eth0',
        '10.244.2.0/24 dev eth0 proto kernel scope link src 10.244.2.9',
      ]),
    );
    expect(
      formatIpRoute(
        podRoutes('flannel-host-gw', nodes, 'node02', '10.244.2.9', { clusterCidr: '10.244.0.0/20' }),
      ),
    ).toContain('10.244.0.0/20 via 10.244.2.1 dev eth0\n');
  });

  it('weave: one kernel route for the whole range and the default via the weave bridge', () => {
    const weaveNodes = nodes.map(({ name, ip }) => ({ name, ip }));
    expect(formatIpRoute(podRoutes('weave', weaveNodes, 'node01', '10.32.0.7'))).toBe(
      show(['default via 10.32.0.1 dev eth0', '10.32.0.0/12 dev eth0 proto kernel scope link src 10.32.0.7']),
    );
  });

  it('calico: 169.254.1.1 scope link and the default via it', () => {
    const routes = podRoutes('calico-ipip', nodes, 'node01', '10.244.1.0');
    expect(formatIpRoute(routes)).toBe(
      show(['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link']),
    );
  });

  it('prints valid ip route text for every mode', () => {
    for (const mode of NETWORK_MODES) {
      const r = podRoutes(mode, nodes, 'node01', '10.244.1.7', { ifname: 'net1' });
      expect(parseIpRoute(formatIpRoute(r)), mode).toEqual(r);
      expect(r.every((x) => x.dev === 'net1')).toBe(true);
    }
  });

  it('rejects pod IPs outside the node network, the gateway, and the router', () => {
    expect(() => podRoutes('bridge-static', nodes, 'node01', '10.244.2.5')).toThrow(
      expect.objectContaining({ code: 'POD_IP_OUTSIDE' }),
    );
    expect(() => podRoutes('bridge-static', nodes, 'node01', '10.244.1.0')).toThrow(/10\.244\.1\.0/);
    expect(() => podRoutes('bridge-static', nodes, 'node01', '10.244.1.1')).toThrow(
      expect.objectContaining({ code: 'POD_IP_CONFLICT' }),
    );
    expect(() => podRoutes('bridge-gateway', nodes, 'router', '10.244.1.5')).toThrow(
      expect.objectContaining({ code: 'NODE_NOT_FOUND' }),
    );
    expect(() => podRoutes('bridge-static', nodes, 'node01', 'x')).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
  });
});

describe('podRoutes edges', () => {
  const v6 = [
    { name: 'a', ip: '2001:db8::11', podCidr: 'fd00:10:244:1::/64' },
    { name: 'b', ip: '2001:db8::12', podCidr: 'fd00:10:244:2::/64' },
  ];
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const { code, message, path } = e as { code: string; message: string; path: unknown };
      return { code, message, path };
    }
    throw new Error('no error');
  };

  it('names the bad pod IP, the gateway clash and a router that runs no pods', () => {
    expect(err(() => podRoutes('bridge-static', nodes, 'node01', '10.244.2.5'))).toEqual({
      code: 'POD_IP_OUTSIDE',
      message: `pod IP "10.244.2.5" is not a host of the node's pod network`,
      path: ['podIp'],
    });
    expect(err(() => podRoutes('bridge-static', nodes, 'node01', '10.244.1.1'))).toEqual({
      code: 'POD_IP_CONFLICT',
      message: 'pod IP "10.244.1.1" is the bridge gateway',
      path: ['podIp'],
    });
    expect(err(() => podRoutes('bridge-static', nodes, 'node01', 'x'))).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid pod IP "x"',
      path: ['podIp'],
    });
    const withRouter = [...nodes, { name: 'router', ip: '192.168.1.254', podCidr: '10.244.254.0/24' }];
    expect(err(() => podRoutes('bridge-gateway', withRouter, 'router', '10.244.254.5'))).toEqual({
      code: 'NODE_NOT_FOUND',
      message: 'no node named "router" runs pods',
      path: ['nodeName'],
    });
    expect(podRoutes('bridge-static', withRouter, 'router', '10.244.254.5')).toHaveLength(2);
    expect(
      err(() => podRoutes('flannel-vxlan', nodes, 'node01', '10.244.1.5', { clusterCidr: 'x' })),
    ).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid clusterCidr "x"',
      path: ['clusterCidr'],
    });
  });

  it('IPv6 pods: /64 kernel route, the network address is no host', () => {
    // `ip -6 route` prints default last (fib6 post-order walk)
    expect(formatIpRoute(podRoutes('bridge-static', v6, 'a', 'fd00:10:244:1::5'))).toBe(
      show([
        'fd00:10:244:1::/64 dev eth0 proto kernel metric 256 pref medium',
        'default via fd00:10:244:1::1 dev eth0 metric 1024 pref medium',
      ]),
    );
    expect(err(() => podRoutes('bridge-static', v6, 'a', 'fd00:10:244:1::')).code).toBe('POD_IP_OUTSIDE');
    expect(formatIpRoute(podRoutes('flannel-host-gw', v6, 'b', 'fd00:10:244:2::9'))).toContain(
      'fd00:10:244::/48 via fd00:10:244:2::1 dev eth0 metric 1024 pref medium\n',
    );
  });

  it('calico-vxlan pods use the same link-local gateway, any block address included', () => {
    expect(formatIpRoute(podRoutes('calico-vxlan', nodes, 'node02', '10.244.2.0'))).toBe(
      show(['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link']),
    );
  });

  it('flannel: the network covers the nodes that have a CIDR; none when the node CIDR is already as wide', () => {
    const partial = [...nodes, { name: 'node03', ip: '192.168.1.13' }];
    expect(formatIpRoute(podRoutes('flannel-host-gw', partial, 'node01', '10.244.1.5'))).toContain(
      '10.244.0.0/16 via 10.244.1.1 dev eth0\n',
    );
    const wide = [{ name: 'n', ip: '192.168.1.11', podCidr: '10.244.0.0/16' }];
    expect(formatIpRoute(podRoutes('flannel-vxlan', wide, 'n', '10.244.3.5'))).toBe(
      show([
        'default via 10.244.0.1 dev eth0',
        '10.244.0.0/16 dev eth0 proto kernel scope link src 10.244.3.5',
      ]),
    );
    expect(
      formatIpRoute(
        podRoutes('flannel-vxlan', nodes, 'node01', '10.244.1.5', { clusterCidr: '10.244.1.0/24' }),
      ),
    ).toBe(
      show([
        'default via 10.244.1.1 dev eth0',
        '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.5',
      ]),
    );
    // bridge modes add no cluster route
    expect(
      podRoutes('bridge-static', nodes, 'node01', '10.244.1.5', { clusterCidr: '10.244.0.0/16' }),
    ).toHaveLength(2);
  });
});
