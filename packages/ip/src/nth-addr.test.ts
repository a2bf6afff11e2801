import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { nthAddr } from './nth-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';

const P = (t: string) => parsePrefix(t);
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('nthAddr', () => {
  it('counts from the prefix address with numbers and bigints', () => {
    expect(formatAddr(nthAddr(P('10.0.0.0/30'), 0))).toBe('10.0.0.0');
    expect(formatAddr(nthAddr(P('10.0.0.0/30'), 3))).toBe('10.0.0.3');
    expect(formatAddr(nthAddr(P('10.0.0.0/30'), 0n))).toBe('10.0.0.0');
    expect(formatAddr(nthAddr(P('10.0.0.0/30'), 3n))).toBe('10.0.0.3');
    expect(formatAddr(nthAddr(P('10.0.0.7/32'), 0))).toBe('10.0.0.7');
    expect(formatAddr(nthAddr(P('0.0.0.0/0'), 0xffffffff))).toBe('255.255.255.255');
    expect(formatAddr(nthAddr(P('2001:db8::/64'), 0x1_0000_0001))).toBe('2001:db8::1:0:1');
  });

  it('accepts every safe integer in IPv6 prefixes with 53 or more host bits', () => {
    // /75 has exactly 53 host bits: the largest safe integer is the last address
    expect(formatAddr(nthAddr(P('2001:db8::/75'), Number.MAX_SAFE_INTEGER))).toBe(
      '2001:db8::1f:ffff:ffff:ffff',
    );
    expect(formatAddr(nthAddr(P('::/0'), Number.MAX_SAFE_INTEGER))).toBe('::1f:ffff:ffff:ffff');
    expect(formatAddr(nthAddr(P('::/0'), (1n << 128n) - 1n))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    // /76 has 52 host bits: 2^52 is one past the end
    expect(formatAddr(nthAddr(P('2001:db8::/76'), 2 ** 52 - 1))).toBe('2001:db8::f:ffff:ffff:ffff');
    expect(() => nthAddr(P('2001:db8::/76'), 2 ** 52)).toThrowError(
      fail('OUT_OF_RANGE', `address index ${2 ** 52} is outside 2001:db8::/76`),
    );
  });

  it.each([
    ['10.0.0.0/30', 4, 'address index 4 is outside 10.0.0.0/30'],
    ['10.0.0.0/30', -1, 'address index -1 is outside 10.0.0.0/30'],
    ['10.0.0.0/30', 1.5, 'address index 1.5 is outside 10.0.0.0/30'],
    ['10.0.0.0/30', Number.NaN, 'address index NaN is outside 10.0.0.0/30'],
    ['10.0.0.7/32', 1, 'address index 1 is outside 10.0.0.7/32'],
    ['::/0', Number.MAX_SAFE_INTEGER + 1, `address index ${Number.MAX_SAFE_INTEGER + 1} is outside ::/0`],
    ['10.0.0.0/30', 4n, 'address index 4n is outside 10.0.0.0/30'],
    ['10.0.0.0/30', -1n, 'address index -1n is outside 10.0.0.0/30'],
    ['::/0', 1n << 128n, `address index ${1n << 128n}n is outside ::/0`],
    ['10.0.0.0/30', '1', 'address index "1" is outside 10.0.0.0/30'],
    ['10.0.0.0/30', null, 'address index null is outside 10.0.0.0/30'],
  ])('rejects index %s of %s with OUT_OF_RANGE', (prefix, n, message) => {
    expect(() => nthAddr(P(prefix), n as number)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it('names a bad prefix argument', () => {
    expect(() => nthAddr(null as unknown as Prefix, 0)).toThrowError(
      fail('INVALID_PREFIX', 'prefix is not a prefix: null'),
    );
    expect(formatAddr(nthAddr('10.0.0.0/30' as unknown as Prefix, 1))).toBe('10.0.0.1');
  });
});
