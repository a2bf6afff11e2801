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

describe('checkNextHops: which routes make a gateway directly reachable', () => {
  const codes = (text: string) => checkNextHops(parseIpRoute(text)).map((i) => `${i.index}:${i.code}`);

  it('counts IPv4 routes of scope link, host or a numeric scope ≥ 253 (RT_SCOPE_LINK) without a gateway', () => {
    const via = '10.0.0.0/8 via 192.168.1.1 dev eth0';
    for (const scope of ['link', 'host', '253', '254']) {
      expect(codes(`192.168.1.0/24 dev eth0 scope ${scope}\n${via}`), scope).toEqual([]);
    }
    for (const cover of [
      '192.168.1.0/24 dev eth0', // printed without scope: global
      '192.168.1.0/24 dev eth0 scope global',
      '192.168.1.0/24 dev eth0 scope site',
      '192.168.1.0/24 dev eth0 scope 200',
      '192.168.1.0/24 dev eth0 scope 252',
      '192.168.1.0/24 via 192.168.9.1 dev eth0 scope link', // has a gateway itself
      '192.168.1.0/24 proto static scope link\n\tnexthop dev eth0 weight 1\n\tnexthop dev eth1 weight 1',
      'broadcast 192.168.1.0/24 dev eth0 scope link', // not unicast
    ]) {
      const t = parseIpRoute(`${cover}\n${via}`);
      const last = t.length - 1;
      expect(
        checkNextHops(t)
          .filter((i) => i.index === last)
          .map((i) => i.code),
        cover,
      ).toEqual(['INVALID_GATEWAY']);
    }
  });

  it('counts every IPv6 route without a gateway (IPv6 routes have no scope)', () => {
    expect(
      codes('2001:db8::/64 dev eth0 metric 256 pref medium\n2001:db8:1::/48 via 2001:db8::1 dev eth0'),
    ).toEqual([]);
    expect(codes('2001:db8:1::/48 via 2001:db8::1 dev eth0')).toEqual(['0:INVALID_GATEWAY']);
    // link-local gateways need a device to be exempt
    expect(codes('default via fe80::1 metric 1024 pref medium')).toEqual(['0:INVALID_GATEWAY']);
    expect(codes('default via fe80::1 dev eth0 metric 1024 pref medium')).toEqual([]);
    expect(codes('default via febf::1 dev eth0 metric 1024 pref medium')).toEqual([]);
    expect(codes('default via fec0::1 dev eth0 metric 1024 pref medium')).toEqual(['0:INVALID_GATEWAY']);
  });

  it('flags only exact local host routes as local gateways', () => {
    expect(codes('local 2001:db8::1 dev lo table local\n2001:db8:1::/48 via 2001:db8::1 dev eth0')).toEqual([
      '1:GATEWAY_IS_LOCAL',
    ]);
    // a unicast /32 link route is a cover, not a local address
    expect(codes('192.168.1.1 dev eth0 scope link\n10.0.0.0/8 via 192.168.1.1 dev eth0')).toEqual([]);
    // a local /24 is no host address and no unicast cover
    expect(codes('local 192.168.1.0/24 dev lo table local\n10.0.0.0/8 via 192.168.1.1 dev eth0')).toEqual([
      '1:INVALID_GATEWAY',
    ]);
  });

  it('takes the longest cover, first among equals, from the route table first, then from all tables', () => {
    for (const covers of [
      '192.168.0.0/16 dev eth1 scope link\n192.168.1.0/24 dev eth0 scope link',
      '192.168.1.0/24 dev eth0 scope link\n192.168.0.0/16 dev eth1 scope link',
      '192.168.1.0/24 dev eth0 scope link\n192.168.1.0/24 dev eth1 scope link metric 5',
    ]) {
      expect(codes(`${covers}\n10.0.0.0/8 via 192.168.1.1 dev eth0`), covers).toEqual([]);
    }
    const tables = [
      '192.168.1.0/25 dev eth1 scope link', // main, longer
      '192.168.1.0/24 dev eth0 scope link table 100',
      '192.168.0.0/16 dev eth1 scope link table 100',
    ].join('\n');
    expect(codes(`${tables}\n10.0.0.0/8 via 192.168.1.1 dev eth0 table 100`)).toEqual([]);
    expect(codes(`${tables}\n10.0.0.0/8 via 192.168.1.1 dev eth1`)).toEqual([]);
    // only main has a cover: it serves table 100 too
    expect(
      codes('192.168.1.0/24 dev eth0 scope link\n10.0.0.0/8 via 192.168.1.1 dev eth0 table 100'),
    ).toEqual([]);
  });

  it('compares devices only when both routes name one', () => {
    expect(codes('192.168.1.0/24 dev eth0 scope link\n10.0.0.0/8 via 192.168.1.1')).toEqual([]);
    expect(codes('192.168.1.0/24 scope link\n10.0.0.0/8 via 192.168.1.1 dev eth1')).toEqual([]);
  });

  it('checks each multipath next hop, skipping onlink ones and device-only ones', () => {
    const text = [
      '192.168.1.0/24 dev eth0 scope link',
      'default proto static',
      '\tnexthop via 192.168.9.1 dev eth0 weight 1 onlink',
      '\tnexthop dev eth1 weight 1',
      '\tnexthop via 192.168.1.1 dev eth0 weight 1',
    ].join('\n');
    expect(codes(text)).toEqual([]);
    expect(codes(text.replace(' onlink', ''))).toEqual(['1:INVALID_GATEWAY']);
  });

  it('writes messages that quote the route and name the gateway', () => {
    const issues = checkNextHops(
      parseIpRoute(
        [
          '192.168.1.0/24 dev eth0 scope link',
          'local 192.168.1.11 dev eth0 table local scope host',
          '10.0.0.0/8 via 172.16.0.1 dev eth0',
          '10.1.0.0/16 via 192.168.1.11 dev eth0',
          '10.2.0.0/16 via 192.168.1.1 dev eth1',
        ].join('\n'),
      ),
    );
    expect(issues).toEqual([
      {
        index: 2,
        code: 'INVALID_GATEWAY',
        message:
          'route "10.0.0.0/8 via 172.16.0.1 dev eth0": Nexthop has invalid gateway — no link route covers 172.16.0.1 (add onlink or a connected route)',
      },
      {
        index: 3,
        code: 'GATEWAY_IS_LOCAL',
        message: 'route "10.1.0.0/16 via 192.168.1.11 dev eth0": gateway 192.168.1.11 is a local address',
      },
      {
        index: 4,
        code: 'DEVICE_MISMATCH',
        message: 'route "10.2.0.0/16 via 192.168.1.1 dev eth1": gateway 192.168.1.1 is on eth0, not eth1',
      },
    ]);
    expect(Object.isFrozen(issues[0])).toBe(true);
  });

  it('validates every route, even when none has a gateway', () => {
    expect(() => checkNextHops('x' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'expected an array of routes' }),
    );
    expect(() => checkNextHops([{ type: 'unicast' } as never])).toThrow(
      expect.objectContaining({ code: 'INVALID_PREFIX', path: [0, 'dst'] }),
    );
    expect(() => checkNextHops([null as never])).toThrow(
      expect.objectContaining({ code: 'INVALID_ROUTE', path: [0] }),
    );
  });
});
