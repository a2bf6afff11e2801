/**
 * Quotes a value from untrusted input for an error message. Unlike `JSON.stringify` it never throws (bigints,
 * cycles, symbols) and never returns `undefined`; long text is cut.
 *
 * @example
 * ```ts
 * describeValue('x'); // '"x"'
 * describeValue(10n); // '10n'
 * ```
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'symbol' || typeof value === 'function' || value === undefined)
    text = String(value);
  else {
    try {
      text =
        JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
