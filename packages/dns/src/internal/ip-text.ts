/**
 * The DNS model's view of an IP literal: `@podnet/ip`'s address plus the canonical text CoreDNS
 * prints and a cheap map key. Parsing follows Go's `net.ParseIP` (no zones, no IPv4 leading
 * zeros) — `@podnet/ip`'s strict parser with zones refused.
 */
import { type Addr, formatAddr, safeParseAddr } from '@podnet/ip';

/**
 * A parsed IP literal. `v4` is the uint32 value for IPv4 (0 for IPv6); `text` is the canonical
 * text (RFC 5952 for IPv6, `::ffff:a.b.c.d` for IPv4-mapped, as miekg/dns prints an AAAA).
 *
 * @example
 * ```ts
 * parseIpText('fd00::1')?.family; // 6
 * ```
 */
export interface IpInfo {
  readonly family: 4 | 6;
  readonly text: string;
  readonly v4: number;
  readonly addr: Addr;
}

/**
 * Parses an IP literal (`net.ParseIP` rules: no zone, no IPv4 leading zeros). Returns `null`
 * when the text is not an IP address.
 */
export function parseIpText(s: string): IpInfo | null {
  if (typeof s !== 'string' || s.length === 0 || s.length > 45) return null;
  const r = safeParseAddr(s);
  if (!r.ok) return null;
  const addr = r.value;
  // Strict dotted quads (no leading zeros) are already canonical.
  if (addr.family === 4) return { family: 4, text: s, v4: addr.w3, addr };
  if (addr.zone !== '') return null;
  return { family: 6, text: formatAddr(addr), v4: 0, addr };
}

/** A Map key for an address: the uint32 for IPv4 (cheap to hash), the canonical text for IPv6. */
export function ipKey(ip: IpInfo): number | string {
  return ip.family === 4 ? ip.v4 : ip.text;
}
