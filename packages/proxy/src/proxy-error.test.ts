import { describe, expect, it } from 'vitest';
import { isProxyError, ProxyError } from './proxy-error.ts';

describe('ProxyError', () => {
  it('carries a code, a message and a frozen path', () => {
    const error = new ProxyError('BAD_THING', 'bad value "x"', ['a', 1]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ProxyError');
    expect(error.code).toBe('BAD_THING');
    expect(error.message).toContain('"x"');
    expect(error.path).toEqual(['a', 1]);
    expect(Object.isFrozen(error.path)).toBe(true);
  });

  it('defaults the path to empty and is recognised by its guard', () => {
    const error = new ProxyError('X', 'x');
    expect(error.path).toEqual([]);
    expect(isProxyError(error)).toBe(true);
    expect(isProxyError(new Error('x'))).toBe(false);
    expect(isProxyError('x')).toBe(false);
  });
});

describe('isProxyError across package copies', () => {
  const foreign = (name: string, code: unknown) => Object.assign(new Error('x'), { name, code });
  it.each([
    [foreign('ProxyError', 'X'), true],
    [foreign('ProxyError', 5), false],
    [foreign('ProxyError', undefined), false],
    [foreign('DnsError', 'X'), false],
    [{ name: 'ProxyError', code: 'X', message: 'x' }, false],
    [null, false],
  ])('%o → %s', (value, want) => {
    expect(isProxyError(value)).toBe(want);
  });
});
