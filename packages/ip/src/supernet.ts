import { formatPrefix } from './format-prefix.ts';
import { toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { maskAddr } from './internal/words.ts';
import { IpError } from './ip-error.ts';
import { makePrefix, type Prefix } from './prefix.ts';

/**
 * The enclosing prefix of length `newBits` (default: one bit shorter). Throws `OUT_OF_RANGE`
 * when `newBits` is negative or longer than the prefix.
 *
 * @example
 * ```ts
 * formatPrefix(supernet(parsePrefix('10.1.2.0/24'))); // '10.1.2.0/23'
 * formatPrefix(supernet(parsePrefix('10.1.2.0/24'), 8)); // '10.0.0.0/8'
 * ```
 */
export function supernet(p: Prefix, bits?: number): Prefix {
  const prefix = toPrefix(p, 'prefix');
  const newBits = bits ?? prefix.bits - 1;
  if (!Number.isInteger(newBits) || newBits < 0 || newBits > prefix.bits) {
    throw new IpError(
      'OUT_OF_RANGE',
      `no supernet /${describe(newBits)} of ${formatPrefix(prefix)}: the new length must be 0–${prefix.bits}`,
    );
  }
  return makePrefix(maskAddr(prefix.addr, newBits), newBits);
}
