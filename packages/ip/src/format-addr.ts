import type { Addr } from './addr.ts';
import { dotted } from './internal/dotted.ts';

/**
 * Formats an address canonically: dotted quad for IPv4; RFC 5952 §4 for IPv6 (lower case, no
 * leading zeros, the longest run of two or more zero groups — the leftmost on a tie — as `::`);
 * §5 mixed notation for IPv4-mapped addresses (`::ffff:192.0.2.1`); the zone kept as `%zone`.
 *
 * @example
 * ```ts
 * formatAddr(parseAddr('2001:DB8:0:0:1:0:0:1')); // '2001:db8::1:0:0:1'
 * formatAddr(parseAddr('::ffff:c000:201')); // '::ffff:192.0.2.1'
 * ```
 */
export function formatAddr(addr: Addr): string {
  if (addr.family === 4) return dotted(addr.w3);
  const zone = addr.zone === '' ? '' : `%${addr.zone}`;
  if (addr.w0 === 0 && addr.w1 === 0 && addr.w2 === 0xffff) return `::ffff:${dotted(addr.w3)}${zone}`;
  const g = [
    addr.w0 >>> 16,
    addr.w0 & 0xffff,
    addr.w1 >>> 16,
    addr.w1 & 0xffff,
    addr.w2 >>> 16,
    addr.w2 & 0xffff,
    addr.w3 >>> 16,
    addr.w3 & 0xffff,
  ];
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && g[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      const len = i - runStart;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
      runStart = -1;
    }
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (g[i] as number).toString(16);
  }
  return out + zone;
}
