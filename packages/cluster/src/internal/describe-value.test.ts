import { describe, expect, it } from 'vitest';
import { describeValue } from './describe-value.ts';

describe('describeValue: quotes any caller value for an error message, never throws', () => {
  it('strings read as JSON strings, like the messages always showed them', () => {
    expect(describeValue('web')).toBe('"web"');
    expect(describeValue('a"b')).toBe('"a\\"b"');
  });

  it('values JSON.stringify throws on or drops', () => {
    expect(describeValue(1n)).toBe('1n');
    expect(describeValue({ node: 1n })).toBe('{"node":"1n"}');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(() => 1)).toBe('a function');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(describeValue(cycle)).toBe('[object Object]');
    const hostile = {
      toJSON(): never {
        throw new Error('boom');
      },
    };
    expect(describeValue(hostile)).toBe('[object Object]');
    expect(describeValue(Object.create(null))).toBe('{}');
  });

  it('numbers, booleans and null as written; long values are cut', () => {
    expect(describeValue(5)).toBe('5');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(false)).toBe('false');
    expect(describeValue(null)).toBe('null');
    expect(describeValue('x'.repeat(500))).toHaveLength(201);
  });
});
