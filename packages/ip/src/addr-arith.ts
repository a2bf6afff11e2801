import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { addWords, bigToWords, splitSafe, subWords } from './internal/words.ts';
import { IpError } from './ip-error.ts';

/**
 * The next address, or `undefined` after the family's last address. The zone is kept.
 *
 * @example
 * ```ts
 * formatAddr(addrNext(parseAddr('10.0.0.255'))!); // '10.0.1.0'
 * addrNext(parseAddr('255.255.255.255')); // undefined
 * ```
 */
export function addrNext(addr: Addr): Addr | undefined {
  return addWords(toAddr(addr, 'address'), 0, 0, 0, 1);
}

/**
 * The previous address, or `undefined` before the family's first address. The zone is kept.
 *
 * @example
 * ```ts
 * formatAddr(addrPrev(parseAddr('10.0.1.0'))!); // '10.0.0.255'
 * ```
 */
export function addrPrev(addr: Addr): Addr | undefined {
  return subWords(toAddr(addr, 'address'), 0, 0, 0, 1);
}

/**
 * `addr + n` for an integer `n` (number or bigint, may be negative). Throws `OUT_OF_RANGE` when
 * the result leaves the family's address space or `n` is not an integer.
 *
 * @example
 * ```ts
 * formatAddr(addrAdd(parseAddr('10.0.0.0'), 300)); // '10.0.1.44'
 * formatAddr(addrAdd(parseAddr('::1'), -1n)); // '::'
 * ```
 */
export function addrAdd(a: Addr, n: number | bigint): Addr {
  const addr = toAddr(a, 'address');
  let r: Addr | undefined;
  if (typeof n === 'number') {
    if (!Number.isSafeInteger(n))
      throw new IpError('OUT_OF_RANGE', `not a safe integer offset: ${describe(n)}`);
    const [hi, lo] = splitSafe(Math.abs(n));
    r = n >= 0 ? addWords(addr, 0, 0, hi, lo) : subWords(addr, 0, 0, hi, lo);
  } else if (typeof n === 'bigint') {
    const abs = n < 0n ? -n : n;
    if (abs >= 1n << 128n) r = undefined;
    else {
      const [n0, n1, n2, n3] = bigToWords(abs);
      r = n >= 0n ? addWords(addr, n0, n1, n2, n3) : subWords(addr, n0, n1, n2, n3);
    }
  } else {
    throw new IpError('OUT_OF_RANGE', `not an integer offset: ${describe(n)}`);
  }
  if (r === undefined) {
    throw new IpError(
      'OUT_OF_RANGE',
      `${formatAddr(addr)} + ${n} is outside the IPv${addr.family} address space`,
    );
  }
  return r;
}
