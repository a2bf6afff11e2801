import { describe, expect, it } from 'vitest';
import { DnsError, isDnsError } from './dns-error.ts';

describe('DnsError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new DnsError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DnsError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new DnsError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isDnsError(error)).toBe(true);
    expect(isDnsError(new Error('x'))).toBe(false);
    expect(isDnsError('x')).toBe(false);
  });
});

describe('isDnsError — across copies of the package', () => {
  it('accepts an Error named DnsError with a string code', () => {
    const copy = Object.assign(new Error('x'), { name: 'DnsError', code: 'X' });
    expect(isDnsError(copy)).toBe(true);
  });
  it('refuses look-alikes', () => {
    expect(isDnsError(Object.assign(new Error('x'), { name: 'DnsError', code: 5 }))).toBe(false);
    expect(isDnsError(Object.assign(new Error('x'), { name: 'DnsError' }))).toBe(false);
    expect(isDnsError(Object.assign(new Error('x'), { name: 'Other', code: 'X' }))).toBe(false);
    expect(isDnsError({ name: 'DnsError', code: 'X', message: 'x' })).toBe(false);
    expect(isDnsError(null)).toBe(false);
  });
  it('copies the path it is given', () => {
    const path = ['a', 1];
    const error = new DnsError('X', 'x', path);
    path.push('b');
    expect(error.path).toEqual(['a', 1]);
  });
});
