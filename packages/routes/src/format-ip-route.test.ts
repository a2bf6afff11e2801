import { parseAddr, parsePrefix } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { formatIpRoute, formatRoute } from './format-ip-route.ts';
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
