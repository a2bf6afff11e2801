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
