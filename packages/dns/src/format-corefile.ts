import type { Corefile, CorefileDirective } from './corefile.ts';
import { DnsError } from './dns-error.ts';
import { describeValue } from './internal/describe.ts';
import { COREFILE_MAX_DEPTH } from './parse-corefile.ts';

/**
 * Options of {@link formatCorefile}.
 *
 * @example
 * ```ts
 * formatCorefile(parseCorefile(defaultCorefile()), { indent: 2 });
 * ```
 */
export interface FormatCorefileOptions {
  /** Spaces per nesting level, 0 to 16; default 4. */
  readonly indent?: number | undefined;
}

function quote(arg: string): string {
  if (arg !== '' && !/[\s"#{}]/.test(arg)) return arg;
  return `"${arg.replaceAll('"', '\\"')}"`;
}

function isDirective(d: unknown): d is CorefileDirective {
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof (d as CorefileDirective).name === 'string' &&
    Array.isArray((d as CorefileDirective).args)
  );
}

function writeDirectives(
  list: readonly CorefileDirective[],
  depth: number,
  indent: number,
  path: (string | number)[],
): string {
  let out = '';
  const pad = ' '.repeat(depth * indent);
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (!isDirective(d))
      throw new DnsError('INVALID_INPUT', 'a directive needs a string name and an args array', [...path, i]);
    if (d.name === '')
      throw new DnsError('INVALID_INPUT', 'a directive name cannot be empty', [...path, i, 'name']);
    let line = pad + quote(d.name);
    for (const a of d.args) line += ` ${quote(String(a))}`;
    if (d.block !== undefined) {
      if (!Array.isArray(d.block))
        throw new DnsError('INVALID_INPUT', 'block must be an array', [...path, i, 'block']);
      // A hand-built value can nest (or cycle) without end: refuse it before the stack runs out.
      if (depth >= COREFILE_MAX_DEPTH) {
        throw new DnsError('COREFILE_TOO_DEEP', `blocks nested more than ${COREFILE_MAX_DEPTH} deep`, [
          ...path,
          i,
          'block',
        ]);
      }
      out += `${line} {\n${writeDirectives(d.block, depth + 1, indent, [...path, i, 'block'])}${pad}}\n`;
    } else out += `${line}\n`;
  }
  return out;
}

/**
 * Writes a Corefile back as text: `keys {`, one directive per line indented by nesting level,
 * `}`; server blocks separated by a blank line. Arguments with spaces, quotes, `#` or braces
 * are double-quoted. `parseCorefile(formatCorefile(c))` gives `c` back (line numbers aside).
 * Throws `DnsError` `INVALID_INPUT` (with a `path`) for a malformed value and
 * `COREFILE_TOO_DEEP` for blocks nested deeper than {@link COREFILE_MAX_DEPTH} (or cyclic).
 *
 * @example
 * ```ts
 * formatCorefile({ serverBlocks: [{ keys: ['.:53'], directives: [{ name: 'cache', args: ['30'] }] }] });
 * // '.:53 {\n    cache 30\n}\n'
 * ```
 */
export function formatCorefile(corefile: Corefile, options: FormatCorefileOptions = {}): string {
  if (corefile === null || typeof corefile !== 'object' || !Array.isArray(corefile.serverBlocks)) {
    throw new DnsError('INVALID_INPUT', 'formatCorefile expects { serverBlocks: [...] }');
  }
  const indent: unknown = options?.indent ?? 4;
  if (typeof indent !== 'number' || !Number.isInteger(indent) || indent < 0 || indent > 16) {
    throw new DnsError(
      'INVALID_INPUT',
      `indent must be an integer from 0 to 16, got ${describeValue(indent)}`,
      ['indent'],
    );
  }
  const parts: string[] = [];
  corefile.serverBlocks.forEach((b, i) => {
    if (b === null || typeof b !== 'object' || !Array.isArray(b.keys) || !Array.isArray(b.directives)) {
      throw new DnsError('INVALID_INPUT', 'a server block needs keys and directives arrays', [
        'serverBlocks',
        i,
      ]);
    }
    if (b.keys.length === 0)
      throw new DnsError('INVALID_INPUT', 'a server block needs at least one key', [
        'serverBlocks',
        i,
        'keys',
      ]);
    parts.push(
      `${b.keys.map((k: string) => quote(String(k))).join(' ')} {\n${writeDirectives(b.directives, 1, indent, ['serverBlocks', i, 'directives'])}}\n`,
    );
  });
  return parts.join('\n');
}
