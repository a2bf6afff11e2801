import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, overallServices, testService, testSlice } from '../modes/upstream-fixtures.ts';
import { evaluateNftPacket } from './evaluate-nft-packet.ts';
import { formatNft } from './format-nft.ts';
import { nftablesRules } from './nftables-rules.ts';
import { parseNft, safeParseNft } from './parse-nft.ts';
import { sortNftTransaction } from './sort-nft-transaction.ts';

// pkg/proxy/nftables/proxier_test.go `baseRules` (NewFakeProxier: nodePortAddresses
// [192.168.0.2/32, 2001:db8::1/128], serviceCIDRs 172.30.0.0/16, pod CIDR 10.0.0.0/8).
const baseRules = `
add table ip kube-proxy { comment "rules for kube-proxy" ; }

add set ip kube-proxy cluster-ips { type ipv4_addr ; comment "Active ClusterIPs" ; }
add set ip kube-proxy nodeport-ips { type ipv4_addr ; comment "IPs that accept NodePort traffic" ; }

add map ip kube-proxy firewall-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "destinations that are subject to LoadBalancerSourceRanges" ; }
add map ip kube-proxy no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to service nodeports with no endpoints" ; }
add map ip kube-proxy no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment "vmap to drop or reject packets to services with no endpoints" ; }
add map ip kube-proxy service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment "ClusterIP, ExternalIP and LoadBalancer IP traffic" ; }
add map ip kube-proxy service-nodeports { type inet_proto . inet_service : verdict ; comment "NodePort traffic" ; }

add chain ip kube-proxy cluster-ips-check
add chain ip kube-proxy filter-prerouting-pre-dnat { type filter hook prerouting priority -110 ; }
add chain ip kube-proxy filter-output-pre-dnat { type filter hook output priority -110 ; }
add chain ip kube-proxy filter-forward { type filter hook forward priority 0 ; }
add chain ip kube-proxy filter-input { type filter hook input priority 0 ; }
add chain ip kube-proxy filter-output { type filter hook output priority 0 ; }
add chain ip kube-proxy firewall-check
add chain ip kube-proxy mark-for-masquerade
add chain ip kube-proxy masquerading
add chain ip kube-proxy nat-output { type nat hook output priority -100 ; }
add chain ip kube-proxy nat-postrouting { type nat hook postrouting priority 100 ; }
add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }
add chain ip kube-proxy nodeport-endpoints-check
add chain ip kube-proxy reject-chain { comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }
add chain ip kube-proxy services
add chain ip kube-proxy service-endpoints-check

add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"
add rule ip kube-proxy cluster-ips-check ip daddr { 172.30.0.0/16 } drop comment "Drop traffic to unallocated ClusterIPs"
add rule ip kube-proxy filter-prerouting-pre-dnat ct state new jump firewall-check
add rule ip kube-proxy filter-forward ct state new jump service-endpoints-check
add rule ip kube-proxy filter-forward ct state new jump cluster-ips-check
add rule ip kube-proxy filter-input ct state new jump nodeport-endpoints-check
add rule ip kube-proxy filter-input ct state new jump service-endpoints-check
add rule ip kube-proxy filter-output ct state new jump service-endpoints-check
add rule ip kube-proxy filter-output-pre-dnat ct state new jump firewall-check
add rule ip kube-proxy filter-output ct state new jump cluster-ips-check
add rule ip kube-proxy firewall-check ip daddr . meta l4proto . th dport vmap @firewall-ips
add rule ip kube-proxy mark-for-masquerade mark set mark or 0x4000
add rule ip kube-proxy masquerading mark and 0x4000 == 0 return
add rule ip kube-proxy masquerading mark set mark xor 0x4000
add rule ip kube-proxy masquerading masquerade fully-random
add rule ip kube-proxy nat-output jump services
add rule ip kube-proxy nat-postrouting jump masquerading
add rule ip kube-proxy nat-prerouting jump services
add rule ip kube-proxy nodeport-endpoints-check ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports
add rule ip kube-proxy reject-chain reject
add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips
add rule ip kube-proxy services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports

add element ip kube-proxy nodeport-ips { 192.168.0.2 }
add rule ip kube-proxy service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services
`;

// TestOverallNFTablesRules, expected per-service lines (verbatim).
const overallExpected = `${baseRules}
# svc1
add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80
add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }

add chain ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80
add rule ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 ip saddr 10.180.0.1 jump mark-for-masquerade
add rule ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 meta l4proto tcp dnat to 10.180.0.1:80

add element ip kube-proxy cluster-ips { 172.30.0.41 }
add element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 : goto service-ULMVA6XW-ns1/svc1/tcp/p80 }

# svc2
add chain ip kube-proxy service-42NFTM6N-ns2/svc2/tcp/p80
add rule ip kube-proxy service-42NFTM6N-ns2/svc2/tcp/p80 ip daddr 172.30.0.42 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-42NFTM6N-ns2/svc2/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-SGOXE6O3-ns2/svc2/tcp/p80__10.180.0.2/80 }
add chain ip kube-proxy external-42NFTM6N-ns2/svc2/tcp/p80
add rule ip kube-proxy external-42NFTM6N-ns2/svc2/tcp/p80 ip saddr 10.0.0.0/8 goto service-42NFTM6N-ns2/svc2/tcp/p80 comment "short-circuit pod traffic"
add rule ip kube-proxy external-42NFTM6N-ns2/svc2/tcp/p80 fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"
add rule ip kube-proxy external-42NFTM6N-ns2/svc2/tcp/p80 fib saddr type local goto service-42NFTM6N-ns2/svc2/tcp/p80 comment "short-circuit local traffic"
add chain ip kube-proxy endpoint-SGOXE6O3-ns2/svc2/tcp/p80__10.180.0.2/80
add rule ip kube-proxy endpoint-SGOXE6O3-ns2/svc2/tcp/p80__10.180.0.2/80 ip saddr 10.180.0.2 jump mark-for-masquerade
add rule ip kube-proxy endpoint-SGOXE6O3-ns2/svc2/tcp/p80__10.180.0.2/80 meta l4proto tcp dnat to 10.180.0.2:80

add element ip kube-proxy cluster-ips { 172.30.0.42 }
add element ip kube-proxy service-ips { 172.30.0.42 . tcp . 80 : goto service-42NFTM6N-ns2/svc2/tcp/p80 }
add element ip kube-proxy service-ips { 192.168.99.22 . tcp . 80 : goto external-42NFTM6N-ns2/svc2/tcp/p80 }
add element ip kube-proxy service-ips { 1.2.3.4 . tcp . 80 : goto external-42NFTM6N-ns2/svc2/tcp/p80 }
add element ip kube-proxy service-nodeports { tcp . 3001 : goto external-42NFTM6N-ns2/svc2/tcp/p80 }

add element ip kube-proxy no-endpoint-nodeports { tcp . 3001 comment "ns2/svc2:p80" : drop }
add element ip kube-proxy no-endpoint-services { 1.2.3.4 . tcp . 80 comment "ns2/svc2:p80" : drop }
add element ip kube-proxy no-endpoint-services { 192.168.99.22 . tcp . 80 comment "ns2/svc2:p80" : drop }

# svc3
add chain ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80
add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 ip daddr 172.30.0.43 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-4AT6LBPK-ns3/svc3/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-UEIP74TE-ns3/svc3/tcp/p80__10.180.0.3/80 }
add chain ip kube-proxy external-4AT6LBPK-ns3/svc3/tcp/p80
add rule ip kube-proxy external-4AT6LBPK-ns3/svc3/tcp/p80 jump mark-for-masquerade
add rule ip kube-proxy external-4AT6LBPK-ns3/svc3/tcp/p80 goto service-4AT6LBPK-ns3/svc3/tcp/p80
add chain ip kube-proxy endpoint-UEIP74TE-ns3/svc3/tcp/p80__10.180.0.3/80
add rule ip kube-proxy endpoint-UEIP74TE-ns3/svc3/tcp/p80__10.180.0.3/80 ip saddr 10.180.0.3 jump mark-for-masquerade
add rule ip kube-proxy endpoint-UEIP74TE-ns3/svc3/tcp/p80__10.180.0.3/80 meta l4proto tcp dnat to 10.180.0.3:80

add element ip kube-proxy cluster-ips { 172.30.0.43 }
add element ip kube-proxy service-ips { 172.30.0.43 . tcp . 80 : goto service-4AT6LBPK-ns3/svc3/tcp/p80 }
add element ip kube-proxy service-nodeports { tcp . 3003 : goto external-4AT6LBPK-ns3/svc3/tcp/p80 }

# svc4
add chain ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80
add rule ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80 ip daddr 172.30.0.44 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-LAUZTJTB-ns4/svc4/tcp/p80 numgen random mod 2 vmap { 0 : goto endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80 , 1 : goto endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80 }
add chain ip kube-proxy external-LAUZTJTB-ns4/svc4/tcp/p80
add rule ip kube-proxy external-LAUZTJTB-ns4/svc4/tcp/p80 jump mark-for-masquerade
add rule ip kube-proxy external-LAUZTJTB-ns4/svc4/tcp/p80 goto service-LAUZTJTB-ns4/svc4/tcp/p80
add chain ip kube-proxy endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80
add rule ip kube-proxy endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80 ip saddr 10.180.0.5 jump mark-for-masquerade
add rule ip kube-proxy endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80 meta l4proto tcp dnat to 10.180.0.5:80
add chain ip kube-proxy endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80
add rule ip kube-proxy endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80 ip saddr 10.180.0.4 jump mark-for-masquerade
add rule ip kube-proxy endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80 meta l4proto tcp dnat to 10.180.0.4:80

add element ip kube-proxy cluster-ips { 172.30.0.44 }
add element ip kube-proxy service-ips { 172.30.0.44 . tcp . 80 : goto service-LAUZTJTB-ns4/svc4/tcp/p80 }
add element ip kube-proxy service-ips { 192.168.99.33 . tcp . 80 : goto external-LAUZTJTB-ns4/svc4/tcp/p80 }

# svc5
add set ip kube-proxy affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 { type ipv4_addr ; flags dynamic,timeout ; timeout 10800s ; }
add chain ip kube-proxy service-HVFWP5L3-ns5/svc5/tcp/p80
add rule ip kube-proxy service-HVFWP5L3-ns5/svc5/tcp/p80 ip daddr 172.30.0.45 ip saddr != 10.0.0.0/8 jump mark-for-masquerade
add rule ip kube-proxy service-HVFWP5L3-ns5/svc5/tcp/p80 ip saddr @affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 goto endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80
add rule ip kube-proxy service-HVFWP5L3-ns5/svc5/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 }
add chain ip kube-proxy external-HVFWP5L3-ns5/svc5/tcp/p80
add rule ip kube-proxy external-HVFWP5L3-ns5/svc5/tcp/p80 jump mark-for-masquerade
add rule ip kube-proxy external-HVFWP5L3-ns5/svc5/tcp/p80 goto service-HVFWP5L3-ns5/svc5/tcp/p80

add chain ip kube-proxy endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80
add rule ip kube-proxy endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 ip saddr 10.180.0.3 jump mark-for-masquerade
add rule ip kube-proxy endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 update @affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 { ip saddr }
add rule ip kube-proxy endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 meta l4proto tcp dnat to 10.180.0.3:80

add chain ip kube-proxy firewall-HVFWP5L3-ns5/svc5/tcp/p80
add rule ip kube-proxy firewall-HVFWP5L3-ns5/svc5/tcp/p80 ip saddr != { 203.0.113.0/25 } drop

add element ip kube-proxy cluster-ips { 172.30.0.45 }
add element ip kube-proxy service-ips { 172.30.0.45 . tcp . 80 : goto service-HVFWP5L3-ns5/svc5/tcp/p80 }
add element ip kube-proxy service-ips { 5.6.7.8 . tcp . 80 : goto external-HVFWP5L3-ns5/svc5/tcp/p80 }
add element ip kube-proxy service-nodeports { tcp . 3002 : goto external-HVFWP5L3-ns5/svc5/tcp/p80 }
add element ip kube-proxy firewall-ips { 5.6.7.8 . tcp . 80 : goto firewall-HVFWP5L3-ns5/svc5/tcp/p80 }

# svc6
add element ip kube-proxy cluster-ips { 172.30.0.46 }
add element ip kube-proxy no-endpoint-services { 172.30.0.46 . tcp . 80 comment "ns6/svc6:p80" : goto reject-chain }
`;

describe('nftablesRules (pkg/proxy/nftables/proxier_test.go)', () => {
  it('TestOverallNFTablesRules: same transaction after sortNFTablesTransaction', () => {
    const input = { ...overallServices(), config: FAKE_NODE_CONFIG };
    const got = formatNft(nftablesRules(input));
    expect(sortNftTransaction(got)).toBe(sortNftTransaction(overallExpected));
  });

  it('writes one add … per line, table first, ending with a newline', () => {
    const got = formatNft(nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG }));
    expect(got.startsWith('add table ip kube-proxy { comment "rules for kube-proxy" ; }\n')).toBe(true);
    expect(got.endsWith('\n')).toBe(true);
    for (const line of got.trimEnd().split('\n'))
      expect(line).toMatch(/^add (table|chain|rule|set|map|element) ip kube-proxy/);
  });

  it('is independent of input order', () => {
    const { services, endpointSlices } = overallServices();
    const a = formatNft(nftablesRules({ services, endpointSlices, config: FAKE_NODE_CONFIG }));
    const b = formatNft(
      nftablesRules({
        services: [...services].reverse(),
        endpointSlices: [...endpointSlices].reverse(),
        config: FAKE_NODE_CONFIG,
      }),
    );
    expect(b).toBe(a);
  });

  it('without nodePortAddresses matches all local addresses and has no nodeport-ips set', () => {
    const got = formatNft(
      nftablesRules({
        ...overallServices(),
        config: { hostname: 'test-node', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8' },
      }),
    );
    expect(got).not.toContain('nodeport-ips');
    expect(got).not.toContain('Drop traffic to unallocated ClusterIPs');
    expect(got).toContain(
      'add rule ip kube-proxy services fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports\n',
    );
    expect(got).toContain(
      'add rule ip kube-proxy nodeport-endpoints-check ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports\n',
    );
  });

  it('masqueradeAll and no detector change the ClusterIP masquerade rule', () => {
    const svc = [
      testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] }),
    ];
    const eps = [testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }])];
    const all = formatNft(
      nftablesRules({
        services: svc,
        endpointSlices: eps,
        config: { hostname: 'n', nodeIPs: ['192.168.0.2'], masqueradeAll: true },
      }),
    );
    expect(all).toContain(
      'add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 jump mark-for-masquerade\n',
    );
    const none = formatNft(
      nftablesRules({
        services: svc,
        endpointSlices: eps,
        config: { hostname: 'n', nodeIPs: ['192.168.0.2'] },
      }),
    );
    expect(none).not.toContain('ip daddr 172.30.0.41 ');
  });

  it('IPv6 writes the ip6 kube-proxy table with ipv6_addr sets and dotted endpoint names', () => {
    const svc = [
      testService('ns1', 'svc1', { clusterIP: 'fd00:10:96::1', ports: [{ name: 'p80', port: 80 }] }),
    ];
    const eps = [testSlice('ns1', 'svc1', 1, [{ ip: 'fd00:10::1' }], [{ name: 'p80', port: 80 }], 'IPv6')];
    const got = formatNft(
      nftablesRules({
        services: svc,
        endpointSlices: eps,
        config: { hostname: 'n', nodeIPs: ['2001:db8::1'], ipFamily: 'IPv6', clusterCIDR: 'fd00:10::/64' },
      }),
    );
    expect(got).toContain(
      'add set ip6 kube-proxy cluster-ips { type ipv6_addr ; comment "Active ClusterIPs" ; }',
    );
    expect(got).toContain('ip6 daddr fd00:10:96::1 ip6 saddr != fd00:10::/64 jump mark-for-masquerade');
    expect(got).toMatch(
      /endpoint-[A-Z2-7]{8}-ns1\/svc1\/tcp\/p80__fd00\.10\.\.1\/80 meta l4proto tcp dnat to \[fd00:10::1\]:80/,
    );
    expect(got).toContain('ip6 daddr != ::1 meta l4proto . th dport vmap @no-endpoint-nodeports');
  });
});

describe('nftablesRules dual-stack', () => {
  it('writes the ip and ip6 kube-proxy tables for ipFamilies [IPv4, IPv6]', () => {
    const svc = testService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80 }] });
    const v6 = testService('ns1', 'svc6', { clusterIP: 'fd00:10:96::1', ports: [{ name: 'p80', port: 80 }] });
    const r = nftablesRules({
      services: [svc, v6],
      endpointSlices: [],
      config: { hostname: 'n', nodeIPs: ['192.168.0.2', '2001:db8::1'], ipFamilies: ['IPv6', 'IPv4'] },
    });
    expect(r.tables.map((t) => t.family)).toEqual(['ip', 'ip6']);
    const text = formatNft(r);
    expect(text).toContain('add element ip kube-proxy cluster-ips { 172.30.0.41 }');
    expect(text).toContain('add element ip6 kube-proxy cluster-ips { fd00:10:96::1 }');
    expect(() =>
      nftablesRules({
        services: [],
        endpointSlices: [],
        config: { hostname: 'n', nodeIPs: [], ipFamilies: ['IPv5' as 'IPv4'] },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('rejects malformed input with ProxyError, never a bare TypeError', () => {
    for (const bad of [
      null,
      undefined,
      42,
      'x',
      [],
      { services: [null], endpointSlices: [], config: { hostname: 'n', nodeIPs: [] } },
    ]) {
      expect(() => nftablesRules(bad as never)).toThrow(expect.objectContaining({ name: 'ProxyError' }));
    }
  });
});

describe('parseNft', () => {
  it('reads the upstream TestOverallNFTablesRules text and formats it back', () => {
    const parsed = parseNft(overallExpected, { localAddresses: FAKE_NODE_CONFIG.nodeIPs });
    expect(sortNftTransaction(formatNft(parsed))).toBe(sortNftTransaction(overallExpected));
    const ours = nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG });
    expect(formatNft(parseNft(formatNft(ours)))).toBe(formatNft(ours));
  });

  it('traces packets through the parsed upstream text exactly as through our generated rules', () => {
    const parsed = parseNft(overallExpected, { localAddresses: FAKE_NODE_CONFIG.nodeIPs });
    const ours = nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG });
    const packets = [
      { sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80 },
      { sourceIP: '203.0.113.2', destIP: '172.30.0.44', destPort: 80 },
      { sourceIP: '203.0.113.2', destIP: '192.168.99.22', destPort: 80 },
      { sourceIP: '203.0.113.2', destIP: '192.168.0.2', destPort: 3001 },
      { sourceIP: '203.0.113.2', destIP: '5.6.7.8', destPort: 80 },
      { sourceIP: '203.0.113.130', destIP: '5.6.7.8', destPort: 80 },
      { sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80 },
      { sourceIP: '10.0.0.2', destIP: '172.30.0.99', destPort: 80 },
    ];
    for (const p of packets) expect(evaluateNftPacket(parsed, p)).toEqual(evaluateNftPacket(ours, p));
  });

  it('applies flush/delete commands and reports bad lines with INVALID_NFT and the line index', () => {
    const text = [
      'add table ip t',
      'add chain ip t c',
      'add rule ip t c jump x',
      'flush chain ip t c',
      'add rule ip t c drop comment "why \\"not\\""',
      'add map ip t m { type inet_proto . inet_service : verdict ; }',
      'add element ip t m { tcp . 80 : goto c }',
      'add element ip t m { tcp . 81 : drop }',
      'delete element ip t m { tcp . 80 }',
    ].join('\n');
    const r = parseNft(text);
    expect(r.tables[0]?.chains[0]?.rules).toEqual([{ rule: 'drop', comment: 'why "not"' }]);
    expect(r.tables[0]?.sets[0]?.elements).toEqual([{ key: ['tcp', '81'], value: ['drop'] }]);
    const bad = safeParseNft('add table ip t\nadd rule ip t missing drop\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_NFT');
      expect(bad.error.path).toEqual([1]);
    }
    expect(safeParseNft('hello').ok).toBe(false);
    expect(safeParseNft(42 as unknown as string).ok).toBe(false);
  });
});
