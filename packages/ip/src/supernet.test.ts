import { describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { supernet } from './supernet.ts';

const P = (t: string) => parsePrefix(t);
const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

describe('supernet', () => {
  it('shortens by one bit by default, or to the given length', () => {
    expect(formatPrefix(supernet(P('10.1.3.0/24')))).toBe('10.1.2.0/23');
    expect(formatPrefix(supernet(P('10.1.2.0/24'), 8))).toBe('10.0.0.0/8');
    expect(formatPrefix(supernet(P('10.1.2.0/24'), 24))).toBe('10.1.2.0/24');
    expect(formatPrefix(supernet(P('10.1.2.0/24'), 0))).toBe('0.0.0.0/0');
    expect(formatPrefix(supernet(P('2001:db8::1/128')))).toBe('2001:db8::/127');
    expect(formatPrefix(supernet('10.1.3.0/24' as unknown as Prefix))).toBe('10.1.2.0/23');
  });

  it.each([
    ['0.0.0.0/0', undefined, 'no supernet /-1 of 0.0.0.0/0: the new length must be 0–0'],
    ['10.1.2.0/24', 25, 'no supernet /25 of 10.1.2.0/24: the new length must be 0–24'],
    ['10.1.2.0/24', -1, 'no supernet /-1 of 10.1.2.0/24: the new length must be 0–24'],
    ['10.1.2.0/24', 1.5, 'no supernet /1.5 of 10.1.2.0/24: the new length must be 0–24'],
    ['10.1.2.0/24', '8', 'no supernet /"8" of 10.1.2.0/24: the new length must be 0–24'],
    ['::/0', undefined, 'no supernet /-1 of ::/0: the new length must be 0–0'],
  ])('rejects %s to /%s with OUT_OF_RANGE', (prefix, bits, message) => {
    expect(() => supernet(P(prefix), bits as number | undefined)).toThrowError(fail('OUT_OF_RANGE', message));
  });

  it('names a bad prefix argument', () => {
    expect(() => supernet(undefined as unknown as Prefix)).toThrowError(
      fail('INVALID_PREFIX', 'prefix is not a prefix: undefined'),
    );
  });
});
