export { evaluateNftPacket } from './evaluate-nft-packet.ts';
export { formatNft } from './format-nft.ts';
export { formatNftList } from './format-nft-list.ts';
export type { NftChain, NftElement, NftRule, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';
export { nftSyncTransaction } from './nft-sync-transaction.ts';
export { nftablesRules, nftablesRulesFromModel } from './nftables-rules.ts';
export type { ParseNftOptions } from './parse-nft.ts';
export { parseNft, safeParseNft } from './parse-nft.ts';
export { sortNftTransaction } from './sort-nft-transaction.ts';
