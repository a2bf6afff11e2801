import {
  addrFromBigInt,
  addrToBigInt,
  formatAddr,
  parseAddr,
  parsePrefix,
  prefixContains,
  serviceCidrLayout,
} from '@podnet/ip';
import { fnv1a } from './hash.ts';

/** The usable addresses of a service CIDR as `@podnet/ip`'s `serviceCidrLayout` (KEP-3070) gives them. */
interface Layout {
  readonly base: bigint; // first usable address
  readonly size: number; // usable addresses (capped at 2^52)
  readonly offset: number; // static band size
  readonly family: 4 | 6;
}

function layoutOf(cidr: string): Layout {
  const layout = serviceCidrLayout(cidr);
  const family = layout.prefix.addr.family;
  if (layout.usable === null) return { base: 0n, size: 0, offset: 0, family };
  const base = addrToBigInt(layout.usable.first);
  const span = addrToBigInt(layout.usable.last) - base + 1n;
  const size = span > 2n ** 52n ? 2 ** 52 : Number(span);
  return { base, size, offset: Math.min(layout.offset, size), family };
}

/** The n-th usable address of the service CIDR (0 = the `kubernetes` Service's IP). */
export function serviceIpAt(cidr: string, n: number): string {
  const layout = layoutOf(cidr);
  return formatAddr(addrFromBigInt(layout.base + BigInt(n), layout.family));
}

/**
 * Assigns ClusterIPs: pinned IPs are kept (and occupy their slot), the rest get a dynamic-band address chosen by
 * a hash of `namespace/name` with linear probing, in `namespace/name` order — the apiserver picks randomly in
 * the dynamic band; this picks reproducibly, independent of list order, and adding a Service never moves
 * another. Falls back to the static band when the dynamic band is full; `null` when the range is full.
 */
export function assignClusterIps(
  cidr: string,
  services: readonly { readonly key: string; readonly pinned: string | null; readonly wants: boolean }[],
): Map<string, string | null> {
  const layout = layoutOf(cidr);
  const prefix = parsePrefix(cidr);
  const used = new Set<number>();
  const out = new Map<string, string | null>();
  for (const svc of services) {
    if (svc.pinned === null) continue;
    out.set(svc.key, svc.pinned);
    try {
      const addr = parseAddr(svc.pinned);
      if (prefixContains(prefix, addr)) {
        const idx = addrToBigInt(addr) - layout.base;
        if (idx >= 0n && idx < BigInt(layout.size)) used.add(Number(idx));
      }
    } catch {
      // not an address (the spec parser already checked); keep as given
    }
  }
  const pending = services.filter((s) => s.pinned === null && s.wants).map((s) => s.key);
  pending.sort(compareText);
  const dynamic = layout.size - layout.offset;
  for (const key of pending) {
    let chosen = -1;
    if (dynamic > 0) {
      const start = fnv1a(key) % dynamic;
      for (let i = 0; i < dynamic; i++) {
        const idx = layout.offset + ((start + i) % dynamic);
        if (!used.has(idx)) {
          chosen = idx;
          break;
        }
      }
    }
    if (chosen < 0) {
      for (let idx = 0; idx < layout.offset; idx++) {
        if (!used.has(idx)) {
          chosen = idx;
          break;
        }
      }
    }
    if (chosen < 0) {
      out.set(key, null);
      continue;
    }
    used.add(chosen);
    out.set(key, formatAddr(addrFromBigInt(layout.base + BigInt(chosen), layout.family)));
  }
  for (const svc of services) if (!out.has(svc.key)) out.set(svc.key, null);
  return out;
}

/**
 * Assigns NodePorts from the default range 30000-32767 like the apiserver's port allocator (static band of
 * `min(max(16, size/32), 128)` ports at the bottom, dynamic above it), reproducibly by a hash of
 * `namespace/name:port`.
 */
export function assignNodePorts(
  requests: readonly { readonly key: string; readonly pinned: number | null }[],
): Map<string, number | null> {
  const first = 30000;
  const size = 2768;
  const offset = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  const used = new Set<number>();
  const out = new Map<string, number | null>();
  for (const r of requests) {
    if (r.pinned !== null) {
      used.add(r.pinned);
      out.set(r.key, r.pinned);
    }
  }
  const pending = requests.filter((r) => r.pinned === null).map((r) => r.key);
  pending.sort(compareText);
  const dynamic = size - offset;
  for (const key of pending) {
    let chosen: number | null = null;
    const start = fnv1a(key) % dynamic;
    for (let i = 0; i < size; i++) {
      const port = i < dynamic ? first + offset + ((start + i) % dynamic) : first + (i - dynamic);
      if (!used.has(port)) {
        chosen = port;
        break;
      }
    }
    if (chosen !== null) used.add(chosen);
    out.set(key, chosen);
  }
  return out;
}

/** Byte-order string comparison (locale-independent). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
