import { describe, expect, it } from 'vitest';
import { addrWithZone } from './addr-mapped.ts';
import { addrEquals, compareAddr } from './compare-addr.ts';
import { comparePrefix, prefixEquals } from './compare-prefix.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';

describe('comparisons', () => {
  it('orders prefixes by address, then shorter first, IPv4 before IPv6', () => {
    const list = ['::/0', '10.0.0.0/16', '10.0.0.0/8', '9.0.0.0/8', '::1/128'].map((t) => parsePrefix(t));
    expect(list.sort(comparePrefix).map(formatPrefix)).toEqual([
      '9.0.0.0/8',
      '10.0.0.0/8',
      '10.0.0.0/16',
      '::/0',
      '::1/128',
    ]);
    expect(prefixEquals(parsePrefix('10.0.0.0/8'), parsePrefix('10.0.0.0/8'))).toBe(true);
    expect(prefixEquals(parsePrefix('10.0.0.0/8'), parsePrefix('10.0.0.0/9'))).toBe(false);
  });

  it('compares every word and the zone', () => {
    const a = parseAddr('1:2:3:4:5:6:7:8');
    for (const b of [
      '2:2:3:4:5:6:7:8',
      '1:3:3:4:5:6:7:8',
      '1:2:3:5:5:6:7:8',
      '1:2:3:4:5:7:7:8',
      '1:2:3:4:5:6:7:9',
    ]) {
      expect(compareAddr(a, parseAddr(b))).toBe(-1);
      expect(compareAddr(parseAddr(b), a)).toBe(1);
      expect(addrEquals(a, parseAddr(b))).toBe(false);
    }
    expect(addrEquals(a, parseAddr('1:2:3:4:5:6:7:8'))).toBe(true);
    expect(addrEquals(parseAddr('fe80::1%a'), parseAddr('fe80::1'))).toBe(false);
    expect(compareAddr(parseAddr('fe80::1%b'), parseAddr('fe80::1%a'))).toBe(1);
    expect(compareAddr(parseAddr('fe80::1%a'), parseAddr('fe80::1%b'))).toBe(-1);
    expect(compareAddr(parseAddr('fe80::1'), parseAddr('fe80::1%a'))).toBe(-1);
    expect(compareAddr(parseAddr('fe80::1%a'), parseAddr('fe80::1%a'))).toBe(0);
    expect(compareAddr(parseAddr('255.255.255.255'), parseAddr('::'))).toBeLessThan(0);
    expect(compareAddr(parseAddr('::'), parseAddr('0.0.0.0'))).toBeGreaterThan(0);
    expect(compareAddr(parseAddr('10.0.0.1'), parseAddr('10.0.0.2'))).toBe(-1);
    for (const [a, b] of [
      ['1::', '1::1'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8%z'],
      ['10.0.0.1', '::ffff:10.0.0.1'],
    ]) {
      expect(addrEquals(parseAddr(a as string), parseAddr(b as string))).toBe(false);
    }
    expect(prefixEquals(parsePrefix('10.0.0.0/8'), parsePrefix('11.0.0.0/8'))).toBe(false);
    expect(comparePrefix(parsePrefix('10.0.0.0/8'), parsePrefix('10.0.0.0/8'))).toBe(0);
    expect(comparePrefix(parsePrefix('10.0.0.0/8'), parsePrefix('9.0.0.0/16'))).toBeGreaterThan(0);
  });

  it('changes zones', () => {
    expect(formatAddr(addrWithZone(parseAddr('fe80::1'), 'eth0'))).toBe('fe80::1%eth0');
    expect(formatAddr(addrWithZone(parseAddr('fe80::1%eth0'), ''))).toBe('fe80::1');
    expect(formatAddr(addrWithZone(parseAddr('10.0.0.1'), 'eth0'))).toBe('10.0.0.1');
  });
});
