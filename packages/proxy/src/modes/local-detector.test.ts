// How each mode spells the local-traffic detector (kubernetes pkg/proxy/util/localdetector.go:
// CIDR → "-s CIDR" / "ip saddr CIDR"; bridge → "-i NAME" / "iif NAME"; prefix → "-i PREFIX+" /
// "iif PREFIX*"; the "not local" forms negate them: "! -s", "! -i", "saddr !=", "iif !=").
import { describe, expect, it } from 'vitest';
import { formatIptablesSave } from '../iptables/format-iptables-save.ts';
import { formatIpvsadmSave } from '../ipvs/format-ipvsadm-save.ts';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import { formatNft } from '../nftables/format-nft.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
import type { LocalDetector } from '../service-model/types.ts';
import { FAKE_NODE_CONFIG, overallServices } from './upstream-fixtures.ts';

const input = (localDetector: LocalDetector) => ({
  ...overallServices(),
  config: { ...FAKE_NODE_CONFIG, localDetector },
});

describe('local detector in ipvs and nftables rules', () => {
  it.each([
    [{ mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }, '! -s 10.0.0.0/8'],
    [{ mode: 'NodeCIDR', cidr: '10.0.1.0/24' }, '! -s 10.0.1.0/24'],
    [{ mode: 'BridgeInterface', interface: 'cbr0' }, '! -i cbr0'],
    [{ mode: 'InterfaceNamePrefix', prefix: 'veth' }, '! -i veth+'],
  ] as const)('ipvs %j marks non-local cluster-IP traffic with %s', (detector, notLocal) => {
    const text = formatIptablesSave(ipvsRules(input(detector)).iptables);
    expect(text).toContain(
      `-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ${notLocal} -j KUBE-MARK-MASQ`,
    );
    expect(text).not.toContain('KUBE-CLUSTER-IP src,dst');
  });

  it('ipvs without a detector masquerades by source set, and masqueradeAll wins', () => {
    const none = formatIptablesSave(ipvsRules(input({ mode: 'None' })).iptables);
    expect(none).toContain('-m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ');
    const all = ipvsRules({
      ...input({ mode: 'BridgeInterface', interface: 'cbr0' }),
      config: { ...input({ mode: 'BridgeInterface', interface: 'cbr0' }).config, masqueradeAll: true },
    });
    const allText = formatIptablesSave(all.iptables);
    expect(allText).toContain('-m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ');
    expect(allText).not.toContain('! -i cbr0');
    expect(formatIpvsadmSave(all)).toContain('-A -t 172.30.0.41:80 -s rr');
  });

  it.each([
    [{ mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }, 'ip saddr != 10.0.0.0/8', 'ip saddr 10.0.0.0/8'],
    [{ mode: 'BridgeInterface', interface: 'cbr0' }, 'iif != cbr0', 'iif cbr0'],
    [{ mode: 'InterfaceNamePrefix', prefix: 'veth' }, 'iif != veth*', 'iif veth*'],
  ] as const)('nftables %j writes %s and %s', (detector, notLocal, local) => {
    const text = formatNft(nftablesRules(input(detector)));
    expect(text).toContain(` ${notLocal} jump mark-for-masquerade`);
    expect(text).toContain(` ${local} `);
  });

  it('nftables without a detector writes no detector match', () => {
    const text = formatNft(nftablesRules(input({ mode: 'None' })));
    expect(text).not.toMatch(/saddr !?=? ?10\.0\.0\.0\/8|iif /);
  });
});
