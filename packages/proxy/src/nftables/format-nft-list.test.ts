import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, overallServices } from '../modes/upstream-fixtures.ts';
import { formatNftList } from './format-nft-list.ts';
import { nftablesRules } from './nftables-rules.ts';
import { parseNft } from './parse-nft.ts';

describe('formatNftList', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const text = formatNftList(nftablesRules({ ...overallServices(), config: FAKE_NODE_CONFIG }));
    return { text };
  };

  it('prints one table block with sets, maps and chains', () => {
    const { text } = fixtures();
    expect(
      text.startsWith('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {'),
    ).toBe(true);
    expect(text.endsWith('\t}\n}\n')).toBe(true);
    expect(text).toContain(
      '\tset cluster-ips {\n\t\ttype ipv4_addr\n\t\tcomment "Active ClusterIPs"\n\t\telements = { 172.30.0.41,',
    );
  });

  it('uses nft symbolic priorities and its rendering of mark rules', () => {
    const { text } = fixtures();
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
    const { text } = fixtures();
    expect(text).toContain('\t\tflags dynamic,timeout\n\t\ttimeout 3h\n');
    expect(text).toContain('172.30.0.46 . tcp . 80 comment "ns6/svc6:p80" : goto reject-chain');
  });
});

// nft src/rule.c prio2str: a standard priority prints by name, within ±10 as "name + n"/"name - n",
// anything else as a number. Durations print as nft's time_to_str does (1d2h3m4s).
describe('formatNftList details', () => {
  const chainWith = (priority: number) =>
    formatNftList(
      parseNft(`add table ip t\nadd chain ip t c { type filter hook input priority ${priority} ; }\n`),
    );
  it.each([
    [-300, 'raw'],
    [-310, 'raw - 10'],
    [-311, '-311'],
    [-150, 'mangle'],
    [-140, 'mangle + 10'],
    [-100, 'dstnat'],
    [-101, 'dstnat - 1'],
    [-90, 'dstnat + 10'],
    [-89, '-89'],
    [0, 'filter'],
    [10, 'filter + 10'],
    [-10, 'filter - 10'],
    [50, 'security'],
    [40, 'security - 10'],
    [100, 'srcnat'],
    [110, 'srcnat + 10'],
    [111, '111'],
  ])('priority %d prints as %s', (priority, text) => {
    expect(chainWith(priority)).toContain(`\t\ttype filter hook input priority ${text}; policy accept;\n`);
  });

  it.each([
    [10800, '3h'],
    [90, '1m30s'],
    [93784, '1d2h3m4s'],
    [86400, '1d'],
    [60, '1m'],
    [1, '1s'],
    [0, '0s'],
  ])('timeout %d prints as %s', (seconds, text) => {
    const out = formatNftList(
      parseNft(`add table ip t\nadd set ip t s { type ipv4_addr ; flags timeout ; timeout ${seconds}s ; }\n`),
    );
    expect(out).toContain(`\t\tflags timeout\n\t\ttimeout ${text}\n`);
  });

  it('prints comments, elements and nft rewrites of kube-proxy rule text', () => {
    const out = formatNftList(
      parseNft(
        [
          'add table ip t',
          'add chain ip t c { comment "cc" ; }',
          'add rule ip t c mark set mark xor 0x4000',
          'add rule ip t c ip daddr != { 10.0.0.1 } drop comment "x"',
          'add rule ip t c ip saddr { 10.0.0.1 , 10.0.0.2 } drop',
          'add rule ip t c numgen random mod 2 vmap { 0 : goto a , 1 : goto b }',
          'add map ip t m { type ipv4_addr : verdict ; comment "mc" ; }',
          'add element ip t m { 10.0.0.1 : goto a }',
          'add element ip t m { 10.0.0.2 comment "e" : goto b }',
          'add set ip t e { type ipv4_addr ; }',
        ].join('\n'),
      ),
    );
    expect(out).toBe(
      [
        'table ip t {',
        '\tmap m {',
        '\t\ttype ipv4_addr : verdict',
        '\t\tcomment "mc"',
        '\t\telements = { 10.0.0.1 : goto a,',
        '\t\t\t     10.0.0.2 comment "e" : goto b }',
        '\t}',
        '',
        '\tset e {',
        '\t\ttype ipv4_addr',
        '\t}',
        '',
        '\tchain c {',
        '\t\tcomment "cc"',
        '\t\tmeta mark set meta mark ^ 0x00004000',
        '\t\tip daddr != 10.0.0.1 drop comment "x"',
        '\t\tip saddr { 10.0.0.1, 10.0.0.2 } drop',
        '\t\tnumgen random mod 2 vmap { 0 : goto a, 1 : goto b }',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    expect(formatNftList(parseNft(''))).toBe('');
  });
});
