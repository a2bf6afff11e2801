import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { formatIPRange, ipRange, parseIPRange, prefixRange, safeParseIPRange } from './ip-range.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';

const A = parseAddr;
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('IPRange checks', () => {
  it.each([
    [
      '10.0.0.9-10.0.0.1',
      'INVALID_RANGE',
      'invalid range 10.0.0.9-10.0.0.1: the first address is after the last',
    ],
    ['::2-::1', 'INVALID_RANGE', 'invalid range ::2-::1: the first address is after the last'],
    ['10.0.0.1-::1', 'FAMILY_MISMATCH', 'invalid range 10.0.0.1-::1: the ends are of different families'],
    ['10.0.0.1', 'INVALID_RANGE', 'invalid range "10.0.0.1": missing "-"'],
    ['10.0.0.1-x', 'INVALID_RANGE', 'invalid range "10.0.0.1-x": unexpected character "x" at position 0'],
    ['1.2.3-10.0.0.256', 'INVALID_RANGE', 'invalid range "1.2.3-10.0.0.256": expected 4 fields, got 3'],
    [
      '10.0.0.1-10.0.0.256',
      'INVALID_RANGE',
      'invalid range "10.0.0.1-10.0.0.256": field "256" is greater than 255',
    ],
    ['fe80::1%a-fe80::2', 'INVALID_RANGE', 'invalid range "fe80::1%a-fe80::2": ranges cannot have a zone'],
    ['fe80::1-fe80::2%a', 'INVALID_RANGE', 'invalid range "fe80::1-fe80::2%a": ranges cannot have a zone'],
    ['-', 'INVALID_RANGE', 'invalid range "-": empty string'],
  ])('parseIPRange(%j) throws %s', (text, code, message) => {
    expect(() => parseIPRange(text)).toThrowError(fail(code, message));
    const r = safeParseIPRange(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code, message });
  });

  it('names a non-string input', () => {
    for (const [bad, shown] of [
      [42, '42'],
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      const r = safeParseIPRange(bad);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error).toMatchObject({
          code: 'INVALID_RANGE',
          message: `invalid range ${shown}: expected a string`,
        });
    }
  });

  it('accepts a one-address range and both families', () => {
    expect(formatIPRange(parseIPRange('10.0.0.1-10.0.0.1'))).toBe('10.0.0.1-10.0.0.1');
    expect(formatIPRange(parseIPRange('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toBe(
      '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    );
    expect(formatIPRange(prefixRange(parsePrefix('2001:db8::/126')))).toBe('2001:db8::-2001:db8::3');
  });

  it('ipRange drops zones and checks order, family and input', () => {
    expect(formatIPRange(ipRange(A('fe80::1'), A('fe80::1%eth0')))).toBe('fe80::1-fe80::1');
    expect(formatIPRange(ipRange(A('fe80::1%eth0'), A('fe80::2%eth1')))).toBe('fe80::1-fe80::2');
    expect(() => ipRange(A('10.0.0.2'), A('10.0.0.1'))).toThrowError(
      fail('INVALID_RANGE', 'invalid range 10.0.0.2-10.0.0.1: the first address is after the last'),
    );
    expect(() => ipRange(A('::1'), A('10.0.0.1'))).toThrowError(
      fail('FAMILY_MISMATCH', 'invalid range ::1-10.0.0.1: the ends are of different families'),
    );
    expect(() => ipRange(null as unknown as Addr, A('10.0.0.1'))).toThrowError(
      fail('INVALID_ADDRESS', 'first address is not an address: null'),
    );
    expect(() => ipRange(A('10.0.0.1'), 1 as unknown as Addr)).toThrowError(
      fail('INVALID_ADDRESS', 'last address is not an address: 1'),
    );
  });
});
