import { describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { excludePrefixes, mergePrefixes } from './merge-prefixes.ts';
import { parsePrefix } from './parse-prefix.ts';

const P = (t: string) => parsePrefix(t);
const fmt = (ps: readonly Parameters<typeof formatPrefix>[0][]) => ps.map(formatPrefix);
const fail = (message: string, path: readonly (string | number)[] = []) =>
  expect.objectContaining({ code: 'INVALID_PREFIX', message, path });

describe('mergePrefixes / excludePrefixes inputs', () => {
  it('take a single prefix or prefix text as well as a list, mixing text and prefixes in any order', () => {
    expect(fmt(mergePrefixes('10.0.0.0/8' as never))).toEqual(['10.0.0.0/8']);
    expect(fmt(mergePrefixes(P('10.0.0.0/8') as never))).toEqual(['10.0.0.0/8']);
    expect(fmt(mergePrefixes([P('10.0.0.0/24'), '10.0.1.0/24', P('10.0.2.0/23')]))).toEqual(['10.0.0.0/22']);
    expect(fmt(mergePrefixes(['10.0.2.0/23', P('10.0.0.0/24'), '10.0.1.0/24']))).toEqual(['10.0.0.0/22']);
    expect(fmt(excludePrefixes(P('10.0.0.0/23'), '10.0.1.0/24'))).toEqual(['10.0.0.0/24']);
  });

  it('name the bad item and its index', () => {
    expect(() => mergePrefixes([P('10.0.0.0/8'), null as never])).toThrowError(
      fail('prefixes[1] is not a Prefix: null', [1]),
    );
    expect(() => mergePrefixes(['10.0.0.0/8', { bits: 8, addr: null } as never])).toThrowError(
      fail('prefixes[1] is not a Prefix: an object', [1]),
    );
    expect(() =>
      excludePrefixes([P('10.0.0.0/8')], [{ bits: 8, addr: { family: 5 } } as never]),
    ).toThrowError(fail('remove[0] is not a Prefix: an object', [0]));
    expect(() => excludePrefixes([{ bits: '8', addr: { family: 4 } } as never], [])).toThrowError(
      fail('base[0] is not a Prefix: an object', [0]),
    );
    expect(() => excludePrefixes([{ addr: { family: 4 } } as never], [])).toThrowError(
      fail('base[0] is not a Prefix: an object', [0]),
    );
    expect(() => mergePrefixes(42 as never)).toThrowError(
      fail('prefixes is not a Prefix or an array of them: 42'),
    );
    expect(() => excludePrefixes(null as never, [])).toThrowError(
      fail('base is not a Prefix or an array of them: null'),
    );
    expect(() => excludePrefixes([], {} as never)).toThrowError(
      fail('remove is not a Prefix or an array of them: an object'),
    );
  });

  it('accept IPv6 prefix-like objects in both families', () => {
    expect(fmt(mergePrefixes([P('fd00::/65'), P('fd00:0:0:0:8000::/65')]))).toEqual(['fd00::/64']);
  });

  it('exclude IPv6 when IPv6 is anywhere in the base', () => {
    expect(fmt(excludePrefixes(['10.0.0.0/8', 'fd00::/8'], ['fd00::/9', '10.128.0.0/9']))).toEqual([
      '10.0.0.0/9',
      'fd80::/9',
    ]);
    expect(fmt(excludePrefixes(['10.0.0.0/8'], ['fd00::/9']))).toEqual(['10.0.0.0/8']);
  });
});
