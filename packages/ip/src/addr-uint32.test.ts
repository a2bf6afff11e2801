import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { addrFromUint32, addrToUint32, isIPv4, isIPv6 } from './addr-uint32.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';

const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('addrFromUint32 / addrToUint32', () => {
  it('accept 0 and 2^32-1', () => {
    expect(formatAddr(addrFromUint32(0))).toBe('0.0.0.0');
    expect(formatAddr(addrFromUint32(0xffffffff))).toBe('255.255.255.255');
    expect(addrToUint32(parseAddr('10.0.0.1'))).toBe(0x0a000001);
    expect(addrToUint32('192.168.0.1' as unknown as Addr)).toBe(0xc0a80001);
  });

  it.each([
    [-1, 'not a uint32 IPv4 address value: -1'],
    [2 ** 32, 'not a uint32 IPv4 address value: 4294967296'],
    [1.5, 'not a uint32 IPv4 address value: 1.5'],
    [Number.NaN, 'not a uint32 IPv4 address value: NaN'],
    ['1', 'not a uint32 IPv4 address value: "1"'],
    [1n, 'not a uint32 IPv4 address value: 1n'],
  ])('rejects %s with OUT_OF_RANGE', (n, message) => {
    expect(() => addrFromUint32(n as number)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it('rejects IPv6 (also IPv4-mapped) with FAMILY_MISMATCH', () => {
    expect(() => addrToUint32(parseAddr('::1'))).toThrowError(
      fail('FAMILY_MISMATCH', 'not an IPv4 address: ::1'),
    );
    expect(() => addrToUint32(parseAddr('::ffff:10.0.0.1'))).toThrowError(
      fail('FAMILY_MISMATCH', 'not an IPv4 address: ::ffff:10.0.0.1'),
    );
    expect(() => addrToUint32(null as unknown as Addr)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: null'),
    );
  });

  it('isIPv4 / isIPv6 tell the family', () => {
    expect([isIPv4(parseAddr('1.2.3.4')), isIPv6(parseAddr('1.2.3.4'))]).toEqual([true, false]);
    expect([isIPv4(parseAddr('::ffff:1.2.3.4')), isIPv6(parseAddr('::ffff:1.2.3.4'))]).toEqual([false, true]);
  });
});
