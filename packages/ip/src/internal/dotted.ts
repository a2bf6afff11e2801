/** Decimal text of 0–255 (constant tables: no number-to-string conversion on the hot path). */
const DEC: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => String(i)));
/** Decimal text of 0–255 followed by a dot: four concatenations per address instead of seven. */
const DEC_DOT: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => `${i}.`));

/** Dotted-quad text of a uint32. */
export function dotted(n: number): string {
  return (
    (DEC_DOT[n >>> 24] as string) +
    (DEC_DOT[(n >>> 16) & 255] as string) +
    (DEC_DOT[(n >>> 8) & 255] as string) +
    (DEC[n & 255] as string)
  );
}
