/**
 * Guards for caller input that is not what the types say: values described without calling any of
 * their own methods (no `toString`/`valueOf`, no getters, no `JSON.stringify` of unknown values),
 * and option objects read one known key at a time so a throwing getter becomes a coded error.
 *
 * @internal
 */
import type { PathSegment } from '@podnet/ip';
import { CniError } from '../cni-error.ts';

const MAX_SHOWN = 64;

/**
 * The kind of a value for messages: `null`, `array`, or its `typeof`.
 *
 * @example
 * ```ts
 * kindOf([1]); // 'array'
 * ```
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (isArraySafe(value)) return 'array';
  return typeof value;
}

/**
 * A short description of any value that never throws and never runs caller code: strings are
 * quoted (cut at 64 characters), numbers, booleans and bigints printed, symbols by description,
 * objects and arrays by kind only.
 *
 * @example
 * ```ts
 * describeValue('eth0');           // '"eth0"'
 * describeValue(1n);               // '1n'
 * describeValue({ toString: 1 });  // 'an object'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'symbol':
      return 'a symbol';
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      return isArraySafe(value) ? 'an array' : 'an object';
  }
}

/**
 * `Array.isArray` for raw caller input: the builtin throws on a revoked proxy; such a value is no array.
 *
 * @example
 * ```ts
 * isArraySafe([]); // true
 * ```
 */
export function isArraySafe(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

function pathText(path: readonly PathSegment[], fallback: string): string {
  return path.length > 0 ? path.join('.') : fallback;
}

/**
 * Requires a string (optionally non-empty), else `INVALID_ARGUMENT` naming the value and its path.
 *
 * @example
 * ```ts
 * requireString('c1', 'containerId', ['containerId'], true); // 'c1'
 * ```
 */
export function requireString(
  value: unknown,
  name: string,
  path: readonly PathSegment[] = [],
  nonEmpty = false,
  code = 'INVALID_ARGUMENT',
): string {
  if (typeof value !== 'string') {
    throw new CniError(code, `${name} must be a string, got ${describeValue(value)}`, path);
  }
  if (nonEmpty && value === '') {
    throw new CniError(code, `${name} must be a non-empty string`, path);
  }
  return value;
}

/**
 * Reads `obj[key]` (own or inherited), turning a throwing getter or proxy trap into
 * `INVALID_VALUE` with the key's path.
 *
 * @example
 * ```ts
 * readKey({ a: 1 }, 'a', ['options', 'a']); // 1
 * ```
 */
export function readKey(obj: object, key: string, path: readonly PathSegment[]): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    throw new CniError('INVALID_VALUE', `could not read "${pathText(path, key)}": its getter threw`, path);
  }
}

/**
 * A plain copy of the listed keys of an options-like object, read one at a time with
 * {@link readKey}; `undefined`/`null` read as `{}` when `optional`. Anything else that is not an
 * object (numbers, strings, arrays, functions) is `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * pickKeys({ mtu: 1400, junk: 1 }, ['mtu'], 'options'); // { mtu: 1400 }
 * ```
 */
export function pickKeys(
  value: unknown,
  keys: readonly string[],
  name: string,
  path: readonly PathSegment[] = [],
  optional = true,
): Record<string, unknown> {
  if (value === undefined || value === null) {
    if (optional) return {};
    throw new CniError('INVALID_ARGUMENT', `${name} must be an object, got ${describeValue(value)}`, path);
  }
  if (typeof value !== 'object' || isArraySafe(value)) {
    throw new CniError('INVALID_ARGUMENT', `${name} must be an object, got ${describeValue(value)}`, path);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = readKey(value, key, [...path, key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Requires an array of strings (each element read safely), else `INVALID_ARGUMENT` with the path
 * of the first bad element.
 *
 * @example
 * ```ts
 * requireStringArray(['0.4.0'], 'supportedVersions'); // ['0.4.0']
 * ```
 */
export function requireStringArray(
  value: unknown,
  name: string,
  path: readonly PathSegment[] = [],
  code = 'INVALID_ARGUMENT',
): string[] {
  if (!isArraySafe(value)) {
    throw new CniError(code, `${name} must be an array of strings, got ${describeValue(value)}`, path);
  }
  const arr = value as readonly unknown[];
  const length = readKey(arr, 'length', path) as number;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const item = readKey(arr, String(i), [...path, i]);
    out.push(requireString(item, `${name}[${i}]`, [...path, i], false, code));
  }
  return out;
}

const MAX_DEPTH = 64;
const MAX_NODES = 1_000_000;

interface Walk {
  /** The current key path, pushed and popped as the walk goes (copied only into errors). */
  readonly path: PathSegment[];
  /** The objects on the current path (at most 65, a linear scan beats a Set): a repeat is a cycle. */
  readonly ancestors: object[];
  /** Objects and arrays visited so far: shared sub-objects could otherwise blow up exponentially. */
  nodes: number;
}

function invalid(walk: Walk, message: string): never {
  throw new CniError('INVALID_VALUE', message, walk.path.slice());
}

function readAt(walk: Walk, obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return invalid(walk, `could not read "${walk.path.join('.')}": its getter threw`);
  }
}

function cleanNode(value: unknown, walk: Walk): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(walk, `non-finite number at ${walk.path.join('.')}`);
    return value;
  }
  if (typeof value !== 'object') invalid(walk, `value of type ${typeof value} is not JSON`);
  const path = walk.path;
  if (path.length > MAX_DEPTH || walk.ancestors.includes(value)) {
    invalid(walk, 'circular or too deeply nested value');
  }
  if (++walk.nodes > MAX_NODES) invalid(walk, `value too large: more than ${MAX_NODES} objects and arrays`);
  let isArray = false;
  let keys: string[] = [];
  try {
    isArray = Array.isArray(value);
    if (!isArray) keys = Object.keys(value);
  } catch {
    invalid(walk, 'could not read the value: a proxy trap threw');
  }
  walk.ancestors.push(value);
  let out: unknown;
  if (isArray) {
    const length = readAt(walk, value, 'length') as number;
    const arr: unknown[] = [];
    for (let i = 0; i < length; i++) {
      path.push(i);
      arr.push(cleanNode(readAt(walk, value, String(i)), walk));
      path.pop();
    }
    out = arr;
  } else {
    // Plain assignment is safe: `__proto__`, the only key with a setter on a fresh object, is skipped.
    const obj: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === '__proto__') continue;
      path.push(key);
      const v = readAt(walk, value, key);
      if (v !== undefined) obj[key] = cleanNode(v, walk);
      path.pop();
    }
    out = obj;
  }
  walk.ancestors.pop();
  return out;
}

/**
 * A JSON-only deep copy: drops `__proto__` keys and `undefined` values, rejects values JSON cannot
 * hold (functions, bigint, symbols, cycles, non-finite numbers), values nested deeper than 64
 * levels or with more than a million objects, and getters or proxy traps that throw, with
 * `INVALID_VALUE` and the path (after `path`, the prefix it is given). This is the guard every
 * entry point that takes outside JSON or objects runs before zod (or anything recursive) sees them.
 *
 * @example
 * ```ts
 * cleanJson({ a: [1, 'x'], __proto__: { polluted: true } }); // { a: [1, 'x'] }
 * cleanJson({ n: 1n }); // throws INVALID_VALUE at ['n']
 * ```
 */
export function cleanJson(value: unknown, path: readonly PathSegment[] = []): unknown {
  return cleanNode(value, { path: [...path], ancestors: [], nodes: 0 });
}

/** What a key holds: a leaf type, a nested shape, or (one-element tuple) an array of items. */
export type ShapeItem = 'string' | 'number' | 'boolean' | Shape | readonly [ShapeItem];

/** The expected types of the known keys of an object; unknown keys are not checked. */
export type Shape = { readonly [key: string]: ShapeItem };

function wrongType(path: readonly PathSegment[], expected: string, value: unknown, code: string): CniError {
  return new CniError(
    code,
    `invalid type for "${path.join('.')}": expected ${expected}, got ${kindOf(value)}`,
    path.slice(),
  );
}

function checkItem(value: unknown, item: ShapeItem, path: PathSegment[], code: string): void {
  if (item === 'string' || item === 'number' || item === 'boolean') {
    if (typeof value !== item) throw wrongType(path, item, value, code);
    return;
  }
  if (Array.isArray(item)) {
    if (!Array.isArray(value)) throw wrongType(path, 'array', value, code);
    const inner = (item as readonly [ShapeItem])[0];
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      checkItem(value[i], inner, path, code);
      path.pop();
    }
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw wrongType(path, 'object', value, code);
  }
  checkKeys(value as Record<string, unknown>, item as Shape, path, code);
}

function checkKeys(
  value: Readonly<Record<string, unknown>>,
  shape: Shape,
  path: PathSegment[],
  code: string,
): void {
  for (const key in shape) {
    if (!Object.hasOwn(value, key)) continue;
    const v = value[key];
    if (v === null || v === undefined) continue;
    path.push(key);
    checkItem(v, shape[key]!, path, code);
    path.pop();
  }
}

/**
 * Checks the types of the known keys of a cleaned JSON object (see {@link cleanJson}): a key that
 * is absent or `null` passes, anything else must match; the first mismatch throws `code`
 * (`INVALID_TYPE` by default) with its path.
 *
 * @example
 * ```ts
 * checkShape({ ips: [{ address: 5 }] }, { ips: [{ address: 'string' }] }, []);
 * // throws INVALID_TYPE at ['ips', 0, 'address']
 * ```
 */
export function checkShape(
  value: Readonly<Record<string, unknown>>,
  shape: Shape,
  path: readonly PathSegment[] = [],
  code = 'INVALID_TYPE',
): void {
  checkKeys(value, shape, [...path], code);
}

/**
 * A message for something caught that is not a CniError, read without running caller code.
 *
 * @example
 * ```ts
 * errorText(new TypeError('x')); // 'TypeError: x'
 * ```
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    try {
      const message = Object.getOwnPropertyDescriptor(error, 'message')?.value;
      return typeof message === 'string' ? `${error.constructor.name}: ${message}` : error.constructor.name;
    } catch {
      return 'Error';
    }
  }
  return `a thrown ${describeValue(error)}`;
}
