import { describe, expect, it } from 'vitest';
import { fakeConfig, overallServices, overallSlices } from '../testing/fixtures.ts';
import { evaluatePacket } from './evaluate-packet.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import { normalizeIptablesSave } from './normalize-iptables-save.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import { withIptablesJumps } from './with-iptables-jumps.ts';

describe('withIptablesJumps', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const base = iptablesRules({
      services: overallServices(),
      endpointSlices: overallSlices(),
      config: fakeConfig(),
    });
    const node = withIptablesJumps(base);
    const text = formatIptablesSave(node);
    return { base, node, text };
  };

  it('adds built-in chains and the jumps in iptables -I order', () => {
    const { text } = fixtures();
    const lines = text.split('\n');
    const input = lines.filter((l) => l.startsWith('-A INPUT '));
    expect(input).toEqual([
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A INPUT -j KUBE-FIREWALL',
    ]);
    expect(lines.filter((l) => l.startsWith('-A PREROUTING '))).toEqual([
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    ]);
    expect(lines).toContain(':POSTROUTING ACCEPT [0:0]');
    expect(formatIptablesSave(parseIptablesSave(text))).toBe(text);
  });

  it('keeps the kube chains identical and evaluates from PREROUTING', () => {
    const { base, node } = fixtures();
    const strip = (t: string): string =>
      t
        .split('\n')
        .filter((l) => !/^(:|-A )(INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING)\b/.test(l))
        .join('\n');
    expect(strip(normalizeIptablesSave(node))).toBe(strip(normalizeIptablesSave(base)));
    const r = evaluatePacket(node, { sourceIP: '10.0.0.2', destIP: '172.30.0.44', destPort: 80 });
    expect(r.candidates.map((c) => c.endpoint)).toEqual(['10.180.0.4:80', '10.180.0.5:80']);
  });
});

describe('withIptablesJumps on hand-written tables', () => {
  it('writes every jump of iptablesJumpChains in its built-in chain, built-in chains first', () => {
    const rs = parseIptablesSave(
      [
        '*mangle',
        ':KUBE-X - [0:0]',
        'COMMIT',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':KUBE-B - [0:0]',
        ':KUBE-A - [0:0]',
        '-A KUBE-A -j RETURN',
        '-A INPUT -j LOG',
        '-X KUBE-OLD',
        '-A KUBE-B -j DROP',
        'COMMIT',
        '*nat',
        'COMMIT',
      ].join('\n'),
    );
    const out = formatIptablesSave(withIptablesJumps(rs));
    expect(out).toBe(
      [
        '*mangle',
        ':KUBE-X - [0:0]',
        'COMMIT',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':KUBE-B - [0:0]',
        ':KUBE-A - [0:0]',
        '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
        '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A INPUT -j LOG',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
        '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
        '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A KUBE-B -j DROP',
        '-A KUBE-A -j RETURN',
        '-X KUBE-OLD',
        'COMMIT',
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        'COMMIT',
      ].join('\n'),
    );
  });

  it('adds the KUBE-FIREWALL jumps only to a filter table that has the chain', () => {
    const fw = formatIptablesSave(
      withIptablesJumps(
        parseIptablesSave('*filter\n:KUBE-FIREWALL - [0:0]\nCOMMIT\n*nat\n:KUBE-FIREWALL - [0:0]\nCOMMIT\n'),
      ),
    );
    expect(fw.split('\n').filter((l) => l.endsWith('-j KUBE-FIREWALL'))).toEqual([
      '-A INPUT -j KUBE-FIREWALL',
      '-A OUTPUT -j KUBE-FIREWALL',
    ]);
    expect(() => withIptablesJumps(null as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_RULESET' }),
    );
  });
});
