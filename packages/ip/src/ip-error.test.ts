import { describe, expect, it } from 'vitest';
import { IpError, isIpError } from './ip-error.ts';

describe('IpError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new IpError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IpError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new IpError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isIpError(error)).toBe(true);
    expect(isIpError(new Error('x'))).toBe(false);
    expect(isIpError('x')).toBe(false);
  });
});

describe('isIpError', () => {
  it('recognises an IpError from another copy of the package by name and string code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'IpError', code: 'X' });
    expect(isIpError(foreign)).toBe(true);
    expect(isIpError(Object.assign(new Error('x'), { name: 'IpError', code: 1 }))).toBe(false);
    expect(isIpError(Object.assign(new Error('x'), { name: 'OtherError', code: 'X' }))).toBe(false);
    expect(isIpError(Object.assign(new Error('x'), { name: 'IpError' }))).toBe(false);
    expect(isIpError({ name: 'IpError', code: 'X', message: 'x' })).toBe(false);
    expect(isIpError(null)).toBe(false);
  });

  it('ignores a path that is not an array', () => {
    expect(new IpError('X', 'x', 'a' as never).path).toEqual([]);
    const path = ['a'];
    const error = new IpError('X', 'x', path);
    path.push('b');
    expect(error.path).toEqual(['a']);
  });
});
