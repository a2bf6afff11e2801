import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.ts';

describe('describeValue', () => {
  it('quotes like JSON where JSON can', () => {
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue([1, 'a'])).toBe('[1,"a"]');
    expect(describeValue(null)).toBe('null');
  });

  it('never throws on what JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue([1n])).toBe('["1n"]');
    expect(describeValue(cyclic)).toBe('[object Object]');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
  });

  it('cuts long text', () => {
    expect(describeValue('a'.repeat(500))).toHaveLength(201);
  });
});
