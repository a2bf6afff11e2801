import type { PathSegment } from '@podnet/ip';
import { z } from 'zod';
import { CniError } from '../cni-error.ts';
import { parseCidr, parseIp } from './ip.ts';

/** `^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$` — network names and container IDs (`pkg/utils` `cniValidNameChars`). */
export const VALID_NAME: RegExp = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const MARK = '\u0000';

/**
 * Tags a zod error message with one of our codes; {@link zodIssueToError} strips the tag again.
 * Works for every check (regex, min, refine) since it only lives in the message text.
 */
export function coded(
  code: string,
  message: string | ((iss: { input?: unknown }) => string),
): {
  error: (iss: { input?: unknown }) => string;
} {
  return {
    error: (iss) => `${MARK}${code}${MARK}${typeof message === 'string' ? message : message(iss)}`,
  };
}

/** A custom zod issue carrying our error code in `params.code`. */
export function issue(
  ctx: z.RefinementCtx,
  code: string,
  message: string,
  path: readonly PathSegment[] = [],
): void {
  ctx.addIssue({ code: 'custom', message, path: [...path], params: { code } });
}

export const ipString: z.ZodString = z.string().refine(
  (s) => parseIp(s) !== null,
  coded('INVALID_ADDRESS', (iss) => `invalid IP address: ${String(iss.input)}`),
);

export const cidrString: z.ZodString = z.string().refine(
  (s) => parseCidr(s) !== null,
  coded('INVALID_CIDR', (iss) => `invalid CIDR address: ${String(iss.input)}`),
);

export const semverString: z.ZodString = z.string().regex(
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/,
  coded(
    'INVALID_VERSION',
    (iss) => `invalid version ${JSON.stringify(iss.input)}: expected a semantic version such as "1.1.0"`,
  ),
);

/** A plugin or IPAM binary name: non-empty, no path separators. */
export const binaryName: z.ZodString = z
  .string()
  .min(1, coded('MISSING_FIELD', "missing 'type'"))
  .refine(
    (s) => !s.includes('/') && !s.includes('\\'),
    coded(
      'INVALID_VALUE',
      (iss) => `invalid binary name ${JSON.stringify(iss.input)}: must not contain / or \\`,
    ),
  );

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return { found: false, value: undefined };
    if (!Object.hasOwn(cur, key)) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

/** `JSON.stringify` for a message, cut at 100 characters; '' when the value has no JSON form. */
function shortJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return '';
  }
  if (text === undefined) return '';
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Turns the first zod issue into a CniError with a stable code and the full key path. */
export function zodIssueToError(
  error: z.ZodError,
  input: unknown,
  prefix: readonly PathSegment[] = [],
): CniError {
  const first = error.issues[0];
  if (first === undefined) return new CniError('INVALID_VALUE', 'invalid value', prefix);
  const path: PathSegment[] = [
    ...prefix,
    ...first.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as PathSegment))),
  ];
  const at = valueAt(input, first.path);
  const key = path.length > 0 ? path.join('.') : 'value';
  if (first.message.startsWith(MARK)) {
    const end = first.message.indexOf(MARK, 1);
    return new CniError(first.message.slice(1, end), first.message.slice(end + 1), path);
  }
  const params = (first as { params?: { code?: unknown } }).params;
  if (params && typeof params.code === 'string') return new CniError(params.code, first.message, path);
  if (first.code === 'invalid_type') {
    if (!at.found || at.value === undefined) {
      return new CniError('MISSING_FIELD', `missing required field "${key}"`, path);
    }
    return new CniError(
      'INVALID_TYPE',
      `invalid type for "${key}": expected ${first.expected}, got ${typeName(at.value)} ${shortJson(at.value)}`.trim(),
      path,
    );
  }
  if (first.code === 'unrecognized_keys') {
    return new CniError('UNKNOWN_FIELD', `unknown field(s) ${first.keys.join(', ')} in "${key}"`, [
      ...path,
      first.keys[0] ?? '',
    ]);
  }
  return new CniError('INVALID_VALUE', `invalid value for "${key}": ${first.message}`, path);
}

/** Reads JSON text or an already-parsed value; a string that is not JSON throws `INVALID_JSON`. */
export function readJsonInput(json: unknown): unknown {
  if (typeof json !== 'string') return json;
  try {
    return JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CniError('INVALID_JSON', `error parsing configuration: ${detail}`);
  }
}

/** Asserts a plain JSON object at the root. */
export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CniError('INVALID_TYPE', `${what} must be a JSON object, got ${typeName(value)}`);
  }
  return value as Record<string, unknown>;
}

export { typeName };
