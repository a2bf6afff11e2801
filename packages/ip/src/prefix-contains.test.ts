import { describe, expect, it } from 'vitest';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { prefixContains } from './prefix-contains.ts';

const A = parseAddr;
const P = (t: string) => parsePrefix(t);

describe('prefixContains', () => {
  it('never contains a longer-reaching (shorter) prefix, even with the same address', () => {
    expect(prefixContains(P('10.0.0.0/16'), P('10.0.0.0/8'))).toBe(false);
    expect(prefixContains(P('10.0.0.0/16'), P('10.0.0.0/15'))).toBe(false);
    expect(prefixContains(P('10.0.0.0/16'), P('10.0.0.0/16'))).toBe(true);
    expect(prefixContains(P('2001:db8::/64'), P('2001:db8::/63'))).toBe(false);
    expect(prefixContains(P('2001:db8::/64'), P('2001:db8::/64'))).toBe(true);
  });

  // Each IPv6 word decides on its own: a difference in any one of them excludes the address.
  it.each([
    ['2001:db8:0:1::/64', '2001:db8:0:1:ffff:ffff:ffff:ffff', true],
    ['2001:db8:0:1::/64', '2001:db9:0:1::', false],
    ['2001:db8:0:1::/64', '2001:db8:0:2::1', false],
    ['2001:db8:0:1::/64', '2001:db8:1:1::1', false],
    ['::1:0:0/96', '::1:0:0', true],
    ['::1:0:0/96', '::2:0:0', false],
    ['::1:0:0/96', '0:0:0:1:0:1::', false],
    ['::1/128', '::1', true],
    ['::1/128', '::3', false],
    ['::1/128', '::1:0:1', false],
    ['1::/16', '1:ffff::', true],
    ['1::/16', '2::', false],
    ['::/33', '0:0:7fff::', true],
    ['::/33', '0:0:8000::', false],
  ])('%s contains %s: %s', (prefix, addr, expected) => {
    expect(prefixContains(P(prefix), A(addr))).toBe(expected);
  });

  it('is false across families and for zoned addresses', () => {
    expect(prefixContains(P('0.0.0.0/0'), A('::'))).toBe(false);
    expect(prefixContains(P('::/0'), A('0.0.0.0'))).toBe(false);
    expect(prefixContains(P('::/0'), P('10.0.0.0/8'))).toBe(false);
    expect(prefixContains(P('fe80::/10'), A('fe80::1%eth0'))).toBe(false);
    expect(prefixContains(P('fe80::/10'), A('fe80::1'))).toBe(true);
  });
});
