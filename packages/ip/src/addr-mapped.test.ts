import { describe, expect, it } from 'vitest';
import { addrWithZone, isIPv4Mapped, mapAddr, unmapAddr } from './addr-mapped.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';

const A = parseAddr;

describe('IPv4-mapped addresses', () => {
  it.each([
    ['::ffff:1.2.3.4', true],
    ['::ffff:0.0.0.0', true],
    ['1.2.3.4', false],
    ['::1.2.3.4', false],
    ['::fffe:1.2.3.4', false],
    ['::1:0:ffff:1.2.3.4', false],
    ['1::ffff:1.2.3.4', false],
  ])('isIPv4Mapped(%s) is %s', (text, expected) => {
    expect(isIPv4Mapped(A(text))).toBe(expected);
  });

  it('mapAddr maps IPv4 and returns IPv6 unchanged', () => {
    expect(formatAddr(mapAddr(A('192.0.2.1')))).toBe('::ffff:192.0.2.1');
    const v6 = A('2001:db8::1');
    expect(mapAddr(v6)).toBe(v6);
  });

  it('unmapAddr unmaps (dropping the zone) and returns others unchanged', () => {
    expect(unmapAddr(A('::ffff:192.0.2.1%eth0'))).toMatchObject({ family: 4, w3: 0xc0000201, zone: '' });
    const other = A('::1:0:ffff:1.2.3.4');
    expect(unmapAddr(other)).toBe(other);
  });

  it('addrWithZone sets, replaces and removes zones on IPv6 only', () => {
    expect(formatAddr(addrWithZone(A('fe80::1'), 'eth0'))).toBe('fe80::1%eth0');
    expect(formatAddr(addrWithZone(A('fe80::1%eth0'), 'eth1'))).toBe('fe80::1%eth1');
    expect(formatAddr(addrWithZone(A('fe80::1%eth0'), ''))).toBe('fe80::1');
    const same = A('fe80::1%eth0');
    expect(addrWithZone(same, 'eth0')).toBe(same);
    const v4 = A('10.0.0.1');
    expect(addrWithZone(v4, 'eth0')).toBe(v4);
  });
});
