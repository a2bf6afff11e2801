import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { addrAdd, addrNext, addrPrev } from './addr-arith.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';

const A = parseAddr;
const F = (a: Addr | undefined) => (a === undefined ? undefined : formatAddr(a));
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('addrNext / addrPrev', () => {
  it('step across word boundaries and stop at the ends of the family', () => {
    expect(F(addrNext(A('10.0.0.255')))).toBe('10.0.1.0');
    expect(F(addrNext(A('255.255.255.254')))).toBe('255.255.255.255');
    expect(addrNext(A('255.255.255.255'))).toBeUndefined();
    expect(F(addrPrev(A('10.0.1.0')))).toBe('10.0.0.255');
    expect(addrPrev(A('0.0.0.0'))).toBeUndefined();
    expect(F(addrNext(A('::1:ffff:ffff:ffff')))).toBe('::2:0:0:0');
    expect(F(addrPrev(A('::2:0:0:0')))).toBe('::1:ffff:ffff:ffff');
    expect(F(addrNext(A('0:0:0:1:ffff:ffff:ffff:ffff')))).toBe('0:0:0:2::');
    expect(F(addrPrev(A('1::')))).toBe('0:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(addrNext(A('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toBeUndefined();
    expect(addrPrev(A('::'))).toBeUndefined();
    expect(F(addrNext(A('fe80::1%eth0')))).toBe('fe80::2%eth0');
  });

  it('name a bad address argument', () => {
    expect(() => addrNext(null as unknown as Addr)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: null'),
    );
    expect(() => addrPrev({} as Addr)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: an object'),
    );
  });
});

describe('addrAdd', () => {
  it('adds and subtracts numbers and bigints', () => {
    expect(F(addrAdd(A('10.0.0.0'), 300))).toBe('10.0.1.44');
    expect(F(addrAdd(A('10.0.1.44'), -300))).toBe('10.0.0.0');
    expect(F(addrAdd(A('10.0.0.0'), 0))).toBe('10.0.0.0');
    expect(F(addrAdd(A('10.0.0.0'), 300n))).toBe('10.0.1.44');
    expect(F(addrAdd(A('10.0.1.44'), -300n))).toBe('10.0.0.0');
    expect(F(addrAdd(A('0.0.0.0'), 0xffffffff))).toBe('255.255.255.255');
    expect(F(addrAdd(A('255.255.255.255'), -0xffffffff))).toBe('0.0.0.0');
    expect(F(addrAdd(A('::'), (1n << 128n) - 1n))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(F(addrAdd(A('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), -((1n << 128n) - 1n)))).toBe('::');
    expect(F(addrAdd(A('::1'), -1n))).toBe('::');
    expect(F(addrAdd(A('::'), Number.MAX_SAFE_INTEGER))).toBe('::1f:ffff:ffff:ffff');
    expect(F(addrAdd(A('::1f:ffff:ffff:ffff'), -Number.MAX_SAFE_INTEGER))).toBe('::');
  });

  it.each([
    ['255.255.255.255', 1, '255.255.255.255 + 1 is outside the IPv4 address space'],
    ['0.0.0.0', -1, '0.0.0.0 + -1 is outside the IPv4 address space'],
    ['0.0.0.1', 0xffffffff, '0.0.0.1 + 4294967295 is outside the IPv4 address space'],
    ['10.0.0.0', 2n ** 32n, '10.0.0.0 + 4294967296 is outside the IPv4 address space'],
    ['10.0.0.0', 2n ** 64n, '10.0.0.0 + 18446744073709551616 is outside the IPv4 address space'],
    ['10.0.0.0', 2n ** 96n, `10.0.0.0 + ${2n ** 96n} is outside the IPv4 address space`],
    ['10.0.0.0', -(2n ** 32n), '10.0.0.0 + -4294967296 is outside the IPv4 address space'],
    ['10.0.0.0', -(2n ** 64n), '10.0.0.0 + -18446744073709551616 is outside the IPv4 address space'],
    ['10.0.0.0', -(2n ** 96n), `10.0.0.0 + ${-(2n ** 96n)} is outside the IPv4 address space`],
    ['10.0.0.0', -(2 ** 32), '10.0.0.0 + -4294967296 is outside the IPv4 address space'],
    ['::', -1n, ':: + -1 is outside the IPv6 address space'],
    ['::', 1n << 128n, `:: + ${1n << 128n} is outside the IPv6 address space`],
    [
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      -(1n << 128n),
      `ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff + ${-(1n << 128n)} is outside the IPv6 address space`,
    ],
    ['::1', 1n << 128n, `::1 + ${1n << 128n} is outside the IPv6 address space`],
  ])('rejects %s + %s with OUT_OF_RANGE', (a, n, message) => {
    expect(() => addrAdd(A(a), n)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it.each([
    [1.5, 'not a safe integer offset: 1.5'],
    [Number.NaN, 'not a safe integer offset: NaN'],
    [2 ** 53, `not a safe integer offset: ${2 ** 53}`],
    ['1', 'not an integer offset: "1"'],
    [null, 'not an integer offset: null'],
    [undefined, 'not an integer offset: undefined'],
  ])('rejects the offset %s', (n, message) => {
    expect(() => addrAdd(A('10.0.0.0'), n as number)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it('names a bad address argument', () => {
    expect(() => addrAdd(42 as unknown as Addr, 1)).toThrowError(
      fail('INVALID_ADDRESS', 'address is not an address: 42'),
    );
  });
});
