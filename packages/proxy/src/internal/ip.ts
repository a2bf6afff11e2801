/**
 * Private address helpers with Go `net` semantics (what kube-proxy uses): `ParseIPSloppy` accepts
 * IPv4 fields with leading zeros (read as decimal, `10.180.00.001` → `10.180.0.1`), an IPv4-mapped
 * IPv6 address is treated as IPv4, and `String()` prints RFC 5952 text. `@podnet/ip` is strict by
 * design (no leading zeros), so these stay here; the lead may move them into ip later.
 */

/** An address: IPv4 keeps `v4` (uint32); IPv6 keeps four big-endian words. */
export interface IpValue {
  readonly family: 4 | 6;
  readonly v4: number;
  readonly w: readonly [number, number, number, number];
}

/** A CIDR with its network address masked. */
export interface CidrValue {
  readonly addr: IpValue;
  readonly bits: number;
}

function parseV4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return undefined;
    let n = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      n = n * 10 + c;
    }
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value >>> 0;
}

function parseV6(text: string): [number, number, number, number] | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  const groups: number[] = [];
  let ellipsis = -1;
  let rest = text;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest.length === 0) return [0, 0, 0, 0];
  }
  const fields = rest.split(':');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (field.length === 0) {
      if (ellipsis >= 0 || i === fields.length - 1 || i === 0) {
        // allow trailing "::" as in "1::"
        if (i === fields.length - 1 && ellipsis < 0 && i > 0 && fields[i - 1] === '') {
          continue;
        }
        if (!(i === fields.length - 1 && ellipsis === groups.length)) return undefined;
        continue;
      }
      ellipsis = groups.length;
      continue;
    }
    if (field.includes('.')) {
      if (i !== fields.length - 1) return undefined;
      const v4 = parseV4(field);
      if (v4 === undefined) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
      continue;
    }
    if (field.length > 4) return undefined;
    let n = 0;
    for (let j = 0; j < field.length; j++) {
      const d = Number.parseInt(field[j] as string, 16);
      if (Number.isNaN(d)) return undefined;
      n = n * 16 + d;
    }
    groups.push(n);
  }
  if (ellipsis >= 0) {
    if (groups.length > 7) return undefined;
    const fill = new Array<number>(8 - groups.length).fill(0);
    groups.splice(ellipsis, 0, ...fill);
  }
  if (groups.length !== 8) return undefined;
  const g = groups;
  return [
    (((g[0] as number) << 16) | (g[1] as number)) >>> 0,
    (((g[2] as number) << 16) | (g[3] as number)) >>> 0,
    (((g[4] as number) << 16) | (g[5] as number)) >>> 0,
    (((g[6] as number) << 16) | (g[7] as number)) >>> 0,
  ];
}

const V4_WORDS: readonly [number, number, number, number] = [0, 0, 0xffff, 0];

/**
 * Go `netutils.ParseIPSloppy`: undefined for anything that is not an address.
 *
 * @example
 * ```ts
 * formatIp(parseIpSloppy('10.180.00.001')!); // '10.180.0.1'
 * ```
 */
export function parseIpSloppy(text: unknown): IpValue | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes(':')) {
    if (text.includes('%')) return undefined;
    const words = parseV6(text);
    if (words === undefined) return undefined;
    if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) {
      return { family: 4, v4: words[3], w: [0, 0, 0xffff, words[3]] };
    }
    return { family: 6, v4: 0, w: words };
  }
  const v4 = parseV4(text);
  if (v4 === undefined) return undefined;
  return { family: 4, v4, w: [V4_WORDS[0], V4_WORDS[1], V4_WORDS[2], v4] };
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
  if (ip.family === 4) {
    const v = ip.v4;
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const groups: number[] = [];
  for (const word of ip.w) groups.push(word >>> 16, word & 0xffff);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

function maskWord(word: number, bitsInWord: number): number {
  if (bitsInWord <= 0) return 0;
  if (bitsInWord >= 32) return word >>> 0;
  return (word & ~(0xffffffff >>> bitsInWord)) >>> 0;
}

/**
 * Go `netutils.ParseCIDRSloppy` (masked network); undefined for bad text.
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
  // Go rejects an IPv4-mapped address with a /n of IPv4 length when written as IPv6; keep it simple.
  const ip = addrText.includes(':') ? parseIpV6Raw(addrText) : parseIpSloppy(addrText);
  if (ip === undefined) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  if (bits > max) return undefined;
  if (ip.family === 4) {
    const v4 = maskWord(ip.v4, bits);
    return { addr: { family: 4, v4, w: [0, 0, 0xffff, v4] }, bits };
  }
  const w: [number, number, number, number] = [
    maskWord(ip.w[0], bits),
    maskWord(ip.w[1], bits - 32),
    maskWord(ip.w[2], bits - 64),
    maskWord(ip.w[3], bits - 96),
  ];
  return { addr: { family: 6, v4: 0, w }, bits };
}

function parseIpV6Raw(text: string): IpValue | undefined {
  if (text.includes('%')) return undefined;
  const words = parseV6(text);
  return words === undefined ? undefined : { family: 6, v4: 0, w: words };
}

/**
 * Whether `cidr` contains `ip` (families must match).
 *
 * @example
 * ```ts
 * cidrContains(parseCidrSloppy('10.0.0.0/8')!, parseIpSloppy('10.1.2.3')!); // true
 * ```
 */
export function cidrContains(cidr: CidrValue, ip: IpValue): boolean {
  if (cidr.addr.family !== ip.family) return false;
  const bits = cidr.bits;
  if (ip.family === 4) return maskWord(ip.v4, bits) === cidr.addr.v4;
  return (
    maskWord(ip.w[0], bits) === cidr.addr.w[0] &&
    maskWord(ip.w[1], bits - 32) === cidr.addr.w[1] &&
    maskWord(ip.w[2], bits - 64) === cidr.addr.w[2] &&
    maskWord(ip.w[3], bits - 96) === cidr.addr.w[3]
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
