import { describe, expect, it } from 'vitest';
import { describeValue } from './describe.ts';

describe('describeValue', () => {
  it.each([
    ['x', '"x"'],
    ['', '""'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['a\nb', '"a\\nb"'],
    ['a'.repeat(60), `"${'a'.repeat(60)}"`],
    ['a'.repeat(61), `"${'a'.repeat(60)}…"`],
    [0, '0'],
    [-1.5, '-1.5'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
    [false, 'false'],
    [10n, '10n'],
    [undefined, 'undefined'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
    [null, 'null'],
    [[1], 'an array'],
    [{}, 'an object'],
    [new Date(0), 'an object'],
  ])('%s → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
