import { describe, expectTypeOf, it } from 'vitest';
import type { Candidate, PacketResult, Verdict } from './evaluate-packet.ts';
import { evaluatePacket } from './evaluate-packet.ts';
import type { Ruleset } from './ruleset.ts';

describe('evaluatePacket types', () => {
  it('returns a verdict, candidates and masquerade', () => {
    expectTypeOf(evaluatePacket).parameter(0).toEqualTypeOf<Ruleset>();
    expectTypeOf<PacketResult['verdict']>().toEqualTypeOf<Verdict>();
    expectTypeOf<Verdict>().toEqualTypeOf<'DNAT' | 'ACCEPT' | 'REJECT' | 'DROP' | 'NONE'>();
    expectTypeOf<PacketResult['candidates']>().toEqualTypeOf<readonly Candidate[]>();
    expectTypeOf<Candidate>().toEqualTypeOf<{ readonly endpoint: string; readonly probability: number }>();
    expectTypeOf<PacketResult['masquerade']>().toEqualTypeOf<boolean>();
  });
});
