import type { Result } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { errorText, isArraySafe, pickKeys, requireString, requireStringArray } from './internal/input.ts';

/**
 * Every spec version the Go library knows (`pkg/version` `All`), oldest first.
 *
 * @example
 * ```ts
 * CNI_VERSIONS.includes('0.4.0'); // true
 * ```
 */
export const CNI_VERSIONS: readonly ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] = [
  '0.1.0',
  '0.2.0',
  '0.3.0',
  '0.3.1',
  '0.4.0',
  '1.0.0',
  '1.1.0',
];

/** A spec version the library knows. */
export type CniVersion = (typeof CNI_VERSIONS)[number];

/**
 * The newest spec version (`version.Current()`).
 *
 * @example
 * ```ts
 * CURRENT_CNI_VERSION; // '1.1.0'
 * ```
 */
export const CURRENT_CNI_VERSION: '1.1.0' = '1.1.0';

const INT = /^[+-]?[0-9]+$/;

/**
 * Parses a CNI version like Go's `version.ParseVersion`: up to three dot-separated integers, the
 * empty string meaning 0.1.0. Throws `INVALID_VERSION`.
 *
 * @example
 * ```ts
 * parseCniVersion('1.0.0'); // [1, 0, 0]
 * parseCniVersion('');      // [0, 1, 0]
 * parseCniVersion('0.4');   // [0, 4, 0]
 * ```
 */
export function parseCniVersion(version: string): readonly [number, number, number] {
  if (typeof version !== 'string') {
    throw new CniError('INVALID_VERSION', `invalid version: expected a string, got ${describeType(version)}`);
  }
  if (version === '') return [0, 1, 0];
  const parts = version.split('.');
  if (parts.length >= 4)
    throw new CniError('INVALID_VERSION', `invalid version "${version}": too many parts`);
  const names = ['major', 'minor', 'micro'] as const;
  const out: [number, number, number] = [0, 0, 0];
  parts.forEach((part, i) => {
    if (!INT.test(part)) {
      throw new CniError(
        'INVALID_VERSION',
        `failed to convert ${names[i]} version part "${part}" of version "${version}"`,
      );
    }
    out[i] = Number(part);
  });
  return out;
}

/**
 * {@link parseCniVersion} returning a Result.
 *
 * @example
 * ```ts
 * safeParseCniVersion('1.0.f').ok; // false
 * ```
 */
export function safeParseCniVersion(version: string): Result<readonly [number, number, number], CniError> {
  try {
    return { ok: true, value: parseCniVersion(version) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return { ok: false, error: new CniError('INTERNAL', errorText(error)) };
  }
}

/**
 * Compares two versions (−1, 0, 1). An unparsable version throws `INVALID_VERSION`.
 *
 * @example
 * ```ts
 * compareVersions('0.3.1', '0.4.0'); // -1
 * compareVersions('', '0.1.0');      // 0
 * ```
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const x = parseCniVersion(a);
  const y = parseCniVersion(b);
  for (let i = 0; i < 3; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

function readVersionConf(raw: unknown): { cniVersion?: string; cniVersions?: readonly string[] } {
  const picked = pickKeys(raw, ['cniVersion', 'cniVersions'], 'conf', [], false);
  const out: { cniVersion?: string; cniVersions?: readonly string[] } = {};
  if (picked.cniVersion !== undefined && picked.cniVersion !== null) {
    out.cniVersion = requireString(picked.cniVersion, 'cniVersion', ['cniVersion'], false, 'INVALID_VERSION');
  }
  if (picked.cniVersions !== undefined && picked.cniVersions !== null) {
    out.cniVersions = requireStringArray(
      picked.cniVersions,
      'cniVersions',
      ['cniVersions'],
      'INVALID_VERSION',
    );
  }
  return out;
}

/**
 * Selects the network's version the way libcni does (`NetworkConfFromBytes`): with a `cniVersions`
 * array, the highest of `cniVersions` ∪ {`cniVersion`} not newer than the library (1.1.0); an
 * unparsable entry throws `INVALID_VERSION` with its path. Without `cniVersions`, `cniVersion` as is.
 *
 * @example
 * ```ts
 * selectCniVersion({ cniVersions: ['99.0.0', '1.1.0', '0.4.0'] }); // '1.1.0'
 * selectCniVersion({ cniVersion: '1.2.3' });                         // '1.2.3'
 * ```
 */
export function selectCniVersion(rawConf: {
  readonly cniVersion?: string | undefined;
  readonly cniVersions?: readonly string[] | undefined;
}): string {
  const conf = readVersionConf(rawConf);
  const cniVersion = conf.cniVersion ?? '';
  if (conf.cniVersions === undefined) return cniVersion;
  const candidates: string[] = [];
  conf.cniVersions.forEach((v, i) => {
    try {
      if (compareVersions(v, CURRENT_CNI_VERSION) <= 0) candidates.push(v);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CniError('INVALID_VERSION', `invalid cniVersions entry ${v} at index ${i}: ${message}`, [
        'cniVersions',
        i,
      ]);
    }
  });
  if (cniVersion !== '') {
    try {
      if (compareVersions(cniVersion, CURRENT_CNI_VERSION) <= 0) candidates.push(cniVersion);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CniError('INVALID_VERSION', `invalid cniVersion ${cniVersion}: ${message}`, ['cniVersion']);
    }
  }
  let best: string | undefined;
  for (const v of candidates) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best ?? cniVersion;
}

/**
 * Version negotiation between a network config and a plugin: the highest version offered by the
 * config (its `cniVersion` plus `cniVersions`, as libcni selects) that the plugin lists in its
 * VERSION result. Throws `INCOMPATIBLE_CNI_VERSION` (CNI error code 1) when there is none, with the
 * skel message `incompatible CNI versions`.
 *
 * @example
 * ```ts
 * negotiateCniVersion({ cniVersion: '1.0.0', cniVersions: ['0.4.0', '1.0.0', '1.1.0'] }, ['0.3.1', '0.4.0', '1.0.0']);
 * // '1.0.0'
 * ```
 */
export function negotiateCniVersion(
  rawConf: { readonly cniVersion?: string | undefined; readonly cniVersions?: readonly string[] | undefined },
  rawSupported: readonly string[] = CNI_VERSIONS,
): string {
  const conf = readVersionConf(rawConf);
  const pluginSupportedVersions = requireStringArray(rawSupported, 'pluginSupportedVersions', [
    'pluginSupportedVersions',
  ]);
  const offered = new Set<string>();
  if (conf.cniVersion !== undefined) offered.add(conf.cniVersion);
  for (const v of conf.cniVersions ?? []) offered.add(v);
  if (offered.size === 0) offered.add('');
  const supported = new Set<string>();
  for (const v of pluginSupportedVersions) supported.add(v === '' ? '0.1.0' : v);
  let best: string | undefined;
  for (const v of offered) {
    const ok = safeParseCniVersion(v);
    if (!ok.ok) continue;
    const canonical = v === '' ? '0.1.0' : v;
    if (!supported.has(canonical)) continue;
    if (compareVersions(canonical, CURRENT_CNI_VERSION) > 0) continue;
    if (best === undefined || compareVersions(canonical, best) > 0) best = canonical;
  }
  if (best === undefined) {
    const config = [...offered].map((v) => `"${v}"`).join(', ');
    throw new CniError(
      'INCOMPATIBLE_CNI_VERSION',
      `incompatible CNI versions: config is ${config}, plugin supports [${pluginSupportedVersions.join(' ')}]`,
      ['cniVersion'],
    );
  }
  return best;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (isArraySafe(value)) return 'an array';
  return typeof value;
}
