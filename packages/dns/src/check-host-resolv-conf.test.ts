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
