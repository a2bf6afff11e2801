import type { Addr } from './addr.ts';
import { unmapAddr } from './addr-mapped.ts';
import { stripZone } from './internal/words.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { prefixContains } from './prefix-contains.ts';

/** What a special-purpose range is for. */
export type SpecialRangeKind =
  | 'unspecified'
  | 'this-network'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'protocol'
  | 'unique-local'
  | 'ipv4-mapped'
  | 'translation'
  | 'tunnel'
  | 'anycast'
  | 'discard'
  | 'deprecated';

/** One entry of the IANA special-purpose address registries (plus the multicast blocks). */
export interface SpecialRange {
  readonly prefix: Prefix;
  /** The registry's name for the block. */
  readonly name: string;
  readonly kind: SpecialRangeKind;
  /** Defining RFC(s). */
  readonly rfc: string;
  /** The registry's "Globally Reachable" column (false when the registry says False or N/A). */
  readonly globallyReachable: boolean;
}

const TABLE: readonly (readonly [string, string, SpecialRangeKind, string, boolean])[] = [
  // IANA IPv4 Special-Purpose Address Registry
  ['0.0.0.0/8', '"This network"', 'this-network', 'RFC 791', false],
  ['0.0.0.0/32', '"This host on this network"', 'unspecified', 'RFC 1122', false],
  ['10.0.0.0/8', 'Private-Use', 'private', 'RFC 1918', false],
  ['100.64.0.0/10', 'Shared Address Space', 'shared', 'RFC 6598', false],
  ['127.0.0.0/8', 'Loopback', 'loopback', 'RFC 1122', false],
  ['169.254.0.0/16', 'Link Local', 'link-local', 'RFC 3927', false],
  ['172.16.0.0/12', 'Private-Use', 'private', 'RFC 1918', false],
  ['192.0.0.0/24', 'IETF Protocol Assignments', 'protocol', 'RFC 6890', false],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', 'protocol', 'RFC 7335', false],
  ['192.0.0.8/32', 'IPv4 dummy address', 'protocol', 'RFC 7600', false],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', 'anycast', 'RFC 7723', true],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'anycast', 'RFC 8155', true],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', 'translation', 'RFC 8880, RFC 7050', false],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', 'translation', 'RFC 8880, RFC 7050', false],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', 'documentation', 'RFC 5737', false],
  ['192.31.196.0/24', 'AS112-v4', 'anycast', 'RFC 7535', true],
  ['192.52.193.0/24', 'AMT', 'tunnel', 'RFC 7450', true],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'deprecated', 'RFC 7526', false],
  ['192.168.0.0/16', 'Private-Use', 'private', 'RFC 1918', false],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', 'anycast', 'RFC 7534', true],
  ['198.18.0.0/15', 'Benchmarking', 'benchmarking', 'RFC 2544', false],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', 'documentation', 'RFC 5737', false],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', 'documentation', 'RFC 5737', false],
  ['240.0.0.0/4', 'Reserved', 'reserved', 'RFC 1112', false],
  ['255.255.255.255/32', 'Limited Broadcast', 'broadcast', 'RFC 8190, RFC 919', false],
  // IANA IPv4 Multicast Address Space Registry
  ['224.0.0.0/4', 'Multicast', 'multicast', 'RFC 5771', true],
  ['224.0.0.0/24', 'Local Network Control Block', 'multicast', 'RFC 5771', false],
  // IANA IPv6 Special-Purpose Address Registry
  ['::1/128', 'Loopback Address', 'loopback', 'RFC 4291', false],
  ['::/128', 'Unspecified Address', 'unspecified', 'RFC 4291', false],
  ['::ffff:0:0/96', 'IPv4-mapped Address', 'ipv4-mapped', 'RFC 4291', false],
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.', 'translation', 'RFC 6052', true],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', 'translation', 'RFC 8215', false],
  ['100::/64', 'Discard-Only Address Block', 'discard', 'RFC 6666', false],
  ['2001::/23', 'IETF Protocol Assignments', 'protocol', 'RFC 2928', false],
  ['2001::/32', 'TEREDO', 'tunnel', 'RFC 4380, RFC 8190', false],
  ['2001:1::1/128', 'Port Control Protocol Anycast', 'anycast', 'RFC 7723', true],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'anycast', 'RFC 8155', true],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'anycast', 'RFC 9665', true],
  ['2001:2::/48', 'Benchmarking', 'benchmarking', 'RFC 5180, RFC Errata 1752', false],
  ['2001:3::/32', 'AMT', 'tunnel', 'RFC 7450', true],
  ['2001:4:112::/48', 'AS112-v6', 'anycast', 'RFC 7535', true],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', 'deprecated', 'RFC 4843', false],
  ['2001:20::/28', 'ORCHIDv2', 'protocol', 'RFC 7343', true],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'protocol', 'RFC 9374', true],
  ['2001:db8::/32', 'Documentation', 'documentation', 'RFC 3849', false],
  ['2002::/16', '6to4', 'tunnel', 'RFC 3056', false],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'anycast', 'RFC 7534', true],
  ['3fff::/20', 'Documentation', 'documentation', 'RFC 9637', false],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs', 'protocol', 'RFC 9602', false],
  ['fc00::/7', 'Unique-Local', 'unique-local', 'RFC 4193, RFC 8190', false],
  ['fe80::/10', 'Link-Local Unicast', 'link-local', 'RFC 4291', false],
  // IANA IPv6 Multicast Address Space Registry
  ['ff00::/8', 'Multicast', 'multicast', 'RFC 4291', true],
];

/**
 * The special-purpose blocks from the IANA IPv4 and IPv6 Special-Purpose Address Registries, plus
 * the multicast blocks (224.0.0.0/4, ff00::/8), as a constant table.
 *
 * @example
 * ```ts
 * SPECIAL_RANGES.filter((r) => r.kind === 'private').map((r) => formatPrefix(r.prefix));
 * // ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']
 * ```
 */
export const SPECIAL_RANGES: readonly SpecialRange[] = Object.freeze(
  TABLE.map(([prefix, name, kind, rfc, globallyReachable]) =>
    Object.freeze({ prefix: parsePrefix(prefix), name, kind, rfc, globallyReachable }),
  ),
);

/**
 * The most specific special-purpose block that holds an address (the zone is ignored), or
 * `undefined` for ordinary unicast space. IPv4-mapped addresses match `::ffff:0:0/96`, not the IPv4
 * blocks (unmap first with {@link unmapAddr} if that is what you want).
 *
 * @example
 * ```ts
 * specialRange(parseAddr('100.64.1.1'))?.name; // 'Shared Address Space'
 * specialRange(parseAddr('8.8.8.8')); // undefined
 * ```
 */
export function specialRange(addr: Addr): SpecialRange | undefined {
  const a = stripZone(addr);
  let best: SpecialRange | undefined;
  for (const r of SPECIAL_RANGES) {
    if (prefixContains(r.prefix, a) && (best === undefined || r.prefix.bits > best.prefix.bits)) best = r;
  }
  return best;
}

/** How an address is used, by the most specific special-purpose block; 'global' otherwise. */
export type AddrKind = SpecialRangeKind | 'global';

/**
 * The kind of an address: the `kind` of its most specific special-purpose block, or `'global'`.
 *
 * @example
 * ```ts
 * addrKind(parseAddr('10.1.2.3')); // 'private'
 * addrKind(parseAddr('fd00::1')); // 'unique-local'
 * addrKind(parseAddr('1.1.1.1')); // 'global'
 * ```
 */
export function addrKind(addr: Addr): AddrKind {
  return specialRange(addr)?.kind ?? 'global';
}

/** Like Go's netip predicates: IPv4-mapped addresses are unmapped first, zones ignored. */
function inKind(addr: Addr, kind: SpecialRangeKind): boolean {
  const a = unmapAddr(stripZone(addr));
  for (const r of SPECIAL_RANGES) if (r.kind === kind && prefixContains(r.prefix, a)) return true;
  return false;
}

/**
 * Loopback: 127.0.0.0/8 or ::1. Like the other predicates (and Go's `netip`), an IPv4-mapped
 * address is judged by its IPv4 address and the zone is ignored.
 *
 * @example
 * ```ts
 * isLoopback(parseAddr('127.0.0.53')); // true
 * ```
 */
export function isLoopback(addr: Addr): boolean {
  return inKind(addr, 'loopback');
}

/**
 * Private-use (RFC 1918: 10/8, 172.16/12, 192.168/16) or IPv6 unique-local (fc00::/7), as Go's
 * `netip.Addr.IsPrivate`.
 *
 * @example
 * ```ts
 * isPrivate(parseAddr('172.31.0.1')); // true
 * isPrivate(parseAddr('100.64.0.1')); // false (shared address space, see isSharedAddress)
 * ```
 */
export function isPrivate(addr: Addr): boolean {
  return inKind(addr, 'private') || inKind(addr, 'unique-local');
}

/**
 * RFC 6598 shared address space, 100.64.0.0/10 (carrier-grade NAT).
 *
 * @example
 * ```ts
 * isSharedAddress(parseAddr('100.100.1.1')); // true
 * ```
 */
export function isSharedAddress(addr: Addr): boolean {
  return inKind(addr, 'shared');
}

/**
 * Link-local unicast: 169.254.0.0/16 or fe80::/10.
 *
 * @example
 * ```ts
 * isLinkLocal(parseAddr('fe80::1%eth0')); // true
 * ```
 */
export function isLinkLocal(addr: Addr): boolean {
  return inKind(addr, 'link-local');
}

/**
 * Multicast: 224.0.0.0/4 or ff00::/8.
 *
 * @example
 * ```ts
 * isMulticast(parseAddr('239.1.1.1')); // true
 * ```
 */
export function isMulticast(addr: Addr): boolean {
  return inKind(addr, 'multicast');
}

/**
 * Unspecified: 0.0.0.0 or ::.
 *
 * @example
 * ```ts
 * isUnspecified(parseAddr('::')); // true
 * ```
 */
export function isUnspecified(addr: Addr): boolean {
  return addr.w0 === 0 && addr.w1 === 0 && addr.w2 === 0 && addr.w3 === 0;
}

/**
 * Documentation ranges: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20.
 *
 * @example
 * ```ts
 * isDocumentation(parseAddr('2001:db8::1')); // true
 * ```
 */
export function isDocumentation(addr: Addr): boolean {
  return inKind(addr, 'documentation');
}

/**
 * Global unicast in Go's sense (`netip.Addr.IsGlobalUnicast`): not unspecified, loopback,
 * multicast, link-local or the IPv4 limited broadcast address. Private addresses count.
 *
 * @example
 * ```ts
 * isGlobalUnicast(parseAddr('10.0.0.1')); // true
 * isGlobalUnicast(parseAddr('fe80::1')); // false
 * ```
 */
export function isGlobalUnicast(addr: Addr): boolean {
  const a = unmapAddr(addr);
  if (isUnspecified(a)) return false;
  if (a.family === 4 && a.w3 === 0xffffffff) return false;
  return !isLoopback(a) && !isMulticast(a) && !isLinkLocal(a);
}
