import { describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { nthSubnet, subnets } from './subnets.ts';

const P = (t: string) => parsePrefix(t);
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('subnets', () => {
  it('splits at both length boundaries', () => {
    expect([...subnets(P('10.0.0.0/24'), 24)].map(formatPrefix)).toEqual(['10.0.0.0/24']);
    expect([...subnets(P('10.0.0.252/30'), 32)].map(formatPrefix)).toEqual([
      '10.0.0.252/32',
      '10.0.0.253/32',
      '10.0.0.254/32',
      '10.0.0.255/32',
    ]);
    expect([...subnets(P('2001:db8::/126'), 127)].map(formatPrefix)).toEqual([
      '2001:db8::/127',
      '2001:db8::2/127',
    ]);
    expect([...subnets(P('255.255.255.0/24'), 25)].map(formatPrefix)).toEqual([
      '255.255.255.0/25',
      '255.255.255.128/25',
    ]);
  });

  it('walks more than 2^52 subnets lazily, and ends at the end of the family', () => {
    const first = [];
    for (const s of subnets(P('::/0'), 64)) {
      first.push(formatPrefix(s));
      if (first.length === 3) break;
    }
    expect(first).toEqual(['::/64', '0:0:0:1::/64', '0:0:0:2::/64']);
    const tail = subnets(P('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126'), 128);
    expect([...tail].map(formatPrefix)).toEqual([
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/128',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd/128',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    ]);
  });

  it.each([
    ['10.0.0.0/24', 23, 'cannot split 10.0.0.0/24 into /23 subnets: the new length must be 24–32'],
    ['10.0.0.0/24', 33, 'cannot split 10.0.0.0/24 into /33 subnets: the new length must be 24–32'],
    ['10.0.0.0/24', 25.5, 'cannot split 10.0.0.0/24 into /25.5 subnets: the new length must be 24–32'],
    ['10.0.0.0/24', '25', 'cannot split 10.0.0.0/24 into /"25" subnets: the new length must be 24–32'],
    ['2001:db8::/64', 129, 'cannot split 2001:db8::/64 into /129 subnets: the new length must be 64–128'],
    ['2001:db8::/64', 63, 'cannot split 2001:db8::/64 into /63 subnets: the new length must be 64–128'],
  ])('rejects splitting %s into /%s with OUT_OF_RANGE', (prefix, bits, message) => {
    expect(() => subnets(P(prefix), bits as number)).toThrowError(fail('OUT_OF_RANGE', message));
    expect(() => nthSubnet(P(prefix), bits as number, 0)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it('names a bad prefix argument', () => {
    expect(() => subnets(null as unknown as Prefix, 24)).toThrowError(
      fail('INVALID_PREFIX', 'prefix is not a prefix: null'),
    );
    expect(() => nthSubnet(42 as unknown as Prefix, 24, 0)).toThrowError(
      fail('INVALID_PREFIX', 'prefix is not a prefix: 42'),
    );
  });
});

describe('nthSubnet', () => {
  it('finds the n-th subnet with numbers and bigints in both families', () => {
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 24, 0))).toBe('10.244.0.0/24');
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 24, 255))).toBe('10.244.255.0/24');
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 24, 3n))).toBe('10.244.3.0/24');
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 16, 0))).toBe('10.244.0.0/16');
    expect(formatPrefix(nthSubnet(P('0.0.0.0/0'), 32, 0xffffffff))).toBe('255.255.255.255/32');
    expect(formatPrefix(nthSubnet(P('2001:db8::/32'), 48, 5))).toBe('2001:db8:5::/48');
    expect(formatPrefix(nthSubnet(P('2001:db8::/32'), 48, 0xffffn))).toBe('2001:db8:ffff::/48');
    expect(formatPrefix(nthSubnet(P('::/0'), 128, (1n << 128n) - 1n))).toBe(
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    );
  });

  it.each([
    ['10.0.0.0/22', 4, 'subnet index 4 is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/22', -1, 'subnet index -1 is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/22', 1.5, 'subnet index 1.5 is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/22', 4n, 'subnet index 4n is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/22', -1n, 'subnet index -1n is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/22', '1', 'subnet index "1" is outside 10.0.0.0/22 split into /24'],
    ['10.0.0.0/24', 1, 'subnet index 1 is outside 10.0.0.0/24 split into /24'],
  ])('rejects index %s of %s (into /24) with OUT_OF_RANGE', (prefix, n, message) => {
    expect(() => nthSubnet(P(prefix), 24, n as number)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it.each([
    ['2001:db8::/46', 4, 'subnet index 4 is outside 2001:db8::/46 split into /48'],
    ['2001:db8::/46', -1, 'subnet index -1 is outside 2001:db8::/46 split into /48'],
    ['2001:db8::/46', 4n, 'subnet index 4n is outside 2001:db8::/46 split into /48'],
    ['2001:db8::/46', 2 ** 53, `subnet index ${2 ** 53} is outside 2001:db8::/46 split into /48`],
  ])('rejects index %s of the IPv6 %s with OUT_OF_RANGE', (prefix, n, message) => {
    expect(() => nthSubnet(P(prefix), 48, n as number)).toThrowError(fail('OUT_OF_RANGE', message));
  });
});
