import { z } from 'zod';
import { coded, semverString } from './internal/zod-common.ts';
import { networkNameSchema, type PluginConf, pluginConfSchema } from './plugin-conf-schema.ts';

/** The spec versions that define network configuration lists (`.conflist`). */
export type ListSpecVersion = '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0';

/**
 * The list versions, oldest first.
 *
 * @example
 * ```ts
 * LIST_SPEC_VERSIONS[0]; // '0.3.0'
 * ```
 */
export const LIST_SPEC_VERSIONS: readonly ListSpecVersion[] = ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

/**
 * A network configuration list (`.conflist`). Keys not listed pass through unchanged. After
 * {@link parseNetConfList} in `libcni` mode, `cniVersion` is the version libcni selected and the
 * boolean flags are real booleans.
 */
export interface NetConfList {
  readonly cniVersion: string;
  /** 1.1.0: every version the list supports; the runtime picks the highest it knows. */
  readonly cniVersions?: readonly string[] | undefined;
  readonly name: string;
  /** 0.4.0+: the runtime must not call CHECK. */
  readonly disableCheck?: boolean | undefined;
  /** 1.1.0 (as amended): the runtime must not call GC. */
  readonly disableGC?: boolean | undefined;
  /** 1.1.0 (as amended): false appends plugin objects from `<confdir>/<name>/*.conf`. */
  readonly loadOnlyInlinedPlugins?: boolean | undefined;
  readonly plugins: readonly PluginConf[];
  readonly [key: string]: unknown;
}

const plugins = z.array(pluginConfSchema).min(1, coded('NO_PLUGINS', 'no plugins in list'));

const base = {
  cniVersion: semverString,
  name: networkNameSchema,
  plugins,
};

const v03 = z.looseObject(base);
const v04 = z.looseObject({ ...base, disableCheck: z.boolean().optional() });
const v10 = v04;
const v11 = z.looseObject({
  ...base,
  cniVersions: z.array(semverString).optional(),
  disableCheck: z.boolean().optional(),
  disableGC: z.boolean().optional(),
  loadOnlyInlinedPlugins: z.boolean().optional(),
});

/**
 * Zod schemas of a `.conflist` for each spec version, as the spec text defines them: `cniVersion`
 * a semantic version, `name` matching `^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$`, a non-empty `plugins` array;
 * 0.4.0 adds `disableCheck`, 1.1.0 `cniVersions`, `disableGC` and `loadOnlyInlinedPlugins`.
 * Fields a version does not define pass through unchecked.
 *
 * @example
 * ```ts
 * netConfListSchemas['1.1.0'].safeParse({ cniVersion: '1.1.0', name: 'n', plugins: [{ type: 'bridge' }] }).success;
 * // true
 * ```
 */
export const netConfListSchemas: Readonly<Record<ListSpecVersion, z.ZodType<NetConfList>>> = {
  '0.3.0': v03,
  '0.3.1': v03,
  '0.4.0': v04,
  '1.0.0': v10,
  '1.1.0': v11,
};
