import type { PathSegment } from '@podnet/ip';
import { CniError } from '../cni-error.ts';
import { CNI_VERSIONS, selectCniVersion } from '../cni-version.ts';
import { loadHostLocalConfig } from '../host-local-config.ts';
import {
  LIST_SPEC_VERSIONS,
  type ListSpecVersion,
  type NetConfList,
  netConfListSchemas,
} from '../net-conf-list-schema.ts';
import { networkNameSchema, type PluginConf, pluginConfSchema } from '../plugin-conf-schema.ts';
import { ipamConfSchemas, pluginConfSchemas } from '../plugin-schemas.ts';
import { cleanJson } from './input.ts';
import { semverString, typeName, zodIssueToError } from './zod-common.ts';

/** The two validation modes: the spec text, or what libcni's Go code accepts. */
export type ValidationMode = 'spec' | 'libcni';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prefixed(error: CniError, prefix: readonly PathSegment[]): CniError {
  return new CniError(error.code, error.message, [...prefix, ...error.path]);
}

/** Plugin-specific checks (spec mode): the plugin's own schema, then its IPAM's. */
export function checkPluginSpecifics(
  plugin: PluginConf,
  path: readonly PathSegment[],
  cniVersion: string,
): void {
  const schema = pluginConfSchemas[plugin.type];
  if (schema !== undefined) {
    const r = schema.safeParse(plugin);
    if (!r.success) throw zodIssueToError(r.error, plugin, path);
  }
  const ipam = plugin.ipam;
  if (ipam === undefined || typeof ipam.type !== 'string') return;
  const ipamSchema = ipamConfSchemas[ipam.type];
  if (ipamSchema !== undefined) {
    const r = ipamSchema.safeParse(ipam);
    if (!r.success) throw zodIssueToError(r.error, ipam, [...path, 'ipam']);
  }
  if (ipam.type === 'host-local') {
    const runtimeConfig = plugin.runtimeConfig ?? {};
    try {
      loadHostLocalConfig(ipam, { cniVersion, ipRanges: runtimeConfig.ipRanges });
    } catch (error) {
      if (error instanceof CniError) throw prefixed(error, [...path, 'ipam']);
      throw error;
    }
  }
}

function requireVersion(root: Record<string, unknown>, allowed: readonly string[]): string {
  if (!Object.hasOwn(root, 'cniVersion') || root.cniVersion === undefined) {
    throw new CniError('MISSING_FIELD', 'missing required field "cniVersion"', ['cniVersion']);
  }
  const r = semverString.safeParse(root.cniVersion);
  if (!r.success) throw zodIssueToError(r.error, root.cniVersion, ['cniVersion']);
  if (!allowed.includes(r.data)) {
    throw new CniError(
      'UNSUPPORTED_VERSION',
      `unsupported cniVersion "${r.data}": expected one of ${allowed.join(', ')}`,
      ['cniVersion'],
    );
  }
  return r.data;
}

/** Spec-mode validation of a `.conflist`. */
export function specValidateList(input: unknown): NetConfList {
  const root = cleanJson(input);
  if (!isObject(root)) {
    throw new CniError(
      'INVALID_TYPE',
      `network configuration list must be a JSON object, got ${typeName(root)}`,
    );
  }
  const version = requireVersion(root, LIST_SPEC_VERSIONS) as ListSpecVersion;
  const r = netConfListSchemas[version].safeParse(root);
  if (!r.success) throw zodIssueToError(r.error, root);
  // The schemas only check (no transforms), so the cleaned input is the value — in its own key
  // order, with every unknown key kept, as a runtime must pass it on.
  const list = root as unknown as NetConfList;
  list.plugins.forEach((plugin, i) => {
    checkPluginSpecifics(plugin, ['plugins', i], version);
  });
  return list;
}

function readBool(root: Record<string, unknown>, key: string): boolean | undefined {
  if (!Object.hasOwn(root, key)) return undefined;
  const raw = root[key];
  if (typeof raw === 'boolean') return raw;
  if (typeof raw !== 'string') {
    throw new CniError(
      'INVALID_TYPE',
      `error parsing configuration list: invalid type ${typeName(raw)} for ${key}`,
      [key],
    );
  }
  const s = raw.toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new CniError('INVALID_VALUE', `error parsing configuration list: invalid value "${s}" for ${key}`, [
    key,
  ]);
}

function goString(obj: Record<string, unknown>, key: string, path: readonly PathSegment[]): void {
  if (!Object.hasOwn(obj, key) || obj[key] === null) return;
  if (typeof obj[key] !== 'string') {
    throw new CniError(
      'INVALID_TYPE',
      `json: cannot unmarshal ${typeName(obj[key])} into Go struct field of type string`,
      [...path, key],
    );
  }
}

function goStringArray(obj: Record<string, unknown>, key: string, path: readonly PathSegment[]): void {
  if (!Object.hasOwn(obj, key) || obj[key] === null) return;
  const value = obj[key];
  if (!Array.isArray(value)) {
    throw new CniError('INVALID_TYPE', `json: cannot unmarshal ${typeName(value)} into []string`, [
      ...path,
      key,
    ]);
  }
  value.forEach((v, i) => {
    if (typeof v !== 'string' && v !== null) {
      throw new CniError('INVALID_TYPE', `json: cannot unmarshal ${typeName(v)} into string`, [
        ...path,
        key,
        i,
      ]);
    }
  });
}

function goObject(
  obj: Record<string, unknown>,
  key: string,
  path: readonly PathSegment[],
): Record<string, unknown> | undefined {
  if (!Object.hasOwn(obj, key) || obj[key] === null) return undefined;
  const value = obj[key];
  if (!isObject(value)) {
    throw new CniError('INVALID_TYPE', `json: cannot unmarshal ${typeName(value)} into Go struct`, [
      ...path,
      key,
    ]);
  }
  return value;
}

/** libcni's `NetworkPluginConfFromBytes`: Go's typed unmarshal of `types.PluginConf`, then `type`. */
export function libcniValidatePlugin(plugin: unknown, path: readonly PathSegment[]): PluginConf {
  if (!isObject(plugin)) {
    throw new CniError(
      'INVALID_TYPE',
      `error parsing configuration: json: cannot unmarshal ${typeName(plugin)} into Go value of type types.PluginConf`,
      [...path],
    );
  }
  goString(plugin, 'cniVersion', path);
  goString(plugin, 'name', path);
  goString(plugin, 'type', path);
  const caps = goObject(plugin, 'capabilities', path);
  for (const [k, v] of Object.entries(caps ?? {})) {
    if (typeof v !== 'boolean' && v !== null) {
      throw new CniError('INVALID_TYPE', `json: cannot unmarshal ${typeName(v)} into bool`, [
        ...path,
        'capabilities',
        k,
      ]);
    }
  }
  const ipam = goObject(plugin, 'ipam', path);
  if (ipam !== undefined) goString(ipam, 'type', [...path, 'ipam']);
  const dns = goObject(plugin, 'dns', path);
  if (dns !== undefined) {
    goStringArray(dns, 'nameservers', [...path, 'dns']);
    goString(dns, 'domain', [...path, 'dns']);
    goStringArray(dns, 'search', [...path, 'dns']);
    goStringArray(dns, 'options', [...path, 'dns']);
  }
  goObject(plugin, 'prevResult', path);
  if (typeof plugin.type !== 'string' || plugin.type === '') {
    throw new CniError('MISSING_FIELD', "error parsing configuration: missing 'type'", [...path, 'type']);
  }
  return plugin as PluginConf;
}

/** libcni-mode validation of a `.conflist` (`NetworkConfFromBytes`). */
export function libcniValidateList(input: unknown): NetConfList {
  const root = cleanJson(input);
  if (!isObject(root)) {
    throw new CniError(
      'INVALID_TYPE',
      `error parsing configuration list: json: cannot unmarshal ${typeName(root)} into Go value of type map[string]interface {}`,
    );
  }
  if (!Object.hasOwn(root, 'name')) {
    throw new CniError('MISSING_FIELD', 'error parsing configuration list: no name', ['name']);
  }
  if (typeof root.name !== 'string') {
    throw new CniError(
      'INVALID_TYPE',
      `error parsing configuration list: invalid name type ${typeName(root.name)}`,
      ['name'],
    );
  }
  let cniVersion = '';
  if (Object.hasOwn(root, 'cniVersion')) {
    if (typeof root.cniVersion !== 'string') {
      throw new CniError(
        'INVALID_TYPE',
        `error parsing configuration list: invalid cniVersion type ${typeName(root.cniVersion)}`,
        ['cniVersion'],
      );
    }
    cniVersion = root.cniVersion;
  }
  let cniVersions: string[] | undefined;
  if (Object.hasOwn(root, 'cniVersions')) {
    const raw = root.cniVersions;
    if (!Array.isArray(raw)) {
      throw new CniError(
        'INVALID_TYPE',
        `error parsing configuration list: invalid type for cniVersions: ${typeName(raw)}`,
        ['cniVersions'],
      );
    }
    cniVersions = raw.map((v, i) => {
      if (typeof v !== 'string') {
        throw new CniError(
          'INVALID_TYPE',
          `error parsing configuration list: invalid type for cniVersions index ${i}: ${typeName(v)}`,
          ['cniVersions', i],
        );
      }
      return v;
    });
  }
  let selected: string;
  try {
    selected = selectCniVersion({ cniVersion, cniVersions });
  } catch (error) {
    if (error instanceof CniError) {
      throw new CniError(error.code, `error parsing configuration list: ${error.message}`, error.path);
    }
    throw error;
  }
  const out: Record<string, unknown> = { ...root, cniVersion: selected };
  for (const key of ['disableCheck', 'disableGC', 'loadOnlyInlinedPlugins']) {
    const b = readBool(root, key);
    if (b !== undefined) out[key] = b;
  }
  if (!Object.hasOwn(root, 'plugins')) {
    if (out.loadOnlyInlinedPlugins === true) {
      throw new CniError(
        'MISSING_FIELD',
        "error parsing configuration list: `loadOnlyInlinedPlugins` is true, and no 'plugins' key",
        ['plugins'],
      );
    }
    out.plugins = [];
    return out as NetConfList;
  }
  const plugins = root.plugins;
  if (!Array.isArray(plugins)) {
    throw new CniError(
      'INVALID_TYPE',
      `error parsing configuration list: invalid 'plugins' type ${typeName(plugins)}`,
      ['plugins'],
    );
  }
  if (plugins.length === 0) {
    throw new CniError('NO_PLUGINS', 'error parsing configuration list: no plugins in list', ['plugins']);
  }
  out.plugins = plugins.map((p, i) => {
    try {
      return libcniValidatePlugin(p, ['plugins', i]);
    } catch (error) {
      if (error instanceof CniError) {
        throw new CniError(error.code, `failed to parse plugin config ${i}: ${error.message}`, error.path);
      }
      throw error;
    }
  });
  return out as NetConfList;
}

/** Spec-mode validation of a single-plugin `.conf`. */
export function specValidateConf(input: unknown): PluginConf {
  const root = cleanJson(input);
  if (!isObject(root)) {
    throw new CniError('INVALID_TYPE', `network configuration must be a JSON object, got ${typeName(root)}`);
  }
  const version = requireVersion(root, CNI_VERSIONS);
  if (!Object.hasOwn(root, 'name')) {
    throw new CniError('MISSING_FIELD', 'missing required field "name"', ['name']);
  }
  const name = networkNameSchema.safeParse(root.name);
  if (!name.success) throw zodIssueToError(name.error, root.name, ['name']);
  const r = pluginConfSchema.safeParse(root);
  if (!r.success) throw zodIssueToError(r.error, root);
  const conf = root as unknown as PluginConf;
  checkPluginSpecifics(conf, [], version);
  return conf;
}

/** libcni-mode validation of a single-plugin `.conf` (`ConfFromBytes`). */
export function libcniValidateConf(input: unknown): PluginConf {
  return libcniValidatePlugin(cleanJson(input), []);
}
