import { describe, expect, it } from 'vitest';
import { isRoutesError, RoutesError } from './routes-error.ts';

describe('RoutesError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new RoutesError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RoutesError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new RoutesError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isRoutesError(error)).toBe(true);
    expect(isRoutesError(new Error('x'))).toBe(false);
    expect(isRoutesError('x')).toBe(false);
  });
});
