import { formatAddr } from './format-addr.ts';
import { dotted } from './internal/dotted.ts';
import type { Prefix } from './prefix.ts';

/**
 * Formats a prefix as `address/bits`, the address in canonical form ({@link formatAddr}).
 *
 * @example
 * ```ts
 * formatPrefix(parsePrefix('2001:DB8::/32')); // '2001:db8::/32'
 * ```
 */
export function formatPrefix(prefix: Prefix): string {
  const a = prefix.addr;
  if (a.family === 4) return dotted(a.w3) + (SLASH[prefix.bits] as string);
  return formatAddr(a) + (SLASH[prefix.bits] as string);
}

/** "/0" … "/128". */
const SLASH: readonly string[] = Object.freeze(Array.from({ length: 129 }, (_, i) => `/${i}`));
