export { applyIptablesRestore } from './iptables/apply-iptables-restore.ts';
export { type ChainKind, chainName } from './iptables/chain-name.ts';
export type {
  Candidate,
  EvaluateOptions,
  Packet,
  PacketResult,
  Verdict,
} from './iptables/evaluate-packet.ts';
export { evaluatePacket } from './iptables/evaluate-packet.ts';
export { formatIptablesSave } from './iptables/format-iptables-save.ts';
export { iptablesRules, iptablesRulesFromModel } from './iptables/iptables-rules.ts';
export type {
  IptablesChange,
  IptablesSyncResult,
  IptablesSyncState,
  PartialSyncOptions,
} from './iptables/iptables-sync.ts';
export {
  iptablesPartialSync,
  iptablesSync,
  safeIptablesPartialSync,
  syncStateRuleset,
} from './iptables/iptables-sync.ts';
export { normalizeIptablesSave } from './iptables/normalize-iptables-save.ts';
export type { IptablesRule, RuleValue } from './iptables/parse-iptables-rule.ts';
export { parseIptablesRule } from './iptables/parse-iptables-rule.ts';
export { parseIptablesSave, safeParseIptablesSave } from './iptables/parse-iptables-save.ts';
export type { IptablesLine, IptablesTable, Ruleset } from './iptables/ruleset.ts';
export { withIptablesJumps } from './iptables/with-iptables-jumps.ts';
export {
  evaluateIpvsPacket,
  formatIpsetSave,
  formatIpvsadm,
  formatIpvsadmSave,
  type IpsetDefinition,
  type IpvsRealServer,
  type IpvsRuleset,
  type IpvsVirtualServer,
  ipvsRules,
  ipvsRulesFromModel,
  parseIpvsadmSave,
  safeParseIpvsadmSave,
} from './ipvs/index.ts';
export {
  evaluateNftPacket,
  formatNft,
  formatNftList,
  type NftChain,
  type NftElement,
  type NftRule,
  type NftRuleset,
  type NftSet,
  type NftTable,
  nftablesRules,
  nftablesRulesFromModel,
  nftSyncTransaction,
  type ParseNftOptions,
  parseNft,
  safeParseNft,
  sortNftTransaction,
} from './nftables/index.ts';
export { isProxyError, ProxyError } from './proxy-error.ts';
export {
  attachEndpoints,
  buildServiceModel,
  compareServicePorts,
  endpointsOf,
  type ServicePortBase,
  safeBuildServiceModel,
  servicePortsOf,
  sliceServiceKey,
} from './service-model/build-service-model.ts';
export type {
  CategorizedEndpoints,
  CategorizeNode,
  CategorizePolicy,
} from './service-model/categorize-endpoints.ts';
export { categorizeEndpoints } from './service-model/categorize-endpoints.ts';
export { resolveProxyConfig } from './service-model/resolve-proxy-config.ts';
export type {
  IpFamily,
  LocalDetector,
  ModelEndpoint,
  ModelWarning,
  Protocol,
  ProxyConfig,
  ProxyInput,
  ResolvedProxyConfig,
  ServiceModel,
  ServicePortModel,
} from './service-model/types.ts';
