import { cidrSetOccupy, newCidrSet } from './cidr-set.ts';
import { formatPrefix } from './format-prefix.ts';
import { toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';
import { prefixesOverlap } from './prefixes-overlap.ts';
import { nthSubnet } from './subnets.ts';
import { validateDualStack } from './validate-dual-stack.ts';

/** Upper bound on `count` (Kubernetes supports 5,000 nodes; this only guards against runaway input). */
const MAX_NODES = 1_048_576;

/** Options for {@link allocateNodeCidrs}. */
export interface AllocateNodeCidrsOptions {
  /**
   * The Service CIDR(s): when one overlaps the cluster CIDR its blocks are occupied first, as the
   * range allocator's `filterOutServiceRange` does.
   */
  readonly serviceCidrs?: readonly (Prefix | string)[];
  /** CIDRs already assigned to nodes (`node.spec.podCIDRs`), occupied before allocating. */
  readonly occupied?: readonly (Prefix | string)[];
}

/**
 * The pod CIDRs kube-controller-manager's range allocator gives to `count` new nodes, in order:
 * node-sized blocks of `clusterCidr` taken round-robin from the first free one (cidrset
 * `AllocateNext`). Throws `INVALID_MASK_SIZE` for a mask shorter than the cluster's, longer than
 * 32/128, or (IPv6) more than 16 bits longer than the cluster's, and `CIDR_EXHAUSTED` when the
 * cluster CIDR runs out ("CIDR allocation failed; there are no remaining CIDRs left to allocate in the
 * accepted range").
 *
 * @example
 * ```ts
 * allocateNodeCidrs(parsePrefix('10.244.0.0/16'), 24, 3).map(formatPrefix);
 * // ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']
 * ```
 */
export function allocateNodeCidrs(
  cluster: Prefix | string,
  maskSize: number,
  count: number,
  options: AllocateNodeCidrsOptions = {},
): Prefix[] {
  const clusterCidr = toPrefix(cluster, 'cluster CIDR');
  const opts: AllocateNodeCidrsOptions = options !== null && typeof options === 'object' ? options : {};
  let set = newCidrSet(clusterCidr, maskSize);
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_NODES) {
    throw new IpError(
      'OUT_OF_RANGE',
      `invalid node count ${describe(count)}: must be an integer from 0 to ${MAX_NODES}`,
    );
  }
  for (const s of (Array.isArray(opts.serviceCidrs) ? opts.serviceCidrs : []).map((p) =>
    toPrefix(p, 'service CIDR'),
  )) {
    // prefixesOverlap is false across families too.
    if (prefixesOverlap(s, clusterCidr)) set = cidrSetOccupy(set, s);
  }
  for (const o of (Array.isArray(opts.occupied) ? opts.occupied : []).map((p) =>
    toPrefix(p, 'occupied CIDR'),
  )) {
    if (o.addr.family === clusterCidr.addr.family) set = cidrSetOccupy(set, o);
  }
  if (count > set.maxCidrs - set.used.length) {
    throw new IpError(
      'CIDR_EXHAUSTED',
      `CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (${count} nodes need /${maskSize} blocks, ${formatPrefix(clusterCidr)} has ${set.maxCidrs - set.used.length} free)`,
    );
  }
  // cidrset AllocateNext, count times, without copying the state at each step.
  const taken = new Set(set.used);
  const max = set.maxCidrs;
  let next = set.nextCandidate;
  const out: Prefix[] = [];
  for (let i = 0; i < count; i++) {
    let c = next;
    while (taken.has(c)) c = (c + 1) % max;
    taken.add(c);
    out.push(nthSubnet(clusterCidr, maskSize, c));
    next = (c + 1) % max;
  }
  return out;
}

/**
 * Dual-stack form of {@link allocateNodeCidrs}, as kube-controller-manager's range allocator does
 * with `--cluster-cidr=<v4>,<v6>` and `--node-cidr-mask-size-ipv4/-ipv6`: every node gets one block
 * from each cluster CIDR, in the order of `clusterCidrs` (`node.spec.podCIDRs`). The cluster CIDRs
 * must be one or two, of different families (`INVALID_DUAL_STACK`), with one mask size each
 * (`INVALID_MASK_SIZE`).
 *
 * @example
 * ```ts
 * allocateDualStackNodeCidrs([parsePrefix('10.244.0.0/16'), parsePrefix('fd00:10:244::/56')], [24, 64], 2)
 *   .map((cidrs) => cidrs.map(formatPrefix));
 * // [['10.244.0.0/24', 'fd00:10:244::/64'], ['10.244.1.0/24', 'fd00:10:244:1::/64']]
 * ```
 */
export function allocateDualStackNodeCidrs(
  clusterCidrs: readonly (Prefix | string)[],
  maskSizes: readonly number[],
  count: number,
  options: AllocateNodeCidrsOptions = {},
): Prefix[][] {
  if (!Array.isArray(clusterCidrs) || clusterCidrs.length === 0) {
    throw new IpError('INVALID_PREFIX', `expected one or two cluster CIDRs, got ${describe(clusterCidrs)}`);
  }
  const cidrs = clusterCidrs.map((c, i) => toPrefix(c, `cluster CIDR ${i}`, [i]));
  const dual = validateDualStack(cidrs, ['cluster-cidr']);
  if (dual[0] !== undefined) throw dual[0];
  if (!Array.isArray(maskSizes) || maskSizes.length !== cidrs.length) {
    throw new IpError(
      'INVALID_MASK_SIZE',
      `expected ${cidrs.length} node CIDR mask size(s), one per cluster CIDR, got ${describe(maskSizes)}`,
    );
  }
  const perFamily = cidrs.map((c, i) => allocateNodeCidrs(c, maskSizes[i] as number, count, options));
  const out: Prefix[][] = [];
  for (let n = 0; n < count; n++) out.push(perFamily.map((list) => list[n] as Prefix));
  return out;
}
