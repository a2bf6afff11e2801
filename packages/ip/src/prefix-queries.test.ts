import { describe, expect, it } from 'vitest';
import { addrAdd, addrNext, addrPrev } from './addr-arith.ts';
import { addrFromBigInt, addrToBigInt } from './addr-bigint.ts';
import { addrKey, prefixKey } from './addr-key.ts';
import { isIPv4Mapped, mapAddr, unmapAddr } from './addr-mapped.ts';
import { addrFromUint32, addrToUint32, isIPv4, isIPv6 } from './addr-uint32.ts';
import { compareAddr } from './compare-addr.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { nthAddr } from './nth-addr.ts';
import { parseAddr } from './parse-addr.ts';
import { parseAddrOrPrefix } from './parse-addr-or-prefix.ts';
import { parsePrefix } from './parse-prefix.ts';
import { isPrefix, prefixFrom } from './prefix.ts';
import { prefixFirst, prefixLast } from './prefix-bounds.ts';
import { prefixContains } from './prefix-contains.ts';
import { prefixSize, prefixSizeNumber } from './prefix-size.ts';
import { prefixesOverlap } from './prefixes-overlap.ts';
import { nthSubnet, subnets } from './subnets.ts';

const A = parseAddr;
const P = (t: string) => parsePrefix(t);

describe('prefixContains', () => {
  it('matches addresses and prefixes of the same family', () => {
    expect(prefixContains(P('10.0.0.0/8'), A('10.255.255.255'))).toBe(true);
    expect(prefixContains(P('10.0.0.0/8'), A('11.0.0.0'))).toBe(false);
    expect(prefixContains(P('0.0.0.0/0'), A('255.255.255.255'))).toBe(true);
    expect(prefixContains(P('1.2.3.4/32'), A('1.2.3.4'))).toBe(true);
    expect(prefixContains(P('1.2.3.4/32'), A('1.2.3.5'))).toBe(false);
    expect(prefixContains(P('10.0.0.0/8'), P('10.1.0.0/16'))).toBe(true);
    expect(prefixContains(P('10.0.0.0/8'), P('10.0.0.0/8'))).toBe(true);
    expect(prefixContains(P('10.1.0.0/16'), P('10.0.0.0/8'))).toBe(false);
    expect(prefixContains(P('2001:db8::/32'), A('2001:db8:ffff::1'))).toBe(true);
    expect(prefixContains(P('2001:db8::/32'), A('2001:db9::1'))).toBe(false);
    expect(prefixContains(P('::/0'), A('ffff::'))).toBe(true);
    expect(prefixContains(P('2001:db8::1/128'), A('2001:db8::1'))).toBe(true);
    expect(prefixContains(P('2001:db8::/127'), A('2001:db8::1'))).toBe(true);
    expect(prefixContains(P('2001:db8::/127'), A('2001:db8::2'))).toBe(false);
  });

  it('is false across families, for IPv4-mapped addresses and for zoned addresses (as Go netip)', () => {
    expect(prefixContains(P('0.0.0.0/0'), A('::'))).toBe(false);
    expect(prefixContains(P('::/0'), A('0.0.0.0'))).toBe(false);
    expect(prefixContains(P('10.0.0.0/8'), A('::ffff:10.0.0.1'))).toBe(false);
    expect(prefixContains(P('::ffff:0:0/96'), A('10.0.0.1'))).toBe(false);
    expect(prefixContains(P('::ffff:0:0/96'), A('::ffff:10.0.0.1'))).toBe(true);
    expect(prefixContains(P('10.0.0.0/8'), P('::/0'))).toBe(false);
    expect(prefixContains(P('fe80::/10'), A('fe80::1%eth0'))).toBe(false);
  });
});

describe('prefixesOverlap', () => {
  it.each([
    ['10.0.0.0/8', '10.20.0.0/16', true],
    ['10.20.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/16', '10.1.0.0/16', false],
    ['0.0.0.0/0', '1.2.3.4/32', true],
    ['10.0.0.0/8', '::/0', false],
    ['2001:db8::/32', '2001:db8:1::/48', true],
    ['2001:db8::/48', '2001:db8:1::/48', false],
  ])('%s ∩ %s → %s', (a, b, expected) => {
    expect(prefixesOverlap(P(a), P(b))).toBe(expected);
  });
});

describe('size, bounds, nthAddr', () => {
  it('computes sizes as bigint', () => {
    expect(prefixSize(P('10.0.0.0/24'))).toBe(256n);
    expect(prefixSize(P('0.0.0.0/0'))).toBe(4294967296n);
    expect(prefixSize(P('::/0'))).toBe(1n << 128n);
    expect(prefixSize(P('::1/128'))).toBe(1n);
    expect(prefixSizeNumber(P('10.0.0.0/8'))).toBe(16777216);
  });

  it('finds first and last', () => {
    expect(formatAddr(prefixFirst(P('10.0.0.0/8')))).toBe('10.0.0.0');
    expect(formatAddr(prefixLast(P('10.0.0.0/8')))).toBe('10.255.255.255');
    expect(formatAddr(prefixLast(P('0.0.0.0/0')))).toBe('255.255.255.255');
    expect(formatAddr(prefixLast(P('2001:db8::/33')))).toBe('2001:db8:7fff:ffff:ffff:ffff:ffff:ffff');
    expect(formatAddr(prefixLast(P('::/0')))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });

  it('counts from 0 and rejects out-of-range indexes', () => {
    expect(formatAddr(nthAddr(P('10.96.0.0/12'), 0))).toBe('10.96.0.0');
    expect(formatAddr(nthAddr(P('10.96.0.0/12'), 10))).toBe('10.96.0.10');
    expect(formatAddr(nthAddr(P('10.96.0.0/12'), 10n))).toBe('10.96.0.10');
    expect(formatAddr(nthAddr(P('10.0.0.0/30'), 3))).toBe('10.0.0.3');
    expect(formatAddr(nthAddr(P('0.0.0.0/0'), 0xffffffff))).toBe('255.255.255.255');
    expect(formatAddr(nthAddr(P('fd00::/64'), 2 ** 40))).toBe('fd00::100:0:0');
    expect(formatAddr(nthAddr(P('::/0'), (1n << 128n) - 1n))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    for (const bad of [4, -1, 1.5, 4n, -1n, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => nthAddr(P('10.0.0.0/30'), bad)).toThrowError(
        expect.objectContaining({ code: 'OUT_OF_RANGE' }),
      );
    }
    expect(() => nthAddr(P('::/0'), 1n << 128n)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
    expect(() => nthAddr(P('::/0'), 2 ** 60)).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });
});

describe('subnets', () => {
  it('splits in order with an absolute new length', () => {
    expect([...subnets(P('10.0.0.0/23'), 24)].map(formatPrefix)).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect([...subnets(P('10.0.0.0/24'), 24)].map(formatPrefix)).toEqual(['10.0.0.0/24']);
    expect([...subnets(P('0.0.0.0/0'), 2)].map(formatPrefix)).toEqual([
      '0.0.0.0/2',
      '64.0.0.0/2',
      '128.0.0.0/2',
      '192.0.0.0/2',
    ]);
    expect([...subnets(P('2001:db8::/32'), 34)].map(formatPrefix)).toEqual([
      '2001:db8::/34',
      '2001:db8:4000::/34',
      '2001:db8:8000::/34',
      '2001:db8:c000::/34',
    ]);
    expect([...subnets(P('255.255.255.252/30'), 32)].length).toBe(4);
  });

  it('is lazy for huge splits', () => {
    const it = subnets(P('2001:db8::/32'), 128)[Symbol.iterator]();
    expect(formatPrefix(it.next().value as never)).toBe('2001:db8::/128');
    expect(formatPrefix(it.next().value as never)).toBe('2001:db8::1/128');
    const top = subnets(P('::/0'), 96)[Symbol.iterator]();
    top.next();
    expect(formatPrefix(top.next().value as never)).toBe('::1:0:0/96');
  });

  it('ends exactly at the prefix end for > 2^52 subnets', () => {
    // ffff:...:ffff:fffc/126 split is small; test the large-count path near the top of the space.
    const huge = subnets(P('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc/126'), 128);
    expect([...huge].length).toBe(4);
  });

  it('rejects bad new lengths eagerly', () => {
    expect(() => subnets(P('10.0.0.0/16'), 15)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
    expect(() => subnets(P('10.0.0.0/16'), 33)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
    expect(() => subnets(P('::/0'), 129)).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });

  it('nthSubnet picks one subnet', () => {
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 24, 3))).toBe('10.244.3.0/24');
    expect(formatPrefix(nthSubnet(P('10.244.0.0/16'), 24, 255))).toBe('10.244.255.0/24');
    expect(formatPrefix(nthSubnet(P('2001:db8::/32'), 64, 1n << 31n))).toBe('2001:db8:8000::/64');
    expect(() => nthSubnet(P('10.244.0.0/16'), 24, 256)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
  });
});

describe('addr helpers', () => {
  it('converts to and from uint32 and bigint', () => {
    expect(formatAddr(addrFromUint32(0x0a000001))).toBe('10.0.0.1');
    expect(addrToUint32(A('10.0.0.1'))).toBe(0x0a000001);
    expect(() => addrToUint32(A('::1'))).toThrowError(expect.objectContaining({ code: 'FAMILY_MISMATCH' }));
    expect(() => addrFromUint32(2 ** 32)).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(addrToBigInt(A('::1'))).toBe(1n);
    expect(addrToBigInt(A('255.255.255.255'))).toBe(0xffffffffn);
    expect(formatAddr(addrFromBigInt((1n << 128n) - 1n, 6))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(() => addrFromBigInt(1n << 32n, 4)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
    expect(isIPv4(A('1.2.3.4'))).toBe(true);
    expect(isIPv6(A('::ffff:1.2.3.4'))).toBe(true);
  });

  it('steps through addresses', () => {
    expect(formatAddr(addrNext(A('10.0.0.255')) as never)).toBe('10.0.1.0');
    expect(addrNext(A('255.255.255.255'))).toBeUndefined();
    expect(addrPrev(A('0.0.0.0'))).toBeUndefined();
    expect(formatAddr(addrNext(A('::ffff:ffff:ffff')) as never)).toBe('::1:0:0:0');
    expect(formatAddr(addrPrev(A('1::')) as never)).toBe('0:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(addrNext(A('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'))).toBeUndefined();
    expect(formatAddr(addrNext(A('fe80::1%eth0')) as never)).toBe('fe80::2%eth0');
    expect(formatAddr(addrAdd(A('10.0.0.0'), 300))).toBe('10.0.1.44');
    expect(formatAddr(addrAdd(A('10.0.1.44'), -300))).toBe('10.0.0.0');
    expect(formatAddr(addrAdd(A('::'), 1n << 64n))).toBe('0:0:0:1::');
    expect(() => addrAdd(A('255.255.255.255'), 1)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
    expect(() => addrAdd(A('::'), -1n)).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });

  it('orders IPv4 before IPv6, then numerically, then by zone', () => {
    const sorted = ['::1', 'fe80::1%b', '10.0.0.2', 'fe80::1', '10.0.0.1', 'fe80::1%a', '128.0.0.0']
      .map(A)
      .sort(compareAddr)
      .map(formatAddr);
    expect(sorted).toEqual(['10.0.0.1', '10.0.0.2', '128.0.0.0', '::1', 'fe80::1', 'fe80::1%a', 'fe80::1%b']);
  });

  it('gives canonical keys', () => {
    expect(addrKey(A('2001:DB8::1'))).toBe(addrKey(A('2001:db8:0::1')));
    expect(addrKey(A('1.2.3.4'))).not.toBe(addrKey(A('::ffff:1.2.3.4')));
    expect(prefixKey(P('2001:DB8::/32'))).toBe('2001:db8::/32');
    const m = new Map([[addrKey(A('10.0.0.1')), 1]]);
    expect(m.get(addrKey(A('10.0.0.1')))).toBe(1);
  });

  it('maps and unmaps IPv4', () => {
    expect(formatAddr(mapAddr(A('192.0.2.1')))).toBe('::ffff:192.0.2.1');
    expect(formatAddr(unmapAddr(A('::ffff:192.0.2.1')))).toBe('192.0.2.1');
    expect(formatAddr(unmapAddr(A('::1')))).toBe('::1');
    expect(isIPv4Mapped(A('::ffff:0.0.0.0'))).toBe(true);
    expect(isIPv4Mapped(A('0.0.0.0'))).toBe(false);
  });

  it('prefixFrom masks, and parseAddrOrPrefix tells the two apart', () => {
    expect(formatPrefix(prefixFrom(A('10.1.2.3'), 16))).toBe('10.1.0.0/16');
    expect(() => prefixFrom(A('10.1.2.3'), 33)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => prefixFrom(A('fe80::1%eth0'), 64)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(isPrefix(parseAddrOrPrefix('10.0.0.0/8'))).toBe(true);
    expect(isPrefix(parseAddrOrPrefix('10.0.0.1'))).toBe(false);
    expect(() => parseAddrOrPrefix('10.0.0.1/8')).toThrowError(
      expect.objectContaining({ code: 'HOST_BITS_SET' }),
    );
  });
});
