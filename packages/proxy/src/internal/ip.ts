/**
 * The package's one private address module, with Go `net` semantics (what kube-proxy uses):
 * `ParseIPSloppy` accepts IPv4 fields with leading zeros (read as decimal, `10.180.00.001` →
 * `10.180.0.1`, kube-proxy's `TestBadIPs`) and reads an IPv4-mapped IPv6 address as IPv4; `String()`
 * prints RFC 5952 text. Only the sloppy IPv4 part is our own code: IPv6 text is parsed, masked and
 * printed by `@podnet/ip` (strict, as Go is for IPv6), after an embedded dotted tail is read sloppily.
 */
import type { Addr, Prefix } from '@podnet/ip';
import { formatAddr, safeParseAddr, safeParsePrefix } from '@podnet/ip';

/** An address: IPv4 keeps `v4` (uint32); IPv6 keeps four big-endian words and its `@podnet/ip` value. */
export interface IpValue {
  readonly family: 4 | 6;
  readonly v4: number;
  readonly w: readonly [number, number, number, number];
  /** The `@podnet/ip` address of an IPv6 value (null for IPv4). */
  readonly addr: Addr | null;
}

/** A CIDR with its network address masked. */
export interface CidrValue {
  readonly addr: IpValue;
  readonly bits: number;
}

/** Sloppy dotted quad (fields of 1-3 decimal digits, leading zeros allowed); -1 when invalid. */
function parseV4(text: string): number {
  let value = 0;
  let n = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + n;
      n = 0;
      digits = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || ++digits > 3) return -1;
    n = n * 10 + d;
    if (n > 255) return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return (value * 256 + n) >>> 0;
}

function v4Value(v4: number): IpValue {
  return { family: 4, v4, w: [0, 0, 0xffff, v4], addr: null };
}

function v6Value(addr: Addr): IpValue {
  return { family: 6, v4: 0, w: [addr.w0 >>> 0, addr.w1 >>> 0, addr.w2 >>> 0, addr.w3 >>> 0], addr };
}

/**
 * IPv6 text with an embedded dotted tail read sloppily (`::ffff:10.0.00.1`) rewritten to hex groups;
 * undefined when the tail is not an address, or the text carries a zone (Go rejects zones).
 */
function v6Text(text: string): string | undefined {
  if (text.includes('%')) return undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) < 0) return text;
  const v4 = parseV4(text.slice(lastColon + 1));
  if (v4 < 0) return undefined;
  return `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
}

function parseV6(text: string): Addr | undefined {
  const hex = v6Text(text);
  if (hex === undefined) return undefined;
  const r = safeParseAddr(hex);
  return r.ok ? r.value : undefined;
}

/**
 * Go `netutils.ParseIPSloppy`: undefined for anything that is not an address. An IPv4-mapped IPv6
 * address reads as IPv4 (Go's `net.IP`), unless `keepMapped` (ipvsadm's and `netip`'s reading).
 *
 * @example
 * ```ts
 * formatIp(parseIpSloppy('10.180.00.001')!); // '10.180.0.1'
 * formatIp(parseIpSloppy('::ffff:192.0.2.1', true)!); // '::ffff:192.0.2.1'
 * ```
 */
export function parseIpSloppy(text: unknown, keepMapped = false): IpValue | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes(':')) {
    const addr = parseV6(text);
    if (addr === undefined) return undefined;
    if (!keepMapped && addr.w0 === 0 && addr.w1 === 0 && addr.w2 >>> 0 === 0xffff) {
      return v4Value(addr.w3 >>> 0);
    }
    return v6Value(addr);
  }
  const v4 = parseV4(text);
  return v4 < 0 ? undefined : v4Value(v4);
}

/**
 * Go `net.IP.String()`: dotted quad for IPv4, RFC 5952 for IPv6.
 *
 * @example
 * ```ts
 * formatIp(parseIpSloppy('2001:DB8::0:1')!); // '2001:db8::1'
 * ```
 */
export function formatIp(ip: IpValue): string {
  if (ip.addr !== null) return formatAddr(ip.addr);
  const v = ip.v4;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

function maskWord(word: number, bitsInWord: number): number {
  if (bitsInWord <= 0) return 0;
  if (bitsInWord >= 32) return word >>> 0;
  return (word & ~(0xffffffff >>> bitsInWord)) >>> 0;
}

/**
 * Go `netutils.ParseCIDRSloppy` (masked network); undefined for bad text. IPv6 text (IPv4-mapped
 * included) stays IPv6 with a 128-bit length.
 *
 * @example
 * ```ts
 * formatCidr(parseCidrSloppy('203.0.113.7/25')!); // '203.0.113.0/25'
 * ```
 */
export function parseCidrSloppy(text: unknown): CidrValue | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addrText = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (addrText.includes(':')) {
    const hex = v6Text(addrText);
    if (hex === undefined || bits > 128) return undefined;
    const r = safeParsePrefix(`${hex}/${bits}`, { strict: false });
    return r.ok ? v6Cidr(r.value) : undefined;
  }
  const v4 = parseV4(addrText);
  if (v4 < 0 || bits > 32) return undefined;
  return { addr: v4Value(maskWord(v4, bits)), bits };
}

function v6Cidr(prefix: Prefix): CidrValue {
  return { addr: v6Value(prefix.addr), bits: prefix.bits };
}

/**
 * Whether `cidr` contains `ip` (families must match); text arguments are parsed sloppily first
 * (false when either does not parse).
 *
 * @example
 * ```ts
 * cidrContains(parseCidrSloppy('10.0.0.0/8')!, parseIpSloppy('10.1.2.3')!); // true
 * cidrContains('fd00::/8', 'fd12::1'); // true
 * ```
 */
export function cidrContains(cidr: CidrValue | string, ip: IpValue | string): boolean {
  const c = typeof cidr === 'string' ? parseCidrSloppy(cidr) : cidr;
  const a = typeof ip === 'string' ? parseIpSloppy(ip, true) : ip;
  if (c === undefined || a === undefined || c.addr.family !== a.family) return false;
  const bits = c.bits;
  if (a.family === 4) return maskWord(a.v4, bits) === c.addr.v4;
  return (
    maskWord(a.w[0], bits) === c.addr.w[0] &&
    maskWord(a.w[1], bits - 32) === c.addr.w[1] &&
    maskWord(a.w[2], bits - 64) === c.addr.w[2] &&
    maskWord(a.w[3], bits - 96) === c.addr.w[3]
  );
}

/**
 * Go `(*net.IPNet).String()`.
 *
 * @example
 * ```ts
 * formatCidr(parseCidrSloppy('fd00:10::1/64')!); // 'fd00:10::/64'
 * ```
 */
export function formatCidr(cidr: CidrValue): string {
  return `${formatIp(cidr.addr)}/${cidr.bits}`;
}

/**
 * Whether the address is a loopback address (127.0.0.0/8 or ::1).
 *
 * @example
 * ```ts
 * isLoopback(parseIpSloppy('127.0.0.53')!); // true
 * ```
 */
export function isLoopback(ip: IpValue): boolean {
  if (ip.family === 4) return ip.v4 >>> 24 === 127;
  return ip.w[0] === 0 && ip.w[1] === 0 && ip.w[2] === 0 && ip.w[3] === 1;
}

/**
 * Orders addresses numerically (IPv4 before IPv6).
 *
 * @example
 * ```ts
 * compareIp(parseIpSloppy('10.0.0.2')!, parseIpSloppy('10.0.0.10')!); // -1
 * ```
 */
export function compareIp(a: IpValue, b: IpValue): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.family === 4) return a.v4 === b.v4 ? 0 : a.v4 < b.v4 ? -1 : 1;
  for (let i = 0; i < 4; i++) {
    const d = (a.w[i] as number) - (b.w[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Canonical text of an address as the ipvs and nftables modes print it (IPv4-mapped stays
 * `::ffff:a.b.c.d`, as `inet_ntop` prints it), or null when it does not parse.
 *
 * @example
 * ```ts
 * canonicalIp('10.180.00.001'); // '10.180.0.1'
 * ```
 */
export function canonicalIp(text: string): string | null {
  const ip = parseIpSloppy(text, true);
  return ip === undefined ? null : formatIp(ip);
}

/**
 * Family of an address text, or null.
 *
 * @example
 * ```ts
 * ipFamily('fd00::1'); // 6
 * ```
 */
export function ipFamily(text: string): 4 | 6 | null {
  return parseIpSloppy(text, true)?.family ?? null;
}

/**
 * Canonical `network/bits` text of a CIDR, or null.
 *
 * @example
 * ```ts
 * canonicalCidr('1.2.3.4/16'); // '1.2.0.0/16'
 * ```
 */
export function canonicalCidr(text: string): string | null {
  const c = parseCidrSloppy(text);
  return c === undefined ? null : formatCidr(c);
}

/**
 * Go's text for an address that parsed as `ip`: the input itself when it already is canonical
 * dotted-quad IPv4 (the common case, no new string), else {@link formatIp}.
 *
 * @example
 * ```ts
 * ipText('10.0.0.1', parseIpSloppy('10.0.0.1')!); // '10.0.0.1' (same string)
 * ipText('10.0.00.1', parseIpSloppy('10.0.00.1')!); // '10.0.0.1'
 * ```
 */
export function ipText(text: string, ip: IpValue): string {
  if (ip.family !== 4) return formatIp(ip);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) return formatIp(ip); // ':' (IPv4-mapped IPv6 text)
    if (c === 48 && (i === 0 || text.charCodeAt(i - 1) === 46)) {
      const next = text.charCodeAt(i + 1);
      if (next >= 48 && next <= 57) return formatIp(ip); // leading zero
    }
  }
  return text;
}
