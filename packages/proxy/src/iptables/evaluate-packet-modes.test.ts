import { describe, expect, it } from 'vitest';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import { exampleInput } from '../modes/proxy-modes-doc.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
// The former `evaluateModePacket` dispatcher is `evaluatePacket` itself now.
import { evaluatePacket as evaluateModePacket } from './evaluate-packet.ts';
import { iptablesRules } from './iptables-rules.ts';

describe('evaluatePacket dispatch (formerly evaluateModePacket)', () => {
  it('dispatches on the ruleset kind and agrees across modes for a pod → ClusterIP packet', () => {
    const input = exampleInput();
    const packet = { sourceIP: '10.244.1.9', destIP: '10.96.0.20', destPort: 80, protocol: 'TCP' };
    for (const rules of [iptablesRules(input), nftablesRules(input), ipvsRules(input)]) {
      const r = evaluateModePacket(rules, packet);
      expect(r.verdict).toBe('DNAT');
      expect(r.candidates.map((c) => c.endpoint)).toEqual(['10.244.1.5:8080', '10.244.2.7:8080']);
      expect(r.masquerade).toBe(false);
    }
  });
});

describe('evaluatePacket (the public entry point)', () => {
  it('takes a ruleset of any mode, generated or parsed back from its text, and answers alike', async () => {
    const api = await import('../index.ts');
    const input = exampleInput();
    const packet = { sourceIP: '10.244.1.9', destIP: '10.96.0.20', destPort: 80, protocol: 'TCP' };
    const rulesets = [
      api.iptablesRules(input),
      api.parseIptablesSave(api.formatIptablesSave(api.iptablesRules(input))),
      api.ipvsRules(input),
      api.nftablesRules(input),
    ];
    for (const rules of rulesets) {
      const r = api.evaluatePacket(rules, packet);
      expect(r.verdict).toBe('DNAT');
      expect(r.candidates.map((c) => c.endpoint)).toEqual(['10.244.1.5:8080', '10.244.2.7:8080']);
      expect(r.candidates.map((c) => c.probability)).toEqual([0.5, 0.5]);
      expect(r.masquerade).toBe(false);
    }
    expect(api.evaluatePacket(api.ipvsRules(input), { ...packet, destIP: '10.96.0.99' }).verdict).not.toBe(
      'DNAT',
    );
    expect(() => api.evaluatePacket(api.nftablesRules(input), { ...packet, destIP: 'nope' })).toThrow(
      api.ProxyError,
    );
  });
});

describe('*RulesFromModel', () => {
  it('give the same rulesets as the input-taking generators', async () => {
    const { buildServiceModel } = await import('../service-model/build-service-model.ts');
    const { ipvsRulesFromModel } = await import('../ipvs/ipvs-rules.ts');
    const { nftablesRulesFromModel } = await import('../nftables/nftables-rules.ts');
    const input = exampleInput();
    const model = buildServiceModel(input);
    expect(ipvsRulesFromModel(model)).toEqual(ipvsRules(input));
    expect(nftablesRulesFromModel(model, { serviceCIDRs: input.config.serviceCIDRs })).toEqual(
      nftablesRules(input),
    );
  });
});
