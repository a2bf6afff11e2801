import {
  type Addr,
  addrEquals,
  addrPrev,
  compareAddr,
  formatAddr,
  formatPrefix,
  type PathSegment,
  type Prefix,
  prefixContains,
  prefixLast,
  type Result,
  unmapAddr,
} from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { CURRENT_CNI_VERSION, compareVersions } from './cni-version.ts';
import { cleanJson, describeValue, errorText, pickKeys, requireString } from './internal/input.ts';
import { nextIp, parseCidr, parseIp } from './internal/ip.ts';

/** One route as host-local copies it from `ipam.routes` into its result. */
export interface HostLocalRoute {
  readonly dst: string;
  readonly gw?: string;
  readonly mtu?: number;
  readonly advmss?: number;
  readonly priority?: number;
  readonly table?: number;
  readonly scope?: number;
}

/** A range after host-local's `Canonicalize`: every field filled in, addresses as Go prints them. */
export interface HostLocalRange {
  readonly subnet: string;
  readonly rangeStart: string;
  readonly rangeEnd: string;
  readonly gateway: string;
}

/** The `ipam` section as host-local understands it after loading (`LoadIPAMConfig`). */
export interface HostLocalConfig {
  readonly type: string;
  /** Range sets in allocation order: runtime `ipRanges`, then the legacy top-level range, then `ranges`. */
  readonly ranges: readonly (readonly HostLocalRange[])[];
  readonly routes?: readonly HostLocalRoute[];
  readonly dataDir: string;
  readonly resolvConf?: string;
  /** Requested addresses (CNI_ARGS `IP`, `args.cni.ips`, `runtimeConfig.ips`), prefixes dropped. */
  readonly requestedIps: readonly string[];
}

/** What the runtime adds around the `ipam` section: the conf's version and capability args. */
export interface HostLocalOptions {
  /**
   * The network config's `cniVersion` (default: the current spec, 1.1.0); below 0.3.0 only one range
   * set per family is allowed. Also copied into the result when given.
   */
  readonly cniVersion?: string;
  /** `runtimeConfig.ipRanges` (capability `ipRanges`): prepended before all other range sets. */
  readonly ipRanges?: unknown;
  /** Requested addresses, `ip` or `ip/prefix` (CNI_ARGS `IP=`, `args.cni.ips`, `runtimeConfig.ips`). */
  readonly requestedIps?: readonly string[];
  /**
   * The text of the file named by `ipam.resolvConf` (nothing is read from disk); when given, it
   * becomes `result.dns` as host-local's `parseResolvConf` reads it.
   */
  readonly resolvConfText?: string;
}

/** @internal A canonical range with parsed addresses. */
export interface RangeInternal {
  readonly subnet: Prefix;
  readonly rangeStart: Addr;
  readonly rangeEnd: Addr;
  readonly gateway: Addr;
}

/** @internal The loaded config with parsed addresses. */
export interface HostLocalConfigInternal {
  readonly type: string;
  readonly sets: readonly (readonly RangeInternal[])[];
  readonly routes?: readonly HostLocalRoute[];
  readonly dataDir: string;
  readonly resolvConf?: string;
  readonly requested: readonly Addr[];
}

const DEFAULT_DATA_DIR = '/var/lib/cni/networks';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(obj, key) && obj[key] !== undefined && obj[key] !== null;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function fail(code: string, message: string, path: readonly PathSegment[]): never {
  throw new CniError(code, message, path);
}

function readString(
  obj: Record<string, unknown>,
  key: string,
  path: readonly PathSegment[],
): string | undefined {
  if (!has(obj, key)) return undefined;
  const value = obj[key];
  if (typeof value !== 'string') {
    fail('INVALID_IPAM_CONFIG', `${key} must be a string, got ${typeName(value)}`, [...path, key]);
  }
  return value;
}

function readIp(obj: Record<string, unknown>, key: string, path: readonly PathSegment[]): Addr | undefined {
  const text = readString(obj, key, path);
  if (text === undefined || text === '') return undefined;
  const ip = parseIp(text);
  if (ip === null) fail('INVALID_ADDRESS', `invalid IP address: ${text}`, [...path, key]);
  return unmapAddr(ip);
}

/** Prints a range like Go's `Range.String()`: `start-end`. */
export function rangeToString(r: RangeInternal): string {
  return `${formatAddr(r.rangeStart)}-${formatAddr(r.rangeEnd)}`;
}

/** Prints a range set like Go's `RangeSet.String()`. */
export function rangeSetToString(set: readonly RangeInternal[]): string {
  return set.map(rangeToString).join(',');
}

/** Go's `Range.Contains`: in the subnet and between rangeStart and rangeEnd. */
export function rangeContains(r: RangeInternal, ip: Addr): boolean {
  if (!prefixContains(r.subnet, ip)) return false;
  return compareAddr(ip, r.rangeStart) >= 0 && compareAddr(ip, r.rangeEnd) <= 0;
}

function rangesOverlap(a: RangeInternal, b: RangeInternal): boolean {
  if (a.rangeStart.family !== b.rangeStart.family) return false;
  return (
    rangeContains(a, b.rangeStart) ||
    rangeContains(a, b.rangeEnd) ||
    rangeContains(b, a.rangeStart) ||
    rangeContains(b, a.rangeEnd)
  );
}

/** Parses one raw range object and canonicalises it (`Range.Canonicalize`). */
function canonicalizeRange(raw: unknown, path: readonly PathSegment[], setIndex: number): RangeInternal {
  if (!isObject(raw)) fail('INVALID_IPAM_CONFIG', `range must be an object, got ${typeName(raw)}`, path);
  const subnetText = has(raw, 'subnet') ? raw.subnet : '';
  if (typeof subnetText !== 'string') {
    fail('INVALID_IPAM_CONFIG', `subnet must be a string, got ${typeName(subnetText)}`, [...path, 'subnet']);
  }
  const parsed = parseCidr(subnetText);
  if (parsed === null) fail('INVALID_CIDR', `invalid CIDR address: ${subnetText}`, [...path, 'subnet']);
  const rangeStartIn = readIp(raw, 'rangeStart', path);
  const rangeEndIn = readIp(raw, 'rangeEnd', path);
  const gatewayIn = readIp(raw, 'gateway', path);
  const prefix = `invalid range set ${setIndex}: `;
  const ip = parsed.addr;
  const bits = parsed.prefix.bits;
  const maxBits = ip.family === 4 ? 32 : 128;
  const network = parsed.prefix.addr;
  if (bits > maxBits - 2) {
    fail('NETWORK_TOO_SMALL', `${prefix}Network ${formatAddr(ip)}/${bits} too small to allocate from`, [
      ...path,
      'subnet',
    ]);
  }
  if (!addrEquals(network, ip)) {
    fail(
      'HOST_BITS_SET',
      `${prefix}Network has host bits set. For a subnet mask of length ${bits} the network address is ${formatAddr(network)}`,
      [...path, 'subnet'],
    );
  }
  const subnet = parsed.prefix;
  const gateway = gatewayIn ?? nextIp(network);
  const inNet = (x: Addr): boolean => prefixContains(subnet, x);
  let rangeStart: Addr;
  if (rangeStartIn !== undefined) {
    // Go's Contains() already sees the configured rangeEnd here, so start > end fails on the start.
    if (!inNet(rangeStartIn) || (rangeEndIn !== undefined && compareAddr(rangeStartIn, rangeEndIn) > 0)) {
      fail(
        'RANGE_START_NOT_IN_NETWORK',
        `${prefix}RangeStart ${formatAddr(rangeStartIn)} not in network ${formatPrefix(subnet)}`,
        [...path, 'rangeStart'],
      );
    }
    rangeStart = rangeStartIn;
  } else {
    rangeStart = nextIp(network);
  }
  let rangeEnd: Addr;
  if (rangeEndIn !== undefined) {
    if (!inNet(rangeEndIn) || compareAddr(rangeEndIn, rangeStart) < 0) {
      fail(
        'RANGE_END_NOT_IN_NETWORK',
        `${prefix}RangeEnd ${formatAddr(rangeEndIn)} not in network ${formatPrefix(subnet)}`,
        [...path, 'rangeEnd'],
      );
    }
    rangeEnd = rangeEndIn;
  } else {
    // The IPv4 broadcast address is not handed out; bits ≤ 30 here, so there is a previous one.
    const last = prefixLast(subnet);
    rangeEnd = last.family === 4 ? (addrPrev(last) ?? last) : last;
  }
  if (compareAddr(rangeStart, rangeEnd) > 0) {
    // Go accepts this (rangeStart past the default rangeEnd) and then walks out of the subnet;
    // we refuse it instead.
    fail(
      'RANGE_START_AFTER_END',
      `${prefix}RangeStart ${formatAddr(rangeStart)} is after RangeEnd ${formatAddr(rangeEnd)} in network ${formatPrefix(subnet)}`,
      [...path, 'rangeStart'],
    );
  }
  return { subnet, rangeStart, rangeEnd, gateway };
}

function canonicalizeSet(raw: unknown, path: readonly PathSegment[], setIndex: number): RangeInternal[] {
  if (!Array.isArray(raw)) {
    fail('INVALID_IPAM_CONFIG', `range set must be an array, got ${typeName(raw)}`, path);
  }
  if (raw.length === 0) fail('EMPTY_RANGE_SET', `invalid range set ${setIndex}: empty range set`, path);
  const out: RangeInternal[] = [];
  raw.forEach((r, i) => {
    const range = canonicalizeRange(r, [...path, i], setIndex);
    const first = out[0];
    if (first !== undefined && first.rangeStart.family !== range.rangeStart.family) {
      fail('MIXED_ADDRESS_FAMILIES', `invalid range set ${setIndex}: mixed address families`, [...path, i]);
    }
    out.push(range);
  });
  for (let i = 0; i < out.length - 1; i++) {
    for (let j = i + 1; j < out.length; j++) {
      const a = out[i]!;
      const b = out[j]!;
      if (rangesOverlap(a, b)) {
        fail(
          'RANGES_OVERLAP',
          `invalid range set ${setIndex}: subnets ${rangeToString(a)} and ${rangeToString(b)} overlap`,
          [...path, j],
        );
      }
    }
  }
  return out;
}

function readRoutes(ipam: Record<string, unknown>): HostLocalRoute[] | undefined {
  if (!has(ipam, 'routes')) return undefined;
  const raw = ipam.routes;
  if (!Array.isArray(raw)) {
    fail('INVALID_IPAM_CONFIG', `routes must be an array, got ${typeName(raw)}`, ['routes']);
  }
  return raw.map((route, i) => {
    const path: PathSegment[] = ['routes', i];
    if (!isObject(route))
      fail('INVALID_IPAM_CONFIG', `route must be an object, got ${typeName(route)}`, path);
    const dstText = has(route, 'dst') ? route.dst : '';
    if (typeof dstText !== 'string') {
      fail('INVALID_IPAM_CONFIG', `dst must be a string, got ${typeName(dstText)}`, [...path, 'dst']);
    }
    if (parseCidr(dstText) === null)
      fail('INVALID_CIDR', `invalid CIDR address: ${dstText}`, [...path, 'dst']);
    readIp(route, 'gw', path);
    for (const key of ['mtu', 'advmss', 'priority', 'table', 'scope'] as const) {
      if (!has(route, key)) continue;
      const value = route[key];
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        fail('INVALID_IPAM_CONFIG', `${key} must be an integer, got ${describeValue(value)}`, [...path, key]);
      }
    }
    // Validated, then copied as given: the result's routes are the `ipam.routes`.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(route)) {
      if (key !== '__proto__') out[key] = route[key];
    }
    return out as unknown as HostLocalRoute;
  });
}

/** @internal Loads and validates an `ipam` object the way `allocator.LoadIPAMConfig` does. */
/**
 * @internal The options as a plain, checked copy: each known key read once (a throwing getter is
 * `INVALID_VALUE`), `cniVersion`/`resolvConfText` strings, `requestedIps` an array, `ipRanges` JSON.
 *
 * @example
 * ```ts
 * readHostLocalOptions({ cniVersion: '1.0.0', junk: 1 }); // { cniVersion: '1.0.0' }
 * readHostLocalOptions({ requestedIps: 'x' }); // throws INVALID_ARGUMENT at ['requestedIps']
 * ```
 */
export function readHostLocalOptions(options: unknown): HostLocalOptions {
  const raw = pickKeys(options, ['cniVersion', 'ipRanges', 'requestedIps', 'resolvConfText'], 'options');
  const out: {
    cniVersion?: string;
    ipRanges?: unknown;
    requestedIps?: readonly string[];
    resolvConfText?: string;
  } = {};
  if (raw.cniVersion !== undefined)
    out.cniVersion = requireString(raw.cniVersion, 'cniVersion', ['cniVersion']);
  if (raw.resolvConfText !== undefined) {
    out.resolvConfText = requireString(raw.resolvConfText, 'resolvConfText', ['resolvConfText']);
  }
  if (raw.ipRanges !== undefined) out.ipRanges = cleanJson(raw.ipRanges, ['runtimeConfig', 'ipRanges']);
  if (raw.requestedIps !== undefined) {
    const ips = cleanJson(raw.requestedIps, ['requestedIps']);
    if (!Array.isArray(ips)) {
      fail('INVALID_ARGUMENT', `requestedIps must be an array, got ${describeValue(ips)}`, ['requestedIps']);
    }
    out.requestedIps = ips as string[];
  }
  return out;
}

export function loadHostLocalConfig(
  input: unknown,
  rawOptions: HostLocalOptions = {},
): HostLocalConfigInternal {
  const options = readHostLocalOptions(rawOptions);
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      fail(
        'INVALID_JSON',
        `invalid IPAM config JSON: ${error instanceof Error ? error.message : String(error)}`,
        [],
      );
    }
  }
  if (value !== undefined) value = cleanJson(value);
  // A whole network config (what host-local reads on stdin): take `ipam`, and the version,
  // runtime ipRanges/ips and args.cni.ips around it, as LoadIPAMConfig does.
  if (isObject(value) && isObject(value.ipam) && !has(value, 'ranges') && !has(value, 'subnet')) {
    const rc = isObject(value.runtimeConfig) ? value.runtimeConfig : {};
    const args = isObject(value.args) && isObject(value.args.cni) ? value.args.cni : {};
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const merged: HostLocalOptions = {
      ...options,
      ...(options.cniVersion === undefined && typeof value.cniVersion === 'string'
        ? { cniVersion: value.cniVersion }
        : {}),
      ...(options.ipRanges === undefined && rc.ipRanges !== undefined ? { ipRanges: rc.ipRanges } : {}),
      requestedIps: [...(options.requestedIps ?? []), ...strings(args.ips), ...strings(rc.ips)],
    };
    try {
      return loadIpamSection(value.ipam, merged);
    } catch (error) {
      if (
        error instanceof CniError &&
        error.path[0] !== 'runtimeConfig' &&
        error.path[0] !== 'requestedIps'
      ) {
        throw new CniError(error.code, error.message, ['ipam', ...error.path]);
      }
      throw error;
    }
  }
  return loadIpamSection(value, options);
}

function loadIpamSection(ipam: unknown, options: HostLocalOptions): HostLocalConfigInternal {
  if (ipam === undefined || ipam === null) {
    fail('MISSING_IPAM', "IPAM config missing 'ipam' key", []);
  }
  if (!isObject(ipam)) fail('INVALID_IPAM_CONFIG', `ipam must be an object, got ${typeName(ipam)}`, []);
  const type = readString(ipam, 'type', []) ?? '';
  const dataDir = readString(ipam, 'dataDir', []) || DEFAULT_DATA_DIR;
  const resolvConf = readString(ipam, 'resolvConf', []);
  const routes = readRoutes(ipam);

  const requested: Addr[] = [];
  (options.requestedIps ?? []).forEach((text, i) => {
    const slash = typeof text === 'string' ? text.indexOf('/') : -1;
    const ipText = slash >= 0 ? text.slice(0, slash) : text;
    const ip = parseIp(ipText);
    if (ip === null)
      fail(
        'INVALID_ADDRESS',
        `cannot understand ip: ${typeof text === 'string' ? text : describeValue(text)}`,
        ['requestedIps', i],
      );
    requested.push(unmapAddr(ip));
  });

  const rawSets: { raw: unknown; path: PathSegment[] }[] = [];
  if (options.ipRanges !== undefined && options.ipRanges !== null) {
    if (!Array.isArray(options.ipRanges)) {
      fail('INVALID_IPAM_CONFIG', 'runtimeConfig.ipRanges must be an array', ['runtimeConfig', 'ipRanges']);
    }
    options.ipRanges.forEach((raw, i) => {
      rawSets.push({ raw, path: ['runtimeConfig', 'ipRanges', i] });
    });
  }
  const legacySubnet = has(ipam, 'subnet') ? ipam.subnet : undefined;
  if (legacySubnet !== undefined) {
    rawSets.push({ raw: [ipam], path: [] });
  }
  if (has(ipam, 'ranges')) {
    if (!Array.isArray(ipam.ranges)) {
      fail('INVALID_IPAM_CONFIG', `ranges must be an array, got ${typeName(ipam.ranges)}`, ['ranges']);
    }
    ipam.ranges.forEach((raw, i) => {
      rawSets.push({ raw, path: ['ranges', i] });
    });
  }
  if (rawSets.length === 0) fail('NO_IP_RANGES', 'no IP ranges specified', ['ranges']);

  const sets: RangeInternal[][] = [];
  let v4 = 0;
  let v6 = 0;
  rawSets.forEach(({ raw, path }, index) => {
    // The legacy range lives at the top of `ipam`, so its fields' paths have no prefix.
    const set =
      path.length === 0
        ? [canonicalizeRange(raw && (raw as unknown[])[0], [], index)]
        : canonicalizeSet(raw, path, index);
    if (set[0]!.rangeStart.family === 4) v4++;
    else v6++;
    sets.push(set);
  });
  if (v4 > 1 || v6 > 1) {
    // The raw `ipam` object carries no version; without one we assume the current spec.
    const version = options.cniVersion ?? CURRENT_CNI_VERSION;
    let supported = false;
    try {
      supported = compareVersions(version, '0.3.0') >= 0;
    } catch {
      supported = false;
    }
    if (!supported) {
      fail(
        'TOO_MANY_ADDRESSES_PER_FAMILY',
        `CNI version ${version} does not support more than 1 address per family`,
        ['ranges'],
      );
    }
  }
  for (let i = 0; i < sets.length - 1; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const overlap = sets[i]!.some((a) => sets[j]!.some((b) => rangesOverlap(a, b)));
      if (overlap) fail('RANGE_SETS_OVERLAP', `range set ${i} overlaps with ${j}`, rawSets[j]!.path);
    }
  }
  const config: {
    type: string;
    sets: RangeInternal[][];
    routes?: HostLocalRoute[];
    dataDir: string;
    resolvConf?: string;
    requested: Addr[];
  } = { type, sets, dataDir, requested };
  if (routes !== undefined) config.routes = routes;
  if (resolvConf !== undefined && resolvConf !== '') config.resolvConf = resolvConf;
  return config;
}

function toPublic(config: HostLocalConfigInternal): HostLocalConfig {
  const out: {
    type: string;
    ranges: HostLocalRange[][];
    routes?: readonly HostLocalRoute[];
    dataDir: string;
    resolvConf?: string;
    requestedIps: string[];
  } = {
    type: config.type,
    ranges: config.sets.map((set) =>
      set.map((r) => ({
        subnet: formatPrefix(r.subnet),
        rangeStart: formatAddr(r.rangeStart),
        rangeEnd: formatAddr(r.rangeEnd),
        gateway: formatAddr(r.gateway),
      })),
    ),
    dataDir: config.dataDir,
    requestedIps: config.requested.map(formatAddr),
  };
  if (config.routes !== undefined) out.routes = config.routes;
  if (config.resolvConf !== undefined) out.resolvConf = config.resolvConf;
  return out;
}

/**
 * Loads a host-local `ipam` object like `allocator.LoadIPAMConfig`: merges the legacy top-level
 * range and runtime `ipRanges` into range sets, fills in defaults (gateway and rangeStart = network+1,
 * rangeEnd = broadcast−1 for IPv4 or the last address for IPv6) and rejects what host-local rejects.
 * Throws a {@link CniError} whose `path` points into the `ipam` object.
 *
 * @example
 * ```ts
 * parseHostLocalConfig({ type: 'host-local', subnet: '10.1.0.0/16' }).ranges;
 * // [[{ subnet: '10.1.0.0/16', rangeStart: '10.1.0.1', rangeEnd: '10.1.255.254', gateway: '10.1.0.1' }]]
 * ```
 */
export function parseHostLocalConfig(ipam: unknown, options: HostLocalOptions = {}): HostLocalConfig {
  return toPublic(loadHostLocalConfig(ipam, options));
}

/**
 * {@link parseHostLocalConfig} that returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeParseHostLocalConfig({ type: 'host-local', subnet: '10.1.0.0/31' });
 * r.ok; // false — r.error.code === 'NETWORK_TOO_SMALL', r.error.path = ['subnet']
 * ```
 */
export function safeParseHostLocalConfig(
  ipam: unknown,
  options: HostLocalOptions = {},
): Result<HostLocalConfig, CniError> {
  try {
    return { ok: true, value: parseHostLocalConfig(ipam, options) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return {
      ok: false,
      error: new CniError('INTERNAL', errorText(error)),
    };
  }
}
