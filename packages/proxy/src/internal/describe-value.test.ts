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

describe('describeValue edges', () => {
  it('cuts after 200 characters only, marking the cut with an ellipsis', () => {
    // JSON adds two quotes: 198 letters print as exactly 200 characters.
    expect(describeValue('a'.repeat(198))).toBe(`"${'a'.repeat(198)}"`);
    expect(describeValue('a'.repeat(199))).toBe(`"${'a'.repeat(199)}`.slice(0, 200) + '…');
    expect(describeValue('a'.repeat(500))).toBe(`"${'a'.repeat(199)}…`);
  });

  it('prints functions and values JSON drops with String()', () => {
    expect(describeValue(() => 1)).toBe('() => 1');
    expect(describeValue({ toJSON: () => undefined })).toBe('[object Object]');
    expect(describeValue(Number.NaN)).toBe('null');
    expect(describeValue({ a: 1n })).toBe('{"a":"1n"}');
  });
});
