import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { isPrefix, prefixFrom } from './prefix.ts';

const A = parseAddr;
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('prefixFrom', () => {
  it('masks host bits at every length boundary', () => {
    expect(formatPrefix(prefixFrom(A('10.1.2.3'), 0))).toBe('0.0.0.0/0');
    expect(formatPrefix(prefixFrom(A('10.1.2.3'), 16))).toBe('10.1.0.0/16');
    expect(formatPrefix(prefixFrom(A('10.1.2.3'), 32))).toBe('10.1.2.3/32');
    expect(formatPrefix(prefixFrom(A('2001:db8::1'), 128))).toBe('2001:db8::1/128');
    expect(formatPrefix(prefixFrom(A('2001:db8::1'), 0))).toBe('::/0');
    expect(formatPrefix(prefixFrom('10.1.2.3' as unknown as Addr, 8))).toBe('10.0.0.0/8');
  });

  it.each([
    ['10.1.2.3', -1, 'invalid prefix length -1 for 10.1.2.3: must be 0–32'],
    ['10.1.2.3', 33, 'invalid prefix length 33 for 10.1.2.3: must be 0–32'],
    ['10.1.2.3', 1.5, 'invalid prefix length 1.5 for 10.1.2.3: must be 0–32'],
    ['10.1.2.3', '8', 'invalid prefix length "8" for 10.1.2.3: must be 0–32'],
    ['2001:db8::1', 129, 'invalid prefix length 129 for 2001:db8::1: must be 0–128'],
    ['2001:db8::1', -1, 'invalid prefix length -1 for 2001:db8::1: must be 0–128'],
  ])('rejects %s with length %s', (addr, bits, message) => {
    expect(() => prefixFrom(A(addr), bits as number)).toThrowError(fail('INVALID_PREFIX', message));
  });

  it('rejects an address with a zone, and a non-address', () => {
    expect(() => prefixFrom(A('fe80::1%eth0'), 64)).toThrowError(
      fail('INVALID_PREFIX', 'invalid prefix "fe80::1%eth0/64": prefixes cannot have a zone'),
    );
    expect(() => prefixFrom(null as unknown as Addr, 8)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: null'),
    );
  });

  it('isPrefix tells prefixes from addresses', () => {
    expect(isPrefix(parsePrefix('0.0.0.0/0'))).toBe(true);
    expect(isPrefix(A('10.0.0.1'))).toBe(false);
  });
});
