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

describe('connectedRoutes prefix-length edges (fib_add_ifaddr, addrconf)', () => {
  const all = (address: string, bits?: number) =>
    formatIpRoute(
      connectedRoutes([{ dev: 'eth0', address, ...(bits === undefined ? {} : { bits }) }], { table: 'all' }),
    );

  it('IPv4: /31 has a prefix route but no broadcast; /32 has only the local route', () => {
    expect(all('10.0.0.0/31')).toBe(
      [
        '10.0.0.0/31 dev eth0 proto kernel scope link src 10.0.0.0',
        'local 10.0.0.0 dev eth0 table local proto kernel scope host src 10.0.0.0',
        '',
      ].join('\n'),
    );
    expect(all('10.0.0.1/30')).toContain(
      'broadcast 10.0.0.3 dev eth0 table local proto kernel scope link src 10.0.0.1\n',
    );
    expect(all('10.0.0.1/32')).toBe(
      'local 10.0.0.1 dev eth0 table local proto kernel scope host src 10.0.0.1\n',
    );
    expect(all('10.0.0.1')).toBe(all('10.0.0.1/32'));
    expect(all('10.0.0.1', 0)).toContain('default dev eth0 proto kernel scope link src 10.0.0.1\n');
    expect(all('10.0.0.1', 0)).toContain('broadcast 255.255.255.255 dev eth0');
  });

  it('IPv6: no subnet-router anycast from /127 on; no prefix route for /128', () => {
    expect(all('2001:db8::1/127')).toBe(
      [
        '2001:db8::/127 dev eth0 proto kernel metric 256 pref medium',
        'local 2001:db8::1 dev eth0 table local proto kernel metric 0 pref medium',
        '',
      ].join('\n'),
    );
    expect(all('2001:db8::5/126')).toContain(
      'anycast 2001:db8::4 dev eth0 table local proto kernel metric 0 pref medium\n',
    );
    expect(all('2001:db8::1/128')).toBe(
      'local 2001:db8::1 dev eth0 table local proto kernel metric 0 pref medium\n',
    );
  });

  it('returns each table sorted in kernel dump order', () => {
    const ias = [
      { dev: 'eth1', address: '192.168.2.1/24' },
      { dev: 'eth0', address: '10.0.0.1/8' },
    ];
    expect(formatIpRoute(connectedRoutes(ias))).toBe(
      '10.0.0.0/8 dev eth0 proto kernel scope link src 10.0.0.1\n192.168.2.0/24 dev eth1 proto kernel scope link src 192.168.2.1\n',
    );
    expect(connectedRoutes(ias, { table: 'local' }).map((r) => r.type)).toEqual([
      'local',
      'broadcast',
      'local',
      'broadcast',
    ]);
    expect(connectedRoutes(ias, { table: 'local' }).every((r) => r.table === 'local')).toBe(true);
  });

  it('accepts an address with a separate length, or an Addr', () => {
    expect(connectedRoutes([{ dev: 'eth0', address: '10.0.0.1', bits: 8 }])).toEqual(
      connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/8' }]),
    );
    expect(connectedRoutes([{ dev: 'eth0', address: parseAddr('10.0.0.1'), bits: 8 }])).toEqual(
      connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/8' }]),
    );
    expect(connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/8' }])).toEqual(
      connectedRoutes([{ dev: 'eth0', address: '10.0.0.1/8', bits: 30 }]),
    );
  });

  it('names a bad interface address, its index and field', () => {
    const err = (ias: unknown) => {
      try {
        connectedRoutes(ias as never);
      } catch (e) {
        const { code, message, path } = e as { code: string; message: string; path: unknown };
        return { code, message, path };
      }
      throw new Error('no error');
    };
    const ok = { dev: 'eth0', address: '10.0.0.1/8' };
    expect(err('x')).toEqual({
      code: 'INVALID_INPUT',
      message: 'expected an array of interface addresses',
      path: [],
    });
    for (const bad of [
      null,
      'eth0',
      { address: '10.0.0.1' },
      { dev: '', address: '10.0.0.1' },
      { dev: 5, address: '10.0.0.1' },
    ]) {
      expect(err([ok, bad])).toEqual({
        code: 'INVALID_INTERFACE',
        message: 'interface address 1 needs a dev',
        path: [1],
      });
    }
    expect(err([ok, { dev: 'eth0', address: 'x/24' }])).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid interface address "x/24"',
      path: [1, 'address'],
    });
    for (const address of ['10.0.0.1/', '10.0.0.1/024', '10.0.0.1/2x', '10.0.0.1/x2', '10.0.0.1/-1']) {
      expect(err([ok, { dev: 'eth0', address }])).toEqual({
        code: 'INVALID_PREFIX',
        message: `invalid prefix length in ${JSON.stringify(address)}`,
        path: [1, 'address'],
      });
    }
    for (const [address, bits] of [
      ['10.0.0.1/33', 33],
      ['2001:db8::1/129', 129],
    ] as const) {
      expect(err([ok, { dev: 'eth0', address }])).toEqual({
        code: 'INVALID_PREFIX',
        message: `invalid prefix length ${bits}`,
        path: [1, 'bits'],
      });
    }
    for (const bits of [33, -1, 1.5]) {
      expect(err([ok, { dev: 'eth0', address: '10.0.0.1', bits }])).toEqual({
        code: 'INVALID_PREFIX',
        message: `invalid prefix length ${bits}`,
        path: [1, 'bits'],
      });
    }
    expect(err([{ dev: 'eth0', address: 5 }])).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid interface address 5',
      path: [0, 'address'],
    });
    expect(
      connectedRoutes([
        { dev: 'eth0', address: '10.0.0.1/8' },
        { dev: 'eth0', address: '10.0.0.1/0' },
      ]),
    ).toHaveLength(2);
    expect(connectedRoutes([{ dev: 'eth0', address: '2001:db8::1', bits: 128 }])).toEqual([]);
    expect(connectedRoutes([{ dev: 'eth0', address: '2001:db8::1', bits: 33 }])[0]?.dst.bits).toBe(33);
  });
});
