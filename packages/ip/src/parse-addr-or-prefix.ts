import type { Addr } from './addr.ts';
import type { Result } from './ip-error.ts';
import { safeParseAddr } from './parse-addr.ts';
import { type ParsePrefixOptions, safeParsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';

/**
 * Like {@link parseAddrOrPrefix} but never throws.
 *
 * @example
 * ```ts
 * safeParseAddrOrPrefix('10.0.0.0/33').ok; // false
 * ```
 */
export function safeParseAddrOrPrefix(text: unknown, options?: ParsePrefixOptions): Result<Addr | Prefix> {
  if (typeof text === 'string' && text.includes('/')) return safeParsePrefix(text, options);
  return safeParseAddr(text);
}

/**
 * Parses either a prefix (text with a `/`) or a single address.
 *
 * @example
 * ```ts
 * isPrefix(parseAddrOrPrefix('10.0.0.0/8')); // true
 * isPrefix(parseAddrOrPrefix('10.0.0.1')); // false
 * ```
 */
export function parseAddrOrPrefix(text: string, options?: ParsePrefixOptions): Addr | Prefix {
  const r = safeParseAddrOrPrefix(text, options);
  if (!r.ok) throw r.error;
  return r.value;
}
