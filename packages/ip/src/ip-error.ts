/** A key or array index on the way from the root of a structured input to the offending field. */
export type PathSegment = string | number;

/**
 * The error every @podnet/ip function throws. `code` is stable (SCREAMING_SNAKE_CASE) and safe to
 * branch on; `message` names the bad value; `path` locates it inside structured input.
 *
 * @example
 * ```ts
 * const error = new IpError('INVALID_INPUT', 'bad value "x"', ['spec', 0]);
 * error.code; // 'INVALID_INPUT'
 * error.path; // ['spec', 0]
 * ```
 */
export class IpError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_ADDRESS`. */
  readonly code: string;
  /** Key path from the root of a structured input to the offending field; `[]` for plain text. */
  readonly path: readonly PathSegment[];

  constructor(code: string, message: string, path: readonly PathSegment[] = []) {
    super(message);
    this.name = 'IpError';
    this.code = code;
    this.path = Object.freeze(Array.isArray(path) ? [...path] : []);
  }
}

/** The outcome of a `safeParse*` function: never throws, tells which. */
export type Result<T, E = IpError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/**
 * Tells whether a value is a IpError (also across copies of the package).
 *
 * @example
 * ```ts
 * isIpError(new IpError('X', 'x')); // true
 * ```
 */
export function isIpError(value: unknown): value is IpError {
  return (
    value instanceof IpError ||
    (value instanceof Error &&
      value.name === 'IpError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
