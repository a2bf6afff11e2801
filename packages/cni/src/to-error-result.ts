import type { CniError } from './cni-error.ts';
import { pickKeys, requireString } from './internal/input.ts';
import type { CniErrorResult } from './result-schema.ts';

const NUMERIC: Readonly<Record<string, number>> = {
  INCOMPATIBLE_CNI_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  MISSING_CONTAINER_ID: 3,
  MISSING_ENV: 4,
  UNKNOWN_COMMAND: 4,
  INVALID_CONTAINER_ID: 4,
  INVALID_IFNAME: 4,
  INVALID_CNI_ARGS: 4,
  INVALID_JSON: 6,
  INVALID_TYPE: 7,
  MISSING_FIELD: 7,
  INVALID_VALUE: 7,
  INVALID_NAME: 7,
  INVALID_VERSION: 7,
  UNSUPPORTED_VERSION: 1,
  NO_PLUGINS: 7,
};

/**
 * The error JSON a plugin would print for a {@link CniError}: the well-known numeric code where one
 * applies (1 incompatible version, 2 unsupported field, 3 unknown container, 4 bad environment,
 * 6 undecodable config, 7 invalid network config), else 999 — skel's `ErrInternal`, which is what
 * plugins such as host-local report for their own failures.
 *
 * @example
 * ```ts
 * toErrorResult(new CniError('MISSING_ENV', 'required env variables [CNI_PATH] missing'), '1.1.0');
 * // { cniVersion: '1.1.0', code: 4, msg: 'required env variables [CNI_PATH] missing' }
 * ```
 */
export function toErrorResult(error: CniError, cniVersion: string, details?: string): CniErrorResult {
  const e = pickKeys(error, ['code', 'message'], 'error', ['error'], false);
  const name = typeof e.code === 'string' ? e.code : '';
  const msg = requireString(e.message, 'error.message', ['error', 'message']);
  requireString(cniVersion, 'cniVersion', ['cniVersion']);
  if (details !== undefined) requireString(details, 'details', ['details']);
  const code = Object.hasOwn(NUMERIC, name) ? NUMERIC[name]! : 999;
  const out: { cniVersion: string; code: number; msg: string; details?: string } = {
    cniVersion,
    code,
    msg,
  };
  if (details !== undefined && details !== '') out.details = details;
  return out;
}
