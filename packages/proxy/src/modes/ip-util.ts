/**
 * Minimal address helpers for the ipvs and nftables modes (sloppy parsing as Go's
 * `netutils.ParseIPSloppy`, RFC 5952 formatting, CIDR containment). Private; candidates to move
 * into `@podnet/ip` later.
 */

/** A parsed address: family and four 32-bit words (IPv4 uses only `w[3]`). */
export interface IpWords {
  readonly family: 4 | 6;
  readonly w: readonly [number, number, number, number];
}

function parseV4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (part.length === 0 || part.length > 3 || !/^[0-9]+$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function parseV6(text: string): [number, number, number, number] | null {
  let body = text;
  const zone = body.indexOf('%');
  if (zone >= 0) body = body.slice(0, zone);
  const lastColon = body.lastIndexOf(':');
  if (body.indexOf('.', lastColon) > lastColon) {
    const v4 = parseV4(body.slice(lastColon + 1));
    if (v4 === null) return null;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]!);
  if (head === null) return null;
  let groups: number[];
  if (halves.length === 2) {
    const rest = toGroups(halves[1]!);
    if (rest === null) return null;
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return null;
  return [
    ((groups[0]! << 16) | groups[1]!) >>> 0,
    ((groups[2]! << 16) | groups[3]!) >>> 0,
    ((groups[4]! << 16) | groups[5]!) >>> 0,
    ((groups[6]! << 16) | groups[7]!) >>> 0,
  ];
}

/**
 * Parses an IPv4 or IPv6 address (IPv4 fields may carry leading zeros, as ParseIPSloppy allows).
 *
 * @example
 * ```ts
 * parseIp('10.0.0.1')?.w[3]; // 0x0a000001
 * ```
 */
export function parseIp(text: string): IpWords | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return null;
  if (text.includes(':')) {
    const w = parseV6(text);
    return w === null ? null : { family: 6, w };
  }
  const v4 = parseV4(text);
  return v4 === null ? null : { family: 4, w: [0, 0, 0, v4] };
}

/**
 * Formats an address: dotted quad, or RFC 5952 for IPv6 (IPv4-mapped as `::ffff:a.b.c.d`).
 *
 * @example
 * ```ts
 * formatIp(parseIp('2001:DB8::0:1')!); // '2001:db8::1'
 * ```
 */
export function formatIp(ip: IpWords): string {
  if (ip.family === 4) {
    const v = ip.w[3];
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const g: number[] = [];
  for (const word of ip.w) g.push(word >>> 16, word & 0xffff);
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const v = ip.w[3];
    return `::ffff:${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (n: number): string => n.toString(16);
  if (bestStart < 0) return g.map(hex).join(':');
  const left = g.slice(0, bestStart).map(hex).join(':');
  const right = g
    .slice(bestStart + bestLen)
    .map(hex)
    .join(':');
  return `${left}::${right}`;
}

/**
 * Canonical text of an address, or `null` when it does not parse.
 *
 * @example
 * ```ts
 * canonicalIp('10.180.00.001'); // '10.180.0.1'
 * ```
 */
export function canonicalIp(text: string): string | null {
  const ip = parseIp(text);
  return ip === null ? null : formatIp(ip);
}

/**
 * Family of an address text, or `null`.
 *
 * @example
 * ```ts
 * ipFamily('fd00::1'); // 6
 * ```
 */
export function ipFamily(text: string): 4 | 6 | null {
  return parseIp(text)?.family ?? null;
}

/** A parsed CIDR: network address (host bits cleared) and prefix length. */
export interface CidrWords {
  readonly ip: IpWords;
  readonly bits: number;
}

function mask(ip: IpWords, bits: number): IpWords {
  const w: [number, number, number, number] = [ip.w[0], ip.w[1], ip.w[2], ip.w[3]];
  const offset = ip.family === 4 ? 96 : 0;
  for (let i = 0; i < 4; i++) {
    const start = i * 32 - offset;
    const keep = Math.max(0, Math.min(32, bits - start));
    if (start < 0 && ip.family === 4) continue;
    w[i] = keep === 0 ? 0 : keep === 32 ? w[i]! : (w[i]! & (0xffffffff << (32 - keep))) >>> 0;
  }
  return { family: ip.family, w };
}

/**
 * Parses `addr/bits` (host bits allowed and cleared, as Go's ParseCIDR does).
 *
 * @example
 * ```ts
 * parseCidr('1.2.3.4/16')?.bits; // 16
 * ```
 */
export function parseCidr(text: string): CidrWords | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === null || !/^[0-9]{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > (ip.family === 4 ? 32 : 128)) return null;
  return { ip: mask(ip, bits), bits };
}

/**
 * Canonical `network/bits` text of a CIDR, or `null`.
 *
 * @example
 * ```ts
 * canonicalCidr('1.2.3.4/16'); // '1.2.0.0/16'
 * ```
 */
export function canonicalCidr(text: string): string | null {
  const c = parseCidr(text);
  return c === null ? null : `${formatIp(c.ip)}/${c.bits}`;
}

/**
 * Whether `cidr` (text or parsed) contains the address `ip`.
 *
 * @example
 * ```ts
 * cidrContains('10.0.0.0/8', '10.1.2.3'); // true
 * ```
 */
export function cidrContains(cidr: string | CidrWords, ip: string | IpWords): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const a = typeof ip === 'string' ? parseIp(ip) : ip;
  if (c === null || a === null || c.ip.family !== a.family) return false;
  const m = mask(a, c.bits);
  return m.w[0] === c.ip.w[0] && m.w[1] === c.ip.w[1] && m.w[2] === c.ip.w[2] && m.w[3] === c.ip.w[3];
}

/**
 * Whether the address is a loopback address (127.0.0.0/8 or ::1).
 *
 * @example
 * ```ts
 * isLoopback(parseIp('127.0.0.1')!); // true
 * ```
 */
export function isLoopback(ip: IpWords): boolean {
  if (ip.family === 4) return ip.w[3] >>> 24 === 127;
  return ip.w[0] === 0 && ip.w[1] === 0 && ip.w[2] === 0 && ip.w[3] === 1;
}

/**
 * Orders addresses numerically (IPv4 before IPv6).
 *
 * @example
 * ```ts
 * compareIp(parseIp('10.0.0.2')!, parseIp('10.0.0.10')!); // -1
 * ```
 */
export function compareIp(a: IpWords, b: IpWords): number {
  if (a.family !== b.family) return a.family - b.family;
  for (let i = 0; i < 4; i++) {
    const d = a.w[i]! - b.w[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
