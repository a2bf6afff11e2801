/**
 * Minimal IP text helpers for the DNS model: parse an IPv4/IPv6 literal the way Go's
 * `net.ParseIP` does (no zones, no leading zeros in IPv4), print it canonically (RFC 5952, as
 * Go's `IP.String`), and convert to and from reverse (`in-addr.arpa` / `ip6.arpa`) names.
 *
 * Private: the lead may later replace it with `@podnet/ip`'s parseAddr/formatAddr.
 */

/**
 * A parsed IP literal. `v4` is the uint32 value for IPv4; `groups` the eight 16-bit groups for IPv6.
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
  readonly groups: readonly number[];
}

const EMPTY: readonly number[] = [];

function parseV4(s: string, start: number, end: number): number {
  let value = 0;
  let fields = 0;
  let i = start;
  while (fields < 4) {
    const fieldStart = i;
    let n = 0;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
      i++;
      if (i - fieldStart > 3) return -1;
    }
    const len = i - fieldStart;
    if (len === 0 || n > 255) return -1;
    if (len > 1 && s.charCodeAt(fieldStart) === 48) return -1;
    value = value * 256 + n;
    fields++;
    if (fields < 4) {
      if (i >= end || s.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  return i === end ? value : -1;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function parseV6(s: string): number[] | null {
  const end = s.length;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (end < 2) return null;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return null;
    gap = 0;
    i = 2;
    if (i === end) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < end) {
    if (groups.length >= 8) return null;
    // Embedded IPv4 in the last 32 bits.
    let j = i;
    let n = 0;
    while (j < end) {
      const h = hexVal(s.charCodeAt(j));
      if (h < 0) break;
      n = n * 16 + h;
      j++;
      if (j - i > 4) return null;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      if (groups.length > 6) return null;
      const v4 = parseV4(s, i, end);
      if (v4 < 0) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
      i = end;
      break;
    }
    if (j === i) return null;
    groups.push(n);
    i = j;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return null;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return null;
      gap = groups.length;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return null;
    }
  }
  if (gap < 0) return groups.length === 8 ? groups : null;
  if (groups.length > 7) return null;
  const out = groups.slice(0, gap);
  for (let k = groups.length; k < 8; k++) out.push(0);
  for (let k = gap; k < groups.length; k++) out.push(groups[k] as number);
  return out;
}

/**
 * Formats IPv6 groups per RFC 5952 (lower case, longest run of two or more zero groups
 * compressed, the first on a tie), as Go's `IP.String` does.
 */
export function formatV6(groups: readonly number[]): string {
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
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (groups[i] as number).toString(16);
  }
  return out;
}

/** Formats an IPv4 uint32 as dotted quad. */
export function formatV4(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/**
 * Parses an IP literal (`net.ParseIP` rules: no zone, no IPv4 leading zeros). Returns `null`
 * when the text is not an IP address.
 */
export function parseIpText(s: string): IpInfo | null {
  if (typeof s !== 'string' || s.length === 0 || s.length > 45) return null;
  if (s.indexOf(':') < 0) {
    const v4 = parseV4(s, 0, s.length);
    if (v4 < 0) return null;
    // Strict dotted quads (no leading zeros) are already canonical.
    return { family: 4, text: s, v4, groups: EMPTY };
  }
  const groups = parseV6(s);
  if (groups === null) return null;
  return { family: 6, text: formatV6(groups), v4: 0, groups };
}

/** A Map key for an address: the uint32 for IPv4 (cheap to hash), the canonical text for IPv6. */
export function ipKey(ip: IpInfo): number | string {
  return ip.family === 4 ? ip.v4 : ip.text;
}

/** The reverse-lookup name of an address, with the trailing dot. */
export function reverseName(ip: IpInfo): string {
  if (ip.family === 4) {
    const v = ip.v4;
    return `${v & 255}.${(v >>> 8) & 255}.${(v >>> 16) & 255}.${(v >>> 24) & 255}.in-addr.arpa.`;
  }
  let out = '';
  for (let g = 7; g >= 0; g--) {
    const word = ip.groups[g] as number;
    for (let k = 0; k < 4; k++) out += `${((word >> (k * 4)) & 15).toString(16)}.`;
  }
  return `${out}ip6.arpa.`;
}

/**
 * The address in a reverse name (lower case, trailing dot) or `null` when the name is not a
 * complete reverse name — as CoreDNS's `dnsutil.ExtractAddressFromReverse`.
 */
export function ipFromReverseName(name: string): string | null {
  if (name.endsWith('.in-addr.arpa.')) {
    const labels = name.slice(0, -'.in-addr.arpa.'.length).split('.');
    if (labels.length !== 4) return null;
    const ip = parseIpText(labels.reverse().join('.'));
    return ip === null ? null : ip.text;
  }
  if (name.endsWith('.ip6.arpa.')) {
    const labels = name.slice(0, -'.ip6.arpa.'.length).split('.');
    if (labels.length !== 32) return null;
    const groups: number[] = [];
    for (let g = 0; g < 8; g++) {
      let word = 0;
      for (let k = 0; k < 4; k++) {
        const label = labels[31 - (g * 4 + k)] as string;
        if (label.length !== 1) return null;
        const h = hexVal(label.charCodeAt(0));
        if (h < 0) return null;
        word = word * 16 + h;
      }
      groups.push(word);
    }
    return formatV6(groups);
  }
  return null;
}
