import { parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { connectedRoutes } from './connected-routes.ts';
import { formatIpRoute } from './format-ip-route.ts';

// What the kernel adds on `ip addr add` (fib_add_ifaddr / addrconf): the prefix route in main,
// local and broadcast routes in the local table (IPv4), local and anycast routes (IPv6).
describe('connectedRoutes', () => {
  it('adds the main-table prefix route for each address', () => {
    expect(formatIpRoute(connectedRoutes([{ dev: 'cni0', address: '10.244.1.1/24' }]))).toBe(
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n',
    );
    expect(formatIpRoute(connectedRoutes([{ dev: 'eth0', address: '2001:db8::5/64' }]))).toBe(
      '2001:db8::/64 dev eth0 proto kernel metric 256 pref medium\n',
    );
  });

  it('adds no prefix route for /32 (flannel.1 carries 10.244.1.0/32)', () => {
    expect(connectedRoutes([{ dev: 'flannel.1', address: '10.244.1.0/32' }])).toEqual([]);
    expect(
      formatIpRoute(connectedRoutes([{ dev: 'flannel.1', address: '10.244.1.0/32' }], { table: 'local' })),
    ).toBe('local 10.244.1.0 dev flannel.1 table local proto kernel scope host src 10.244.1.0\n');
  });

  it('builds the local table: local and broadcast (IPv4), local and anycast (IPv6)', () => {
    const text = formatIpRoute(
      connectedRoutes(
        [
          { dev: 'eth0', address: '192.168.1.11/24' },
          { dev: 'eth0', address: parseAddr('2001:db8::5'), bits: 64 },
        ],
        { table: 'all' },
      ),
    );
    expect(text).toBe(
      [
        '192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.11',
        '2001:db8::/64 dev eth0 proto kernel metric 256 pref medium',
        'local 192.168.1.11 dev eth0 table local proto kernel scope host src 192.168.1.11',
        'broadcast 192.168.1.255 dev eth0 table local proto kernel scope link src 192.168.1.11',
        'anycast 2001:db8:: dev eth0 table local proto kernel metric 0 pref medium',
        'local 2001:db8::5 dev eth0 table local proto kernel metric 0 pref medium',
        '',
      ].join('\n'),
    );
  });

  it('adds one prefix route for two addresses of one subnet on one device', () => {
    const r = connectedRoutes([
      { dev: 'eth0', address: '10.0.0.5/24' },
      { dev: 'eth0', address: '10.0.0.6/24' },
    ]);
    expect(r).toHaveLength(1);
  });

  it('rejects bad input', () => {
    expect(() => connectedRoutes([{ dev: 'eth0', address: '10.0.0.256/24' }])).toThrow(/10\.0\.0\.256/);
    expect(() => connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/40' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/x' }])).toThrow(/10\.0\.0\.1\/x/);
    expect(() => connectedRoutes([{ dev: '', address: '10.0.0.1/8' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INTERFACE' }),
    );
    expect(() => connectedRoutes('x' as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
