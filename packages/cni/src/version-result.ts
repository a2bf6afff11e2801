import { CNI_VERSIONS } from './cni-version.ts';
import { requireString, requireStringArray } from './internal/input.ts';
import type { CniVersionResult } from './result-schema.ts';

/**
 * The VERSION command's output: the request's `cniVersion` (default the current spec) and the
 * versions the plugin supports (default every version the Go library knows, as most plugins
 * declare with `version.All`).
 *
 * @example
 * ```ts
 * versionResult('1.1.0');
 * // { cniVersion: '1.1.0', supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] }
 * ```
 */
export function versionResult(
  cniVersion = '1.1.0',
  supportedVersions: readonly string[] = CNI_VERSIONS,
): CniVersionResult {
  requireString(cniVersion, 'cniVersion', ['cniVersion']);
  return {
    cniVersion,
    supportedVersions: requireStringArray(supportedVersions, 'supportedVersions', ['supportedVersions']),
  };
}
