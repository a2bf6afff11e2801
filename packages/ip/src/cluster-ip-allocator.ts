import type { Addr } from './addr.ts';
import { addrAdd, addrNext } from './addr-arith.ts';
import { addrToBigInt } from './addr-bigint.ts';
import { addrKey } from './addr-key.ts';
import { compareAddr } from './compare-addr.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { checkState, toAddr, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';
import { type IPBand, serviceCidrLayout } from './service-cidr-layout.ts';

/**
 * The state of a Service ClusterIP allocator for one Service CIDR, as plain immutable data: the
 * CIDR, the allocated addresses (sorted) and the state of the seeded random generator that picks
 * where dynamic allocation starts — so a run is reproducible.
 */
export interface ClusterIpAllocator {
  readonly cidr: Prefix;
  /** Allocated ClusterIPs, sorted by {@link compareAddr}. */
  readonly allocated: readonly Addr[];
  /** uint32 state of the random generator (advanced by every dynamic allocation). */
  readonly seed: number;
}

/** Options for {@link newClusterIpAllocator}. */
export interface NewClusterIpAllocatorOptions {
  /** Seed of the random generator (default 0). */
  readonly seed?: number;
  /** Addresses already in use (each must be in range). */
  readonly allocated?: readonly (Addr | string)[];
}

/** What {@link allocateClusterIp} returns. */
export interface ClusterIpAllocation {
  readonly ip: Addr;
  readonly allocator: ClusterIpAllocator;
}

function freeze(cidr: Prefix, allocated: Addr[], seed: number): ClusterIpAllocator {
  return Object.freeze({ cidr, allocated: Object.freeze(allocated), seed: seed >>> 0 });
}

function insertSorted(list: readonly Addr[], ip: Addr): Addr[] {
  const out = [...list];
  out.splice(lowerBound(out, ip), 0, ip);
  return out;
}

function notInRange(ip: Addr, cidr: Prefix): IpError {
  return new IpError(
    'IP_NOT_IN_RANGE',
    `the provided IP (${formatAddr(ip)}) is not in the valid range. The range of valid IPs is ${formatPrefix(cidr)}`,
  );
}

function inBand(ip: Addr, band: IPBand | null): boolean {
  return (
    band !== null &&
    ip.family === band.first.family &&
    ip.zone === '' &&
    compareAddr(ip, band.first) >= 0 &&
    compareAddr(ip, band.last) <= 0
  );
}

/**
 * Creates a ClusterIP allocator over a Service CIDR (the IPAddress-based allocator of
 * pkg/registry/core/service/ipallocator/ipallocator.go: usable addresses network+1 … broadcast−1
 * for IPv4, … the last address for IPv6). IPv6 CIDRs shorter than /64 throw
 * `SERVICE_CIDR_TOO_LARGE` ("shortest allowed prefix length for service CIDR is 64"); pre-allocated
 * addresses out of range throw `IP_NOT_IN_RANGE`.
 *
 * @example
 * ```ts
 * const a = newClusterIpAllocator(parsePrefix('10.96.0.0/12'), { seed: 42 });
 * a.allocated.length; // 0
 * ```
 */
export function newClusterIpAllocator(
  serviceCidr: Prefix | string,
  options: NewClusterIpAllocatorOptions = {},
): ClusterIpAllocator {
  const cidr = toPrefix(serviceCidr, 'service CIDR');
  const opts: NewClusterIpAllocatorOptions = options !== null && typeof options === 'object' ? options : {};
  if (cidr.addr.family === 6 && cidr.bits < 64) {
    throw new IpError(
      'SERVICE_CIDR_TOO_LARGE',
      `shortest allowed prefix length for service CIDR is 64, got ${cidr.bits} (${formatPrefix(cidr)})`,
    );
  }
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw new IpError('OUT_OF_RANGE', `invalid seed ${describe(seed)}: must be an integer`);
  }
  const usable = serviceCidrLayout(cidr).usable;
  const seen = new Set<string>();
  const allocated: Addr[] = [];
  for (const item of Array.isArray(opts.allocated) ? opts.allocated : []) {
    const ip = toAddr(item, 'allocated IP');
    if (!inBand(ip, usable)) throw notInRange(ip, cidr);
    const key = addrKey(ip);
    if (seen.has(key)) continue;
    seen.add(key);
    allocated.push(ip);
  }
  allocated.sort(compareAddr);
  return freeze(cidr, allocated, seed);
}

/** mulberry32 step: returns [value in 0..2^32−1, next state]. */
function rand32(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [(t ^ (t >>> 14)) >>> 0, s];
}

/** A random bigint in [0, n) from the generator (n > 0), and the next state. */
function randBelow(state: number, n: bigint): [bigint, number] {
  let s = state;
  let acc = 0n;
  const words = n > 0xffffffffn ? (n > 0xffffffffffffffffn ? 4 : 2) : 1;
  for (let i = 0; i < words; i++) {
    const [v, next] = rand32(s);
    s = next;
    acc = (acc << 32n) | BigInt(v);
  }
  return [acc % n, s];
}

/** Index of the first element of the sorted list that is >= ip. */
function lowerBound(list: readonly Addr[], ip: Addr): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareAddr(list[mid] as Addr, ip) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First free address of the band from `first + start`, wrapping once (the ipIterator of
 * ipallocator.go); undefined when the band is full. Walks the sorted allocation list alongside, so a
 * scan costs O(log n + run of taken addresses).
 */
function scanBand(band: IPBand, start: bigint, allocated: readonly Addr[]): Addr | undefined {
  const from = addrAdd(band.first, start);
  for (const [lo, hi] of [
    [from, band.last],
    [band.first, from],
  ] as const) {
    let ip: Addr | undefined = lo;
    let k = lowerBound(allocated, lo);
    while (ip !== undefined && compareAddr(ip, hi) <= 0) {
      const taken = allocated[k];
      if (taken === undefined || compareAddr(taken, ip) !== 0) return ip;
      k++;
      ip = addrNext(ip);
    }
  }
  return undefined;
}

/**
 * Allocates a ClusterIP. With `requested`, reserves exactly that address: it must be a usable
 * address of the CIDR (`IP_NOT_IN_RANGE`) and free (`IP_ALREADY_ALLOCATED`, "provided IP is already
 * allocated"). Without it, picks a free address as the apiserver does — from a random point of the
 * dynamic (upper) band first, then of the static (lower) band (KEP-3070) — using the allocator's
 * seeded generator; `RANGE_FULL` when nothing is free.
 *
 * @example
 * ```ts
 * let a = newClusterIpAllocator(parsePrefix('10.96.0.0/12'), { seed: 1 });
 * const dns = allocateClusterIp(a, parseAddr('10.96.0.10'));
 * const next = allocateClusterIp(dns.allocator);
 * prefixContains(parsePrefix('10.96.0.0/12'), next.ip); // true
 * ```
 */
export function allocateClusterIp(
  allocator: ClusterIpAllocator,
  request?: Addr | string,
): ClusterIpAllocation {
  const { cidr } = checkState(allocator, 'cidr', 'allocated', 'ClusterIP allocator');
  const requested = request === undefined ? undefined : toAddr(request, 'requested ClusterIP');
  const layout = serviceCidrLayout(cidr);
  const allocated = allocator.allocated;
  if (requested !== undefined) {
    if (!inBand(requested, layout.usable)) throw notInRange(requested, cidr);
    const at = allocated[lowerBound(allocated, requested)];
    if (at !== undefined && compareAddr(at, requested) === 0) {
      throw new IpError(
        'IP_ALREADY_ALLOCATED',
        `provided IP is already allocated: ${formatAddr(requested)} in ${formatPrefix(cidr)}`,
      );
    }
    return Object.freeze({
      ip: requested,
      allocator: freeze(cidr, insertSorted(allocator.allocated, requested), allocator.seed),
    });
  }
  let seed = allocator.seed;
  for (const band of [layout.dynamicBand, layout.staticBand]) {
    if (band === null) continue;
    const count = addrToBigInt(band.last) - addrToBigInt(band.first) + 1n;
    const [start, next] = randBelow(seed, count);
    seed = next;
    const ip = scanBand(band, start, allocated);
    if (ip !== undefined) {
      return Object.freeze({ ip, allocator: freeze(cidr, insertSorted(allocator.allocated, ip), seed) });
    }
  }
  throw new IpError('RANGE_FULL', `range is full: no free ClusterIP left in ${formatPrefix(cidr)}`);
}

/**
 * Releases a ClusterIP (a no-op for addresses not allocated or out of range, as upstream).
 *
 * @example
 * ```ts
 * const a = allocateClusterIp(newClusterIpAllocator(parsePrefix('10.96.0.0/24')), parseAddr('10.96.0.10'));
 * releaseClusterIp(a.allocator, parseAddr('10.96.0.10')).allocated.length; // 0
 * ```
 */
export function releaseClusterIp(allocator: ClusterIpAllocator, release: Addr | string): ClusterIpAllocator {
  checkState(allocator, 'cidr', 'allocated', 'ClusterIP allocator');
  const ip = toAddr(release, 'released ClusterIP');
  const rest = allocator.allocated.filter((a) => compareAddr(a, ip) !== 0);
  if (rest.length === allocator.allocated.length) return allocator;
  return freeze(allocator.cidr, rest, allocator.seed);
}
