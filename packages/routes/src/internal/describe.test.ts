import { expect, describe as group, it } from 'vitest';
import { describe } from './describe.ts';

group('describe (error-message quoting)', () => {
  it.each([
    ['x', '"x"'],
    ['', '""'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object'],
    [5n, '5n'],
    [5, '5'],
    [true, 'true'],
  ] as const)('%s → %s', (value, text) => {
    expect(describe(value)).toBe(text);
  });
});
