import type { Packet, PacketResult } from '../iptables/evaluate-packet.ts';
import { evaluatePacket } from '../iptables/evaluate-packet.ts';
import type { Ruleset } from '../iptables/ruleset.ts';
import type { IpvsRuleset } from '../ipvs/ipvs-ruleset.ts';
import type { NftRuleset } from '../nftables/nft-ruleset.ts';
import type { ModeEvaluation } from './evaluation.ts';

/**
 * {@link evaluatePacket} for a ruleset whose mode is only known at run time (the public
 * `evaluatePacket` dispatches on the ruleset kind itself; this keeps the union-typed signature).
 *
 * @example
 * ```ts
 * evaluateModePacket(nftablesRules(input), { sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80 }).verdict;
 * // 'DNAT'
 * ```
 */
export function evaluateModePacket(
  rules: Ruleset | IpvsRuleset | NftRuleset,
  packet: Packet,
): PacketResult | ModeEvaluation {
  return evaluatePacket(rules, packet);
}
