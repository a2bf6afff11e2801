/**
 * Private address helpers for @podnet/cni. They mirror the representation of `@podnet/ip`
 * (IPv4 as one uint32 in `w3`, IPv6 as four big-endian uint32 words) and exist so that host-local
 * allocation can parse, step and print addresses the way Go's `net` package does without waiting
 * for the sibling package. Candidates to move into `@podnet/ip`.
 *
 * @internal
 */

/** An IPv4 or IPv6 address as four 32-bit words; IPv4 keeps its value in `w3`. */
export interface Ip {
  readonly family: 4 | 6;
  readonly w0: number;
  readonly w1: number;
  readonly w2: number;
  readonly w3: number;
}

/** A CIDR as Go's `types.ParseCIDR` reads it: the address keeps its host bits. */
export interface Cidr {
  readonly ip: Ip;
  readonly bits: number;
}

const V4_PART = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseV4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!V4_PART.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function parseV6(text: string): Ip | null {
  if (text.length > 45 || text.length < 2) return null;
  const groups: number[] = [];
  let head = text;
  let tailV4: number | null = null;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    tailV4 = parseV4(tail);
    if (tailV4 === null) return null;
    head = text.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const doubleAt = head.indexOf('::');
  if (doubleAt !== head.lastIndexOf('::')) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!HEX_GROUP.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const maxGroups = tailV4 === null ? 8 : 6;
  if (doubleAt >= 0) {
    const left = parseGroups(head.slice(0, doubleAt));
    const right = parseGroups(head.slice(doubleAt + 2));
    if (left === null || right === null) return null;
    if (left.length + right.length > maxGroups - 1) return null;
    groups.push(...left);
    for (let i = left.length + right.length; i < maxGroups; i++) groups.push(0);
    groups.push(...right);
  } else {
    const all = parseGroups(head);
    if (all === null || all.length !== maxGroups) return null;
    groups.push(...all);
  }
  if (tailV4 !== null) groups.push(tailV4 >>> 16, tailV4 & 0xffff);
  const w = (i: number): number => (((groups[i] ?? 0) << 16) | (groups[i + 1] ?? 0)) >>> 0;
  return { family: 6, w0: w(0), w1: w(2), w2: w(4), w3: w(6) };
}

/**
 * Parses an IPv4 or IPv6 address (no zone, no leading zeros in IPv4 fields), like Go's `net.ParseIP`.
 *
 * @example
 * ```ts
 * parseIp('10.0.0.1'); // { family: 4, w0: 0, w1: 0, w2: 0, w3: 0x0a000001 }
 * ```
 */
export function parseIp(text: string): Ip | null {
  if (typeof text !== 'string') return null;
  if (text.includes(':')) return parseV6(text);
  const v4 = parseV4(text);
  return v4 === null ? null : { family: 4, w0: 0, w1: 0, w2: 0, w3: v4 };
}

/**
 * Go's `canonicalizeIP`: an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) becomes IPv4.
 *
 * @example
 * ```ts
 * canonicalIp(parseIp('::ffff:10.0.0.1')!).family; // 4
 * ```
 */
export function canonicalIp(ip: Ip): Ip {
  if (ip.family === 6 && ip.w0 === 0 && ip.w1 === 0 && ip.w2 === 0xffff) {
    return { family: 4, w0: 0, w1: 0, w2: 0, w3: ip.w3 };
  }
  return ip;
}

/**
 * Parses `ip/bits` keeping the host bits, like Go's `types.ParseCIDR`.
 *
 * @example
 * ```ts
 * parseCidr('10.1.2.3/24'); // { ip: 10.1.2.3, bits: 24 }
 * ```
 */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === null || !/^(0|[1-9][0-9]{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > (ip.family === 4 ? 32 : 128)) return null;
  return { ip, bits };
}

function hex(n: number): string {
  return n.toString(16);
}

/**
 * Prints an address like Go's `net.IP.String()` (RFC 5952 for IPv6, lower case).
 *
 * @example
 * ```ts
 * formatIp(parseIp('2001:DB8::1')!); // '2001:db8::1'
 * ```
 */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    const v = ip.w3;
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  if (ip.w0 === 0 && ip.w1 === 0 && ip.w2 === 0xffff) {
    // RFC 5952 §5: IPv4-mapped addresses keep the dotted tail.
    const v = ip.w3;
    return `::ffff:${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const g = [
    ip.w0 >>> 16,
    ip.w0 & 0xffff,
    ip.w1 >>> 16,
    ip.w1 & 0xffff,
    ip.w2 >>> 16,
    ip.w2 & 0xffff,
    ip.w3 >>> 16,
    ip.w3 & 0xffff,
  ];
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
  if (bestStart < 0) return g.map(hex).join(':');
  const left = g.slice(0, bestStart).map(hex).join(':');
  const right = g
    .slice(bestStart + bestLen)
    .map(hex)
    .join(':');
  return `${left}::${right}`;
}

function words(ip: Ip): [number, number, number, number] {
  return [ip.w0, ip.w1, ip.w2, ip.w3];
}

function fromWords(family: 4 | 6, w: readonly number[]): Ip {
  return {
    family,
    w0: (w[0] ?? 0) >>> 0,
    w1: (w[1] ?? 0) >>> 0,
    w2: (w[2] ?? 0) >>> 0,
    w3: (w[3] ?? 0) >>> 0,
  };
}

/** The 32-bit mask word for word index `i` (0..3) of a prefix of `bits` within the address width. */
function maskWord(family: 4 | 6, bits: number, i: number): number {
  const offset = family === 4 ? 96 : 0;
  const b = bits + offset - i * 32;
  if (family === 4 && i < 3) return 0xffffffff;
  if (b >= 32) return 0xffffffff;
  if (b <= 0) return 0;
  return (0xffffffff << (32 - b)) >>> 0;
}

/**
 * The network address of `ip/bits`.
 *
 * @example
 * ```ts
 * formatIp(networkOf(parseIp('10.1.2.3')!, 24)); // '10.1.2.0'
 * ```
 */
export function networkOf(ip: Ip, bits: number): Ip {
  const w = words(ip).map((x, i) => (x & maskWord(ip.family, bits, i)) >>> 0);
  if (ip.family === 4) {
    w[0] = 0;
    w[1] = 0;
    w[2] = 0;
  }
  return fromWords(ip.family, w);
}

/**
 * The last address of `ip/bits` (the IPv4 broadcast).
 *
 * @example
 * ```ts
 * formatIp(lastOf(parseIp('10.1.2.0')!, 24)); // '10.1.2.255'
 * ```
 */
export function lastOf(ip: Ip, bits: number): Ip {
  const w = words(ip).map((x, i) => (x | ~maskWord(ip.family, bits, i)) >>> 0);
  if (ip.family === 4) {
    w[0] = 0;
    w[1] = 0;
    w[2] = 0;
  }
  return fromWords(ip.family, w);
}

/**
 * Compares two addresses of the same family (-1, 0, 1); IPv4 sorts before IPv6.
 *
 * @example
 * ```ts
 * compareIp(parseIp('10.0.0.1')!, parseIp('10.0.0.2')!); // -1
 * ```
 */
export function compareIp(a: Ip, b: Ip): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1;
  if (a.w0 !== b.w0) return a.w0 < b.w0 ? -1 : 1;
  if (a.w1 !== b.w1) return a.w1 < b.w1 ? -1 : 1;
  if (a.w2 !== b.w2) return a.w2 < b.w2 ? -1 : 1;
  if (a.w3 !== b.w3) return a.w3 < b.w3 ? -1 : 1;
  return 0;
}

/**
 * Whether two addresses are equal.
 *
 * @example
 * ```ts
 * ipEquals(parseIp('::1')!, parseIp('0::1')!); // true
 * ```
 */
export function ipEquals(a: Ip, b: Ip): boolean {
  return a.family === b.family && a.w0 === b.w0 && a.w1 === b.w1 && a.w2 === b.w2 && a.w3 === b.w3;
}

/**
 * The next address (wraps at the top of the family, like Go's `ip.NextIP`).
 *
 * @example
 * ```ts
 * formatIp(nextIp(parseIp('10.0.0.255')!)); // '10.0.1.0'
 * ```
 */
export function nextIp(ip: Ip): Ip {
  if (ip.family === 4) return { family: 4, w0: 0, w1: 0, w2: 0, w3: (ip.w3 + 1) >>> 0 };
  const w = words(ip);
  for (let i = 3; i >= 0; i--) {
    const v = ((w[i] ?? 0) + 1) >>> 0;
    w[i] = v;
    if (v !== 0) break;
  }
  return fromWords(6, w);
}

/**
 * Adds a small non-negative offset (≤ 2^32) to an address.
 *
 * @example
 * ```ts
 * formatIp(addToIp(parseIp('10.0.0.0')!, 2)); // '10.0.0.2'
 * ```
 */
export function addToIp(ip: Ip, n: number): Ip {
  if (ip.family === 4) return { family: 4, w0: 0, w1: 0, w2: 0, w3: (ip.w3 + n) >>> 0 };
  const w = words(ip);
  let carry = n;
  for (let i = 3; i >= 0 && carry > 0; i--) {
    const sum = (w[i] ?? 0) + carry;
    w[i] = sum >>> 0;
    carry = Math.floor(sum / 0x100000000);
  }
  return fromWords(6, w);
}

/**
 * Whether `ip` lies inside `net/bits`.
 *
 * @example
 * ```ts
 * cidrContains(parseIp('10.0.0.0')!, 8, parseIp('10.2.3.4')!); // true
 * ```
 */
export function cidrContains(net: Ip, bits: number, ip: Ip): boolean {
  if (net.family !== ip.family) return false;
  return ipEquals(networkOf(net, bits), networkOf(ip, bits));
}

/**
 * A stable string key for an address (the formatted address).
 *
 * @example
 * ```ts
 * ipKey(parseIp('10.0.0.1')!); // '10.0.0.1'
 * ```
 */
export function ipKey(ip: Ip): string {
  return formatIp(ip);
}
