import { formatPrefix } from './format-prefix.ts';
import { toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { makeAddr } from './internal/make-addr.ts';
import { addWords, bigToWords } from './internal/words.ts';
import { IpError } from './ip-error.ts';
import { makePrefix, type Prefix } from './prefix.ts';

function checkNewBits(prefix: Prefix, newBits: number): number {
  const width = prefix.addr.family === 4 ? 32 : 128;
  if (!Number.isInteger(newBits) || newBits < prefix.bits || newBits > width) {
    throw new IpError(
      'OUT_OF_RANGE',
      `cannot split ${formatPrefix(prefix)} into /${describe(newBits)} subnets: the new length must be ${prefix.bits}–${width}`,
    );
  }
  return width;
}

/** [n0..n3] words of 2^k. */
function pow2Words(k: number): [number, number, number, number] {
  const w: [number, number, number, number] = [0, 0, 0, 0];
  w[3 - Math.floor(k / 32)] = 2 ** (k % 32);
  return w;
}

/**
 * The subnets of `prefix` with the absolute length `newBits`, in address order. Lazy: splitting an
 * IPv6 /32 into /128s starts at once. Throws `OUT_OF_RANGE` (eagerly) when `newBits` is shorter
 * than the prefix or longer than the family allows.
 *
 * @example
 * ```ts
 * [...subnets(parsePrefix('10.0.0.0/23'), 24)].map(formatPrefix); // ['10.0.0.0/24', '10.0.1.0/24']
 * ```
 */
export function subnets(p: Prefix, newBits: number): Iterable<Prefix> {
  const prefix = toPrefix(p, 'prefix');
  const width = checkNewBits(prefix, newBits);
  const [s0, s1, s2, s3] = pow2Words(width - newBits);
  const total = newBits - prefix.bits;
  return {
    *[Symbol.iterator](): Iterator<Prefix> {
      let cur = prefix.addr;
      // 2^total subnets, counted with a number while that is exact (up to 2^52).
      if (total <= 52) {
        const count = 2 ** total;
        for (let i = 1; ; i++) {
          yield makePrefix(cur, newBits);
          // stop before stepping past the last subnet (which may end the address space)
          if (i === count) return;
          cur = addWords(cur, s0, s1, s2, s3) as typeof cur;
        }
      }
      // More than 2^52 subnets: count down the ones after the first with a bigint.
      for (let left = (1n << BigInt(total)) - 1n; ; left--) {
        yield makePrefix(cur, newBits);
        if (left === 0n) return;
        cur = addWords(cur, s0, s1, s2, s3) as typeof cur;
      }
    },
  };
}

/**
 * The `n`-th (from 0) subnet of length `newBits` inside `prefix`. Throws `OUT_OF_RANGE` when
 * `newBits` is out of range or there is no such subnet.
 *
 * @example
 * ```ts
 * formatPrefix(nthSubnet(parsePrefix('10.244.0.0/16'), 24, 3)); // '10.244.3.0/24'
 * ```
 */
export function nthSubnet(p: Prefix, newBits: number, n: number | bigint): Prefix {
  const prefix = toPrefix(p, 'prefix');
  const width = checkNewBits(prefix, newBits);
  const total = newBits - prefix.bits;
  if (width === 32 && typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** total) {
    return makePrefix(makeAddr(4, 0, 0, 0, prefix.addr.w3 + n * 2 ** (32 - newBits), ''), newBits);
  }
  let idx: bigint | undefined;
  if (Number.isSafeInteger(n)) idx = BigInt(n);
  else if (typeof n === 'bigint') idx = n;
  if (idx === undefined || idx < 0n || idx >= 1n << BigInt(total)) {
    throw new IpError(
      'OUT_OF_RANGE',
      `subnet index ${describe(n)} is outside ${formatPrefix(prefix)} split into /${newBits}`,
    );
  }
  const [n0, n1, n2, n3] = bigToWords(idx << BigInt(width - newBits));
  return makePrefix(addWords(prefix.addr, n0, n1, n2, n3) as Prefix['addr'], newBits);
}
