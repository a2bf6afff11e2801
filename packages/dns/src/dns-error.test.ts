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
