import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  canonicalCidr,
  canonicalIp,
  cidrContains,
  compareIp,
  formatIp,
  ipFamily,
  isLoopback,
  parseIp,
} from './ip-util.ts';

describe('ip-util', () => {
  it('parses sloppily like Go ParseIPSloppy and prints RFC 5952', () => {
    expect(canonicalIp('10.180.00.001')).toBe('10.180.0.1');
    expect(canonicalIp('2001:DB8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('::ffff:192.0.2.1');
    expect(canonicalIp('fd00:10::')).toBe('fd00:10::');
    expect(canonicalIp('::')).toBe('::');
    expect(canonicalIp('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(canonicalIp('1:0:3:4:5:6:7:8')).toBe('1:0:3:4:5:6:7:8');
    for (const bad of ['', '1.2.3', '1.2.3.256', '1::2::3', 'x', '1:2:3:4:5:6:7:8:9', '12345::']) {
      expect(parseIp(bad)).toBeNull();
    }
    expect(parseIp(42 as unknown as string)).toBeNull();
    expect(ipFamily('::1')).toBe(6);
  });

  it('masks CIDRs and tests containment per family', () => {
    expect(canonicalCidr('1.2.3.4/16')).toBe('1.2.0.0/16');
    expect(canonicalCidr('2001:db8::1/64')).toBe('2001:db8::/64');
    expect(canonicalCidr('1.2.3.4/33')).toBeNull();
    expect(canonicalCidr('1.2.3.4')).toBeNull();
    expect(cidrContains('10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '11.1.2.3')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '11.1.2.3')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '::1')).toBe(false);
    expect(cidrContains('fd00::/8', 'fd12::1')).toBe(true);
    expect(isLoopback(parseIp('127.0.0.5')!)).toBe(true);
    expect(isLoopback(parseIp('::1')!)).toBe(true);
    expect(compareIp(parseIp('10.0.0.2')!, parseIp('10.0.0.10')!)).toBeLessThan(0);
    expect(compareIp(parseIp('255.0.0.0')!, parseIp('::')!)).toBeLessThan(0);
  });

  test.prop([fc.ipV6()], { numRuns: 200 })('format(parse(ipv6)) is canonical and stable', (text) => {
    const once = canonicalIp(text);
    expect(once).not.toBeNull();
    expect(canonicalIp(once!)).toBe(once);
    expect(formatIp(parseIp(once!)!)).toBe(once);
  });

  test.prop([fc.ipV4()], { numRuns: 200 })('IPv4 round-trips', (text) => {
    expect(canonicalIp(text)).toBe(text);
  });
});
