// kube-proxy's always-written rules, per config option (pkg/proxy/iptables/proxier.go syncProxyRules:
// the KUBE-FIREWALL localnet block, the conntrack INVALID drop with nfacct, --random-fully, and the
// "must be the last rule" KUBE-NODEPORTS jumps for nodePortAddresses).
import { describe, expect, it } from 'vitest';
import { resolveProxyConfig } from '../service-model/resolve-proxy-config.ts';
import type { ProxyConfig, ServiceModel } from '../service-model/types.ts';
import { isLargeCluster, isServiceChainName, staticRules } from './iptables-rules.ts';
import { detectorArgs, ruleLine } from './service-fragment.ts';

const rules = (extra: Partial<ProxyConfig> = {}) =>
  staticRules(resolveProxyConfig({ hostname: 'n', nodeIPs: ['192.168.0.2', 'fd00::2'], ...extra }));
const LAST =
  '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
const LOCALNET =
  '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP';

describe('staticRules', () => {
  it('writes the defaults (IPv4, localhost NodePorts, nfacct, INVALID drop, no --random-fully)', () => {
    const r = rules();
    expect(r.filterChains).toContain('KUBE-FIREWALL');
    expect(r.filterHead).toEqual([LOCALNET]);
    expect(r.filterTail).toEqual([
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ]);
    expect(r.natHead).toEqual([
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
    ]);
    expect(r.natTail).toEqual([`${LAST} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`]);
  });

  it('follows each option', () => {
    expect(rules({ nfacct: false }).filterTail[0]).toBe(
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    );
    expect(rules({ dropInvalid: false }).filterTail).toHaveLength(2);
    expect(rules({ randomFully: true }).natHead[2]).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    expect(rules({ masqueradeBit: 0 }).natHead[3]).toBe('-A KUBE-MARK-MASQ -j MARK --or-mark 0x1');
    const noLocalhost = rules({ localhostNodePorts: false });
    expect(noLocalhost.filterChains).not.toContain('KUBE-FIREWALL');
    expect(noLocalhost.filterHead).toEqual([]);
    expect(noLocalhost.natTail).toEqual([
      `${LAST} -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS`,
    ]);
    const v6 = rules({ ipFamily: 'IPv6' });
    expect(v6.filterChains).not.toContain('KUBE-FIREWALL');
    expect(v6.natTail).toEqual([`${LAST} -m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS`]);
  });

  it('jumps per node IP for nodePortAddresses, skipping loopback when not allowed', () => {
    expect(rules({ nodePortAddresses: ['192.168.0.0/16', '127.0.0.0/8'] }).natTail).toEqual([
      `${LAST} -d 192.168.0.2 -j KUBE-NODEPORTS`,
      `${LAST} -d 127.0.0.1 -j KUBE-NODEPORTS`,
    ]);
    expect(
      rules({ nodePortAddresses: ['192.168.0.0/16', '127.0.0.0/8'], localhostNodePorts: false }).natTail,
    ).toEqual([`${LAST} -d 192.168.0.2 -j KUBE-NODEPORTS`]);
    expect(rules({ ipFamily: 'IPv6', nodePortAddresses: ['fd00::/64', '::1/128'] }).natTail).toEqual([
      `${LAST} -d fd00::2 -j KUBE-NODEPORTS`,
    ]);
    expect(rules({ nodePortAddresses: ['10.0.0.0/8'] }).natTail).toEqual([]);
  });
});

describe('isServiceChainName', () => {
  it.each([
    ['KUBE-SVC-XPGD46QRK7WJZT7O', true],
    ['KUBE-SVL-XPGD46QRK7WJZT7O', true],
    ['KUBE-SEP-SXIVWICOYRO3J4NJ', true],
    ['KUBE-FW-XPGD46QRK7WJZT7O', true],
    ['KUBE-EXT-XPGD46QRK7WJZT7O', true],
    ['KUBE-SERVICES', false],
    ['KUBE-SVC', false],
    ['KUBE-NODEPORTS', false],
    ['KUBE-EXTERNAL-SERVICES', false],
    ['X-KUBE-SVC-A', false],
  ])('%s → %s', (name, want) => {
    expect(isServiceChainName(name)).toBe(want);
  });
});

// pkg/proxy/util/localdetector.go: IfLocal/IfNotLocal for each detector.
describe('detectorArgs and ruleLine', () => {
  const cfg = (extra: Partial<ProxyConfig>) => resolveProxyConfig({ hostname: 'n', nodeIPs: [], ...extra });
  it.each([
    [{ clusterCIDR: '10.0.0.0/8' }, { ifLocal: '-s 10.0.0.0/8', ifNotLocal: '! -s 10.0.0.0/8' }],
    [
      { localDetector: { mode: 'NodeCIDR', cidr: '10.0.1.0/24' } },
      { ifLocal: '-s 10.0.1.0/24', ifNotLocal: '! -s 10.0.1.0/24' },
    ],
    [
      { localDetector: { mode: 'BridgeInterface', interface: 'cbr0' } },
      { ifLocal: '-i cbr0', ifNotLocal: '! -i cbr0' },
    ],
    [
      { localDetector: { mode: 'InterfaceNamePrefix', prefix: 'veth' } },
      { ifLocal: '-i veth+', ifNotLocal: '! -i veth+' },
    ],
    [{}, undefined],
  ] as const)('%j → %j', (extra, want) => {
    expect(detectorArgs(cfg(extra as Partial<ProxyConfig>))).toEqual(want);
  });

  it('reads the chain of a rule line', () => {
    expect(ruleLine('-A KUBE-SERVICES -j RETURN')).toEqual({
      kind: 'rule',
      chain: 'KUBE-SERVICES',
      text: '-A KUBE-SERVICES -j RETURN',
    });
    expect(ruleLine('-A KUBE-X')).toEqual({ kind: 'rule', chain: 'KUBE-X', text: '-A KUBE-X' });
  });
});

// proxier.go: largeClusterMode = totalEndpoints > largeClusterEndpointsThreshold (1000).
describe('isLargeCluster', () => {
  it.each([
    [0, false],
    [1000, false],
    [1001, true],
  ])('%d endpoints → %s', (totalEndpoints, want) => {
    expect(isLargeCluster({ totalEndpoints } as ServiceModel)).toBe(want);
  });
});
