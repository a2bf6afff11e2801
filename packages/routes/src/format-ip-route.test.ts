import { parseAddr, parsePrefix } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { formatIpRoute, formatRoute } from './format-ip-route.ts';
import { parseIpRoute } from './parse-ip-route.ts';
import type { Route } from './route.ts';

// Field order from iproute2 print_route() (ip/iproute.c): type, dst, via, dev, table, proto,
// scope, src, metric, flags (onlink…), metrics, pref.
describe('formatIpRoute', () => {
  it('prints fields in iproute2 order whatever order the object has', () => {
    const route = {
      pref: 'medium',
      metric: 100,
      src: parseAddr('10.0.0.5'),
      scope: 'link',
      proto: 'static',
      table: '100',
      dev: 'eth0',
      via: parseAddr('10.0.0.1'),
      dst: parsePrefix('10.1.0.0/16'),
      type: 'unicast',
      onlink: true,
    } as Route;
    expect(formatRoute(route)).toBe(
      '10.1.0.0/16 via 10.0.0.1 dev eth0 table 100 proto static scope link src 10.0.0.5 metric 100 onlink pref medium',
    );
  });

  it('prints /32 and /128 bare and /0 as default', () => {
    const r = (dst: string): Route => ({ type: 'unicast', dst: parsePrefix(dst), dev: 'eth0' });
    expect(formatIpRoute([r('10.244.2.2/32'), r('2001:db8::1/128'), r('0.0.0.0/0'), r('::/0')])).toBe(
      '10.244.2.2 dev eth0\n2001:db8::1 dev eth0\ndefault dev eth0\ndefault dev eth0\n',
    );
  });

  it('prints only the fields present and the type only when not unicast', () => {
    expect(formatIpRoute([{ type: 'blackhole', dst: parsePrefix('10.244.9.0/24') }])).toBe(
      'blackhole 10.244.9.0/24\n',
    );
    expect(formatIpRoute([{ type: 'unicast', dst: parsePrefix('10.0.0.0/8') }])).toBe('10.0.0.0/8\n');
  });

  it('prints a missing type as unicast (hand-built routes)', () => {
    const r = { dst: parsePrefix('10.0.0.0/8'), dev: 'eth0' } as unknown as Route;
    expect(formatRoute(r)).toBe('10.0.0.0/8 dev eth0');
  });

  it('prints an empty table as the empty string, in array order otherwise', () => {
    expect(formatIpRoute([])).toBe('');
    const a: Route = { type: 'unicast', dst: parsePrefix('10.2.0.0/16'), dev: 'b' };
    const b: Route = { type: 'unicast', dst: parsePrefix('10.1.0.0/16'), dev: 'a' };
    expect(formatIpRoute([a, b])).toBe('10.2.0.0/16 dev b\n10.1.0.0/16 dev a\n');
  });

  it('accepts text in hand-built routes and never throws a bare TypeError', () => {
    const r = { type: 'unicast', dst: '10.244.2.0/24', via: '192.168.1.12', dev: 'eth0' } as unknown as Route;
    expect(formatRoute(r)).toBe('10.244.2.0/24 via 192.168.1.12 dev eth0');
    expect(formatRoute({ dst: 'default', via: 'fe80::1' } as unknown as Route)).toBe('default via fe80::1');
    expect(() => formatRoute({ dst: 42 } as unknown as Route)).toThrow(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => formatRoute({ dst: '10.0.0.0/8', via: {} } as unknown as Route)).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
  });

  it('rejects what is not a route list', () => {
    expect(() => formatIpRoute(null as unknown as Route[])).toThrow(/array/);
    expect(() => formatIpRoute([null as unknown as Route])).toThrow(/route/);
  });
});

describe('formatRoute fields and hand-built routes', () => {
  it('prints from, nhid, tos, realm(s) and explicit via families as iproute2 does', () => {
    for (const line of [
      '10.0.0.0/8 from 10.1.0.0/16 nhid 7 tos 0x10 via 10.0.0.1 dev eth0',
      '10.0.0.0/8 from 10.1.2.3 dev eth0',
      '2001:db8::/32 from 2001:db8::1 dev eth0 metric 1024 pref medium',
      '2001:db8::/32 from 2001:db8::/48 dev eth0 metric 1024 pref medium',
      '10.9.0.0/16 dev eth0 realm 12',
      '10.9.0.0/16 dev eth0 realms 1/2',
      '2001:db8::/32 via inet 10.0.0.1 dev eth0 metric 1024 pref medium',
      '10.0.0.0/8 via inet6 fe80::1 dev eth0',
    ]) {
      expect(formatIpRoute(parseIpRoute(line))).toBe(line);
    }
    const multi = 'default proto static\n\tnexthop via 10.0.0.1\n\tnexthop dev eth1\n\tnexthop weight 3';
    expect(formatIpRoute(parseIpRoute(multi))).toBe(multi);
  });

  it('prints `unicast` when asked to show the type, and only then', () => {
    expect(formatRoute({ dst: parsePrefix('10.0.0.0/8'), typeShown: true } as unknown as Route)).toBe(
      'unicast 10.0.0.0/8',
    );
    expect(formatRoute({ dst: parsePrefix('10.0.0.0/8') } as unknown as Route)).toBe('10.0.0.0/8');
  });

  it('reads text fields of hand-built routes; `default` takes the family of the via', () => {
    const f = (r: object) => formatRoute(r as Route);
    expect(f({ type: 'unicast', dst: '10.0.0.1', dev: 'eth0' })).toBe('10.0.0.1 dev eth0');
    expect(f({ type: 'unicast', dst: '2001:db8::1', dev: 'eth0' })).toBe('2001:db8::1 dev eth0');
    expect(f({ type: 'unicast', dst: '10.0.0.0/8', via: '10.1.1.1' })).toBe('10.0.0.0/8 via 10.1.1.1');
    expect(f({ type: 'unicast', dst: 'default', via: '10.1.1.1' })).toBe('default via 10.1.1.1');
    expect(f({ type: 'unicast', dst: 'default', via: 'fe80::1', dev: 'eth0' })).toBe(
      'default via fe80::1 dev eth0',
    );
    expect(f({ type: 'unicast', dst: 'default', via: parseAddr('fe80::1') })).toBe('default via fe80::1');
    expect(f({ type: 'unicast', dst: 'default', via: parseAddr('10.0.0.1') })).toBe('default via 10.0.0.1');
    expect(f({ type: 'unicast', dst: 'default', dev: 'wg0' })).toBe('default dev wg0');
    expect(f({ type: 'unicast', dst: '2001:db8::/32', via: '10.0.0.1' })).toBe(
      '2001:db8::/32 via inet 10.0.0.1',
    );
  });

  it('names a bad hand-built route', () => {
    const err = (r: unknown) => {
      try {
        formatRoute(r as Route);
      } catch (e) {
        const { code, message } = e as { code: string; message: string };
        return { code, message };
      }
      throw new Error('no error');
    };
    for (const r of [null, 'x', {}]) {
      expect(err(r)).toEqual({ code: 'INVALID_ROUTE', message: 'expected a route object with a dst' });
    }
    expect(err({ dst: 'x' })).toEqual({ code: 'INVALID_PREFIX', message: 'invalid route destination "x"' });
    expect(err({ dst: 'fe80::1%eth0' })).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid route destination "fe80::1%eth0"',
    });
    expect(err({ dst: '10.0.0.1/8' })).toEqual({
      code: 'HOST_BITS_SET',
      message: 'invalid route destination "10.0.0.1/8"',
    });
    expect(err({ dst: '10.0.0.0/33' })).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid route destination "10.0.0.0/33"',
    });
    expect(err({ dst: 5 })).toEqual({ code: 'INVALID_PREFIX', message: 'invalid route destination 5' });
    expect(err({ dst: { bits: 8 } })).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid route destination an object',
    });
    expect(err({ dst: { addr: parseAddr('10.0.0.0') } })).toEqual({
      code: 'INVALID_PREFIX',
      message: 'invalid route destination an object',
    });
    expect(err({ dst: 'default', via: null })).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid route via null',
    });
    expect(err({ dst: '10.0.0.0/8', via: 'x' })).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid route via "x"',
    });
    expect(err({ dst: '10.0.0.0/8', src: 'x' })).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid route src "x"',
    });
    expect(err({ dst: '10.0.0.0/8', src: 7 })).toEqual({
      code: 'INVALID_ADDRESS',
      message: 'invalid route src 7',
    });
    for (const via of [{ family: 4 }, { family: 5, w3: 1 }, { w3: 1 }, [1]]) {
      expect(err({ dst: '10.0.0.0/8', via }).code).toBe('INVALID_ADDRESS');
    }
    expect(() => formatIpRoute('x' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'expected an array of routes' }),
    );
  });
});
