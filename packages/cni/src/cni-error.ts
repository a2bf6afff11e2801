import type { PathSegment } from '@podnet/ip';

/**
 * The error every @podnet/cni function throws. `code` is stable (SCREAMING_SNAKE_CASE) and safe to
 * branch on; `message` names the bad value; `path` locates it inside structured input.
 *
 * @example
 * ```ts
 * const error = new CniError('INVALID_INPUT', 'bad value "x"', ['spec', 0]);
 * error.code; // 'INVALID_INPUT'
 * error.path; // ['spec', 0]
 * ```
 */
export class CniError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_ADDRESS`. */
  readonly code: string;
  /** Key path from the root of a structured input to the offending field; `[]` for plain text. */
  readonly path: readonly PathSegment[];

  constructor(code: string, message: string, path: readonly PathSegment[] = []) {
    super(message);
    this.name = 'CniError';
    this.code = code;
    this.path = Object.freeze([...path]);
  }
}

/**
 * Tells whether a value is a CniError (also across copies of the package).
 *
 * @example
 * ```ts
 * isCniError(new CniError('X', 'x')); // true
 * ```
 */
export function isCniError(value: unknown): value is CniError {
  try {
    return (
      value instanceof CniError ||
      (value instanceof Error &&
        value.name === 'CniError' &&
        typeof (value as { code?: unknown }).code === 'string')
    );
  } catch {
    // a proxy trap or getter that throws: not one of ours
    return false;
  }
}
