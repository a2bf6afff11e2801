import {
  addrToBigInt,
  type CidrSet,
  cidrSetAllocateNext,
  cidrSetOccupy,
  formatPrefix,
  newCidrSet,
  nthSubnet,
  type Prefix,
  parsePrefix,
  prefixesOverlap,
  prefixFirst,
  prefixLast,
} from '@podnet/ip';

/**
 * Hands out node pod CIDRs like kube-controller-manager's range allocator over a cidrset: pinned node CIDRs
 * (nodes that already have `spec.podCIDR`) and an overlapping service CIDR are occupied first (every
 * node-sized block they touch, as `CidrSet.Occupy` marks them), then the remaining nodes get the next free
 * block in list order, scanning from the start of the cluster CIDR (`AllocateNext`). A node that finds no free
 * block gets `null` (kube-controller-manager reports `CIDRNotAvailable` and leaves the node without a CIDR).
 *
 * Uses `@podnet/ip`'s cidrset; cluster CIDRs with more than 2^20 node blocks (say a /8 cut into /32s) take a
 * sparse-range path with the same order, so hostile sizes cannot allocate huge block lists.
 */
export function assignNodeCidrs(
  clusterCidr: string,
  maskSize: number,
  serviceCidr: string | null,
  nodes: readonly { readonly name: string; readonly podCidr: string | null }[],
): Map<string, string | null> {
  const viaCidrSet = withCidrSet(clusterCidr, maskSize, serviceCidr, nodes);
  if (viaCidrSet !== null) return viaCidrSet;
  return withRanges(clusterCidr, maskSize, serviceCidr, nodes);
}

/**
 * kube-controller-manager's order through `@podnet/ip`'s cidrset (`newCidrSet`, `cidrSetOccupy`,
 * `cidrSetAllocateNext`); null when the cidrset's block list could grow past 2^20 entries.
 */
function withCidrSet(
  clusterCidr: string,
  maskSize: number,
  serviceCidr: string | null,
  nodes: readonly { readonly name: string; readonly podCidr: string | null }[],
): Map<string, string | null> | null {
  const cluster = parsePrefix(clusterCidr);
  if (maskSize < cluster.bits || maskSize - cluster.bits > 20) return null;
  let set: CidrSet;
  try {
    set = newCidrSet(cluster, maskSize);
  } catch {
    return null;
  }
  const occupy = (text: string): void => {
    try {
      const prefix = parsePrefix(text, { strict: false });
      if (prefix.addr.family === cluster.addr.family && prefixesOverlap(prefix, cluster))
        set = cidrSetOccupy(set, prefix);
    } catch {
      // not in the cluster CIDR: nothing to occupy
    }
  };
  if (serviceCidr !== null) occupy(serviceCidr);
  for (const node of nodes) if (node.podCidr !== null) occupy(node.podCidr);
  const out = new Map<string, string | null>();
  let full = false;
  for (const node of nodes) {
    if (node.podCidr !== null) {
      out.set(node.name, node.podCidr);
      continue;
    }
    if (full) {
      out.set(node.name, null);
      continue;
    }
    try {
      const allocation = cidrSetAllocateNext(set);
      set = allocation.set;
      out.set(node.name, formatPrefix(allocation.cidr));
    } catch {
      // CIDR_EXHAUSTED: kube-controller-manager reports CIDRNotAvailable and leaves the node without a CIDR
      full = true;
      out.set(node.name, null);
    }
  }
  return out;
}

/** The same order over sparse ranges, for cluster CIDRs with more than 2^20 node blocks. */
function withRanges(
  clusterCidr: string,
  maskSize: number,
  serviceCidr: string | null,
  nodes: readonly { readonly name: string; readonly podCidr: string | null }[],
): Map<string, string | null> {
  const cluster = parsePrefix(clusterCidr);
  const width = cluster.addr.family === 4 ? 32 : 128;
  const out = new Map<string, string | null>();
  if (maskSize < cluster.bits || maskSize > width) {
    for (const node of nodes) out.set(node.name, node.podCidr);
    return out;
  }
  const diff = maskSize - cluster.bits;
  const max = diff >= 52 ? Number.MAX_SAFE_INTEGER : 2 ** diff;
  const base = addrToBigInt(cluster.addr);
  const shift = BigInt(width - maskSize);
  const single = new Set<number>();
  const ranges: [number, number][] = [];
  const indexOf = (prefix: Prefix, last: boolean): number => {
    const a = addrToBigInt(last ? prefixLast(prefix) : prefixFirst(prefix));
    if (a < base) return -1;
    const idx = (a - base) >> shift;
    return idx >= BigInt(max) ? max : Number(idx);
  };
  const occupy = (text: string): void => {
    let prefix: Prefix;
    try {
      prefix = parsePrefix(text, { strict: false });
    } catch {
      return;
    }
    if (prefix.addr.family !== cluster.addr.family || !prefixesOverlap(prefix, cluster)) return;
    const first = Math.max(0, indexOf(prefix, false));
    const last = Math.min(max - 1, indexOf(prefix, true));
    if (last - first < 4096) for (let i = first; i <= last; i++) single.add(i);
    else ranges.push([first, last]);
  };
  if (serviceCidr !== null) occupy(serviceCidr);
  for (const node of nodes) if (node.podCidr !== null) occupy(node.podCidr);
  let next = 0;
  for (const node of nodes) {
    if (node.podCidr !== null) {
      out.set(node.name, node.podCidr);
      continue;
    }
    let found = -1;
    let candidate = next;
    while (candidate < max) {
      if (single.has(candidate)) {
        candidate++;
        continue;
      }
      const range = ranges.find(([a, b]) => candidate >= a && candidate <= b);
      if (range !== undefined) {
        candidate = range[1] + 1;
        continue;
      }
      found = candidate;
      break;
    }
    if (found < 0) {
      out.set(node.name, null);
      continue;
    }
    single.add(found);
    next = found + 1;
    out.set(node.name, formatPrefix(nthSubnet(cluster, maskSize, found)));
  }
  return out;
}

/** How many node CIDRs of the mask size fit in the cluster CIDR (capped at MAX_SAFE_INTEGER). */
export function nodeCidrCapacity(clusterCidr: string, maskSize: number): number {
  const cluster = parsePrefix(clusterCidr);
  const diff = maskSize - cluster.bits;
  if (diff < 0) return 0;
  return diff >= 52 ? Number.MAX_SAFE_INTEGER : 2 ** diff;
}
