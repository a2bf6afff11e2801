import { describe, expect, it } from 'vitest';
import { checkNextHops } from './check-next-hops.ts';
import { NETWORK_MODES } from './network-mode.ts';
import { nodeRoutes } from './node-routes.ts';
import { parseIpRoute } from './parse-ip-route.ts';

// Kernel fib_check_nh (net/ipv4/fib_semantics.c): a gateway without RTNH_F_ONLINK must resolve
// to a unicast route of narrower scope (link/host), else "Nexthop has invalid gateway".
describe('checkNextHops', () => {
  it('accepts gateways on a connected subnet and onlink gateways', () => {
    const routes = parseIpRoute(
      [
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        '10.244.2.0/24 via 192.168.1.12 dev eth0',
        '10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink',
        'default via fe80::1 dev eth0 metric 1024 pref medium',
      ].join('\n'),
    );
    expect(checkNextHops(routes)).toEqual([]);
  });

  it('flags a gateway no link route covers, a local gateway and a device mismatch', () => {
    const routes = parseIpRoute(
      [
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        '10.0.0.0/8 via 172.16.0.1 dev eth0', // 1: not on any link
        '10.1.0.0/16 via 192.168.1.11 dev eth0', // 2: own address
        'local 192.168.1.11 dev eth0 table local proto kernel scope host src 192.168.1.11',
        '10.2.0.0/16 via 192.168.1.1 dev eth1', // 4: link route is on eth0
        '10.3.0.0/16 via 10.0.0.1 dev eth0', // 5: covered only by a gateway route (scope global)
      ].join('\n'),
    );
    const issues = checkNextHops(routes);
    expect(issues.map((i) => [i.index, i.code])).toEqual([
      [1, 'INVALID_GATEWAY'],
      [2, 'GATEWAY_IS_LOCAL'],
      [4, 'DEVICE_MISMATCH'],
      [5, 'INVALID_GATEWAY'],
    ]);
    expect(issues[0]?.message).toContain('172.16.0.1');
    expect(issues[0]?.message).toContain('Nexthop has invalid gateway');
  });

  it('checks multipath next hops', () => {
    const routes = parseIpRoute(
      '192.168.1.0/24 dev eth0 scope link\ndefault proto static\n\tnexthop via 192.168.1.1 dev eth0 weight 1\n\tnexthop via 192.168.9.1 dev eth0 weight 1',
    );
    expect(checkNextHops(routes).map((i) => i.index)).toEqual([1]);
  });

  it('finds no issue in any mode table built by nodeRoutes', () => {
    const nodes = [
      { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
      { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
    ];
    for (const mode of NETWORK_MODES)
      expect(checkNextHops(nodeRoutes(mode, nodes, 'node01', { uplinkRoute: true })), mode).toEqual([]);
    // host-gw across subnets is exactly the misconfiguration the check exists for
    const split = [nodes[0]!, { ...nodes[1]!, ip: '192.168.2.12' }];
    expect(
      checkNextHops(nodeRoutes('flannel-host-gw', split, 'node01', { uplinkRoute: true }))[0]?.code,
    ).toBe('INVALID_GATEWAY');
    // without the uplink route nothing covers any gateway
    expect(checkNextHops(nodeRoutes('flannel-host-gw', nodes, 'node01'))[0]?.code).toBe('INVALID_GATEWAY');
  });

  it('rejects bad input', () => {
    expect(() => checkNextHops('x' as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
