/**
 * Quotes a caller's value for an error message. Strings read as JSON strings (`"web"`); unlike
 * `JSON.stringify` it never throws (bigints, cycles, getters that throw) and never returns `undefined`
 * (symbols, functions, `undefined`); long text is cut at 200 characters.
 *
 * @example
 * ```ts
 * describeValue('web'); // '"web"'
 * describeValue(1n); // '1n'
 * describeValue(undefined); // 'undefined'
 * ```
 */
export function describeValue(value: unknown): string {
  let text: string;
  switch (typeof value) {
    case 'string':
      text = JSON.stringify(value);
      break;
    case 'bigint':
      text = `${value}n`;
      break;
    case 'number':
    case 'boolean':
    case 'undefined':
      text = String(value);
      break;
    case 'symbol':
      text = value.toString();
      break;
    case 'function':
      text = 'a function';
      break;
    default:
      text = value === null ? 'null' : describeObject(value as object);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describeObject(value: object): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    if (typeof text === 'string') return text;
  } catch {
    // a cycle, a throwing getter or toJSON: fall back to the object's tag
  }
  try {
    return Object.prototype.toString.call(value);
  } catch {
    return 'an object';
  }
}
