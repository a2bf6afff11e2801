export type { Addr, AddrBrand } from './addr.ts';
export { addrAdd, addrNext, addrPrev } from './addr-arith.ts';
export { addrFromBigInt, addrToBigInt } from './addr-bigint.ts';
export { addrKey, prefixKey } from './addr-key.ts';
export { addrWithZone, isIPv4Mapped, mapAddr, unmapAddr } from './addr-mapped.ts';
export { addrFromUint32, addrToUint32, isIPv4, isIPv6 } from './addr-uint32.ts';
export type { AllocateNodeCidrsOptions } from './allocate-node-cidrs.ts';
export { allocateDualStackNodeCidrs, allocateNodeCidrs } from './allocate-node-cidrs.ts';
export type { CidrSet, CidrSetAllocation } from './cidr-set.ts';
export { cidrSetAllocateNext, cidrSetOccupy, cidrSetRelease, newCidrSet } from './cidr-set.ts';
export type {
  ClusterIpAllocation,
  ClusterIpAllocator,
  NewClusterIpAllocatorOptions,
} from './cluster-ip-allocator.ts';
export { allocateClusterIp, newClusterIpAllocator, releaseClusterIp } from './cluster-ip-allocator.ts';
export { addrEquals, compareAddr } from './compare-addr.ts';
export { comparePrefix, prefixEquals } from './compare-prefix.ts';
export { formatAddr } from './format-addr.ts';
export { formatPrefix } from './format-prefix.ts';
export type { PathSegment, Result } from './ip-error.ts';
export { IpError, isIpError } from './ip-error.ts';
export type { IPRange, IPRangeBrand } from './ip-range.ts';
export { formatIPRange, ipRange, parseIPRange, prefixRange, safeParseIPRange } from './ip-range.ts';
export type { IPSet, IPSetBrand, IPSetMember } from './ip-set.ts';
export {
  ipSetComplement,
  ipSetContains,
  ipSetDifference,
  ipSetFrom,
  ipSetIntersection,
  ipSetOverlaps,
  ipSetPrefixes,
  ipSetSize,
  ipSetUnion,
} from './ip-set.ts';
export type { PrefixInput } from './merge-prefixes.ts';
export { excludePrefixes, mergePrefixes } from './merge-prefixes.ts';
export { nthAddr } from './nth-addr.ts';
export { parseAddr, safeParseAddr } from './parse-addr.ts';
export { parseAddrOrPrefix, safeParseAddrOrPrefix } from './parse-addr-or-prefix.ts';
export type { InterfaceAddr } from './parse-interface-addr.ts';
export { parseInterfaceAddr, safeParseInterfaceAddr } from './parse-interface-addr.ts';
export type { ParsePrefixOptions } from './parse-prefix.ts';
export { parsePrefix, safeParsePrefix } from './parse-prefix.ts';
export type { Prefix, PrefixBrand } from './prefix.ts';
export { isPrefix, prefixFrom } from './prefix.ts';
export { prefixFirst, prefixLast } from './prefix-bounds.ts';
export { prefixContains } from './prefix-contains.ts';
export { prefixSize, prefixSizeNumber } from './prefix-size.ts';
export { prefixesOverlap } from './prefixes-overlap.ts';
export { rangeToPrefixes } from './range-to-prefixes.ts';
export type { FreePrefix } from './remove-free-prefix.ts';
export { removeFreePrefix } from './remove-free-prefix.ts';
export { addrFromReverseName, reverseName } from './reverse-name.ts';
export type { IPBand, ServiceCidrLayout } from './service-cidr-layout.ts';
export { serviceCidrLayout, serviceRangeOffset } from './service-cidr-layout.ts';
export type { AddrKind, SpecialRange, SpecialRangeKind } from './special-ranges.ts';
export {
  addrKind,
  isDocumentation,
  isGlobalUnicast,
  isLinkLocal,
  isLoopback,
  isMulticast,
  isPrivate,
  isSharedAddress,
  isUnspecified,
  SPECIAL_RANGES,
  specialRange,
} from './special-ranges.ts';
export { nthSubnet, subnets } from './subnets.ts';
export { supernet } from './supernet.ts';
export { validateDualStack } from './validate-dual-stack.ts';
export type { ValidateServiceCidrOptions } from './validate-service-cidr.ts';
export { serviceCidrErrors, validateServiceCidr } from './validate-service-cidr.ts';
