import { fc, test } from '@fast-check/vitest';
import { compareAddr, formatAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { nextIp, parseCidr, parseIp } from './ip.ts';

describe('internal ip adapters over @podnet/ip', () => {
  test.prop([fc.ipV4()], { numRuns: 200 })('IPv4 round-trips', (text) => {
    expect(formatAddr(parseIp(text)!)).toBe(text);
  });
  test.prop([fc.ipV6()], { numRuns: 300 })('IPv6 parse → format is a fixed point', (text) => {
    const ip = parseIp(text);
    expect(ip).not.toBeNull();
    const formatted = formatAddr(ip!);
    expect(formatted).toBe(formatted.toLowerCase());
    expect(compareAddr(parseIp(formatted)!, ip!)).toBe(0);
    expect(formatAddr(parseIp(formatted)!)).toBe(formatted);
  });
  it('prints RFC 5952 forms and rejects bad input like Go net.ParseIP', () => {
    expect(formatAddr(parseIp('2001:DB8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(formatAddr(parseIp('2001:db8:0:1:0:0:0:1')!)).toBe('2001:db8:0:1::1');
    expect(formatAddr(parseIp('::')!)).toBe('::');
    expect(formatAddr(parseIp('::ffff:10.0.0.1')!)).toBe('::ffff:10.0.0.1');
    for (const bad of [
      '',
      '1.2.3',
      '01.2.3.4',
      '1.2.3.256',
      '1::2::3',
      ':1::',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      'x',
    ]) {
      expect(parseIp(bad)).toBeNull();
    }
    expect(parseCidr('10.0.0.1/33')).toBeNull();
    expect(parseCidr('10.0.0.1/08')).toBeNull();
    expect(formatAddr(nextIp(parseIp('::ffff:ffff')!))).toBe('::1:0:0');
  });
});
