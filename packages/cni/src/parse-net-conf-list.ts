import type { Result } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { describeValue, errorText, pickKeys } from './internal/input.ts';
import { libcniValidateList, specValidateList, type ValidationMode } from './internal/validate.ts';
import { readJsonInput } from './internal/zod-common.ts';
import type { NetConfList } from './net-conf-list-schema.ts';

export type { ValidationMode } from './internal/validate.ts';

/** Options of the config parsers. */
export interface ParseOptions {
  /**
   * `spec` (default): what the spec text says, plus each known plugin's own checks (bridge VLANs,
   * portmap mark bit, host-local ranges…). `libcni`: exactly what containernetworking/cni's Go
   * library accepts when it loads a file (`NetworkConfFromBytes`): no name syntax check, optional
   * `cniVersion`, string booleans, `cniVersions` selection, no plugin-specific checks.
   */
  readonly mode?: ValidationMode;
}

/**
 * Parses and validates a network configuration list (`.conflist`), given as JSON text or an
 * already-parsed value. Throws {@link CniError} with a stable `code` and the full key `path` from the
 * root (e.g. `['plugins', 0, 'vlan']`). The result is a fresh copy; unknown keys pass through.
 *
 * @example
 * ```ts
 * const list = parseNetConfList('{"cniVersion":"1.0.0","name":"mynet","plugins":[{"type":"bridge"}]}');
 * list.plugins[0].type; // 'bridge'
 * parseNetConfList({ name: 'n', disableCheck: 'true', plugins: [{ type: 'x' }] }, { mode: 'libcni' }).disableCheck;
 * // true
 * ```
 */
export function parseNetConfList(json: unknown, options: ParseOptions = {}): NetConfList {
  const mode = pickKeys(options, ['mode'], 'options').mode ?? 'spec';
  if (mode !== 'spec' && mode !== 'libcni') {
    throw new CniError('INVALID_ARGUMENT', `unknown validation mode ${describeValue(mode)}`, ['mode']);
  }
  const value = readJsonInput(json);
  return mode === 'libcni' ? libcniValidateList(value) : specValidateList(value);
}

/**
 * {@link parseNetConfList} returning `{ ok: true, value } | { ok: false, error }`; never throws.
 *
 * @example
 * ```ts
 * const r = safeParseNetConfList({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'bridge', vlan: 5000 }] });
 * r.ok || r.error.path; // ['plugins', 0, 'vlan']
 * ```
 */
export function safeParseNetConfList(
  json: unknown,
  options: ParseOptions = {},
): Result<NetConfList, CniError> {
  try {
    return { ok: true, value: parseNetConfList(json, options) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return {
      ok: false,
      error: new CniError('INTERNAL', errorText(error)),
    };
  }
}
