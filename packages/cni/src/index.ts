export { calicoVethName, formatChainComment, formatChainName, MAX_CHAIN_LENGTH } from './chain-names.ts';
export { cniAdd, cniCheck, cniDel } from './cni-chain.ts';
export type {
  CniAddOutcome,
  CniCheckOutcome,
  CniDelOutcome,
  CniEffect,
  CniInvocation,
  CniRuntime,
  NetnsRef,
} from './cni-effect.ts';
export { CniError, isCniError } from './cni-error.ts';
export type { CniJsonSchemaKind } from './cni-json-schema.ts';
export { cniJsonSchema } from './cni-json-schema.ts';
export type { CniVersion } from './cni-version.ts';
export {
  CNI_VERSIONS,
  CURRENT_CNI_VERSION,
  compareVersions,
  negotiateCniVersion,
  parseCniVersion,
  safeParseCniVersion,
  selectCniVersion,
} from './cni-version.ts';
export { confListFromConf } from './conf-list-from-conf.ts';
export type { AnyCniResult } from './convert-result.ts';
export { convertResult, parseResult, safeParseResult } from './convert-result.ts';
export type { DefaultConflistOptions, FlannelSubnetEnv, NetworkingMode } from './default-conflist.ts';
export { defaultConflist, flannelDelegateConf, NETWORKING_MODES } from './default-conflist.ts';
export { flannelSubnetEnv } from './flannel-subnet-env.ts';
export type { HostLocalAllocation, HostLocalIpConfig, HostLocalResult } from './host-local-allocate.ts';
export { hostLocalAllocate } from './host-local-allocate.ts';
export type {
  HostLocalConfig,
  HostLocalOptions,
  HostLocalRange,
  HostLocalRoute,
} from './host-local-config.ts';
export { parseHostLocalConfig, safeParseHostLocalConfig } from './host-local-config.ts';
export { hostLocalRelease } from './host-local-release.ts';
export type { HostLocalReservation, HostLocalStore } from './host-local-store.ts';
export { emptyHostLocalStore, hostLocalAddressesOf } from './host-local-store.ts';
export type { ListSpecVersion, NetConfList } from './net-conf-list-schema.ts';
export { LIST_SPEC_VERSIONS, netConfListSchemas } from './net-conf-list-schema.ts';
export type { CniCommand, CniRuntimeEnv } from './parse-cni-env.ts';
export {
  parseCniArgs,
  parseCniEnv,
  safeParseCniEnv,
  validateContainerId,
  validateInterfaceName,
} from './parse-cni-env.ts';
export type { NetConf } from './parse-net-conf.ts';
export { parseNetConf, safeParseNetConf } from './parse-net-conf.ts';
export type { ParseOptions, ValidationMode } from './parse-net-conf-list.ts';
export { parseNetConfList, safeParseNetConfList } from './parse-net-conf-list.ts';
export { parseResolvConf } from './parse-resolv-conf.ts';
export type { CniDns, IpamConf, PluginConf } from './plugin-conf-schema.ts';
export { cniDnsSchema, ipamConfSchema, networkNameSchema, pluginConfSchema } from './plugin-conf-schema.ts';
export type {
  BridgeConf,
  CalicoConf,
  CalicoIpamConf,
  FlannelConf,
  HostLocalIpamConf,
  LoopbackConf,
  MacvlanConf,
  PortmapConf,
  PtpConf,
  StaticIpamConf,
  VlanTrunkEntry,
  WeaveNetConf,
} from './plugin-schemas.ts';
export {
  bridgeConfSchema,
  calicoConfSchema,
  calicoIpamConfSchema,
  flannelConfSchema,
  hostLocalIpamConfSchema,
  ipamConfSchemas,
  loopbackConfSchema,
  macvlanConfSchema,
  pluginConfSchemas,
  portmapConfSchema,
  ptpConfSchema,
  staticIpamConfSchema,
  weaveNetConfSchema,
} from './plugin-schemas.ts';
export type { IptablesChain, PortmapChainOptions } from './portmap-chains.ts';
export { MARK_MASQ_CHAIN, portmapChains, SET_MARK_CHAIN, TOP_LEVEL_DNAT_CHAIN } from './portmap-chains.ts';
export type {
  CniErrorResult,
  CniInterface,
  CniIpConfig,
  CniIpConfig020,
  CniResult,
  CniResult020,
  CniRoute,
  CniVersionResult,
  ResultVersion,
} from './result-schema.ts';
export { CNI_ERROR_CODES, errorResultSchema, resultSchemas, versionResultSchema } from './result-schema.ts';
export type {
  BandwidthEntry,
  IpRange,
  PortMapping,
  RuntimeConfig,
  RuntimeDns,
} from './runtime-config-schema.ts';
export { runtimeConfigSchema } from './runtime-config-schema.ts';
export { toErrorResult } from './to-error-result.ts';
export { versionResult } from './version-result.ts';
