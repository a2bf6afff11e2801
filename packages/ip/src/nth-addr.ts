import type { Addr } from './addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { addWords, bigToWords, splitSafe } from './internal/words.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';

/**
 * The `n`-th address of a prefix, counting from 0 (the prefix's own address). `n` is a number or
 * a bigint; negative, non-integer or too large values throw `OUT_OF_RANGE`.
 *
 * @example
 * ```ts
 * formatAddr(nthAddr(parsePrefix('10.96.0.0/12'), 10)); // '10.96.0.10'
 * nthAddr(parsePrefix('10.0.0.0/30'), 4); // throws IpError OUT_OF_RANGE
 * ```
 */
export function nthAddr(p: Prefix, n: number | bigint): Addr {
  const prefix = toPrefix(p, 'prefix');
  const hostBits = (prefix.addr.family === 4 ? 32 : 128) - prefix.bits;
  let r: Addr | undefined;
  if (typeof n === 'number') {
    if (Number.isSafeInteger(n) && n >= 0 && n < 2 ** hostBits) {
      const [hi, lo] = splitSafe(n);
      r = addWords(prefix.addr, 0, 0, hi, lo);
    }
  } else if (typeof n === 'bigint') {
    if (n >= 0n && n < 1n << BigInt(hostBits)) {
      const [n0, n1, n2, n3] = bigToWords(n);
      r = addWords(prefix.addr, n0, n1, n2, n3);
    }
  }
  if (r === undefined) {
    throw new IpError('OUT_OF_RANGE', `address index ${describe(n)} is outside ${formatPrefix(prefix)}`);
  }
  return r;
}
