import type { Result } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { CNI_VERSIONS, compareVersions } from './cni-version.ts';
import {
  checkShape,
  cleanJson,
  describeValue,
  errorText,
  requireString,
  type Shape,
} from './internal/input.ts';
import { parseCidr } from './internal/ip.ts';
import { readJsonInput, zodIssueToError } from './internal/zod-common.ts';
import type { CniDns } from './plugin-conf-schema.ts';
import {
  type CniInterface,
  type CniIpConfig,
  type CniIpConfig020,
  type CniResult,
  type CniResult020,
  type CniRoute,
  type ResultVersion,
  resultSchemas,
} from './result-schema.ts';

/** A result of any version. */
export type AnyCniResult = CniResult | CniResult020;

function isKnown(version: string): version is ResultVersion {
  return (CNI_VERSIONS as readonly string[]).includes(version);
}

function is020(version: string): boolean {
  return version === '0.1.0' || version === '0.2.0';
}

function is04x(version: string): boolean {
  return version === '0.3.0' || version === '0.3.1' || version === '0.4.0';
}

function familyOf(address: string): '4' | '6' {
  const c = parseCidr(address);
  return c !== null && c.addr.family === 4 ? '4' : '6';
}

function cleanDns(dns: CniDns | undefined): CniDns | undefined {
  if (dns === undefined || dns === null) return undefined;
  const out: {
    nameservers?: readonly string[];
    domain?: string;
    search?: readonly string[];
    options?: readonly string[];
  } = {};
  if (dns.nameservers && dns.nameservers.length > 0) out.nameservers = [...dns.nameservers];
  if (dns.domain) out.domain = dns.domain;
  if (dns.search && dns.search.length > 0) out.search = [...dns.search];
  if (dns.options && dns.options.length > 0) out.options = [...dns.options];
  return Object.keys(out).length > 0 ? out : undefined;
}

function copyRoute(r: CniRoute): CniRoute {
  const out: {
    dst: string;
    gw?: string;
    mtu?: number;
    advmss?: number;
    priority?: number;
    table?: number;
    scope?: number;
  } = { dst: r.dst };
  if (r.gw !== undefined) out.gw = r.gw;
  if (r.mtu) out.mtu = r.mtu;
  if (r.advmss) out.advmss = r.advmss;
  if (r.priority) out.priority = r.priority;
  if (r.table !== undefined) out.table = r.table;
  if (r.scope !== undefined) out.scope = r.scope;
  return out;
}

function iface(i: CniInterface, rich: boolean): CniInterface {
  const out: {
    name: string;
    mac?: string;
    mtu?: number;
    sandbox?: string;
    socketPath?: string;
    pciID?: string;
  } = {
    name: i.name,
  };
  if (i.mac) out.mac = i.mac;
  if (rich && i.mtu) out.mtu = i.mtu;
  if (i.sandbox) out.sandbox = i.sandbox;
  if (rich && i.socketPath) out.socketPath = i.socketPath;
  if (rich && i.pciID) out.pciID = i.pciID;
  return out;
}

function ipConfig(ip: CniIpConfig, withVersion: boolean): CniIpConfig {
  const out: { version?: '4' | '6'; interface?: number; address: string; gateway?: string } = withVersion
    ? { version: ip.version ?? familyOf(ip.address), address: ip.address }
    : { address: ip.address };
  if (ip.interface !== undefined) out.interface = ip.interface;
  // key order as Go marshals it: version, interface, address, gateway
  const ordered: typeof out = {} as typeof out;
  if (out.version !== undefined) ordered.version = out.version;
  if (out.interface !== undefined) ordered.interface = out.interface;
  ordered.address = out.address;
  if (ip.gateway !== undefined) ordered.gateway = ip.gateway;
  return ordered;
}

/** 0.1.0/0.2.0 → the 0.4.0 shape (`convertFrom02x`). */
function from020(r: CniResult020): CniResult {
  const ips: CniIpConfig[] = [];
  const routes: CniRoute[] = [];
  for (const [block, version] of [
    [r.ip4, '4'],
    [r.ip6, '6'],
  ] as const) {
    if (block === undefined || block === null) continue;
    const ip: { version: '4' | '6'; address: string; gateway?: string } = { version, address: block.ip };
    if (block.gateway !== undefined) ip.gateway = block.gateway;
    ips.push(ip);
    for (const route of block.routes ?? []) routes.push(copyRoute(route));
  }
  const out: { cniVersion: string; ips?: CniIpConfig[]; routes?: CniRoute[]; dns?: CniDns } = {
    cniVersion: '0.4.0',
  };
  if (ips.length > 0) out.ips = ips;
  if (routes.length > 0) out.routes = routes;
  const dns = cleanDns(r.dns);
  if (dns !== undefined) out.dns = dns;
  return out;
}

/** 0.3.0+ → 0.2.0 (`convertTo02x`): the first address per family, routes split by family. */
function to020(r: CniResult, version: string): CniResult020 {
  let ip4: { ip: string; gateway?: string; routes?: CniRoute[] } | undefined;
  let ip6: { ip: string; gateway?: string; routes?: CniRoute[] } | undefined;
  for (const ip of r.ips ?? []) {
    const family = ip.version ?? familyOf(ip.address);
    if (family === '4' && ip4 === undefined) {
      ip4 = { ip: ip.address };
      if (ip.gateway !== undefined) ip4.gateway = ip.gateway;
    } else if (family === '6' && ip6 === undefined) {
      ip6 = { ip: ip.address };
      if (ip.gateway !== undefined) ip6.gateway = ip.gateway;
    }
    if (ip4 !== undefined && ip6 !== undefined) break;
  }
  for (const route of r.routes ?? []) {
    const is4 = familyOf(route.dst) === '4';
    const target = is4 ? ip4 : ip6;
    if (target === undefined) continue;
    const rt: { dst: string; gw?: string } = { dst: route.dst };
    if (route.gw !== undefined) rt.gw = route.gw;
    target.routes = [...(target.routes ?? []), rt];
  }
  const out: { cniVersion: string; ip4?: CniIpConfig020; ip6?: CniIpConfig020; dns?: CniDns } = {
    cniVersion: version,
  };
  if (ip4 !== undefined) out.ip4 = ip4;
  if (ip6 !== undefined) out.ip6 = ip6;
  const dns = cleanDns(r.dns);
  if (dns !== undefined) out.dns = dns;
  return out;
}

function build(r: CniResult, version: string): CniResult {
  const rich = compareVersions(version, '1.1.0') >= 0;
  const withVersion = is04x(version);
  const out: {
    cniVersion: string;
    interfaces?: CniInterface[];
    ips?: CniIpConfig[];
    routes?: CniRoute[];
    dns?: CniDns;
  } = { cniVersion: version };
  if (r.interfaces && r.interfaces.length > 0) out.interfaces = r.interfaces.map((i) => iface(i, rich));
  if (r.ips && r.ips.length > 0) out.ips = r.ips.map((ip) => ipConfig(ip, withVersion));
  if (r.routes && r.routes.length > 0) out.routes = r.routes.map(copyRoute);
  const dns = cleanDns(r.dns);
  if (dns !== undefined) out.dns = dns;
  return out;
}

const ROUTE_SHAPE: Shape = {
  dst: 'string',
  gw: 'string',
  mtu: 'number',
  advmss: 'number',
  priority: 'number',
  table: 'number',
  scope: 'number',
};
const IP020_SHAPE: Shape = { ip: 'string', gateway: 'string', routes: [ROUTE_SHAPE] };
const RESULT_SHAPE: Shape = {
  interfaces: [
    {
      name: 'string',
      mac: 'string',
      mtu: 'number',
      sandbox: 'string',
      socketPath: 'string',
      pciID: 'string',
    },
  ],
  ips: [{ version: 'string', interface: 'number', address: 'string', gateway: 'string' }],
  routes: [ROUTE_SHAPE],
  ip4: IP020_SHAPE,
  ip6: IP020_SHAPE,
  dns: { nameservers: ['string'], domain: 'string', search: ['string'], options: ['string'] },
};

/**
 * Converts a result between spec versions as `pkg/types` `GetAsVersion` does: 1.x → 0.3.x/0.4.0
 * adds `ips[].version` from the address family and drops interface `mtu`/`socketPath`/`pciID`;
 * 0.3.x/0.4.0 → 1.x drops `version`; anything → 0.1.0/0.2.0 keeps only the first address per family
 * (`ip4`/`ip6`) with routes split by family; 0.1.0/0.2.0 → newer lists `ip4` then `ip6`. Unknown
 * versions throw `UNSUPPORTED_VERSION` ("cannot convert version X to Y").
 *
 * @example
 * ```ts
 * convertResult({ cniVersion: '1.0.0', ips: [{ address: '10.1.0.5/16', gateway: '10.1.0.1' }] }, '0.4.0');
 * // { cniVersion: '0.4.0', ips: [{ version: '4', address: '10.1.0.5/16', gateway: '10.1.0.1' }] }
 * ```
 */
export function convertResult(result: AnyCniResult, toVersion: string): AnyCniResult {
  requireString(toVersion, 'toVersion', ['toVersion']);
  const value = cleanJson(result);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CniError('INVALID_TYPE', `result must be an object, got ${describeValue(value)}`);
  }
  const clean = value as AnyCniResult;
  const from = typeof clean.cniVersion === 'string' ? clean.cniVersion : '';
  if (!isKnown(from) || !isKnown(toVersion)) {
    throw new CniError('UNSUPPORTED_VERSION', `cannot convert version ${from} to ${toVersion}`, [
      'cniVersion',
    ]);
  }
  checkShape(value as Record<string, unknown>, RESULT_SHAPE, []);
  const rich: CniResult = is020(from) ? from020(clean as CniResult020) : (clean as CniResult);
  if (is020(toVersion)) return to020(rich, toVersion);
  return build(rich, toVersion);
}

/**
 * Parses and validates an ADD result against the schema of its own `cniVersion` (JSON text or a
 * parsed value); errors carry the key path.
 *
 * @example
 * ```ts
 * parseResult('{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.1.0.5/16"}]}').ips;
 * ```
 */
export function parseResult(json: unknown): AnyCniResult {
  const value = cleanJson(readJsonInput(json));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CniError('INVALID_TYPE', 'result must be a JSON object');
  }
  const version = (value as { cniVersion?: unknown }).cniVersion;
  if (typeof version !== 'string' || !isKnown(version)) {
    throw new CniError('UNSUPPORTED_VERSION', `unsupported result cniVersion ${describeValue(version)}`, [
      'cniVersion',
    ]);
  }
  const r = resultSchemas[version].safeParse(value);
  if (!r.success) throw zodIssueToError(r.error, value);
  return r.data;
}

/**
 * {@link parseResult} returning a Result; never throws.
 *
 * @example
 * ```ts
 * safeParseResult({ cniVersion: '1.0.0', ips: [{ address: 'nope' }] }).ok; // false, path ['ips', 0, 'address']
 * ```
 */
export function safeParseResult(json: unknown): Result<AnyCniResult, CniError> {
  try {
    return { ok: true, value: parseResult(json) };
  } catch (error) {
    if (error instanceof CniError) return { ok: false, error };
    return { ok: false, error: new CniError('INTERNAL', errorText(error)) };
  }
}
