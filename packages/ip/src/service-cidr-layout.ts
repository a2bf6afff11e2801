import type { Addr } from './addr.ts';
import { addrAdd, addrNext, addrPrev } from './addr-arith.ts';
import { compareAddr } from './compare-addr.ts';
import { toPrefix } from './internal/coerce.ts';
import { nthAddr } from './nth-addr.ts';
import type { Prefix } from './prefix.ts';
import { prefixLast } from './prefix-bounds.ts';
import { prefixSize } from './prefix-size.ts';

/** An inclusive band of addresses, `first <= last`. */
export interface IPBand {
  readonly first: Addr;
  readonly last: Addr;
}

/** The layout of a Service CIDR as kube-apiserver's ClusterIP allocator sees it (KEP-3070). */
export interface ServiceCidrLayout {
  /** The Service CIDR. */
  readonly prefix: Prefix;
  /** Total number of addresses in the prefix. */
  readonly size: bigint;
  /** Size of the static band (`calculateRangeOffset`): `min(max(16, size/16), 256)`, 0 when size ≤ 16. */
  readonly offset: number;
  /** First and last address the allocator hands out (network+1 … broadcast−1 for IPv4, … last for IPv6). */
  readonly usable: IPBand | null;
  /** The `kubernetes` Service's ClusterIP: the first usable address (`GetIndexedIP(range, 1)`). */
  readonly kubernetesIp: Addr | null;
  /** The conventional cluster DNS IP: the 10th address (kubeadm `GetDNSIP`), null when the prefix is too small. */
  readonly dnsIp: Addr | null;
  /** Lower band, preferred for static (user-chosen) ClusterIPs; null when the offset is 0. */
  readonly staticBand: IPBand | null;
  /** Upper band, where dynamic allocation looks first; null when empty. */
  readonly dynamicBand: IPBand | null;
}

/**
 * `calculateRangeOffset` of pkg/registry/core/service/ipallocator: `min(max(16, size/16), 256)`, and
 * 0 when `size <= 16`. `size` is k8s.io/utils/net `RangeSize`, which is 0 for IPv4 /0–/1 and IPv6
 * /0–/1 (so the offset is 0 there too) and saturates at 2^63−1.
 *
 * @example
 * ```ts
 * serviceRangeOffset(parsePrefix('10.0.0.0/24')); // 16
 * serviceRangeOffset(parsePrefix('10.96.0.0/12')); // 256
 * serviceRangeOffset(parsePrefix('10.0.0.0/28')); // 0
 * ```
 */
export function serviceRangeOffset(serviceCidr: Prefix | string): number {
  const prefix = toPrefix(serviceCidr, 'service CIDR');
  const host = (prefix.addr.family === 4 ? 32 : 128) - prefix.bits;
  if ((prefix.addr.family === 4 && host >= 31) || (prefix.addr.family === 6 && host >= 127)) return 0;
  const size = host >= 63 ? Number.MAX_SAFE_INTEGER : 2 ** host;
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/**
 * The ClusterIP layout of a Service CIDR, computed for any prefix exactly as the current
 * kube-apiserver allocator does (pkg/registry/core/service/ipallocator/ipallocator.go): usable
 * addresses from network+1 to broadcast−1 (IPv4) or to the last address (IPv6); the first
 * `offset` usable addresses form the static band, the rest the dynamic band (KEP-3070); the
 * `kubernetes` Service takes the first usable address and DNS conventionally the 10th address.
 * Size limits are a separate check: {@link validateServiceCidr}.
 *
 * @example
 * ```ts
 * const l = serviceCidrLayout(parsePrefix('10.96.0.0/12'));
 * formatAddr(l.kubernetesIp!); // '10.96.0.1'
 * formatAddr(l.dnsIp!); // '10.96.0.10'
 * formatAddr(l.staticBand!.last); // '10.96.1.0'  (256 static addresses)
 * formatAddr(l.dynamicBand!.first); // '10.96.1.1'
 * ```
 */
export function serviceCidrLayout(serviceCidr: Prefix | string): ServiceCidrLayout {
  const prefix = toPrefix(serviceCidr, 'service CIDR');
  const size = prefixSize(prefix);
  const offset = serviceRangeOffset(prefix);
  const first = addrNext(prefix.addr);
  const bcast = prefixLast(prefix);
  const last = prefix.addr.family === 4 ? addrPrev(bcast) : bcast;
  let usable: IPBand | null = null;
  let staticBand: IPBand | null = null;
  let dynamicBand: IPBand | null = null;
  if (first !== undefined && last !== undefined && compareAddr(first, last) <= 0) {
    usable = Object.freeze({ first, last });
    if (offset > 0) staticBand = Object.freeze({ first, last: addrAdd(first, offset - 1) });
    // Never empty: with offset > 0 the prefix has at least 32 addresses, and size/16 (at most 256)
    // leaves at least 14 of the usable ones above the static band.
    dynamicBand = Object.freeze({ first: addrAdd(first, offset), last });
  }
  return Object.freeze({
    prefix,
    size,
    offset,
    usable,
    kubernetesIp: usable === null ? null : usable.first,
    dnsIp: size > 10n ? nthAddr(prefix, 10) : null,
    staticBand,
    dynamicBand,
  });
}
