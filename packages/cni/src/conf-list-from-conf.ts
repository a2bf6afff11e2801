import { CniError } from './cni-error.ts';
import { cleanJson } from './internal/input.ts';
import type { NetConfList } from './net-conf-list-schema.ts';
import type { PluginConf } from './plugin-conf-schema.ts';

/**
 * Up-converts a legacy single-plugin `.conf` into a one-plugin list, as libcni's
 * `ConfListFromConf` does when no `.conflist` matches: the list takes the conf's `name` and
 * `cniVersion` (empty strings when absent) and holds the whole conf object as its only plugin.
 *
 * @example
 * ```ts
 * confListFromConf({ name: 'some-plugin', cniVersion: '0.3.1', type: 'foobar' });
 * // { name: 'some-plugin', cniVersion: '0.3.1', plugins: [{ name: 'some-plugin', cniVersion: '0.3.1', type: 'foobar' }] }
 * ```
 */
export function confListFromConf(input: PluginConf): NetConfList {
  const conf = cleanJson(input) as PluginConf;
  if (conf === null || typeof conf !== 'object' || Array.isArray(conf) || typeof conf.type !== 'string') {
    throw new CniError('INVALID_ARGUMENT', 'expected a parsed plugin configuration (see parseNetConf)');
  }
  return {
    name: typeof conf.name === 'string' ? conf.name : '',
    cniVersion: typeof conf.cniVersion === 'string' ? conf.cniVersion : '',
    plugins: [conf],
  };
}
