import type { Result } from '@podnet/ip';
import { describeValue } from '../internal/describe-value.ts';
import { formatCidr, formatIp, ipText, parseCidrSloppy, parseIpSloppy } from '../internal/ip.ts';
import { ProxyError } from '../proxy-error.ts';
import { categorizeEndpoints } from './categorize-endpoints.ts';
import { resolveProxyConfig } from './resolve-proxy-config.ts';
import type {
  ModelEndpoint,
  ModelWarning,
  Protocol,
  ProxyInput,
  ResolvedProxyConfig,
  ServiceModel,
  ServicePortModel,
} from './types.ts';

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function objectAt(obj: Obj, key: string, path: Path): Obj | undefined {
  const value = field(obj, key);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    throw new ProxyError('INVALID_OBJECT', `${[...path, key].join('.')} must be an object`, [...path, key]);
  }
  return value;
}

function arrayAt(obj: Obj, key: string, path: Path): readonly unknown[] {
  const value = field(obj, key);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new ProxyError('INVALID_OBJECT', `${[...path, key].join('.')} must be an array`, [...path, key]);
  }
  return value;
}

function stringAt(obj: Obj, key: string, path: Path, fallback: string): string {
  const value = field(obj, key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') {
    throw new ProxyError(
      'INVALID_OBJECT',
      `${[...path, key].join('.')} must be a string, got ${describeValue(value)}`,
      [...path, key],
    );
  }
  return value;
}

function portAt(obj: Obj, key: string, path: Path, allowZero: boolean): number {
  const value = field(obj, key);
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < (allowZero ? 0 : 1) || value > 65535) {
    throw new ProxyError(
      'INVALID_PORT',
      `${[...path, key].join('.')} must be a port number, got ${describeValue(value)}`,
      [...path, key],
    );
  }
  return value;
}

function protocolAt(obj: Obj, key: string, path: Path): Protocol {
  const value = field(obj, key) ?? 'TCP';
  if (value !== 'TCP' && value !== 'UDP' && value !== 'SCTP') {
    throw new ProxyError(
      'INVALID_PROTOCOL',
      `${[...path, key].join('.')} must be TCP, UDP or SCTP, got ${describeValue(value)}`,
      [...path, key],
    );
  }
  return value;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A Service port before endpoints are attached. */
export type ServicePortBase = Omit<
  ServicePortModel,
  'endpoints' | 'clusterEndpoints' | 'localEndpoints' | 'allReachableEndpoints' | 'hasAnyEndpoints'
>;

/**
 * Reads one `v1.Service` the way kube-proxy's ServiceChangeTracker does: headless, ExternalName and
 * wrong-family services give no ports; addresses and source ranges are filtered to the proxier's
 * family. Throws {@link ProxyError} for malformed objects.
 *
 * @example
 * ```ts
 * const ports = servicePortsOf(service, config, ['services', 0], []);
 * ```
 */
export function servicePortsOf(
  service: unknown,
  config: ResolvedProxyConfig,
  path: Path,
  warnings: ModelWarning[],
): ServicePortBase[] {
  if (!isObject(service)) {
    throw new ProxyError('INVALID_SERVICE', `${path.join('.')} must be a Service object`, path);
  }
  const family = config.ipFamily === 'IPv4' ? 4 : 6;
  const metadata = objectAt(service, 'metadata', path) ?? {};
  const name = stringAt(metadata, 'name', [...path, 'metadata'], '');
  if (name === '') {
    throw new ProxyError('INVALID_SERVICE', `${path.join('.')}.metadata.name is required`, [
      ...path,
      'metadata',
      'name',
    ]);
  }
  const namespace = stringAt(metadata, 'namespace', [...path, 'metadata'], 'default');
  const specPath = [...path, 'spec'];
  const spec = objectAt(service, 'spec', path) ?? {};
  const type = stringAt(spec, 'type', specPath, 'ClusterIP');
  const clusterIPField = stringAt(spec, 'clusterIP', specPath, '');
  if (type === 'ExternalName' || clusterIPField === '' || clusterIPField === 'None') return [];

  // GetClusterIPByFamily: spec.clusterIPs first, else spec.clusterIP.
  let clusterIP = '';
  const clusterIPs = arrayAt(spec, 'clusterIPs', specPath);
  const candidates = clusterIPs.length > 0 ? clusterIPs : [clusterIPField];
  for (let i = 0; i < candidates.length; i++) {
    const ip = parseIpSloppy(candidates[i]);
    if (ip === undefined) {
      const where = clusterIPs.length > 0 ? [...specPath, 'clusterIPs', i] : [...specPath, 'clusterIP'];
      throw new ProxyError('INVALID_ADDRESS', `invalid cluster IP ${describeValue(candidates[i])}`, where);
    }
    if (ip.family === family) {
      clusterIP = ipText(candidates[i] as string, ip);
      break;
    }
  }
  if (clusterIP === '') return [];

  const externalIPs: string[] = [];
  const rawExternalIPs = arrayAt(spec, 'externalIPs', specPath);
  rawExternalIPs.forEach((text, i) => {
    const ip = parseIpSloppy(text);
    if (ip === undefined) {
      warnings.push({
        code: 'INVALID_ADDRESS',
        message: `skipped external IP ${describeValue(text)}`,
        path: [...specPath, 'externalIPs', i],
      });
    } else if (ip.family === family) externalIPs.push(formatIp(ip));
  });
  const sourceRanges: string[] = [];
  arrayAt(spec, 'loadBalancerSourceRanges', specPath).forEach((text, i) => {
    const cidr = parseCidrSloppy(typeof text === 'string' ? text.trim() : text);
    if (cidr === undefined) {
      warnings.push({
        code: 'INVALID_CIDR',
        message: `skipped source range ${describeValue(text)}`,
        path: [...specPath, 'loadBalancerSourceRanges', i],
      });
    } else if (cidr.addr.family === family) sourceRanges.push(formatCidr(cidr));
  });
  const lbVIPs: string[] = [];
  const status = objectAt(service, 'status', path);
  const lb = status === undefined ? undefined : objectAt(status, 'loadBalancer', [...path, 'status']);
  if (lb !== undefined) {
    const lbPath = [...path, 'status', 'loadBalancer'];
    arrayAt(lb, 'ingress', lbPath).forEach((ing, i) => {
      if (!isObject(ing)) return;
      const ipText = field(ing, 'ip');
      if (typeof ipText !== 'string' || ipText === '') return;
      const ipMode = field(ing, 'ipMode');
      if (ipMode !== undefined && ipMode !== null && ipMode !== 'VIP') return;
      const ip = parseIpSloppy(ipText);
      if (ip === undefined) {
        warnings.push({
          code: 'INVALID_ADDRESS',
          message: `skipped load-balancer IP ${describeValue(ipText)}`,
          path: [...lbPath, 'ingress', i, 'ip'],
        });
      } else if (ip.family === family) lbVIPs.push(formatIp(ip));
    });
  }

  const affinity = stringAt(spec, 'sessionAffinity', specPath, 'None') === 'ClientIP' ? 'ClientIP' : 'None';
  let sticky = 0;
  if (affinity === 'ClientIP') {
    sticky = 10800;
    const sac = objectAt(spec, 'sessionAffinityConfig', specPath);
    const clientIP =
      sac === undefined ? undefined : objectAt(sac, 'clientIP', [...specPath, 'sessionAffinityConfig']);
    const timeout = clientIP === undefined ? undefined : field(clientIP, 'timeoutSeconds');
    if (typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0) sticky = timeout;
  }
  const serviceExternallyAccessible =
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && rawExternalIPs.length > 0);
  const externalPolicyLocal =
    serviceExternallyAccessible && stringAt(spec, 'externalTrafficPolicy', specPath, 'Cluster') === 'Local';
  const internalPolicyLocal = stringAt(spec, 'internalTrafficPolicy', specPath, 'Cluster') === 'Local';
  const healthCheckNodePort =
    type === 'LoadBalancer' && externalPolicyLocal ? portAt(spec, 'healthCheckNodePort', specPath, true) : 0;

  const out: ServicePortBase[] = [];
  const ports = arrayAt(spec, 'ports', specPath);
  ports.forEach((portObj, i) => {
    const portPath = [...specPath, 'ports', i];
    if (!isObject(portObj)) {
      throw new ProxyError('INVALID_SERVICE', `${portPath.join('.')} must be an object`, portPath);
    }
    const portName = stringAt(portObj, 'name', portPath, '');
    const protocol = protocolAt(portObj, 'protocol', portPath);
    const port = portAt(portObj, 'port', portPath, false);
    if (port === 0)
      throw new ProxyError('INVALID_PORT', `${portPath.join('.')}.port is required`, [...portPath, 'port']);
    const nodePort = portAt(portObj, 'nodePort', portPath, true);
    const externallyAccessible = nodePort !== 0 || lbVIPs.length > 0 || externalIPs.length > 0;
    out.push({
      namespace,
      name,
      portName,
      serviceKey: `${namespace}/${name}`,
      servicePortName: portName === '' ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`,
      protocol,
      clusterIP,
      port,
      nodePort,
      externalIPs,
      loadBalancerVIPs: lbVIPs,
      loadBalancerSourceRanges: sourceRanges,
      healthCheckNodePort,
      sessionAffinity: affinity,
      stickyMaxAgeSeconds: sticky,
      externalPolicyLocal,
      internalPolicyLocal,
      externallyAccessible,
      usesClusterEndpoints: !internalPolicyLocal || externallyAccessible,
      usesLocalEndpoints: internalPolicyLocal || (externalPolicyLocal && externallyAccessible),
    });
  });
  return out;
}

/**
 * A slice's service key (`ns/name` from the `kubernetes.io/service-name` label), or undefined.
 *
 * @example
 * ```ts
 * sliceServiceKey({ metadata: { namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } } }); // 'ns/web'
 * ```
 */
export function sliceServiceKey(slice: unknown): string | undefined {
  if (!isObject(slice)) return undefined;
  const metadata = field(slice, 'metadata');
  if (!isObject(metadata)) return undefined;
  const labels = field(metadata, 'labels');
  if (!isObject(labels)) return undefined;
  const svc = field(labels, 'kubernetes.io/service-name');
  if (typeof svc !== 'string' || svc === '') return undefined;
  const ns = field(metadata, 'namespace');
  return `${typeof ns === 'string' && ns !== '' ? ns : 'default'}/${svc}`;
}

function sliceName(slice: unknown): string {
  if (!isObject(slice)) return '';
  const metadata = field(slice, 'metadata');
  if (!isObject(metadata)) return '';
  const name = field(metadata, 'name');
  return typeof name === 'string' ? name : '';
}

const NO_HINTS: readonly string[] = Object.freeze([]);

function hintNames(hints: Obj | undefined, key: string): readonly string[] {
  if (hints === undefined) return NO_HINTS;
  const list = field(hints, key);
  if (!Array.isArray(list) || list.length === 0) return NO_HINTS;
  const names: string[] = [];
  for (const h of list) {
    if (isObject(h) && typeof h.name === 'string' && !names.includes(h.name)) names.push(h.name);
  }
  return names.sort(byString);
}

/**
 * The endpoints of one service, per `portName/PROTOCOL` key, the way EndpointSliceCache builds them:
 * slices in name order, `addresses[0]` only, wrong-family addresses skipped, duplicates resolved in
 * favour of non-terminating endpoints, each list sorted by `ip:port` string.
 *
 * @example
 * ```ts
 * const byPort = endpointsOf([{ slice, path: ['endpointSlices', 0] }], config, []);
 * byPort.get('p80/TCP'); // ModelEndpoint[]
 * ```
 */
export function endpointsOf(
  slices: readonly { readonly slice: unknown; readonly path: Path }[],
  config: ResolvedProxyConfig,
  warnings: ModelWarning[],
): Map<string, ModelEndpoint[]> {
  const family = config.ipFamily === 'IPv4' ? 4 : 6;
  const sorted =
    slices.length > 1 ? [...slices].sort((a, b) => byString(sliceName(a.slice), sliceName(b.slice))) : slices;
  // Every endpoint per port key in slice order; duplicates are resolved after sorting.
  const lists = new Map<string, ModelEndpoint[]>();
  for (const { slice, path } of sorted) {
    if (!isObject(slice)) continue;
    // EndpointsChangeTracker ignores slices of another address type (and FQDN slices).
    const addressType = field(slice, 'addressType');
    if (typeof addressType === 'string' && addressType !== config.ipFamily) continue;
    const ports = arrayAt(slice, 'ports', path);
    const endpoints = arrayAt(slice, 'endpoints', path);
    // Read every endpoint once; ports only change the port number.
    const parsed: Omit<ModelEndpoint, 'port' | 'endpoint'>[] = [];
    for (let ei = 0; ei < endpoints.length; ei++) {
      const ep = endpoints[ei];
      if (!isObject(ep)) {
        const epPath = [...path, 'endpoints', ei];
        throw new ProxyError('INVALID_ENDPOINT_SLICE', `${epPath.join('.')} must be an object`, epPath);
      }
      const addresses = field(ep, 'addresses');
      if (!Array.isArray(addresses)) {
        if (addresses === undefined || addresses === null) continue;
        const aPath = [...path, 'endpoints', ei, 'addresses'];
        throw new ProxyError('INVALID_OBJECT', `${aPath.join('.')} must be an array`, aPath);
      }
      if (addresses.length === 0) continue;
      const ip = parseIpSloppy(addresses[0]);
      if (ip === undefined) {
        warnings.push({
          code: 'INVALID_ADDRESS',
          message: `skipped endpoint address ${describeValue(addresses[0])}`,
          path: [...path, 'endpoints', ei, 'addresses', 0],
        });
        continue;
      }
      if (ip.family !== family) continue;
      const conditions = field(ep, 'conditions');
      const cond = isObject(conditions) ? conditions : EMPTY_OBJ;
      const hints = field(ep, 'hints');
      const h = isObject(hints) ? hints : undefined;
      parsed.push({
        ip: ipText(addresses[0] as string, ip),
        isLocal: config.hostname !== '' && field(ep, 'nodeName') === config.hostname,
        ready: field(cond, 'ready') !== false,
        serving: field(cond, 'serving') !== false,
        terminating: field(cond, 'terminating') === true,
        zoneHints: hintNames(h, 'forZones'),
        nodeHints: hintNames(h, 'forNodes'),
      });
    }
    for (let pi = 0; pi < ports.length; pi++) {
      const portObj = ports[pi];
      const portPath = [...path, 'ports', pi];
      if (!isObject(portObj)) {
        throw new ProxyError('INVALID_ENDPOINT_SLICE', `${portPath.join('.')} must be an object`, portPath);
      }
      const portNum = portAt(portObj, 'port', portPath, true);
      if (portNum === 0) continue;
      const key = `${stringAt(portObj, 'name', portPath, '')}/${protocolAt(portObj, 'protocol', portPath)}`;
      let list = lists.get(key);
      if (list === undefined) {
        list = [];
        lists.set(key, list);
      }
      for (const base of parsed) {
        list.push({
          ip: base.ip,
          port: portNum,
          endpoint: family === 4 ? `${base.ip}:${portNum}` : `[${base.ip}]:${portNum}`,
          isLocal: base.isLocal,
          ready: base.ready,
          serving: base.serving,
          terminating: base.terminating,
          zoneHints: base.zoneHints,
          nodeHints: base.nodeHints,
        });
      }
    }
  }
  const out = new Map<string, ModelEndpoint[]>();
  for (const [key, list] of lists) out.set(key, dedupeSorted(list.sort(byEndpoint)));
  return out;
}

const byEndpoint = (a: ModelEndpoint, b: ModelEndpoint): number => byString(a.endpoint, b.endpoint);

/**
 * One endpoint per `ip:port` from a list stably sorted by it (so each run keeps slice order):
 * EndpointSliceCache keeps the last non-terminating copy, or the first copy when all terminate.
 */
function dedupeSorted(list: ModelEndpoint[]): ModelEndpoint[] {
  let dup = false;
  for (let i = 1; i < list.length && !dup; i++)
    dup = (list[i] as ModelEndpoint).endpoint === (list[i - 1] as ModelEndpoint).endpoint;
  if (!dup) return list;
  const out: ModelEndpoint[] = [];
  let i = 0;
  while (i < list.length) {
    const first = list[i] as ModelEndpoint;
    let pick = first;
    let j = i;
    for (; j < list.length && (list[j] as ModelEndpoint).endpoint === first.endpoint; j++) {
      const ep = list[j] as ModelEndpoint;
      if (!ep.terminating) pick = ep;
    }
    out.push(pick);
    i = j;
  }
  return out;
}

const EMPTY_OBJ: Obj = Object.freeze(Object.create(null) as Obj);

/**
 * Attaches endpoints to service ports and categorises them (CategorizeEndpoints).
 *
 * @example
 * ```ts
 * const model = attachEndpoints(ports, endpointsOf(slices, config, []), config);
 * ```
 */
export function attachEndpoints(
  ports: readonly ServicePortBase[],
  byPort: ReadonlyMap<string, readonly ModelEndpoint[]>,
  config: ResolvedProxyConfig,
): ServicePortModel[] {
  const node = { hostname: config.hostname, zone: config.zone, preferSameNode: config.preferSameNode };
  return ports.map((port) => {
    const endpoints = byPort.get(`${port.portName}/${port.protocol}`) ?? [];
    const c = categorizeEndpoints(endpoints, port, node);
    // Explicit fields (no object spread): this runs once per service port on the hot path.
    return {
      namespace: port.namespace,
      name: port.name,
      portName: port.portName,
      serviceKey: port.serviceKey,
      servicePortName: port.servicePortName,
      protocol: port.protocol,
      clusterIP: port.clusterIP,
      port: port.port,
      nodePort: port.nodePort,
      externalIPs: port.externalIPs,
      loadBalancerVIPs: port.loadBalancerVIPs,
      loadBalancerSourceRanges: port.loadBalancerSourceRanges,
      healthCheckNodePort: port.healthCheckNodePort,
      sessionAffinity: port.sessionAffinity,
      stickyMaxAgeSeconds: port.stickyMaxAgeSeconds,
      externalPolicyLocal: port.externalPolicyLocal,
      internalPolicyLocal: port.internalPolicyLocal,
      externallyAccessible: port.externallyAccessible,
      usesClusterEndpoints: port.usesClusterEndpoints,
      usesLocalEndpoints: port.usesLocalEndpoints,
      endpoints,
      clusterEndpoints: c.clusterEndpoints,
      localEndpoints: c.localEndpoints,
      allReachableEndpoints: c.allReachableEndpoints,
      hasAnyEndpoints: c.hasAnyEndpoints,
    };
  });
}

/**
 * Compares service ports by ServicePortName string, then protocol.
 *
 * @example
 * ```ts
 * ports.sort(compareServicePorts);
 * ```
 */
export function compareServicePorts(a: ServicePortBase, b: ServicePortBase): number {
  return byString(a.servicePortName, b.servicePortName) || byString(a.protocol, b.protocol);
}

/**
 * The objects of an input list: an array, or a `kubectl get -o json` List (`{ items: [...] }`).
 * Throws `INVALID_INPUT` for anything else.
 *
 * @example
 * ```ts
 * objectList({ kind: 'List', items: [svc] }, 'services'); // [svc]
 * ```
 */
export function objectList(value: unknown, name: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value) && Array.isArray(value.items)) return value.items;
  throw new ProxyError('INVALID_INPUT', `${name} must be an array or a List with items`, [name]);
}

/**
 * Normalises Services, EndpointSlices and config into the sorted {@link ServiceModel} every proxy
 * mode reads. Throws {@link ProxyError} (`INVALID_SERVICE`, `INVALID_PORT`, `INVALID_ADDRESS`, …
 * with a `path`) for malformed input; things kube-proxy merely skips become `warnings`.
 *
 * @example
 * ```ts
 * const model = buildServiceModel({ services, endpointSlices, config: { hostname: 'n1', nodeIPs: ['192.168.0.2'] } });
 * model.servicePorts[0].servicePortName; // 'ns1/svc1:p80'
 * ```
 */
export function buildServiceModel(input: ProxyInput): ServiceModel {
  if (!isObject(input)) throw new ProxyError('INVALID_INPUT', 'input must be an object', []);
  const config = resolveProxyConfig(input.config);
  const services = objectList(input.services, 'services');
  const slices = objectList(input.endpointSlices, 'endpointSlices');
  const warnings: ModelWarning[] = [];
  const slicesByService = new Map<string, { slice: unknown; path: Path }[]>();
  slices.forEach((slice: unknown, i: number) => {
    if (!isObject(slice)) {
      throw new ProxyError('INVALID_ENDPOINT_SLICE', `endpointSlices.${i} must be an EndpointSlice object`, [
        'endpointSlices',
        i,
      ]);
    }
    const key = sliceServiceKey(slice);
    if (key === undefined) return;
    let list = slicesByService.get(key);
    if (list === undefined) {
      list = [];
      slicesByService.set(key, list);
    }
    list.push({ slice, path: ['endpointSlices', i] });
  });
  const all: ServicePortModel[] = [];
  const seen = new Set<string>();
  services.forEach((service: unknown, i: number) => {
    const ports = servicePortsOf(service, config, ['services', i], warnings);
    if (ports.length === 0) return;
    const key = (ports[0] as ServicePortBase).serviceKey;
    if (seen.has(key)) {
      warnings.push({
        code: 'DUPLICATE_SERVICE',
        message: `skipped duplicate Service ${key}`,
        path: ['services', i],
      });
      return;
    }
    seen.add(key);
    const byPort = endpointsOf(slicesByService.get(key) ?? [], config, warnings);
    for (const sp of attachEndpoints(ports, byPort, config)) all.push(sp);
  });
  all.sort(compareServicePorts);
  let totalEndpoints = 0;
  for (const sp of all) totalEndpoints += sp.endpoints.length;
  return { config, servicePorts: all, totalEndpoints, warnings };
}

/**
 * {@link buildServiceModel} that returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * const r = safeBuildServiceModel({ services: [null], endpointSlices: [], config });
 * r.ok; // false; r.error.code === 'INVALID_SERVICE'
 * ```
 */
export function safeBuildServiceModel(input: ProxyInput): Result<ServiceModel, ProxyError> {
  try {
    return { ok: true, value: buildServiceModel(input) };
  } catch (error) {
    if (error instanceof ProxyError) return { ok: false, error };
    return {
      ok: false,
      error: new ProxyError('INVALID_INPUT', error instanceof Error ? error.message : String(error)),
    };
  }
}
