import { describe, expect, it } from 'vitest';
import type { Corefile } from './corefile.ts';
import { DnsError } from './dns-error.ts';
import { formatCorefile } from './format-corefile.ts';
import { parseCorefile, safeParseCorefile } from './parse-corefile.ts';

function thrown(f: () => unknown): DnsError {
  try {
    f();
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const one = (directives: unknown[], keys: unknown[] = ['.']): Corefile =>
  ({ serverBlocks: [{ keys, directives }] }) as never;

describe('formatCorefile — layout', () => {
  it('indents each level by `indent` spaces (default 4)', () => {
    const c = one([
      { name: 'cache', args: ['30'], block: [{ name: 'disable', args: ['success', 'x'] }] },
      { name: 'errors', args: [] },
    ]);
    expect(formatCorefile(c)).toBe('. {\n    cache 30 {\n        disable success x\n    }\n    errors\n}\n');
    expect(formatCorefile(c, { indent: 2 })).toBe(
      '. {\n  cache 30 {\n    disable success x\n  }\n  errors\n}\n',
    );
    expect(formatCorefile(c, { indent: 0 })).toBe('. {\ncache 30 {\ndisable success x\n}\nerrors\n}\n');
    expect(formatCorefile(c, { indent: 16 }).split('\n')[1]).toBe(`${' '.repeat(16)}cache 30 {`);
    expect(formatCorefile(c, {})).toBe(formatCorefile(c));
    expect(formatCorefile(c, null as never)).toBe(formatCorefile(c));
    expect(formatCorefile(c, { indent: undefined })).toBe(formatCorefile(c));
  });

  it('an empty block keeps its braces; several keys are space separated; no blocks → empty text', () => {
    expect(formatCorefile(one([{ name: 'health', args: [], block: [] }], ['a:53', 'b']))).toBe(
      'a:53 b {\n    health {\n    }\n}\n',
    );
    expect(formatCorefile({ serverBlocks: [] })).toBe('');
  });

  it.each([
    ['plain', 'plain'],
    ['', '""'],
    ['a b', '"a b"'],
    ['a\tb', '"a\tb"'],
    ['a\nb', '"a\nb"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['#x', '"#x"'],
    ['{', '"{"'],
    ['}', '"}"'],
    ['a{b', '"a{b"'],
    ["it's", "it's"],
    ['a\\b', 'a\\b'],
  ])('quotes the argument %j as %s', (arg, written) => {
    expect(formatCorefile(one([{ name: 'x', args: [arg] }]))).toBe(`. {\n    x ${written}\n}\n`);
  });

  it('quotes directive names and keys as well', () => {
    expect(formatCorefile(one([{ name: 'a b', args: [] }], ['x y']))).toBe('"x y" {\n    "a b"\n}\n');
  });

  it('writes non-string args and keys with String()', () => {
    expect(formatCorefile(one([{ name: 'ttl', args: [30] }], [53]))).toBe('53 {\n    ttl 30\n}\n');
  });
});

describe('formatCorefile — bad input: code, message, path', () => {
  it.each([
    [null, 'formatCorefile expects { serverBlocks: [...] }', []],
    ['x', 'formatCorefile expects { serverBlocks: [...] }', []],
    [{}, 'formatCorefile expects { serverBlocks: [...] }', []],
    [{ serverBlocks: {} }, 'formatCorefile expects { serverBlocks: [...] }', []],
    [{ serverBlocks: [null] }, 'a server block needs keys and directives arrays', ['serverBlocks', 0]],
    [{ serverBlocks: ['x'] }, 'a server block needs keys and directives arrays', ['serverBlocks', 0]],
    [
      { serverBlocks: [{ keys: ['.'] }] },
      'a server block needs keys and directives arrays',
      ['serverBlocks', 0],
    ],
    [
      { serverBlocks: [{ directives: [] }] },
      'a server block needs keys and directives arrays',
      ['serverBlocks', 0],
    ],
    [
      {
        serverBlocks: [
          { keys: ['.'], directives: [] },
          { keys: [], directives: [] },
        ],
      },
      'a server block needs at least one key',
      ['serverBlocks', 1, 'keys'],
    ],
    [one([null]), 'a directive needs a string name and an args array', ['serverBlocks', 0, 'directives', 0]],
    [
      one([{ name: 'a' }]),
      'a directive needs a string name and an args array',
      ['serverBlocks', 0, 'directives', 0],
    ],
    [
      one([{ name: 'a', args: [] }, { args: [] }]),
      'a directive needs a string name and an args array',
      ['serverBlocks', 0, 'directives', 1],
    ],
    [
      one([{ name: '', args: [] }]),
      'a directive name cannot be empty',
      ['serverBlocks', 0, 'directives', 0, 'name'],
    ],
    [
      one([{ name: 'a', args: [], block: 'x' }]),
      'block must be an array',
      ['serverBlocks', 0, 'directives', 0, 'block'],
    ],
    [
      one([{ name: 'a', args: [], block: [{ name: 'b', args: [], block: [{ name: '', args: [] }] }] }]),
      'a directive name cannot be empty',
      ['serverBlocks', 0, 'directives', 0, 'block', 0, 'block', 0, 'name'],
    ],
  ])('%j', (value, message, path) => {
    const e = thrown(() => formatCorefile(value as never));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(message);
    expect(e.path).toEqual(path);
  });

  it.each([
    [-1, '-1'],
    [17, '17'],
    [1.5, '1.5'],
    ['4', '"4"'],
    [null, ''],
  ])('indent %j', (indent, named) => {
    if (indent === null) {
      // null reads as the default
      expect(formatCorefile(one([]), { indent: null as never })).toBe('. {\n}\n');
      return;
    }
    const e = thrown(() => formatCorefile(one([]), { indent: indent as never }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(`indent must be an integer from 0 to 16, got ${named}`);
    expect(e.path).toEqual(['indent']);
  });

  it('refuses nesting deeper than COREFILE_MAX_DEPTH at the block that goes too deep', () => {
    const nest = (levels: number) => {
      let d: { name: string; args: string[]; block?: unknown[] } = { name: 'leaf', args: [] };
      for (let i = 0; i < levels; i++) d = { name: 'a', args: [], block: [d] };
      return one([d]);
    };
    // the server block is level 1: 63 directive blocks inside it make 64 levels
    expect(() => formatCorefile(nest(63))).not.toThrow();
    const e = thrown(() => formatCorefile(nest(64)));
    expect(e.code).toBe('COREFILE_TOO_DEEP');
    expect(e.message).toBe('blocks nested more than 64 deep');
    expect(e.path).toHaveLength(3 + 2 * 64);
    expect(e.path.slice(-3)).toEqual(['block', 0, 'block']);
  });
});

describe('parseCorefile — lexer and grammar details (Caddy caddyfile lexer/parser)', () => {
  const dirs = (text: string) => parseCorefile(text).serverBlocks[0]?.directives;

  it('white space: spaces, tabs and CR separate tokens; # starts a comment to the end of the line', () => {
    expect(dirs('. {\r\n\tforward\t.  1.1.1.1 # x y\r\n  errors#not-a-comment\n}\n')).toEqual([
      { name: 'forward', args: ['.', '1.1.1.1'] },
      { name: 'errors#not-a-comment', args: [] },
    ]);
  });

  it('quoted tokens: escaped quotes, spaces and newlines kept; an argument on the next line starts a new directive', () => {
    const c = dirs('. {\n  log "a \\"b\\"\nc" d\n  x "{" "}"\n}\n');
    expect(c).toEqual([
      { name: 'log', args: ['a "b"\nc', 'd'] },
      { name: 'x', args: ['{', '}'] },
    ]);
    expect(c?.[1]?.line).toBe(4);
  });

  it('a backslash not before a quote is kept', () => {
    expect(dirs('. {\n  x "a\\b"\n}\n')).toEqual([{ name: 'x', args: ['a\\b'] }]);
  });

  it('directive lines: args end at the line end, a block opens on the same line', () => {
    expect(dirs('. {\n  a 1\n  2\n  b {\n  }\n}\n')).toEqual([
      { name: 'a', args: ['1'] },
      { name: '2', args: [] },
      { name: 'b', args: [], block: [] },
    ]);
  });

  it('a closing brace ends a directive on the same line', () => {
    expect(parseCorefile('. { errors }\n')).toEqual({
      serverBlocks: [{ keys: ['.'], directives: [{ name: 'errors', args: [] }] }],
    });
  });

  it('server block keys: commas and spaces, a trailing comma continues on the next line', () => {
    expect(parseCorefile('a.local:53,\nb.local c.local,d.local {\n}\n').serverBlocks[0]?.keys).toEqual([
      'a.local:53',
      'b.local',
      'c.local',
      'd.local',
    ]);
    expect(parseCorefile('a,,b {\n}\n').serverBlocks[0]?.keys).toEqual(['a', 'b']);
  });

  it('the brace must be on the key line; otherwise the file is one braceless block', () => {
    const r = parseCorefile('example.org\nwhoami\n');
    expect(r.serverBlocks).toEqual([{ keys: ['example.org'], directives: [{ name: 'whoami', args: [] }] }]);
  });

  it.each([
    ['.:53 {\n  errors\n', 1, "unclosed '{': expected '}' before the end of the file"],
    ['.:53 {\n  errors\n}\n}\n', 4, "unexpected '}'"],
    ['}\n', 1, "unexpected '}'"],
    ['a\n}\n', 2, "unexpected '}'"],
    ['a }\n', 1, "unexpected '}'"],
    ['{\n  errors\n}\n', 1, "expected server block keys before '{'"],
    ['.:53 {\n  log "oops\n}\n', 2, 'unterminated quoted string'],
    ['a,\n', 1, 'unexpected end of file: expected another server block key'],
    ['a,\n{\n}\n', 2, "expected another server block key but had '{'"],
    ['a {\n}\nb\nc\n', 3, 'a server block without braces must be the only one in the file'],
    ['. {\n  {\n  }\n}\n', 2, "unexpected '{': a block must follow a directive on its line"],
    ['. {\n  a\n  {\n  }\n}\n', 3, "unexpected '{': a block must follow a directive on its line"],
    ['example.org\n{\n}\n', 2, "unexpected '{': a block must follow a directive on its line"],
    ['. {\n  a {\n    b\n}\n', 1, "unclosed '{': expected '}' before the end of the file"],
    ['. {\n  a {\n    b\n', 2, "unclosed '{': expected '}' before the end of the file"],
  ])('%j → line %i: %s', (text, line, message) => {
    const e = thrown(() => parseCorefile(text));
    expect(e.code).toBe('COREFILE_SYNTAX');
    expect(e.message).toBe(`Corefile:${line} - ${message}`);
    expect(e.path).toEqual([line]);
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [5, 'number'],
    [{}, 'object'],
  ])('refuses the non-string %j', (value, kind) => {
    const e = thrown(() => parseCorefile(value as never));
    expect([e.code, e.message, e.path]).toEqual([
      'INVALID_INPUT',
      `Corefile must be a string, got ${kind}`,
      [],
    ]);
  });
});

describe('safeParseCorefile', () => {
  it.each([
    [null, 'null'],
    [7, 'number'],
    [['.'], 'object'],
  ])('returns the INVALID_INPUT error for %j', (value, kind) => {
    const r = safeParseCorefile(value);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect([r.error.code, r.error.message, r.error.path]).toEqual([
        'INVALID_INPUT',
        `Corefile must be a string, got ${kind}`,
        [],
      ]);
  });

  it('returns syntax errors and parsed files without throwing', () => {
    const bad = safeParseCorefile('. {\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.message).toBe("Corefile:1 - unclosed '{': expected '}' before the end of the file");
    expect(safeParseCorefile('. {\n errors\n}\n')).toEqual({
      ok: true,
      value: { serverBlocks: [{ keys: ['.'], directives: [{ name: 'errors', args: [] }] }] },
    });
  });
});
