import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { addrFromBigInt, addrToBigInt } from './addr-bigint.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';

const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('addrToBigInt / addrFromBigInt', () => {
  it('convert both ways at the ends of each family', () => {
    expect(addrToBigInt(parseAddr('255.255.255.255'))).toBe(0xffffffffn);
    expect(addrToBigInt(parseAddr('1:2:3:4:5:6:7:8'))).toBe(0x0001_0002_0003_0004_0005_0006_0007_0008n);
    expect(addrToBigInt(parseAddr('fe80::1%eth0'))).toBe(0xfe80_0000_0000_0000_0000_0000_0000_0001n);
    expect(formatAddr(addrFromBigInt(0n, 4))).toBe('0.0.0.0');
    expect(formatAddr(addrFromBigInt(0xffffffffn, 4))).toBe('255.255.255.255');
    expect(formatAddr(addrFromBigInt(0n, 6))).toBe('::');
    expect(formatAddr(addrFromBigInt((1n << 128n) - 1n, 6))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(formatAddr(addrFromBigInt(0x0001_0002_0003_0004_0005_0006_0007_0008n, 6))).toBe('1:2:3:4:5:6:7:8');
  });

  it('keeps a zone for IPv6 and ignores it for IPv4', () => {
    expect(formatAddr(addrFromBigInt(1n, 6, 'eth0'))).toBe('::1%eth0');
    expect(addrFromBigInt(1n, 6).zone).toBe('');
    expect(addrFromBigInt(1n, 4, 'eth0').zone).toBe('');
  });

  it.each([
    [-1n, 4, 'value -1n is not an IPv4 address'],
    [0x1_0000_0000n, 4, 'value 4294967296n is not an IPv4 address'],
    [-1n, 6, 'value -1n is not an IPv6 address'],
    [1n << 128n, 6, `value ${1n << 128n}n is not an IPv6 address`],
    [5, 4, 'value 5 is not an IPv4 address'],
    ['5', 6, 'value "5" is not an IPv6 address'],
  ])('rejects %s for IPv%s with OUT_OF_RANGE', (value, family, message) => {
    expect(() => addrFromBigInt(value as bigint, family as 4 | 6)).toThrowError(
      fail('OUT_OF_RANGE', message),
    );
  });

  it('names a bad address argument', () => {
    expect(() => addrToBigInt('x' as unknown as Addr)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
    expect(() => addrToBigInt([] as unknown as Addr)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: an array'),
    );
  });
});
