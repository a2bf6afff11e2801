import { describe, expect, it } from 'vitest';
import { CniError, isCniError } from './cni-error.ts';

describe('CniError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new CniError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CniError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new CniError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isCniError(error)).toBe(true);
    expect(isCniError(new Error('x'))).toBe(false);
    expect(isCniError('x')).toBe(false);
  });
});
