import { describe, expect, it } from 'vitest';
import { checkHostResolvConf } from './check-host-resolv-conf.ts';
import { DnsError } from './dns-error.ts';

// kubernetes pkg/kubelet/network/dns/dns.go CheckLimitsForResolvConf (messages word for word).
describe('checkHostResolvConf', () => {
  const cd = { clusterDomain: 'cluster.local' };
  it('accepts a normal host file', () => {
    expect(checkHostResolvConf('nameserver 1.1.1.1\nsearch corp.example\n', cd)).toEqual([]);
  });
  it('29 host search domains fit with a cluster domain, 30 do not', () => {
    const line = (n: number) => `search ${Array.from({ length: n }, (_, i) => `d${i}.example`).join(' ')}\n`;
    expect(checkHostResolvConf(line(29), cd)).toEqual([]);
    expect(checkHostResolvConf(line(30), cd)).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line consisting of more than 29 domains!",
    ]);
    expect(checkHostResolvConf(line(30), { clusterDomain: '' })).toEqual([]);
    expect(
      checkHostResolvConf(line(4), { ...cd, legacySearchLimits: true, path: '/run/resolv.conf' }),
    ).toEqual([
      "Resolv.conf file '/run/resolv.conf' contains search line consisting of more than 3 domains!",
    ]);
  });
  it('an entry over 253 characters, a line over 2048', () => {
    expect(checkHostResolvConf(`search ${'a'.repeat(254)}\n`, cd)).toEqual([
      'Resolv.conf file "/etc/resolv.conf" contains a search path which length is more than allowed 253 chars!',
    ]);
    const long = Array.from({ length: 10 }, (_, i) => `${String.fromCharCode(97 + i)}`.repeat(250)).join(' ');
    expect(checkHostResolvConf(`search ${long}\n`, cd)).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line which length is more than allowed 2048 chars!",
    ]);
  });
  it('a parse error is reported as kubelet does; bad input throws', () => {
    expect(checkHostResolvConf('nameserver\n', cd)).toEqual(['nameserver list is empty ']);
    expect(() => checkHostResolvConf(5 as never, cd)).toThrow(DnsError);
    expect(() => checkHostResolvConf('', null as never)).toThrow(DnsError);
  });
});

describe('checkHostResolvConf — boundaries and bad input', () => {
  const cd = { clusterDomain: 'cluster.local' };
  const line = (n: number) => `search ${Array.from({ length: n }, (_, i) => `d${i}`).join(' ')}\n`;

  it('without a cluster domain all 32 paths are for the host; legacy: 6', () => {
    expect(checkHostResolvConf(line(32), { clusterDomain: '' })).toEqual([]);
    expect(checkHostResolvConf(line(33), { clusterDomain: '' })).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line consisting of more than 32 domains!",
    ]);
    expect(checkHostResolvConf(line(6), { clusterDomain: '', legacySearchLimits: true })).toEqual([]);
    expect(checkHostResolvConf(line(7), { clusterDomain: '', legacySearchLimits: true })).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line consisting of more than 6 domains!",
    ]);
    expect(checkHostResolvConf(line(3), { ...cd, legacySearchLimits: true })).toEqual([]);
    expect(checkHostResolvConf(line(30), { ...cd, legacySearchLimits: false })).toHaveLength(1);
  });

  it('an entry of exactly 253 bytes is fine; bytes, not characters, count', () => {
    expect(checkHostResolvConf(`search ${'a'.repeat(253)}\n`, cd)).toEqual([]);
    expect(checkHostResolvConf(`search ${'é'.repeat(127)}\n`, { ...cd, path: '/x' })).toEqual([
      'Resolv.conf file "/x" contains a search path which length is more than allowed 253 chars!',
    ]);
  });

  it('a line of exactly 2048 (legacy 256) bytes is fine, one more is not', () => {
    // 8 × 250 + 7 spaces + 1 + 40 = 2048
    const parts = [
      ...Array.from({ length: 8 }, (_, i) => String.fromCharCode(97 + i).repeat(250)),
      'z'.repeat(40),
    ];
    expect(parts.join(' ').length).toBe(2048);
    expect(checkHostResolvConf(`search ${parts.join(' ')}\n`, { clusterDomain: '' })).toEqual([]);
    parts[8] = 'z'.repeat(41);
    expect(checkHostResolvConf(`search ${parts.join(' ')}\n`, { clusterDomain: '' })).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line which length is more than allowed 2048 chars!",
    ]);
    const legacy = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(54)];
    expect(checkHostResolvConf(`search ${legacy.join(' ')}\n`, { ...cd, legacySearchLimits: true })).toEqual(
      [],
    );
    legacy[2] = 'c'.repeat(55);
    expect(checkHostResolvConf(`search ${legacy.join(' ')}\n`, { ...cd, legacySearchLimits: true })).toEqual([
      "Resolv.conf file '/etc/resolv.conf' contains search line which length is more than allowed 256 chars!",
    ]);
  });

  it('a file of 10 MiB is reported with the k8s.io/utils ReadAtMost error text', () => {
    expect(checkHostResolvConf(' '.repeat(10 * 1024 * 1024), cd)).toEqual(['the read limit is reached']);
    expect(checkHostResolvConf(' '.repeat(10 * 1024 * 1024 - 1), cd)).toEqual([]);
  });

  it.each([
    [null, 'checkHostResolvConf expects options { clusterDomain }', ['clusterDomain']],
    [5, 'checkHostResolvConf expects options { clusterDomain }', ['clusterDomain']],
    [{}, 'checkHostResolvConf expects options { clusterDomain }', ['clusterDomain']],
    [{ clusterDomain: 5 }, 'checkHostResolvConf expects options { clusterDomain }', ['clusterDomain']],
  ])('refuses options %j', (options, message, path) => {
    let e: unknown;
    try {
      checkHostResolvConf('', options as never);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DnsError);
    expect([(e as DnsError).code, (e as DnsError).message, (e as DnsError).path]).toEqual([
      'INVALID_INPUT',
      message,
      path,
    ]);
  });

  it('refuses a non-string text, naming it', () => {
    let e: unknown;
    try {
      checkHostResolvConf(null as never, cd);
    } catch (x) {
      e = x;
    }
    expect([(e as DnsError).code, (e as DnsError).message, (e as DnsError).path]).toEqual([
      'INVALID_INPUT',
      'resolv.conf must be a string, got null',
      [],
    ]);
  });
});
