import { parseAddr } from '@podnet/ip';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseIpRoute } from './parse-ip-route.ts';
import { selectRoute } from './select-route.ts';

// Linux selection (ip-cref "ip route" object; fib_trie): longest prefix, then lowest metric (a
// missing metric is priority 0), then the first inserted; rules local (pref 0) → main (32766) →
// default (32767); `throw` continues with the next rule (ip-route(8)).
const sel = (text: string, addr: string) => selectRoute(parseIpRoute(text), parseAddr(addr));

describe('selectRoute', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let table: ReturnType<typeof parseIpRoute>;
  beforeEach(() => {
    table = parseIpRoute(
      [
        'default via 192.168.1.1 dev eth0 metric 100',
        'default via 192.168.2.1 dev wlan0 metric 600',
        '10.0.0.0/8 dev eth1',
        '10.1.0.0/16 dev eth2',
        '10.1.2.0/24 dev eth3',
        '10.1.2.3 dev eth4',
      ].join('\n'),
    );
  });
  it.each([
    ['10.1.2.3', 'eth4'],
    ['10.1.2.4', 'eth3'],
    ['10.1.3.1', 'eth2'],
    ['10.2.0.1', 'eth1'],
    ['8.8.8.8', 'eth0'],
  ])('%s → %s (longest prefix, then lowest metric)', (addr, dev) => {
    expect(selectRoute(table, parseAddr(addr))?.dev).toBe(dev);
  });

  it('takes the lowest metric for equal prefixes; a missing metric counts as 0', () => {
    expect(sel('10.0.0.0/8 dev a metric 10\n10.0.0.0/8 dev b', '10.0.0.1')?.dev).toBe('b');
    expect(sel('10.0.0.0/8 dev a metric 10\n10.0.0.0/8 dev b metric 5', '10.0.0.1')?.dev).toBe('b');
    expect(sel('10.0.0.0/8 dev a metric 0\n10.0.0.0/8 dev b', '10.0.0.1')?.dev).toBe('a');
  });

  it('takes the first of equal prefix and metric', () => {
    expect(sel('10.0.0.0/8 dev a\n10.0.0.0/8 dev b', '10.0.0.1')?.dev).toBe('a');
  });

  it('returns undefined without a match, and returns blackhole/unreachable routes as such', () => {
    expect(sel('10.0.0.0/8 dev a', '11.0.0.1')).toBeUndefined();
    expect(sel('10.0.0.0/8 dev a\nblackhole 10.9.0.0/16', '10.9.1.1')?.type).toBe('blackhole');
    expect(sel('unreachable 10.9.0.0/16\n10.0.0.0/8 dev a', '10.9.1.1')?.type).toBe('unreachable');
  });

  it('never matches IPv6 routes for IPv4 addresses, nor IPv4 routes for ::ffff:a.b.c.d', () => {
    const routes = parseIpRoute('::/0 dev v6\n::ffff:0.0.0.0/96 dev mapped\n0.0.0.0/1 dev v4');
    expect(selectRoute(routes, parseAddr('10.0.0.1'))?.dev).toBe('v4');
    expect(selectRoute(routes, parseAddr('::ffff:10.0.0.1'))?.dev).toBe('mapped');
    expect(selectRoute(routes, parseAddr('200.0.0.1'))).toBeUndefined();
    expect(selectRoute(routes, parseAddr('2001:db8::1'))?.dev).toBe('v6');
  });

  it('consults local before main, and main before default; other tables only on request', () => {
    const routes = parseIpRoute(
      [
        '10.0.0.0/8 dev main8',
        'local 10.0.0.0/8 dev lo table local proto kernel scope host src 10.0.0.1',
        '10.1.0.0/16 dev other table 100',
        '10.2.0.0/16 dev deflt table default',
      ].join('\n'),
    );
    // local's /8 beats main's /8 and the /16 in table 100 (not consulted)
    expect(selectRoute(routes, parseAddr('10.1.2.3'))?.dev).toBe('lo');
    expect(selectRoute(routes, parseAddr('10.1.2.3'), { table: '100' })?.dev).toBe('other');
    expect(selectRoute(routes, parseAddr('10.1.2.3'), { table: 'main' })?.dev).toBe('main8');
    expect(selectRoute(routes, parseAddr('10.1.2.3'), { table: '254' })?.dev).toBe('main8');
    const noLocal = routes.filter((r) => r.table !== 'local');
    expect(selectRoute(noLocal, parseAddr('10.2.0.1'))?.dev).toBe('main8');
    expect(selectRoute(noLocal.slice(1), parseAddr('10.2.0.1'))?.dev).toBe('deflt');
  });

  it('lets a throw route fall through to the next table', () => {
    const routes = parseIpRoute('throw 10.5.0.0/16\n10.0.0.0/8 dev main8\n10.5.0.0/16 dev d table default');
    expect(selectRoute(routes, parseAddr('10.5.1.1'))?.dev).toBe('d');
    expect(selectRoute(routes, parseAddr('10.6.1.1'))?.dev).toBe('main8');
    expect(selectRoute(parseIpRoute('throw 10.5.0.0/16'), parseAddr('10.5.1.1'))).toBeUndefined();
  });

  it('accepts address text and hand-built routes with text destinations', () => {
    const routes = [{ type: 'unicast', dst: '10.0.0.0/8', dev: 'eth0' }] as never;
    expect(selectRoute(routes, '10.1.1.1')?.dev).toBe('eth0');
  });

  it('rejects bad input with RoutesError codes', () => {
    expect(() => selectRoute([], 'nope')).toThrow(expect.objectContaining({ code: 'INVALID_ADDRESS' }));
    expect(() => selectRoute(null as never, '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => selectRoute([null] as never, '10.0.0.1')).toThrow(
      expect.objectContaining({ code: 'INVALID_ROUTE' }),
    );
  });
});

describe('selectRoute details', () => {
  it('matches a zoned address by its bare address', () => {
    const routes = parseIpRoute('fe80::/64 dev eth0 proto kernel metric 256 pref medium');
    expect(selectRoute(routes, 'fe80::1%eth0')).toBe(routes[0]);
    expect(selectRoute(routes, parseAddr('fe80::1%eth1'))).toBe(routes[0]);
    expect(selectRoute(routes, 'fe81::1%eth0')).toBeUndefined();
  });

  it('breaks ties on one prefix by the lowest metric (absent = 0), then array order', () => {
    const dev = (text: string) => selectRoute(parseIpRoute(text), '10.1.1.1')?.dev;
    expect(dev('10.0.0.0/8 dev a metric 1\n10.0.0.0/8 dev b metric 5')).toBe('a');
    expect(dev('10.0.0.0/8 dev a metric 5\n10.0.0.0/8 dev b metric 1')).toBe('b');
    expect(dev('10.0.0.0/8 dev a\n10.0.0.0/8 dev b metric 0')).toBe('a');
    expect(dev('10.0.0.0/8 dev a metric 1\n10.0.0.0/8 dev b')).toBe('b');
    expect(dev('10.1.0.0/16 dev a metric 9\n10.0.0.0/8 dev b metric 1')).toBe('a');
  });

  it('names bad routes by index', () => {
    const err = (routes: unknown) => {
      try {
        selectRoute(routes as never, '10.0.0.1');
      } catch (e) {
        const { code, message, path } = e as { code: string; message: string; path: unknown };
        return { code, message, path };
      }
      throw new Error('no error');
    };
    expect(err('x')).toEqual({ code: 'INVALID_INPUT', message: 'expected an array of routes', path: [] });
    expect(err([...parseIpRoute('10.0.0.0/8 dev a'), null])).toEqual({
      code: 'INVALID_ROUTE',
      message: 'route 1 is not an object',
      path: [1],
    });
    expect(err([{ dst: 'x' }])).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid destination of route 0 "x"',
      path: [0, 'dst'],
    });
  });
});

describe('selectRoute address input', () => {
  it('names a bad address', () => {
    expect(() => selectRoute([], 'x')).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', message: 'invalid address "x"' }),
    );
    expect(() => selectRoute([], 7 as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', message: 'invalid address 7' }),
    );
  });
});
