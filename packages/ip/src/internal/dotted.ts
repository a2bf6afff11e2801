/** Decimal text of 0–255 (constant tables: no number-to-string conversion on the hot path). */
const DEC: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => String(i)));
/** Decimal text of 0–255 followed by a dot. */
const DEC_DOT: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => `${i}.`));

/**
 * Memo of the text of each 16-bit half: `"a.b."` for the high half, `"c.d"` for the low one. Each holds at most
 * 65,536 short strings (a few MiB if every half is ever formatted), is filled lazily and never changes a result:
 * it only saves allocations. One concatenation per address instead of three, and that concatenation's parts are
 * flat strings, which halves formatting time for prefix lists (the cost that dominates merge and exclude with
 * text in and out).
 */
let hiText: (string | undefined)[] | undefined;
let loText: (string | undefined)[] | undefined;

function hiHalf(h: number): string {
  hiText ??= new Array<string | undefined>(65536).fill(undefined);
  let s = hiText[h];
  if (s === undefined) {
    s = (DEC_DOT[h >>> 8] as string) + (DEC_DOT[h & 255] as string);
    hiText[h] = s;
  }
  return s;
}

function loHalf(l: number): string {
  loText ??= new Array<string | undefined>(65536).fill(undefined);
  let s = loText[l];
  if (s === undefined) {
    s = (DEC_DOT[l >>> 8] as string) + (DEC[l & 255] as string);
    loText[l] = s;
  }
  return s;
}

/** Dotted-quad text of a uint32. */
export function dotted(n: number): string {
  return hiHalf(n >>> 16) + loHalf(n & 0xffff);
}
