import type { PathSegment } from '@podnet/ip';
import { ClusterError } from '../cluster-error.ts';

/** Wraps any thrown value into a ClusterError (internal). */
export function toClusterError(error: unknown): ClusterError {
  if (error instanceof ClusterError) return error;
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
    const e = error as Error & { code: string; path?: readonly PathSegment[] };
    return new ClusterError(e.code, e.message, Array.isArray(e.path) ? e.path : []);
  }
  if (error instanceof RangeError) {
    return new ClusterError('TOO_DEEP', `input too deep or too large: ${error.message}`);
  }
  return new ClusterError('INTERNAL', error instanceof Error ? error.message : String(error));
}
