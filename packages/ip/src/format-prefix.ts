import { formatAddr } from './format-addr.ts';
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
  return `${formatAddr(prefix.addr)}/${prefix.bits}`;
}
