import { expect, describe as group, it } from 'vitest';
import { parseAddr } from '../parse-addr.ts';
import { describe } from './describe.ts';

group('describe (values in error messages)', () => {
  it.each([
    ['x', '"x"'],
    ['', '""'],
    ['a"b', '"a\\"b"'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{}, 'an object'],
    [12n, '12n'],
    [Symbol('s'), 'a symbol'],
    [true, 'true'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
  ])('shows %s as %s', (value, shown) => {
    expect(describe(value)).toBe(shown);
  });

  it('cuts strings after 200 characters', () => {
    expect(describe('y'.repeat(200))).toBe(`"${'y'.repeat(200)}"`);
    expect(describe('y'.repeat(201))).toBe(`"${'y'.repeat(200)}…"`);
    expect(() => parseAddr('z'.repeat(500))).toThrowError(
      expect.objectContaining({
        message: `invalid IP address "${'z'.repeat(200)}…": unexpected character "z" at position 0`,
      }),
    );
  });
});
