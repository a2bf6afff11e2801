import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import type { IptablesLine, Ruleset } from './ruleset.ts';

const withLines = (lines: readonly unknown[]): Ruleset => ({
  tables: [{ name: 'nat', before: [], header: '*nat', lines: lines as IptablesLine[], commit: 'COMMIT' }],
  trailer: [],
  finalNewline: true,
});

function thrown(f: () => unknown): ProxyError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProxyError) return e;
    throw e;
  }
  throw new Error('expected a ProxyError');
}

describe('formatIptablesSave', () => {
  it('prints leading lines, each table, COMMIT and the trailer, with the final newline only when there was one', () => {
    const dump = '# Generated\n*nat\n:KUBE-A - [0:0]\n-A KUBE-A -j RETURN\nCOMMIT\n# Completed';
    expect(formatIptablesSave(parseIptablesSave(dump))).toBe(dump);
    expect(formatIptablesSave(parseIptablesSave(`${dump}\n`))).toBe(`${dump}\n`);
    expect(formatIptablesSave(parseIptablesSave(dump.replaceAll('\n', '\r\n')))).toBe(
      dump.replaceAll('\n', '\r\n'),
    );
  });

  it('an empty ruleset is empty text, even with finalNewline', () => {
    expect(formatIptablesSave({ tables: [], trailer: [], finalNewline: true })).toBe('');
    expect(formatIptablesSave({ tables: [], trailer: [], finalNewline: false })).toBe('');
    expect(formatIptablesSave({ tables: [], trailer: ['# x'], finalNewline: true })).toBe('# x\n');
  });

  it('prints "other" lines, which have no chain', () => {
    expect(formatIptablesSave(withLines([{ kind: 'other', text: '# c' }]))).toBe('*nat\n# c\nCOMMIT\n');
  });

  it('refuses a bad line with its place in the ruleset', () => {
    const cases: readonly [unknown, string, readonly (string | number)[]][] = [
      [null, 'ruleset.tables[0].lines[1] must be a line object with a text', ['tables', 0, 'lines', 1]],
      [
        '-A X -j Y',
        'ruleset.tables[0].lines[1] must be a line object with a text',
        ['tables', 0, 'lines', 1],
      ],
      [
        { kind: 'rule', chain: 'X', text: 5 },
        'ruleset.tables[0].lines[1] must be a line object with a text',
        ['tables', 0, 'lines', 1],
      ],
      [
        { kind: 'rule', text: '-A X -j Y' },
        'ruleset.tables[0].lines[1].chain must be a string',
        ['tables', 0, 'lines', 1, 'chain'],
      ],
      [
        { kind: 'chain', chain: 7, text: ':X - [0:0]' },
        'ruleset.tables[0].lines[1].chain must be a string',
        ['tables', 0, 'lines', 1, 'chain'],
      ],
    ];
    for (const [line, message, path] of cases) {
      const e = thrown(() => formatIptablesSave(withLines([{ kind: 'other', text: '' }, line])));
      expect([e.code, e.message, e.path]).toEqual(['INVALID_RULESET', message, path]);
    }
  });

  it('refuses what is not a ruleset, naming it "ruleset"', () => {
    const e = thrown(() => formatIptablesSave([] as never));
    expect([e.code, e.message]).toEqual(['INVALID_RULESET', 'ruleset must be a Ruleset object']);
    expect(thrown(() => formatIptablesSave({ tables: [{ name: 'nat' }] } as never)).message).toBe(
      'ruleset.tables[0].header must be a string',
    );
  });
});
