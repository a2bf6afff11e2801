import { describe, expect, it } from 'vitest';
import { ipKey, parseIpText } from './ip-text.ts';

describe('parseIpText', () => {
  it.each([
    ['10.0.0.1', 4, '10.0.0.1'],
    ['0.0.0.0', 4, '0.0.0.0'],
    ['FD00:0:0::1', 6, 'fd00::1'],
    ['::ffff:1.2.3.4', 6, '::ffff:1.2.3.4'],
    ['1:2:3:4:5:6:7:8', 6, '1:2:3:4:5:6:7:8'],
  ])('%s → IPv%i %s', (text, family, canonical) => {
    const ip = parseIpText(text);
    expect(ip?.family).toBe(family);
    expect(ip?.text).toBe(canonical);
  });

  it('keeps the IPv4 value as a uint32 and keys IPv4 by it, IPv6 by its text', () => {
    const v4 = parseIpText('10.0.0.1');
    expect(v4?.v4).toBe(0x0a000001);
    expect(ipKey(v4 as never)).toBe(0x0a000001);
    expect(ipKey(parseIpText('255.255.255.255') as never)).toBe(0xffffffff);
    const v6 = parseIpText('fd00::1');
    expect(v6?.v4).toBe(0);
    expect(ipKey(v6 as never)).toBe('fd00::1');
  });

  it.each([
    '',
    'x',
    '010.0.0.1',
    '10.0.0.256',
    'fe80::1%eth0',
    null,
    5,
    // 46 characters: longer than any address text
    `0000:0000:0000:0000:0000:ffff:255.255.255.${'2'.repeat(4)}`,
  ])('refuses %j', (text) => {
    expect(parseIpText(text as never)).toBeNull();
  });

  it('accepts the longest address text (45 characters)', () => {
    const longest = '0000:0000:0000:0000:0000:ffff:255.255.255.255';
    expect(longest.length).toBe(45);
    expect(parseIpText(longest)?.text).toBe('::ffff:255.255.255.255');
  });
});
