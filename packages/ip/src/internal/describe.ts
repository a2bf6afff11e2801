/** A short, safe rendering of any input for error messages (never throws). */
export function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'symbol') return 'a symbol';
  return String(value);
}
