import type { Addr } from './addr.ts';
import { makeAddr } from './internal/make-addr.ts';
import { scanIPv4 } from './internal/scan.ts';

const HEX = '0123456789abcdef';
const V4_SUFFIX = '.in-addr.arpa.';
const V6_SUFFIX = '.ip6.arpa.';

function nibbles(word: number): string {
  let out = '';
  for (let k = 0; k < 32; k += 4) out += `${HEX[(word >>> k) & 15]}.`;
  return out;
}

/**
 * The reverse-lookup (PTR) name of an address, with the trailing dot: `d.c.b.a.in-addr.arpa.` for
 * IPv4, 32 nibbles under `ip6.arpa.` for IPv6 (RFC 1035 §3.5, RFC 3596 §2.5) — what Go's
 * `dns.ReverseAddr` and CoreDNS print. A zone is ignored.
 *
 * @example
 * ```ts
 * reverseName(parseAddr('10.96.0.10')); // '10.0.96.10.in-addr.arpa.'
 * reverseName(parseAddr('2001:db8::1')); // '1.0.0.0.…8.b.d.0.1.0.0.2.ip6.arpa.'
 * ```
 */
export function reverseName(addr: Addr): string {
  if (addr.family === 4) {
    const v = addr.w3;
    return `${v & 255}.${(v >>> 8) & 255}.${(v >>> 16) & 255}.${v >>> 24}${V4_SUFFIX}`;
  }
  return `${nibbles(addr.w3)}${nibbles(addr.w2)}${nibbles(addr.w1)}${nibbles(addr.w0)}ip6.arpa.`;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function fromV4Labels(s: string, end: number): Addr | null {
  const labels = s.slice(0, end).split('.');
  if (labels.length !== 4) return null;
  const text = `${labels[3]}.${labels[2]}.${labels[1]}.${labels[0]}`;
  const v = scanIPv4(text, 0, text.length);
  return v < 0 ? null : makeAddr(4, 0, 0, 0, v, '');
}

function fromV6Labels(s: string, end: number): Addr | null {
  // 32 one-nibble labels and their dots: exactly 63 characters.
  if (end !== 63) return null;
  const w = [0, 0, 0, 0];
  for (let i = 0; i < 32; i++) {
    if (i > 0 && s.charCodeAt(2 * i - 1) !== 46) return null;
    const h = hexDigit(s.charCodeAt(2 * i));
    if (h < 0) return null;
    const word = 3 - (i >>> 3);
    w[word] = ((w[word] as number) + h * 2 ** (4 * (i & 7))) >>> 0;
  }
  return makeAddr(6, w[0] as number, w[1] as number, w[2] as number, w[3] as number, '');
}

/**
 * The address a complete reverse name stands for, or `null` when the name is not one (a partial
 * name such as `10.in-addr.arpa.`, a bad label, another domain) — as CoreDNS's
 * `dnsutil.ExtractAddressFromReverse`. The name needs the trailing dot and a lower-case suffix;
 * nibbles may be either case.
 *
 * @example
 * ```ts
 * formatAddr(addrFromReverseName('10.0.96.10.in-addr.arpa.')!); // '10.96.0.10'
 * addrFromReverseName('0.96.10.in-addr.arpa.'); // null
 * ```
 */
export function addrFromReverseName(name: string): Addr | null {
  if (typeof name !== 'string') return null;
  if (name.endsWith(V4_SUFFIX)) return fromV4Labels(name, name.length - V4_SUFFIX.length);
  if (name.endsWith(V6_SUFFIX)) return fromV6Labels(name, name.length - V6_SUFFIX.length);
  return null;
}
