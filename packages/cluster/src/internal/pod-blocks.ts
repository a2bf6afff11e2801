import { safeParseAddr } from '@podnet/ip';
import type { Cluster, ClusterNode } from '../cluster.ts';
import { dispositionAfterNat, type Machine } from '../trace.ts';
import { internalsOf } from './internals.ts';

/**
 * Nodes' IPv4 pod CIDRs as blocks for whole-cluster answers: which node's block holds an address, and, per
 * node, the blocks a DNATed packet does NOT simply forward to their owner from that node.
 */
export interface PodBlocks {
  /** The node whose pod CIDR holds the address (null: none, or the blocks overlap and are not used). */
  blockOf(ip: string): ClusterNode | null;
  /**
   * The blocks (node names) for which a packet already DNATed on `node` to an address in the block does not go
   * straight to the block's node by one route with a gateway, the same for every address in the block; `null`
   * when that holds for no block (the blocks are not usable).
   */
  irregular(node: ClusterNode): ReadonlySet<string> | null;
}

function ipv4Text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

interface Block {
  readonly node: ClusterNode;
  readonly network: number;
  readonly bits: number;
  /** An address inside the block (its second, or its only one), as text. */
  readonly probe: string;
}

/** Builds the blocks of a cluster (usable only when no two nodes' IPv4 pod CIDRs overlap). */
export function podBlocks(cluster: Cluster): PodBlocks {
  const internals = internalsOf(cluster);
  const blocks: Block[] = [];
  for (const node of cluster.nodes) {
    if (node.podCidr === null) continue;
    const [net, bitsText] = node.podCidr.split('/');
    const a = safeParseAddr(net ?? '');
    if (!a.ok || a.value.family !== 4) continue;
    const bits = Number(bitsText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    const network = (a.value.w3 & mask) >>> 0;
    blocks.push({ node, network, bits, probe: ipv4Text(bits >= 31 ? network : network + 1) });
  }
  const sorted = [...blocks].sort((x, y) => x.network - y.network);
  let usable = true;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const size = 2 ** (32 - prev.bits);
    if (sorted[i]!.network < prev.network + size) usable = false;
  }
  /** The block holding an IPv4 address given as a number (blocks do not overlap when used). */
  const blockAt = (n: number): Block | undefined => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = sorted[mid]!;
      if (n < b.network) hi = mid - 1;
      else if (n - b.network >= 2 ** (32 - b.bits)) lo = mid + 1;
      else return b;
    }
    return undefined;
  };
  const owners = new Map<string, ClusterNode | null>();
  const blockOf = (ip: string): ClusterNode | null => {
    if (!usable) return null;
    let owner = owners.get(ip);
    if (owner === undefined) {
      owner = internals.nodeByPodAddress(ip) ?? null;
      owners.set(ip, owner);
    }
    return owner;
  };
  const firstHops = new Map<string, Machine | null>();
  const irregular = (node: ClusterNode): ReadonlySet<string> | null => {
    if (!usable) return null;
    const out = new Set<string>();
    // a route more specific than a block splits it: its addresses may take different routes
    for (const route of internals.routes(node.name)) {
      const dst = route.dst;
      if (dst.addr.family !== 4 || dst.bits === 0) continue;
      const block = blockAt(dst.addr.w3 >>> 0);
      if (block !== undefined && dst.bits > block.bits) out.add(block.node.name);
    }
    // the node's own address answers before any route
    const own = blockOf(node.ip);
    if (own !== null) out.add(own.name);
    for (const b of blocks) {
      if (out.has(b.node.name)) continue;
      const probe = b.probe;
      const route = internals.routeFor(node.name, probe);
      // a route with a gateway sends every address of the block to the same next machine (bridges, cali
      // devices and tunnels without a gateway look at the destination itself)
      if (route === undefined || route.via === undefined) {
        out.add(b.node.name);
        continue;
      }
      // past the own-address check, the first hop reads only the route's type, device and gateway and whether
      // the device is the node's bridge: probed once per such combination
      const via = route.via;
      const key = `${route.type}|${route.dev ?? ''}|${via.family}:${via.w0}:${via.w1}:${via.w2}:${via.w3}|${
        node.bridge?.name ?? ''
      }`;
      let next = firstHops.get(key);
      if (next === undefined) {
        let moved: Machine | null = null;
        dispositionAfterNat(cluster, node, probe, 1, 'TCP', 0, {
          moved: (machine) => {
            moved = machine;
            return 'DELIVERED';
          },
        });
        next = moved;
        firstHops.set(key, next);
      }
      if (next !== b.node) out.add(b.node.name);
    }
    return out;
  };
  return { blockOf, irregular };
}
