import { describe, expectTypeOf, it } from 'vitest';
import type { PacketResult } from '../iptables/evaluate-packet.ts';
import { evaluateIpvsPacket } from '../ipvs/evaluate-ipvs-packet.ts';
import { ipvsRules } from '../ipvs/ipvs-rules.ts';
import type { IpvsRuleset } from '../ipvs/ipvs-ruleset.ts';
import { evaluateNftPacket } from '../nftables/evaluate-nft-packet.ts';
import { formatNft } from '../nftables/format-nft.ts';
import type { NftRuleset } from '../nftables/nft-ruleset.ts';
import { nftablesRules } from '../nftables/nftables-rules.ts';
import type { ModeEvaluation } from './evaluation.ts';

describe('ipvs / nftables API types', () => {
  it('generators take the shared input and return their rulesets', () => {
    expectTypeOf(ipvsRules).parameter(0).toHaveProperty('config');
    expectTypeOf(ipvsRules).returns.toEqualTypeOf<IpvsRuleset>();
    expectTypeOf(nftablesRules).returns.toEqualTypeOf<NftRuleset>();
    expectTypeOf(formatNft).returns.toBeString();
  });

  it('ipvsRules has the documented shape', () => {
    type VS = IpvsRuleset['virtualServers'][number];
    expectTypeOf<VS['address']>().toBeString();
    expectTypeOf<VS['port']>().toBeNumber();
    expectTypeOf<VS['protocol']>().toEqualTypeOf<'TCP' | 'UDP' | 'SCTP'>();
    expectTypeOf<VS['realServers'][number]>().toEqualTypeOf<{
      readonly address: string;
      readonly port: number;
      readonly weight: number;
    }>();
    expectTypeOf<IpvsRuleset['ipsets']>().toEqualTypeOf<Readonly<Record<string, readonly string[]>>>();
  });

  it('evaluators return the same shape as evaluatePacket', () => {
    expectTypeOf(evaluateIpvsPacket).returns.toEqualTypeOf<ModeEvaluation>();
    expectTypeOf(evaluateNftPacket).returns.toEqualTypeOf<ModeEvaluation>();
    expectTypeOf<ModeEvaluation['verdict']>().toEqualTypeOf<PacketResult['verdict']>();
    expectTypeOf<ModeEvaluation['candidates'][number]['endpoint']>().toBeString();
    expectTypeOf<ModeEvaluation['masquerade']>().toBeBoolean();
  });
});
