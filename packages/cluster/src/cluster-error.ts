import type { PathSegment } from '@podnet/ip';

/**
 * The error every @podnet/cluster function throws. `code` is stable (SCREAMING_SNAKE_CASE) and safe to
 * branch on; `message` names the bad value; `path` locates it inside structured input.
 *
 * @example
 * ```ts
 * const error = new ClusterError('INVALID_INPUT', 'bad value "x"', ['spec', 0]);
 * error.code; // 'INVALID_INPUT'
 * error.path; // ['spec', 0]
 * ```
 */
export class ClusterError extends Error {
  /** Stable machine-readable code, e.g. `INVALID_ADDRESS`. */
  readonly code: string;
  /** Key path from the root of a structured input to the offending field; `[]` for plain text. */
  readonly path: readonly PathSegment[];

  constructor(code: string, message: string, path: readonly PathSegment[] = []) {
    super(message);
    this.name = 'ClusterError';
    this.code = code;
    this.path = Object.freeze([...path]);
  }
}

/**
 * Tells whether a value is a ClusterError (also across copies of the package).
 *
 * @example
 * ```ts
 * isClusterError(new ClusterError('X', 'x')); // true
 * ```
 */
export function isClusterError(value: unknown): value is ClusterError {
  return (
    value instanceof ClusterError ||
    (value instanceof Error &&
      value.name === 'ClusterError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}
