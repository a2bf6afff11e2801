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

describe('isRoutesError across copies of the package', () => {
  it('accepts an Error named RoutesError with a string code, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { name: 'RoutesError', code: 'X' });
    expect(isRoutesError(foreign)).toBe(true);
    expect(isRoutesError(Object.assign(new Error('x'), { name: 'RoutesError' }))).toBe(false);
    expect(isRoutesError(Object.assign(new Error('x'), { name: 'RoutesError', code: 5 }))).toBe(false);
    expect(isRoutesError(Object.assign(new Error('x'), { name: 'IpError', code: 'X' }))).toBe(false);
    expect(isRoutesError({ name: 'RoutesError', code: 'X', message: 'x' })).toBe(false);
    expect(isRoutesError(null)).toBe(false);
  });
});
