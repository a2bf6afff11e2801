import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, overallServices } from '../modes/upstream-fixtures.ts';
import { formatNftList } from './format-nft-list.ts';
import { nftablesRules } from './nftables-rules.ts';

describe('formatNftList', () => {
  const text = formatNftList(nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG }));

  it('prints one table block with sets, maps and chains', () => {
    expect(
      text.startsWith('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {'),
    ).toBe(true);
    expect(text.endsWith('\t}\n}\n')).toBe(true);
    expect(text).toContain(
      '\tset cluster-ips {\n\t\ttype ipv4_addr\n\t\tcomment "Active ClusterIPs"\n\t\telements = { 172.30.0.41,',
    );
  });

  it('uses nft symbolic priorities and its rendering of mark rules', () => {
    expect(text).toContain(
      '\tchain filter-prerouting-pre-dnat {\n\t\ttype filter hook prerouting priority dstnat - 10; policy accept;\n',
    );
    expect(text).toContain(
      '\tchain nat-postrouting {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\tjump masquerading\n\t}',
    );
    expect(text).toContain('\t\tmeta mark set meta mark | 0x00004000\n');
    expect(text).toContain('\t\tmeta mark & 0x00004000 == 0x00000000 return\n');
    expect(text).toContain(
      '\t\tip daddr 172.30.0.0/16 drop comment "Drop traffic to unallocated ClusterIPs"\n',
    );
    expect(text).toContain('\t\tip saddr != 203.0.113.0/25 drop\n');
  });

  it('prints affinity timeouts as durations and map elements with comments', () => {
    expect(text).toContain('\t\tflags dynamic,timeout\n\t\ttimeout 3h\n');
    expect(text).toContain('172.30.0.46 . tcp . 80 comment "ns6/svc6:p80" : goto reject-chain');
  });
});
