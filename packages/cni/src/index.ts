export { CniError, isCniError } from './cni-error.ts';
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
