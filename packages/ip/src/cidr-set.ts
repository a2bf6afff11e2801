import { formatPrefix } from './format-prefix.ts';
import { checkState, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { fillAddr, maskAddr } from './internal/words.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';
import { prefixesOverlap } from './prefixes-overlap.ts';
import { nthSubnet } from './subnets.ts';

/**
 * The state of kube-controller-manager's node CIDR allocator for one cluster CIDR
 * (pkg/controller/nodeipam/ipam/cidrset), as plain immutable data: which node-sized blocks are
 * taken (sorted indexes) and where the round-robin search resumes.
 */
export interface CidrSet {
  readonly clusterCidr: Prefix;
  readonly nodeMaskSize: number;
  /** Number of node blocks: `2^(nodeMaskSize − clusterMaskSize)`. */
  readonly maxCidrs: number;
  /** Indexes of the allocated blocks, ascending. */
  readonly used: readonly number[];
  /** The index the next allocation tries first. */
  readonly nextCandidate: number;
}

/** What {@link cidrSetAllocateNext} returns. */
export interface CidrSetAllocation {
  readonly cidr: Prefix;
  readonly set: CidrSet;
}

/** podnet's own bound on the number of node blocks (2^24), so occupy/release stay bounded. */
const MAX_SET_BITS = 24;

/** cidrset's `clusterSubnetMaxDiff`, enforced for IPv6 only. */
const CLUSTER_SUBNET_MAX_DIFF = 16;

/**
 * Creates an empty node CIDR allocator, with kube-controller-manager's checks: the node mask must
 * be an integer between the cluster's mask and 32/128 (`INVALID_MASK_SIZE`, "Controller: Invalid
 * --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size
 * configured for CIDR family"), and for IPv6 at most 16 bits longer than the cluster's
 * (`INVALID_MASK_SIZE`, "New CIDR set failed; the node CIDR size is too big").
 *
 * @example
 * ```ts
 * newCidrSet(parsePrefix('10.244.0.0/16'), 24).maxCidrs; // 256
 * ```
 */
export function newCidrSet(cluster: Prefix | string, nodeMaskSize: number): CidrSet {
  const clusterCidr = toPrefix(cluster, 'cluster CIDR');
  const width = clusterCidr.addr.family === 4 ? 32 : 128;
  if (!Number.isInteger(nodeMaskSize) || nodeMaskSize > width) {
    throw new IpError(
      'INVALID_MASK_SIZE',
      `invalid node CIDR mask size ${describe(nodeMaskSize)} for ${formatPrefix(clusterCidr)}: must be an integer up to ${width}`,
    );
  }
  if (nodeMaskSize < clusterCidr.bits) {
    throw new IpError(
      'INVALID_MASK_SIZE',
      `Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family (cluster CIDR ${formatPrefix(clusterCidr)}, node mask /${nodeMaskSize})`,
    );
  }
  if (clusterCidr.addr.family === 6 && nodeMaskSize - clusterCidr.bits > CLUSTER_SUBNET_MAX_DIFF) {
    throw new IpError(
      'INVALID_MASK_SIZE',
      `New CIDR set failed; the node CIDR size is too big (cluster CIDR ${formatPrefix(clusterCidr)}, node mask /${nodeMaskSize}: at most ${CLUSTER_SUBNET_MAX_DIFF} bits longer for IPv6)`,
    );
  }
  if (nodeMaskSize - clusterCidr.bits > MAX_SET_BITS) {
    throw new IpError(
      'INVALID_MASK_SIZE',
      `node CIDR mask /${nodeMaskSize} is more than ${MAX_SET_BITS} bits longer than the cluster CIDR ${formatPrefix(clusterCidr)} (over 16M node blocks; podnet's limit, kube-controller-manager has none for IPv4)`,
    );
  }
  return Object.freeze({
    clusterCidr,
    nodeMaskSize,
    maxCidrs: 2 ** (nodeMaskSize - clusterCidr.bits),
    used: Object.freeze([]) as readonly number[],
    nextCandidate: 0,
  });
}

/** Index of the node block holding `addr`-masked-to-node-mask (cidrset getIndexForIP). */
function blockIndex(set: CidrSet, p: Prefix, last: boolean): number {
  const a = last ? fillAddr(p.addr, p.bits) : p.addr;
  const c = set.clusterCidr.addr;
  const width = c.family === 4 ? 32 : 128;
  const shift = width - set.nodeMaskSize;
  if (c.family === 4) return Math.floor(((a.w3 ^ c.w3) >>> 0) / 2 ** shift) % set.maxCidrs;
  const m = maskAddr(a, set.nodeMaskSize);
  const x =
    (BigInt((m.w0 ^ c.w0) >>> 0) << 96n) |
    (BigInt((m.w1 ^ c.w1) >>> 0) << 64n) |
    (BigInt((m.w2 ^ c.w2) >>> 0) << 32n) |
    BigInt((m.w3 ^ c.w3) >>> 0);
  return Number((x >> BigInt(shift)) % BigInt(set.maxCidrs));
}

/** [begin, end] block indexes a CIDR touches (cidrset getBeginningAndEndIndices). */
function indices(set: CidrSet, cidr: Prefix): [number, number] {
  // prefixesOverlap is false across families too.
  if (!prefixesOverlap(cidr, set.clusterCidr)) {
    throw new IpError(
      'OUT_OF_RANGE',
      `cidr ${formatPrefix(cidr)} is out the range of cluster cidr ${formatPrefix(set.clusterCidr)}`,
    );
  }
  if (set.clusterCidr.bits < cidr.bits) return [blockIndex(set, cidr, false), blockIndex(set, cidr, true)];
  return [0, set.maxCidrs - 1];
}

/** Lower bound of `x` in the sorted array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Finds the next free index from `start`, cyclically; -1 when everything is used. */
function nextFree(used: readonly number[], max: number, start: number): number {
  if (used.length >= max) return -1;
  let candidate = start;
  let k = lowerBound(used, candidate);
  for (;;) {
    if (candidate >= max) {
      candidate = 0;
      k = 0;
    }
    if (k < used.length && used[k] === candidate) {
      candidate++;
      k++;
    } else {
      return candidate;
    }
  }
}

function exhausted(set: CidrSet): IpError {
  return new IpError(
    'CIDR_EXHAUSTED',
    `CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (cluster CIDR ${formatPrefix(set.clusterCidr)}, /${set.nodeMaskSize} per node)`,
  );
}

/**
 * Allocates the next free node block, round-robin from `nextCandidate` (cidrset `AllocateNext`).
 * Throws `CIDR_EXHAUSTED` when every block is taken.
 *
 * @example
 * ```ts
 * const { cidr, set } = cidrSetAllocateNext(newCidrSet(parsePrefix('10.244.0.0/16'), 24));
 * formatPrefix(cidr); // '10.244.0.0/24'
 * set.nextCandidate; // 1
 * ```
 */
export function cidrSetAllocateNext(set: CidrSet): CidrSetAllocation {
  checkState(set, 'clusterCidr', 'used', 'CIDR set');
  const candidate = nextFree(set.used, set.maxCidrs, set.nextCandidate);
  if (candidate < 0) throw exhausted(set);
  const used = [...set.used];
  used.splice(lowerBound(used, candidate), 0, candidate);
  return Object.freeze({
    cidr: nthSubnet(set.clusterCidr, set.nodeMaskSize, candidate),
    set: Object.freeze({
      ...set,
      used: Object.freeze(used),
      nextCandidate: (candidate + 1) % set.maxCidrs,
    }),
  });
}

/**
 * Marks every node block a CIDR touches as used (cidrset `Occupy`): a CIDR larger than the cluster
 * CIDR takes all blocks; the round-robin position is unchanged. Throws `OUT_OF_RANGE` ("cidr … is out
 * the range of cluster cidr …") when it does not overlap the cluster CIDR.
 *
 * @example
 * ```ts
 * const set = cidrSetOccupy(newCidrSet(parsePrefix('10.42.0.0/16'), 24), parsePrefix('10.42.8.0/22'));
 * set.used; // [8, 9, 10, 11]
 * ```
 */
export function cidrSetOccupy(set: CidrSet, cidr: Prefix | string): CidrSet {
  const [begin, end] = indices(checkState(set, 'clusterCidr', 'used', 'CIDR set'), toPrefix(cidr, 'CIDR'));
  const used: number[] = [];
  let k = 0;
  const src = set.used;
  while (k < src.length && (src[k] as number) < begin) used.push(src[k++] as number);
  for (let i = begin; i <= end; i++) used.push(i);
  while (k < src.length && (src[k] as number) <= end) k++;
  while (k < src.length) used.push(src[k++] as number);
  return Object.freeze({ ...set, used: Object.freeze(used) });
}

/**
 * Frees every node block a CIDR touches (cidrset `Release`); releasing free blocks is a no-op.
 *
 * @example
 * ```ts
 * const s = cidrSetAllocateNext(newCidrSet(parsePrefix('10.0.0.0/30'), 30));
 * cidrSetRelease(s.set, s.cidr).used; // []
 * ```
 */
export function cidrSetRelease(set: CidrSet, cidr: Prefix | string): CidrSet {
  const [begin, end] = indices(checkState(set, 'clusterCidr', 'used', 'CIDR set'), toPrefix(cidr, 'CIDR'));
  const used = set.used.filter((i) => i < begin || i > end);
  return Object.freeze({ ...set, used: Object.freeze(used) });
}
