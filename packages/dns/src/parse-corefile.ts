import type { Result } from '@podnet/ip';
import type { Corefile, CorefileDirective, CorefileServerBlock } from './corefile.ts';
import { DnsError } from './dns-error.ts';

interface Token {
  readonly text: string;
  readonly line: number;
  /** Line the token ends on (quoted tokens may span lines). */
  readonly endLine: number;
  readonly quoted: boolean;
}

/**
 * Deepest `{ }` nesting {@link parseCorefile} and {@link formatCorefile} accept, counting the
 * server block's own braces as level 1 (real Corefiles use 2 or 3). Deeper input is refused
 * with `COREFILE_TOO_DEEP` instead of exhausting the call stack.
 *
 * @example
 * ```ts
 * COREFILE_MAX_DEPTH; // 64
 * ```
 */
export const COREFILE_MAX_DEPTH = 64;

function tooDeep(line: number): DnsError {
  return new DnsError(
    'COREFILE_TOO_DEEP',
    `Corefile:${line} - blocks nested more than ${COREFILE_MAX_DEPTH} deep`,
    [line],
  );
}

function syntax(line: number, message: string): DnsError {
  return new DnsError('COREFILE_SYNTAX', `Corefile:${line} - ${message}`, [line]);
}

/** Caddy's lexer: white-space separated tokens, `#` comments, double quotes with `\"` escapes. */
function lex(text: string): Token[] | DnsError {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const start = line;
    let value = '';
    if (c === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i] as string;
        if (d === '\\' && text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\n') line++;
        value += d;
        i++;
      }
      if (!closed) return syntax(start, 'unterminated quoted string');
      tokens.push({ text: value, line: start, endLine: line, quoted: true });
      continue;
    }
    while (i < n) {
      const d = text[i] as string;
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n') break;
      value += d;
      i++;
    }
    tokens.push({ text: value, line: start, endLine: start, quoted: false });
  }
  return tokens;
}

function isOpen(t: Token | undefined): boolean {
  return t !== undefined && !t.quoted && t.text === '{';
}
function isClose(t: Token | undefined): boolean {
  return t !== undefined && !t.quoted && t.text === '}';
}

function parse(text: string): Corefile | DnsError {
  const lexed = lex(text);
  if (lexed instanceof DnsError) return lexed;
  const tokens = lexed;
  let pos = 0;

  // Directives until a closing brace (depth > 0) or the end of the file (braceless block).
  // `depth` is the number of open braces around the directives (0 for a braceless block).
  function directives(openLine: number, braced: boolean, depth: number): CorefileDirective[] | DnsError {
    const out: CorefileDirective[] = [];
    for (;;) {
      const t = tokens[pos];
      if (t === undefined) {
        if (braced) return syntax(openLine, "unclosed '{': expected '}' before the end of the file");
        return out;
      }
      if (isClose(t)) {
        if (!braced) return syntax(t.line, "unexpected '}'");
        pos++;
        return out;
      }
      if (isOpen(t)) return syntax(t.line, "unexpected '{': a block must follow a directive on its line");
      pos++;
      const args: string[] = [];
      let lineEnd = t.endLine;
      let block: CorefileDirective[] | undefined;
      for (;;) {
        const a = tokens[pos];
        if (a === undefined || a.line !== lineEnd || isClose(a)) break;
        if (isOpen(a)) {
          if (depth >= COREFILE_MAX_DEPTH) return tooDeep(a.line);
          pos++;
          const inner = directives(a.line, true, depth + 1);
          if (inner instanceof DnsError) return inner;
          block = inner;
          break;
        }
        args.push(a.text);
        lineEnd = a.endLine;
        pos++;
      }
      const directive: CorefileDirective =
        block === undefined ? { name: t.text, args } : { name: t.text, args, block };
      // The line is there for error messages but not enumerable, so a parsed directive still
      // deep-equals a plain `{ name, args, block? }`.
      Object.defineProperty(directive, 'line', { value: t.line, enumerable: false });
      out.push(directive);
    }
  }

  const blocks: CorefileServerBlock[] = [];
  while (pos < tokens.length) {
    const first = tokens[pos] as Token;
    if (isOpen(first)) return syntax(first.line, "expected server block keys before '{'");
    if (isClose(first)) return syntax(first.line, "unexpected '}'");
    const keys: string[] = [];
    let expectingAnother = false;
    let lineEnd = first.line;
    for (;;) {
      const t = tokens[pos];
      if (t === undefined) {
        if (expectingAnother)
          return syntax(lineEnd, 'unexpected end of file: expected another server block key');
        break;
      }
      if (keys.length > 0 && !expectingAnother && t.line !== lineEnd) break;
      if (isOpen(t)) {
        if (expectingAnother) return syntax(t.line, "expected another server block key but had '{'");
        break;
      }
      if (isClose(t)) return syntax(t.line, "unexpected '}'");
      let key = t.text;
      expectingAnother = key.endsWith(',');
      if (expectingAnother) key = key.slice(0, -1);
      for (const part of key.split(',')) if (part !== '') keys.push(part);
      lineEnd = t.endLine;
      pos++;
    }
    const open = tokens[pos];
    let body: CorefileDirective[] | DnsError;
    if (isOpen(open) && (open as Token).line === lineEnd) {
      pos++;
      body = directives((open as Token).line, true, 1);
    } else {
      if (blocks.length > 0)
        return syntax(first.line, 'a server block without braces must be the only one in the file');
      body = directives(first.line, false, 0);
    }
    if (body instanceof DnsError) return body;
    blocks.push({ keys, directives: body });
  }
  return { serverBlocks: blocks };
}

/**
 * Parses a Corefile (CoreDNS's Caddy syntax): server blocks `keys { directives }` (keys split
 * on white space and commas and kept as written), directives `name args…` one per line with an
 * optional `{ … }` block opened on the same line, `#` comments, double-quoted arguments. A file
 * with a single server block may omit its braces. Throws `DnsError` `COREFILE_SYNTAX` whose
 * message and `path` carry the line number (`Corefile:12 - unexpected '}'`), and
 * `COREFILE_TOO_DEEP` (with the line of the brace) for blocks nested deeper than
 * {@link COREFILE_MAX_DEPTH}.
 *
 * @example
 * ```ts
 * const d = parseCorefile('.:53 {\n    forward . /etc/resolv.conf\n    cache 30\n}\n').serverBlocks[0]?.directives[1];
 * // { name: 'cache', args: ['30'] }
 * d?.line; // 3
 * ```
 */
export function parseCorefile(text: string): Corefile {
  if (typeof text !== 'string') {
    throw new DnsError(
      'INVALID_INPUT',
      `Corefile must be a string, got ${text === null ? 'null' : typeof text}`,
    );
  }
  const r = parse(text);
  if (r instanceof DnsError) throw r;
  return r;
}

/**
 * Like {@link parseCorefile} but never throws.
 *
 * @example
 * ```ts
 * const r = safeParseCorefile('.:53 {\n  errors\n');
 * if (!r.ok) r.error.message; // "Corefile:1 - unclosed '{': expected '}' before the end of the file"
 * ```
 */
export function safeParseCorefile(text: unknown): Result<Corefile, DnsError> {
  if (typeof text !== 'string') {
    return {
      ok: false,
      error: new DnsError(
        'INVALID_INPUT',
        `Corefile must be a string, got ${text === null ? 'null' : typeof text}`,
      ),
    };
  }
  const r = parse(text);
  return r instanceof DnsError ? { ok: false, error: r } : { ok: true, value: r };
}
