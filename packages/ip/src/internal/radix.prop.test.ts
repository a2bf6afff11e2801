import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { sortIndexByWords, sortPairsU32 } from './radix.ts';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
// Keys that share high bits (so passes get skipped) as well as fully random ones.
const key = fc.oneof(
  u32,
  u32.map((n) => (0x0a000000 | (n & 0xffff)) >>> 0),
  fc.constantFrom(0, 0xffffffff),
);

describe('radix sorts agree with Array.prototype.sort', () => {
  test.prop([fc.array(fc.tuple(key, u32), { maxLength: 400 })], { numRuns: 200 })('sortPairsU32', (pairs) => {
    const keys = Uint32Array.from(pairs.map((p) => p[0]));
    const vals = Uint32Array.from(pairs.map((p) => p[1]));
    sortPairsU32(keys, vals);
    const expected = [...pairs].sort((a, b) => a[0] - b[0]);
    expect([...keys]).toEqual(expected.map((p) => p[0]));
    // stable: equal keys keep their input order
    expect([...vals]).toEqual(expected.map((p) => p[1]));
  });

  test.prop([fc.array(fc.tuple(key, key, key, key), { maxLength: 400 })], { numRuns: 200 })(
    'sortIndexByWords',
    (keys) => {
      const words = new Uint32Array(keys.length * 4);
      keys.forEach((k, i) => {
        words.set(k, 4 * i);
      });
      const order = sortIndexByWords(words, keys.length);
      const cmp = (a: number[], b: number[]): number => {
        for (let w = 0; w < 4; w++) if (a[w] !== b[w]) return (a[w] as number) - (b[w] as number);
        return 0;
      };
      const sorted = [...order].map((i) => keys[i] as number[]);
      expect(sorted).toEqual([...keys].sort(cmp));
      expect(new Set(order).size).toBe(keys.length);
    },
  );
});
