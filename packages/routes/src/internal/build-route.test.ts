import { addrFromUint32, parsePrefix } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import type { Route } from '../route.ts';
import { buildRoute, canonicalRoute, compareRoutesForDump } from './build-route.ts';
import { hasTrailingSpace } from './trailing-newline.ts';

const r = (dst: string): Route => buildRoute({ dst: parsePrefix(dst) });

describe('buildRoute / canonicalRoute', () => {
  it('drops undefined fields and defaults the type to unicast, first', () => {
    const dst = parsePrefix('10.0.0.0/8');
    expect(Object.keys(buildRoute({ dst, dev: 'eth0', via: undefined }))).toEqual(['type', 'dst', 'dev']);
    expect(buildRoute({ dst, type: 'local' }).type).toBe('local');
    expect(Object.keys(buildRoute({ dev: 'eth0', dst, type: 'local' }))).toEqual(['type', 'dev', 'dst']);
    expect(Object.isFrozen(buildRoute({ dst }))).toBe(true);
  });

  it('puts keys in print order, drops undefined ones and marks trailing spaces on request', () => {
    const dst = parsePrefix('10.0.0.0/8');
    const c = canonicalRoute({ metric: 5, dev: 'eth0', via: undefined, dst, type: 'local' }, false);
    expect(Object.keys(c)).toEqual(['type', 'dst', 'dev', 'metric']);
    expect(canonicalRoute({ dst }, false).type).toBe('unicast');
    expect(hasTrailingSpace(c)).toBe(false);
    expect(hasTrailingSpace(canonicalRoute({ dst }, true))).toBe(true);
    expect(canonicalRoute({ dst, type: 'blackhole' }, false).type).toBe('blackhole');
  });
});

describe('compareRoutesForDump', () => {
  const order = (dsts: string[]) =>
    dsts
      .map(r)
      .sort(compareRoutesForDump)
      .map(
        (x) =>
          `${x.dst.addr.family}:${x.dst.bits}:${x.dst.addr.w0 >>> 0}.${x.dst.addr.w1 >>> 0}.${x.dst.addr.w2 >>> 0}.${x.dst.addr.w3 >>> 0}`,
      );
  const sorted = (dsts: string[]) =>
    [...dsts]
      .map(r)
      .sort(compareRoutesForDump)
      .map((x) => x.dst);

  it('IPv4 before IPv6, then by address (unsigned), longer prefix first for one address', () => {
    expect(sorted(['2001:db8::/32', '10.0.0.0/8'])).toEqual([
      parsePrefix('10.0.0.0/8'),
      parsePrefix('2001:db8::/32'),
    ]);
    expect(sorted(['10.0.0.0/8', '2001:db8::/32'])).toEqual([
      parsePrefix('10.0.0.0/8'),
      parsePrefix('2001:db8::/32'),
    ]);
    expect(sorted(['200.0.0.0/8', '10.0.0.0/8'])).toEqual([
      parsePrefix('10.0.0.0/8'),
      parsePrefix('200.0.0.0/8'),
    ]);
    expect(sorted(['10.0.0.0/8', '10.0.0.0/16', '10.0.0.0/24'])).toEqual(
      ['10.0.0.0/24', '10.0.0.0/16', '10.0.0.0/8'].map((p) => parsePrefix(p)),
    );
    expect(order(['0.0.0.0/0', '0.0.0.0/1'])).toEqual(['4:1:0.0.0.0', '4:0:0.0.0.0']);
  });

  it('compares IPv6 word by word, unsigned', () => {
    const want = ['2001:db8::/96', '2001:db8::1:0:0/96', '2001:db8:0:1::/64', '2001:db8:1::/48', 'ff00::/8'];
    expect(sorted([...want].reverse())).toEqual(want.map((p) => parsePrefix(p)));
    expect(sorted(['8000::/1', '7fff::/16'])).toEqual([parsePrefix('7fff::/16'), parsePrefix('8000::/1')]);
    expect(sorted(['::8000:0/97', '::1/128'])).toEqual([parsePrefix('::1/128'), parsePrefix('::8000:0/97')]);
  });

  it('IPv6: more specific prefixes before the prefix that covers them (fib6 post-order walk)', () => {
    // `ip -6 route` on a host: ::1, the on-link /64s, then default last
    expect(sorted(['::/0', 'fe80::/64', '2001:db8::/64', '::1/128'])).toEqual(
      ['::1/128', '2001:db8::/64', 'fe80::/64', '::/0'].map((p) => parsePrefix(p)),
    );
    expect(sorted(['2001:db8::/32', '2001:db8:1::/48', '2001:db8::/48'])).toEqual(
      ['2001:db8::/48', '2001:db8:1::/48', '2001:db8::/32'].map((p) => parsePrefix(p)),
    );
    expect(sorted(['2001:db8:1::/48', '2001:db8::/32'])).toEqual(
      ['2001:db8:1::/48', '2001:db8::/32'].map((p) => parsePrefix(p)),
    );
    // not nested: by address, whatever the lengths
    expect(sorted(['fe80::/10', '2001:db8::/64'])).toEqual(
      ['2001:db8::/64', 'fe80::/10'].map((p) => parsePrefix(p)),
    );
    expect(sorted(['2001:db8::/64', 'fe80::/10'])).toEqual(
      ['2001:db8::/64', 'fe80::/10'].map((p) => parsePrefix(p)),
    );
    expect(compareRoutesForDump(r('2001:db8::/32'), r('2001:db8::/32'))).toBe(0);
    // IPv4 keeps the trie order: default first
    expect(sorted(['10.0.0.0/8', '0.0.0.0/0'])).toEqual(
      ['0.0.0.0/0', '10.0.0.0/8'].map((p) => parsePrefix(p)),
    );
  });

  it('returns 0 only for equal destinations', () => {
    expect(compareRoutesForDump(r('10.0.0.0/8'), r('10.0.0.0/8'))).toBe(0);
    expect(compareRoutesForDump(r('10.0.0.0/8'), r('10.0.0.0/16'))).toBeGreaterThan(0);
    expect(compareRoutesForDump(r('10.0.0.0/16'), r('10.0.0.0/8'))).toBeLessThan(0);
    expect(compareRoutesForDump(r('::/0'), r('0.0.0.0/0'))).toBeGreaterThan(0);
    expect(addrFromUint32(0).family).toBe(4);
  });
});
