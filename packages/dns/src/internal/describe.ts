/**
 * Names an unknown value for an error message without ever throwing: strings are quoted (and
 * cut at 60 characters), numbers, booleans and bigints are written out, other values are named
 * by kind (`null`, `undefined`, `a symbol`, `an array`, `an object`, `a function`).
 * `JSON.stringify` is not safe here: it throws on a bigint and on cycles.
 *
 * @example
 * ```ts
 * describeValue(10n); // '10n'
 * describeValue(null); // 'null'
 * describeValue('x'); // '"x"'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
      return `"${cut.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${String(value)}n`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
  }
}
