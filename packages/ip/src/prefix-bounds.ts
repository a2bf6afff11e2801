import type { Addr } from './addr.ts';
import { toPrefix } from './internal/coerce.ts';
import { fillAddr } from './internal/words.ts';
import type { Prefix } from './prefix.ts';

/**
 * The first address of a prefix (its network address).
 *
 * @example
 * ```ts
 * formatAddr(prefixFirst(parsePrefix('10.0.0.0/8'))); // '10.0.0.0'
 * ```
 */
export function prefixFirst(prefix: Prefix): Addr {
  return toPrefix(prefix, 'prefix').addr;
}

/**
 * The last address of a prefix (for IPv4 the broadcast address).
 *
 * @example
 * ```ts
 * formatAddr(prefixLast(parsePrefix('10.0.0.0/8'))); // '10.255.255.255'
 * ```
 */
export function prefixLast(p: Prefix): Addr {
  const prefix = toPrefix(p, 'prefix');
  return fillAddr(prefix.addr, prefix.bits);
}
