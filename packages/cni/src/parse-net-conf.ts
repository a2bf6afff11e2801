import type { Result } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { describeValue, errorText, pickKeys } from './internal/input.ts';
import { libcniValidateConf, specValidateConf } from './internal/validate.ts';
import { readJsonInput } from './internal/zod-common.ts';
import type { ParseOptions } from './parse-net-conf-list.ts';
import type { PluginConf } from './plugin-conf-schema.ts';

/** A legacy single-plugin network configuration (`.conf`): a plugin object with `name` and `cniVersion`. */
export type NetConf = PluginConf;

/**
 * Parses and validates a single-plugin network configuration (`.conf`, JSON text or a parsed
 * value) — the object a plugin receives on stdin. `spec` mode requires `cniVersion`, a valid
 * `name` and `type`, and runs the plugin's own checks; `libcni` mode only what
 * `libcni.ConfFromBytes` checks (typed well-known fields, non-empty `type`).
 *
 * @example
 * ```ts
 * parseNetConf({ cniVersion: '0.4.0', name: 'dbnet', type: 'bridge', bridge: 'cni0' }).type; // 'bridge'
 * ```
 */
export function parseNetConf(json: unknown, options: ParseOptions = {}): NetConf {
  const mode = pickKeys(options, ['mode'], 'options').mode ?? 'spec';
  if (mode !== 'spec' && mode !== 'libcni') {
    throw new CniError('INVALID_ARGUMENT', `unknown validation mode ${describeValue(mode)}`, ['mode']);
  }
  const value = readJsonInput(json);
  return mode === 'libcni' ? libcniValidateConf(value) : specValidateConf(value);
}

/**
 * {@link parseNetConf} returning a Result; never throws.
 *
 * @example
 * ```ts
 * safeParseNetConf({ cniVersion: '1.0.0', name: 'n' }).ok; // false — error.path ['type']
 * ```
 */
export function safeParseNetConf(json: unknown, options: ParseOptions = {}): Result<NetConf, CniError> {
  try {
    return { ok: true, value: parseNetConf(json, options) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return {
      ok: false,
      error: new CniError('INTERNAL', errorText(error)),
    };
  }
}
