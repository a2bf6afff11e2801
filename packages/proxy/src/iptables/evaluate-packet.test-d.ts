import { describe, expectTypeOf, it } from 'vitest';
import type { IpvsRuleset } from '../ipvs/ipvs-ruleset.ts';
import type { ModeEvaluation } from '../modes/evaluation.ts';
import type { NftRuleset } from '../nftables/nft-ruleset.ts';
import type { Candidate, PacketResult, Verdict } from './evaluate-packet.ts';
import { evaluatePacket } from './evaluate-packet.ts';
import type { Ruleset } from './ruleset.ts';

describe('evaluatePacket types', () => {
  it('returns a verdict, candidates and masquerade', () => {
    // evaluatePacket takes a ruleset of any mode (DESIGN.md acceptance API); was `Ruleset` only.
    expectTypeOf(evaluatePacket).parameter(0).toEqualTypeOf<Ruleset | IpvsRuleset | NftRuleset>();
    expectTypeOf(evaluatePacket).toBeCallableWith({} as Ruleset, { sourceIP: '', destIP: '', destPort: 0 });
    expectTypeOf(evaluatePacket).toBeCallableWith({} as NftRuleset, {
      sourceIP: '',
      destIP: '',
      destPort: 0,
    });
    expectTypeOf<PacketResult['verdict']>().toEqualTypeOf<Verdict>();
    expectTypeOf<Verdict>().toEqualTypeOf<'DNAT' | 'ACCEPT' | 'REJECT' | 'DROP' | 'NONE'>();
    expectTypeOf<PacketResult['candidates']>().toEqualTypeOf<readonly Candidate[]>();
    expectTypeOf<Candidate>().toEqualTypeOf<{ readonly endpoint: string; readonly probability: number }>();
    expectTypeOf<PacketResult['masquerade']>().toEqualTypeOf<boolean>();
    expectTypeOf<ModeEvaluation['verdict']>().toEqualTypeOf<Verdict>();
  });
});
