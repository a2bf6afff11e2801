import type { Packet, PacketResult } from '../iptables/evaluate-packet.ts';
import { evaluatePacket } from '../iptables/evaluate-packet.ts';
import type { Ruleset } from '../iptables/ruleset.ts';
import { evaluateIpvsPacket } from '../ipvs/evaluate-ipvs-packet.ts';
import type { IpvsRuleset } from '../ipvs/ipvs-ruleset.ts';
import { evaluateNftPacket } from '../nftables/evaluate-nft-packet.ts';
import type { NftRuleset } from '../nftables/nft-ruleset.ts';
import type { ModeEvaluation } from './evaluation.ts';

/**
 * Evaluates a packet against a ruleset of any mode: an iptables `Ruleset` (from `iptablesRules`
 * or `parseIptablesSave`), an `IpvsRuleset` (`kind: 'ipvs'`) or an `NftRuleset`
 * (`kind: 'nftables'`). The result has the same `{ verdict, candidates, masquerade }` shape.
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
  const kind = typeof rules === 'object' && rules !== null ? (rules as { kind?: unknown }).kind : undefined;
  if (kind === 'ipvs') return evaluateIpvsPacket(rules as IpvsRuleset, packet);
  if (kind === 'nftables') return evaluateNftPacket(rules as NftRuleset, packet);
  return evaluatePacket(rules as Ruleset, packet);
}
