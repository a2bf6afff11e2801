import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { IpValue } from './ip.ts';
import {
  canonicalCidr,
  canonicalIp,
  cidrContains,
  compareIp,
  formatCidr,
  formatIp,
  ipFamily,
  ipText,
  isLoopback,
  parseCidrSloppy,
  parseIpSloppy,
} from './ip.ts';

/** The modes' reading: IPv4-mapped stays IPv6, null for a non-address. */
const parseIp = (text: string): IpValue | null => parseIpSloppy(text, true) ?? null;

const round = (text: string): string | undefined => {
  const ip = parseIpSloppy(text);
  return ip === undefined ? undefined : formatIp(ip);
};

describe('parseIpSloppy / formatIp', () => {
  it('reads IPv4 with leading zeros as decimal (ParseIPSloppy; proxier_test.go TestBadIPs)', () => {
    expect(round('10.180.00.001')).toBe('10.180.0.1');
    expect(round('1.2.3.4')).toBe('1.2.3.4');
  });

  it('rejects non-addresses', () => {
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.256',
      'a.b.c.d',
      '1::2::3',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
    ]) {
      expect(parseIpSloppy(bad)).toBeUndefined();
    }
    expect(parseIpSloppy(null)).toBeUndefined();
    expect(parseIpSloppy(42)).toBeUndefined();
  });

  it('prints IPv6 as RFC 5952 like Go', () => {
    expect(round('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(round('::')).toBe('::');
    expect(round('::1')).toBe('::1');
    expect(round('1::')).toBe('1::');
    expect(round('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(round('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(round('fd00:10::1:2')).toBe('fd00:10::1:2');
    expect(round('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(parseIpSloppy('::ffff:10.0.0.1')?.family).toBe(4);
  });
});

describe('parseCidrSloppy', () => {
  it('masks host bits and tests containment', () => {
    const cidr = parseCidrSloppy('203.0.113.7/25');
    expect(cidr && formatCidr(cidr)).toBe('203.0.113.0/25');
    const ip = parseIpSloppy('203.0.113.2');
    const blocked = parseIpSloppy('203.0.113.130');
    expect(cidr && ip && cidrContains(cidr, ip)).toBe(true);
    expect(cidr && blocked && cidrContains(cidr, blocked)).toBe(false);
    const v6 = parseCidrSloppy('fd00:10::/64');
    const v6ip = parseIpSloppy('fd00:10::5');
    expect(v6 && v6ip && cidrContains(v6, v6ip)).toBe(true);
    expect(v6 && ip && cidrContains(v6, ip)).toBe(false);
    expect(parseCidrSloppy('1.2.3.4/33')).toBeUndefined();
    expect(parseCidrSloppy('1.2.3.4')).toBeUndefined();
  });
});

describe('ipText', () => {
  it('keeps canonical IPv4 text and re-prints everything else', () => {
    const t = (text: string): string | undefined => {
      const ip = parseIpSloppy(text);
      return ip === undefined ? undefined : ipText(text, ip);
    };
    expect(t('10.0.0.1')).toBe('10.0.0.1');
    expect(t('10.0.0.0')).toBe('10.0.0.0');
    expect(t('0.0.0.0')).toBe('0.0.0.0');
    expect(t('10.180.00.001')).toBe('10.180.0.1');
    expect(t('010.1.2.3')).toBe('10.1.2.3');
    expect(t('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(t('FD00::1')).toBe('fd00::1');
  });
});

describe('the ipvs/nftables helpers (canonicalIp, canonicalCidr, text cidrContains, compareIp)', () => {
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

describe('compareIp order (numeric, IPv4 before IPv6)', () => {
  const cmp = (a: string, b: string) => compareIp(parseIp(a)!, parseIp(b)!);
  it.each([
    ['10.0.0.1', '10.0.0.1', 0],
    ['10.0.0.2', '10.0.0.10', -1],
    ['10.0.0.10', '10.0.0.2', 1],
    ['255.255.255.255', '::', -1],
    ['::', '0.0.0.0', 1],
    ['fd00::1', 'fd00::1', 0],
    ['fd00::2', 'fd00::10', -1],
    ['fd00::10', 'fd00::2', 1],
    ['fd00:1::', 'fd00::ffff', 1],
    ['::1:0:0:0', '::ffff:ffff:ffff', 1],
    ['::1', '::2', -1],
  ])('%s vs %s → %d', (a, b, want) => {
    expect(Math.sign(cmp(a, b))).toBe(want);
  });
});
