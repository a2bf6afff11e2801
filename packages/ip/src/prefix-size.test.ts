import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { prefixFirst, prefixLast } from './prefix-bounds.ts';
import { prefixSize, prefixSizeNumber } from './prefix-size.ts';

const P = (t: string) => parsePrefix(t);
const bad = expect.objectContaining({
  code: 'INVALID_PREFIX',
  message: 'prefix is not a prefix: null',
  path: [],
});

describe('prefixSize / prefixSizeNumber / prefixFirst / prefixLast', () => {
  it('count addresses at the ends of both families', () => {
    expect(prefixSize(P('0.0.0.0/0'))).toBe(2n ** 32n);
    expect(prefixSize(P('10.0.0.1/32'))).toBe(1n);
    expect(prefixSize(P('::/0'))).toBe(2n ** 128n);
    expect(prefixSize(P('::1/128'))).toBe(1n);
    expect(prefixSizeNumber(P('10.0.0.0/24'))).toBe(256);
    expect(prefixSizeNumber(P('::/0'))).toBe(2 ** 128);
    expect(prefixSizeNumber(P('fd00::/120'))).toBe(256);
    expect(prefixSize('10.0.0.0/30' as unknown as Prefix)).toBe(4n);
  });

  it('give the first and last address', () => {
    expect(formatAddr(prefixFirst(P('10.1.0.0/16')))).toBe('10.1.0.0');
    expect(formatAddr(prefixLast(P('10.1.0.0/16')))).toBe('10.1.255.255');
    expect(formatAddr(prefixLast(P('fd00::/63')))).toBe('fd00::1:ffff:ffff:ffff:ffff');
    expect(formatAddr(prefixLast(P('::1/128')))).toBe('::1');
  });

  it('reject non-prefixes', () => {
    for (const f of [prefixSize, prefixSizeNumber, prefixFirst, prefixLast]) {
      expect(() => f(null as unknown as Prefix)).toThrowError(bad);
    }
  });
});
