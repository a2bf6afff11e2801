// Hand-written nft rules in knftables syntax: each fragment the tracer of
// pkg/proxy/nftables/helpers_test.go reads, one at a time.
import { describe, expect, it } from 'vitest';
import type { ModePacket } from '../modes/evaluation.ts';
import { ProxyError } from '../proxy-error.ts';
import { evaluateNftPacket } from './evaluate-nft-packet.ts';
import { parseNft } from './parse-nft.ts';

const CHAINS = [
  'filter-prerouting-pre-dnat',
  'nat-prerouting',
  'filter-input',
  'filter-forward',
  'a',
  'b',
  'sub',
];

function nft(
  rules: Record<string, readonly string[]>,
  extra = '',
  localAddresses = ['192.168.0.2'],
  family = 'ip',
) {
  let text = `add table ${family} kube-proxy\n`;
  for (const c of CHAINS) text += `add chain ${family} kube-proxy ${c}\n`;
  text += extra;
  for (const [chain, list] of Object.entries(rules)) {
    for (const r of list) text += `add rule ${family} kube-proxy ${chain} ${r}\n`;
  }
  return parseNft(text, { localAddresses });
}

const pkt = (extra: Partial<ModePacket> = {}): ModePacket => ({
  sourceIP: '10.0.0.2',
  destIP: '10.96.0.1',
  destPort: 80,
  ...extra,
});
const DNAT = 'meta l4proto tcp dnat to 10.1.0.1:8080';

const SETS =
  'add set ip kube-proxy dst { type ipv4_addr ; }\n' +
  'add element ip kube-proxy dst { 10.96.0.1 }\n' +
  'add set ip kube-proxy src { type ipv4_addr ; }\n' +
  'add element ip kube-proxy src { 10.0.0.2 }\n' +
  'add set ip kube-proxy svc { type ipv4_addr . inet_proto . inet_service ; }\n' +
  'add element ip kube-proxy svc { 10.96.0.1 . tcp . 80 }\n' +
  'add set ip kube-proxy ports { type inet_proto . inet_service ; }\n' +
  'add element ip kube-proxy ports { tcp . 80 }\n' +
  'add map ip kube-proxy vm { type ipv4_addr . inet_proto . inet_service : verdict ; }\n' +
  'add element ip kube-proxy vm { 10.96.0.1 . tcp . 80 : goto sub }\n' +
  'add map ip kube-proxy pvm { type inet_proto . inet_service : verdict ; }\n' +
  'add element ip kube-proxy pvm { tcp . 80 : goto sub }\n';

function dnats(match: string, packet: Partial<ModePacket> = {}): boolean {
  const rs = nft({ 'nat-prerouting': [`${match} ${DNAT}`], sub: [DNAT] }, SETS);
  return evaluateNftPacket(rs, pkt(packet)).verdict === 'DNAT';
}

describe('evaluateNftPacket rule fragments', () => {
  it.each([
    ['ip daddr 10.96.0.1', {}, true],
    ['ip daddr 10.96.0.2', {}, false],
    ['ip daddr != 10.96.0.2', {}, true],
    ['ip daddr != 10.96.0.1', {}, false],
    ['ip daddr 10.96.0.0/24', {}, true],
    ['ip daddr { 10.9.9.9, 10.96.0.1 }', {}, true],
    ['ip daddr { 10.9.9.9 }', {}, false],
    ['ip daddr != { 10.96.0.1 }', {}, false],
    ['ip daddr != { 10.9.0.0/16 }', {}, true],
    ['ip saddr 10.0.0.2', {}, true],
    ['ip saddr 10.0.0.3', {}, false],
    ['ip saddr != 10.0.0.0/8', {}, false],
    ['ip saddr { 10.0.0.0/8 }', {}, true],
    ['ip saddr != { 10.0.0.0/8 }', {}, false],
    ['fib daddr type local', {}, false],
    ['fib daddr type local', { destIP: '192.168.0.2' }, true],
    ['fib saddr type local', {}, false],
    ['fib saddr type local', { sourceIP: '192.168.0.2' }, true],
    ['tcp dport 80', {}, true],
    ['tcp dport 81', {}, false],
    ['udp dport 80', {}, false],
    ['udp dport 80', { protocol: 'UDP' }, true],
    ['iif eth0', {}, false],
    ['iif != eth0', {}, true],
    ['ct state new ip daddr 10.96.0.1', {}, true],
    ['meta mark 0x1', {}, false],
    ['ip daddr @dst', {}, true],
    ['ip daddr @dst', { destIP: '10.96.0.2' }, false],
    ['ip daddr @nope', {}, false],
    ['ip saddr @src', {}, true],
    ['ip saddr @src', { sourceIP: '10.0.0.3' }, false],
    ['ip daddr . meta l4proto . th dport @svc', {}, true],
    ['ip daddr . meta l4proto . th dport @svc', { destPort: 81 }, false],
    ['ip daddr . meta l4proto . th dport @svc', { protocol: 'UDP' }, false],
    ['meta l4proto . th dport @ports', {}, true],
    ['meta l4proto . th dport @ports', { destPort: 81 }, false],
  ])('%s with %j → %s', (match, packet, want) => {
    expect(dnats(match, packet)).toBe(want);
  });

  it.each([
    ['ip daddr . meta l4proto . th dport vmap @vm', {}, true],
    ['ip daddr . meta l4proto . th dport vmap @vm', { destPort: 81 }, false],
    ['meta l4proto . th dport vmap @pvm', {}, true],
    ['meta l4proto . th dport vmap @pvm', { protocol: 'SCTP' }, false],
  ])('dispatch %s with %j → %s', (rule, packet, want) => {
    const rs = nft({ 'nat-prerouting': [rule], sub: [DNAT] }, SETS);
    expect(evaluateNftPacket(rs, pkt(packet)).verdict === 'DNAT').toBe(want);
  });
});

describe('evaluateNftPacket walk', () => {
  it('marks for masquerade and keeps going', () => {
    const r = evaluateNftPacket(nft({ 'nat-prerouting': ['jump mark-for-masquerade', DNAT] }), pkt());
    expect(r).toEqual({
      verdict: 'DNAT',
      candidates: [{ endpoint: '10.1.0.1:8080', probability: 1 }],
      masquerade: true,
    });
  });

  it('passes over an affinity update rule (a rule of its own, as kube-proxy writes it)', () => {
    const r = evaluateNftPacket(nft({ 'nat-prerouting': ['update @aff { ip saddr }', DNAT] }), pkt());
    expect(r.verdict).toBe('DNAT');
    const v6 = nft(
      { 'nat-prerouting': ['update @aff { ip6 saddr }', 'meta l4proto tcp dnat to [fd00::9]:80'] },
      '',
      [],
      'ip6',
    );
    expect(evaluateNftPacket(v6, pkt({ sourceIP: 'fd00::2', destIP: 'fd00::1' })).verdict).toBe('DNAT');
  });

  it('continues after a jump that returns, stops after a goto that returns', () => {
    expect(
      evaluateNftPacket(nft({ 'nat-prerouting': ['jump sub', DNAT], sub: ['return'] }), pkt()).verdict,
    ).toBe('DNAT');
    expect(
      evaluateNftPacket(nft({ 'nat-prerouting': ['goto sub', DNAT], sub: ['return'] }), pkt()).verdict,
    ).toBe('NONE');
    expect(evaluateNftPacket(nft({ 'nat-prerouting': ['return', DNAT] }), pkt()).verdict).toBe('NONE');
    expect(evaluateNftPacket(nft({ 'nat-prerouting': ['jump missing', DNAT] }), pkt()).verdict).toBe('NONE');
  });

  it('splits numgen branches evenly and merges equal endpoints', () => {
    const r = evaluateNftPacket(
      nft({
        'nat-prerouting': ['numgen random mod 3 vmap { 0 : goto a , 1 : goto b , 2 : goto a , x }'],
        a: ['meta l4proto tcp dnat to 10.1.0.1:80'],
        b: ['meta l4proto tcp dnat to [fd00::2]:80'],
      }),
      pkt(),
    );
    expect(r.candidates).toEqual([
      { endpoint: '10.1.0.1:80', probability: 2 / 3 },
      { endpoint: '[fd00::2]:80', probability: 1 / 3 },
    ]);
  });

  it('ends chain loops', () => {
    expect(
      evaluateNftPacket(nft({ 'nat-prerouting': ['jump sub', DNAT], sub: ['jump sub'] }), pkt()).verdict,
    ).toBe('NONE');
  });

  it.each(['drop', 'reject'])('%s before DNAT is the verdict', (v) => {
    const r = evaluateNftPacket(
      nft({ 'filter-prerouting-pre-dnat': [`ip daddr 10.96.0.1 ${v}`], 'nat-prerouting': [DNAT] }),
      pkt(),
    );
    expect(r).toEqual({ verdict: v.toUpperCase(), candidates: [], masquerade: false });
    const nat = evaluateNftPacket(nft({ 'nat-prerouting': [v] }), pkt());
    expect(nat.verdict).toBe(v.toUpperCase());
  });

  it('runs filter-prerouting when the pre-dnat chain is missing', () => {
    const text =
      'add table ip kube-proxy\nadd chain ip kube-proxy filter-prerouting\nadd chain ip kube-proxy nat-prerouting\n' +
      'add rule ip kube-proxy filter-prerouting drop\nadd rule ip kube-proxy nat-prerouting meta l4proto tcp dnat to 10.1.0.1:80\n';
    expect(evaluateNftPacket(parseNft(text), pkt()).verdict).toBe('DROP');
  });

  it('filters a DNATed packet in filter-input when the endpoint is local, else filter-forward', () => {
    const rules = (to: string) => ({
      'nat-prerouting': [`meta l4proto tcp dnat to ${to}`],
      'filter-input': ['ip daddr 192.168.0.2 reject'],
      'filter-forward': ['ip daddr 10.1.0.1 drop'],
    });
    expect(evaluateNftPacket(nft(rules('192.168.0.2:80')), pkt()).verdict).toBe('REJECT');
    expect(evaluateNftPacket(nft(rules('10.1.0.1:80')), pkt()).verdict).toBe('DROP');
    expect(evaluateNftPacket(nft(rules('10.1.0.3:80')), pkt()).verdict).toBe('DNAT');
    // No DNAT: the original destination picks the chain.
    const plain = nft({ 'filter-input': ['reject'], 'filter-forward': ['drop'] });
    expect(evaluateNftPacket(plain, pkt({ destIP: '192.168.0.2' })).verdict).toBe('REJECT');
    expect(evaluateNftPacket(plain, pkt()).verdict).toBe('DROP');
    expect(evaluateNftPacket(nft({}), pkt()).verdict).toBe('NONE');
  });

  it('uses the table of the destination family, and canonical local addresses', () => {
    const v6 = nft(
      { 'nat-prerouting': ['fib daddr type local meta l4proto tcp dnat to [fd00::9]:80'] },
      '',
      ['FD00:0::1', 'bogus'],
      'ip6',
    );
    expect(evaluateNftPacket(v6, pkt({ sourceIP: 'fd00::2', destIP: 'fd00::1' })).candidates).toEqual([
      { endpoint: '[fd00::9]:80', probability: 1 },
    ]);
    expect(evaluateNftPacket(v6, pkt()).verdict).toBe('NONE');
    const noLocal = { ...nft({ 'nat-prerouting': [DNAT] }), localAddresses: 'x' } as never;
    expect(evaluateNftPacket(noLocal, pkt()).verdict).toBe('DNAT');
  });

  it.each([[null], ['x'], [{}], [{ tables: {} }]])('refuses %j', (rules) => {
    let e: unknown;
    try {
      evaluateNftPacket(rules as never, pkt());
    } catch (error) {
      e = error;
    }
    expect(e).toBeInstanceOf(ProxyError);
    expect([(e as ProxyError).code, (e as ProxyError).message]).toEqual([
      'INVALID_RULESET',
      'rules must be an NftRuleset (from nftablesRules)',
    ]);
  });
});
