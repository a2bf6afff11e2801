import type { PathSegment } from '@podnet/ip';
import { reverseName } from '@podnet/ip';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import { type IpInfo, ipKey, parseIpText } from './internal/ip-text.ts';
import { type DnsAnswer, EMPTY_RECORDS, resolveAnswer, result, soa } from './internal/resolve.ts';
import type { ZoneAddress, ZonePort, ZoneService } from './internal/zone-data.ts';
import { ZONE_MARK } from './internal/zone-mark.ts';
import type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';

/**
 * CoreDNS `pods` modes.
 *
 * @example
 * ```ts
 * const mode: PodsMode = 'insecure';
 * ```
 */
export type PodsMode = 'disabled' | 'insecure' | 'verified';

/**
 * Input of {@link clusterZone}: the cluster's objects plus the kubernetes plugin's options.
 *
 * @example
 * ```ts
 * const input: ClusterZoneInput = { clusterDomain: 'cluster.local', services: [], endpointSlices: [], pods: [], podsMode: 'verified' };
 * ```
 */
export interface ClusterZoneInput {
  readonly services?: readonly KubeService[] | undefined;
  readonly endpointSlices?: readonly KubeEndpointSlice[] | undefined;
  readonly pods?: readonly KubePod[] | undefined;
  /** The cluster domain, e.g. `cluster.local` (a trailing dot is accepted). */
  readonly clusterDomain: string;
  /** `pods` option; default `disabled` (CoreDNS's default; kubeadm writes `insecure`). */
  readonly podsMode?: PodsMode | undefined;
  /** `ttl` option; default 5 (CoreDNS's default; kubeadm writes 30). */
  readonly ttl?: number | undefined;
  /** `endpoint_pod_names` option. */
  readonly endpointPodNames?: boolean | undefined;
  /** `ignore empty_service` option. */
  readonly ignoreEmptyService?: boolean | undefined;
  /** `noendpoints` option. */
  readonly noEndpoints?: boolean | undefined;
  /** `namespaces` option: only these namespaces are served (default: all). */
  readonly exposedNamespaces?: readonly string[] | undefined;
  /** Namespaces that exist besides those the given objects are in (e.g. from Namespace objects). */
  readonly namespaces?: readonly string[] | undefined;
  /** Zones of the plugin; default `[clusterDomain, 'in-addr.arpa', 'ip6.arpa']` as kubeadm. */
  readonly zones?: readonly string[] | undefined;
  /** `fallthrough` zones; default `['in-addr.arpa', 'ip6.arpa']` as kubeadm. `[]` for none. */
  readonly fallthrough?: readonly string[] | undefined;
  /** SOA serial (CoreDNS uses the last-change time); default 0 so output is deterministic. */
  readonly serial?: number | undefined;
  /**
   * Whether CoreDNS has synced with the API server; default true. Before the sync (up to
   * `startup_timeout`) names that would be NXDOMAIN get SERVFAIL (`TestNotSyncedServeDNS`).
   */
  readonly synced?: boolean | undefined;
}

/**
 * An endpoint address seen from its IP: the Service it backs and the address itself.
 *
 * @example
 * ```ts
 * const zone = clusterZone({ clusterDomain: 'cluster.local' });
 * zone.endpointsByIp.size; // endpoint IPs known to the zone
 * ```
 */
export interface EndpointRef {
  readonly svc: ZoneService;
  readonly address: ZoneAddress;
}

/**
 * A name server of the zone apex: the name and its addresses.
 *
 * @example
 * ```ts
 * clusterZone({ clusterDomain: 'cluster.local' }).nameServers[0]?.name; // 'ns.dns.cluster.local.'
 * ```
 */
export interface ZoneNameServer {
  readonly name: string;
  readonly ips: readonly IpInfo[];
}

/**
 * The cluster's DNS zone as CoreDNS's kubernetes plugin sees it: Services, their ready
 * endpoints and pods indexed by lower-cased keys, ready for {@link answer}. Treat as opaque.
 *
 * @example
 * ```ts
 * const zone: ClusterZone = clusterZone({ clusterDomain: 'cluster.local' });
 * zone.primaryZone; // 'cluster.local.'
 * ```
 */
export interface ClusterZone {
  /** Lower-cased zones with trailing dots; the first forward one is the primary zone. */
  readonly zones: readonly string[];
  readonly primaryZone: string;
  readonly ttl: number;
  readonly podsMode: PodsMode;
  readonly ignoreEmptyService: boolean;
  readonly fallthrough: readonly string[];
  readonly serial: number;
  readonly synced: boolean;
  /** `"<name>.<namespace>"` (lower case) → service. */
  readonly services: ReadonlyMap<string, ZoneService>;
  /** Namespaces that exist (lower case). */
  readonly namespaces: ReadonlySet<string>;
  /** `namespaces` option (lower case); empty means all are exposed. */
  readonly exposedNamespaces: ReadonlySet<string>;
  /** Pod IP as written → namespaces of pods with that IP (verified mode). */
  readonly podsByIp: ReadonlyMap<string, readonly string[]>;
  /** Canonical IP → services with that cluster IP, in input order. */
  readonly servicesByIp: ReadonlyMap<string, readonly ZoneService[]>;
  /** Canonical IP → endpoints with that IP (their service and label), in input order. */
  /**
   * Keyed by {@link ipKey}: the uint32 for IPv4 (cheap to hash), the canonical text for IPv6.
   * Built on first read (a getter), since only PTR questions for endpoint IPs need it.
   */
  readonly endpointsByIp: ReadonlyMap<number | string, EndpointRef | readonly EndpointRef[]>;
  /** NS records of the apex (kube-dns Service when present, else `ns.dns.<zone>`). */
  readonly nameServers: readonly ZoneNameServer[];
  /** Every pod IP as written, in input order, for zone listings; namespaces in `podIpNamespaces`. */
  readonly podIps: readonly string[];
  /** The (lower-case) namespace of each entry of `podIps`. */
  readonly podIpNamespaces: readonly string[];
  /** Answers by lower-case name and type, the hot path of `answer`. */
  readonly fast: FastAnswers;
  /** Per zone: its SOA and the shared NXDOMAIN / NODATA responses. */
  readonly negative: ReadonlyMap<string, NegativeAnswers>;
}

/**
 * The SOA and negative responses of one zone, built once.
 *
 * @example
 * ```ts
 * clusterZone({ clusterDomain: 'cluster.local' }).negative.get('cluster.local.')?.nxdomain.rcode; // 'NXDOMAIN'
 * ```
 */
export interface NegativeAnswers {
  readonly soa: DnsRecord;
  readonly nxdomain: DnsAnswer;
  readonly nxdomainUpstream: DnsAnswer;
  readonly nodata: DnsAnswer;
}

/**
 * Answers by lower-case name (trailing dot), one map per type: precomputed (and frozen) for
 * every Service name (A, AAAA), its `_port._proto` names (SRV) and its cluster IPs (PTR); then
 * the negative answers `answer` works out for missing Service names and pod names are learned
 * on first use, each map growing to at most `capacity` entries (the zone's answers never
 * change, so a learned answer stays right).
 *
 * @example
 * ```ts
 * const zone = clusterZone({ clusterDomain: 'cluster.local', services: [{ metadata: { name: 'a', namespace: 'b' }, spec: { clusterIP: '10.0.0.1' } }] });
 * zone.fast.A.get('a.b.svc.cluster.local.')?.answers[0]?.data; // '10.0.0.1'
 * ```
 */
export interface FastAnswers {
  readonly A: ReadonlyMap<string, DnsAnswer>;
  readonly AAAA: ReadonlyMap<string, DnsAnswer>;
  readonly SRV: ReadonlyMap<string, DnsAnswer>;
  readonly PTR: ReadonlyMap<string, DnsAnswer>;
  /** Most entries each map holds: the largest precomputed map plus 32,768 learned answers. */
  readonly capacity: number;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** How many answers of one type `answer` may learn on top of the precomputed ones. */
const LEARNED_ANSWERS = 32_768;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(message: string, path: readonly PathSegment[]): never {
  throw new DnsError('INVALID_INPUT', message, path);
}

function str(v: unknown, path: readonly PathSegment[], required: boolean): string {
  if (v === undefined || v === null) {
    if (required) bad(`${path.join('.')} is required`, path);
    return '';
  }
  if (typeof v !== 'string') bad(`${path.join('.')} must be a string, got ${typeof v}`, path);
  return v;
}

function optStr(v: unknown): string | null {
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : null;
}

function arr(v: unknown, path: readonly PathSegment[]): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) bad(`${path.join('.')} must be an array`, path);
  return v;
}

function normalizeZone(z: string): string {
  const lower = z.toLowerCase();
  if (lower === '' || lower === '.') return '.';
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function isReverseZone(z: string): boolean {
  return z.endsWith('in-addr.arpa.') || z.endsWith('ip6.arpa.');
}

function readPorts(raw: unknown, path: readonly PathSegment[]): ZonePort[] {
  const list = arr(raw, path);
  const out: ZonePort[] = [];
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (!isObject(p)) bad(`${path.join('.')}[${i}] must be an object`, [...path, i]);
    const port = p.port;
    if (port !== undefined && port !== null && (typeof port !== 'number' || !Number.isInteger(port))) {
      bad(`${path.join('.')}[${i}].port must be an integer`, [...path, i, 'port']);
    }
    out.push({
      name: str(p.name, [...path, i, 'name'], false).toLowerCase(),
      protocol: (str(p.protocol, [...path, i, 'protocol'], false) || 'TCP').toLowerCase(),
      port: typeof port === 'number' ? port : -1,
    });
  }
  if (out.length === 0) out.push({ name: '', protocol: '', port: -1 });
  return out;
}

/** CoreDNS `endpointHostname`: hostname, else (endpoint_pod_names) the pod name, else the dashed IP. */
/** Freezes a shared answer (and its records) so no caller can change what others get. */
function frozen(a: DnsAnswer): DnsAnswer {
  for (const r of a.answers) Object.freeze(r);
  for (const r of a.additional) Object.freeze(r);
  Object.freeze(a.answers);
  return Object.freeze(a);
}

/** Endpoint IP → the endpoints with that IP, in input order. */
function indexEndpoints(
  order: readonly { readonly svc: ZoneService; readonly addresses: readonly ZoneAddress[] }[],
): Map<number | string, EndpointRef | EndpointRef[]> {
  const byIp = new Map<number | string, EndpointRef | EndpointRef[]>();
  for (const { svc, addresses } of order) {
    for (const address of addresses) {
      const ref: EndpointRef = { svc, address };
      const k = ipKey(address.ip);
      const prev = byIp.get(k);
      if (prev === undefined) byIp.set(k, ref);
      else if (Array.isArray(prev)) prev.push(ref);
      else byIp.set(k, [prev, ref]);
    }
  }
  return byIp;
}

/**
 * Builds the cluster zone that CoreDNS's kubernetes plugin serves from Kubernetes JSON objects
 * (Services, EndpointSlices — joined to their Service by the `kubernetes.io/service-name`
 * label — and Pods). A namespace exists when any given object is in it. Endpoints count when
 * `conditions.ready` is unset or true. Linear in the number of objects. Throws `DnsError`
 * `INVALID_INPUT` (with a `path`) for malformed objects.
 *
 * @example
 * ```ts
 * const zone = clusterZone({
 *   clusterDomain: 'cluster.local',
 *   services: [{ metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] } }],
 * });
 * answer(zone, { name: 'kubernetes.default.svc.cluster.local', type: 'A' }).answers[0]?.data; // '10.96.0.1'
 * ```
 */
export function clusterZone(input: ClusterZoneInput): ClusterZone {
  if (!isObject(input))
    bad('clusterZone expects an object { services, endpointSlices, pods, clusterDomain }', []);
  const domain = str(input.clusterDomain, ['clusterDomain'], true);
  const podsMode = input.podsMode ?? 'disabled';
  if (podsMode !== 'disabled' && podsMode !== 'insecure' && podsMode !== 'verified') {
    throw new DnsError(
      'INVALID_PODS_MODE',
      `wrong value for pods: ${String(podsMode)},  must be one of: disabled, verified, insecure`,
      ['podsMode'],
    );
  }
  const ttl = input.ttl ?? 5;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) {
    throw new DnsError('INVALID_TTL', `ttl must be in range [0, 3600]: ${String(ttl)}`, ['ttl']);
  }
  const serial = input.serial ?? 0;
  if (typeof serial !== 'number' || !Number.isInteger(serial) || serial < 0 || serial > 0xffffffff) {
    bad('serial must be an unsigned 32-bit integer', ['serial']);
  }
  const zoneList = (
    input.zones == null ? [domain, 'in-addr.arpa', 'ip6.arpa'] : arr(input.zones, ['zones'])
  ).map((z, i) => normalizeZone(str(z, ['zones', i], true)));
  const primaryZone = zoneList.find((z) => !isReverseZone(z));
  if (primaryZone === undefined) {
    throw new DnsError('NO_FORWARD_ZONE', 'non-reverse zone name must be used', ['zones']);
  }
  const fallthrough = (
    input.fallthrough == null ? ['in-addr.arpa', 'ip6.arpa'] : arr(input.fallthrough, ['fallthrough'])
  ).map((z, i) => normalizeZone(str(z, ['fallthrough', i], true)));
  const podNames = input.endpointPodNames === true;

  const namespaces = new Set<string>();
  for (const [i, ns] of arr(input.namespaces, ['namespaces']).entries()) {
    namespaces.add(str(ns, ['namespaces', i], true).toLowerCase());
  }
  const exposed = new Set<string>();
  for (const [i, ns] of arr(input.exposedNamespaces, ['exposedNamespaces']).entries()) {
    exposed.add(str(ns, ['exposedNamespaces', i], true).toLowerCase());
  }

  const services = new Map<string, ZoneService>();
  const servicesByIp = new Map<string, ZoneService[]>();
  const rawServices = arr(input.services, ['services']);
  for (let i = 0; i < rawServices.length; i++) {
    const s = rawServices[i];
    const path: PathSegment[] = ['services', i];
    if (!isObject(s)) bad(`services[${i}] must be an object`, path);
    const meta = s.metadata;
    if (!isObject(meta)) bad(`services[${i}].metadata must be an object`, [...path, 'metadata']);
    const name = str(meta.name, [...path, 'metadata', 'name'], true);
    const namespace = str(meta.namespace, [...path, 'metadata', 'namespace'], false) || 'default';
    const spec = s.spec ?? {};
    if (!isObject(spec)) bad(`services[${i}].spec must be an object`, [...path, 'spec']);
    const type = str(spec.type, [...path, 'spec', 'type'], false) || 'ClusterIP';
    const rawIps = arr(spec.clusterIPs, [...path, 'spec', 'clusterIPs']);
    const ipTexts: string[] = [];
    for (let k = 0; k < rawIps.length; k++)
      ipTexts.push(str(rawIps[k], [...path, 'spec', 'clusterIPs', k], true));
    const single = str(spec.clusterIP, [...path, 'spec', 'clusterIP'], false);
    if (ipTexts.length === 0 && single !== '') ipTexts.push(single);
    const headless = ipTexts[0] === 'None';
    const clusterIps: IpInfo[] = [];
    if (!headless) {
      for (const t of ipTexts) {
        const ip = parseIpText(t);
        if (ip !== null) clusterIps.push(ip);
      }
    }
    const kind = type === 'ExternalName' ? 'ExternalName' : headless ? 'Headless' : 'ClusterIP';
    const key = `${name}.${namespace}`.toLowerCase();
    const svc: ZoneService = {
      name,
      namespace,
      kind,
      clusterIps: kind === 'ClusterIP' ? clusterIps : [],
      externalName:
        kind === 'ExternalName' ? str(spec.externalName, [...path, 'spec', 'externalName'], false) : '',
      ports: readPorts(spec.ports, [...path, 'spec', 'ports']),
      slices: [],
      fqdn: `${name}.${namespace}.svc.${primaryZone}`,
    };
    namespaces.add(namespace.toLowerCase());
    if (services.has(key)) continue;
    services.set(key, svc);
    for (const ip of svc.clusterIps) {
      const list = servicesByIp.get(ip.text);
      if (list === undefined) servicesByIp.set(ip.text, [svc]);
      else list.push(svc);
    }
  }

  // Endpoint slices of known Services in input order; `endpointsByIp` is built from them on
  // first use (only PTR questions for endpoint IPs need it, and it is the costliest index).
  const sliceOrder: { readonly svc: ZoneService; readonly addresses: readonly ZoneAddress[] }[] = [];
  let endpointsByIp: Map<number | string, EndpointRef | EndpointRef[]> | null = null;
  const useEndpoints = input.noEndpoints !== true;
  const rawSlices = arr(input.endpointSlices, ['endpointSlices']);
  for (let i = 0; i < rawSlices.length; i++) {
    const es = rawSlices[i];
    if (!isObject(es)) bad(`endpointSlices[${i}] must be an object`, ['endpointSlices', i]);
    const meta = es.metadata;
    if (!isObject(meta))
      bad(`endpointSlices[${i}].metadata must be an object`, ['endpointSlices', i, 'metadata']);
    const namespace = optStr(meta.namespace) || 'default';
    if (typeof meta.namespace !== 'string' && meta.namespace != null) {
      bad(`endpointSlices[${i}].metadata.namespace must be a string`, [
        'endpointSlices',
        i,
        'metadata',
        'namespace',
      ]);
    }
    namespaces.add(namespace.toLowerCase());
    const labels = meta.labels;
    if (labels !== undefined && labels !== null && !isObject(labels)) {
      bad(`endpointSlices[${i}].metadata.labels must be an object`, [
        'endpointSlices',
        i,
        'metadata',
        'labels',
      ]);
    }
    const rawName =
      labels && Object.hasOwn(labels, SERVICE_NAME_LABEL) ? labels[SERVICE_NAME_LABEL] : undefined;
    const svcName = optStr(rawName);
    if (svcName === null) {
      bad(`endpointSlices[${i}].metadata.labels["${SERVICE_NAME_LABEL}"] must be a string`, [
        'endpointSlices',
        i,
        'metadata',
        'labels',
        SERVICE_NAME_LABEL,
      ]);
    }
    const ports = readPorts(es.ports, ['endpointSlices', i, 'ports']);
    const svc = useEndpoints ? services.get(`${svcName}.${namespace}`.toLowerCase()) : undefined;
    const addresses: ZoneAddress[] = [];
    const eps = arr(es.endpoints, ['endpointSlices', i, 'endpoints']);
    for (let e = 0; e < eps.length; e++) {
      const ep = eps[e];
      if (!isObject(ep))
        bad(`endpointSlices[${i}].endpoints[${e}] must be an object`, ['endpointSlices', i, 'endpoints', e]);
      const cond = ep.conditions;
      if (cond !== undefined && cond !== null && isObject(cond) && cond.ready === false) continue;
      const hostname = optStr(ep.hostname);
      if (hostname === null) {
        bad(`endpointSlices[${i}].endpoints[${e}].hostname must be a string`, [
          'endpointSlices',
          i,
          'endpoints',
          e,
          'hostname',
        ]);
      }
      const ref = ep.targetRef;
      // endpoint_pod_names: the pod name, if shorter than 64 characters (object/endpoint.go).
      const podName = isObject(ref) ? optStr(ref.name) : '';
      if (podName === null) {
        bad(`endpointSlices[${i}].endpoints[${e}].targetRef.name must be a string`, [
          'endpointSlices',
          i,
          'endpoints',
          e,
          'targetRef',
          'name',
        ]);
      }
      const keptPodName = podNames && podName.length < 64 ? podName : '';
      const addrs = ep.addresses;
      if (!Array.isArray(addrs)) {
        if (addrs === undefined || addrs === null) continue;
        bad(`endpointSlices[${i}].endpoints[${e}].addresses must be an array`, [
          'endpointSlices',
          i,
          'endpoints',
          e,
          'addresses',
        ]);
      }
      for (let a = 0; a < addrs.length; a++) {
        const text = addrs[a];
        if (typeof text !== 'string') {
          bad(`endpointSlices[${i}].endpoints[${e}].addresses[${a}] must be a string`, [
            'endpointSlices',
            i,
            'endpoints',
            e,
            'addresses',
            a,
          ]);
        }
        const ip = parseIpText(text);
        if (ip === null) continue;
        const address: ZoneAddress = { ip, text, hostname, podName: keptPodName };
        addresses.push(address);
      }
    }
    if (svc !== undefined) {
      svc.slices.push({ addresses, ports });
      sliceOrder.push({ svc, addresses });
    }
  }

  const podsByIp = new Map<string, string[]>();
  const podIpNamespaces: string[] = [];
  const podIpList: string[] = [];
  const verified = podsMode === 'verified';
  const rawPods = arr(input.pods, ['pods']);
  for (let i = 0; i < rawPods.length; i++) {
    const p = rawPods[i];
    if (!isObject(p)) bad(`pods[${i}] must be an object`, ['pods', i]);
    const meta = p.metadata;
    if (!isObject(meta)) bad(`pods[${i}].metadata must be an object`, ['pods', i, 'metadata']);
    const rawNs = optStr(meta.namespace);
    if (rawNs === null)
      bad(`pods[${i}].metadata.namespace must be a string`, ['pods', i, 'metadata', 'namespace']);
    const namespace = (rawNs || 'default').toLowerCase();
    namespaces.add(namespace);
    const status = p.status;
    if (status === undefined || status === null) continue;
    if (!isObject(status)) bad(`pods[${i}].status must be an object`, ['pods', i, 'status']);
    const podIp = optStr(status.podIP);
    if (podIp === null) bad(`pods[${i}].status.podIP must be a string`, ['pods', i, 'status', 'podIP']);
    const listed = status.podIPs;
    const count = listed === undefined || listed === null ? 0 : Array.isArray(listed) ? listed.length : -1;
    if (count < 0) bad(`pods[${i}].status.podIPs must be an array`, ['pods', i, 'status', 'podIPs']);
    for (let k = -1; k < count; k++) {
      let ip: string;
      if (k < 0) {
        if (podIp === '') continue;
        ip = podIp;
      } else {
        const entry = (listed as unknown[])[k];
        if (!isObject(entry) || typeof entry.ip !== 'string') {
          bad(`pods[${i}].status.podIPs[${k}].ip must be a string`, ['pods', i, 'status', 'podIPs', k, 'ip']);
        }
        if (entry.ip === podIp) continue;
        ip = entry.ip;
      }
      podIpNamespaces.push(namespace);
      podIpList.push(ip);
      // CoreDNS indexes `status.podIP` only (object/pod.go), not the other `podIPs`.
      if (!verified || k >= 0) continue;
      const list = podsByIp.get(ip);
      if (list === undefined) podsByIp.set(ip, [namespace]);
      else list.push(namespace);
    }
  }

  // NS: CoreDNS finds the Service whose endpoints hold its own IP; in a model the DNS Service
  // is kube-system/kube-dns (kubeadm). Without it: ns.dns.<zone> at 127.0.0.1 (CoreDNS tests).
  const kubeDns = services.get('kube-dns.kube-system');
  const nameServers: ZoneNameServer[] =
    kubeDns !== undefined && kubeDns.kind === 'ClusterIP' && kubeDns.clusterIps.length > 0
      ? [{ name: kubeDns.fqdn, ips: kubeDns.clusterIps }]
      : [{ name: `ns.dns.${primaryZone}`, ips: [parseIpText('127.0.0.1') as IpInfo] }];

  const fastA = new Map<string, DnsAnswer>();
  const fastAAAA = new Map<string, DnsAnswer>();
  const fastSRV = new Map<string, DnsAnswer>();
  const fastPTR = new Map<string, DnsAnswer>();
  const fast = { A: fastA, AAAA: fastAAAA, SRV: fastSRV, PTR: fastPTR, capacity: 0 };
  const negative = new Map<string, NegativeAnswers>();
  const base = {
    zones: [...zoneList].sort((a, b) => b.length - a.length),
    primaryZone,
    ttl,
    podsMode,
    ignoreEmptyService: input.ignoreEmptyService === true,
    fallthrough,
    serial,
    synced: input.synced !== false,
    services,
    namespaces,
    exposedNamespaces: exposed,
    podsByIp,
    servicesByIp,
    nameServers,
    podIpNamespaces,
    podIps: podIpList,
    fast,
    negative,
  };
  // A getter in the object literal would put the zone in V8's slow (dictionary) mode; one added
  // afterwards keeps its fast shape.
  Object.defineProperty(base, 'endpointsByIp', {
    enumerable: true,
    get(): ReadonlyMap<number | string, EndpointRef | readonly EndpointRef[]> {
      if (endpointsByIp === null) endpointsByIp = indexEndpoints(sliceOrder);
      return endpointsByIp;
    },
  });
  const zone = base as typeof base & Pick<ClusterZone, 'endpointsByIp'>;
  for (const z of zoneList) {
    const record = Object.freeze(soa(zone, z));
    const authority = Object.freeze([record]);
    negative.set(z, {
      soa: record,
      nxdomain: Object.freeze(result('NXDOMAIN', EMPTY_RECORDS, authority, EMPTY_RECORDS, false)),
      nxdomainUpstream: Object.freeze(result('NXDOMAIN', EMPTY_RECORDS, authority, EMPTY_RECORDS, true)),
      nodata: Object.freeze(result('NOERROR', EMPTY_RECORDS, authority, EMPTY_RECORDS, false)),
    });
  }
  // resolveAnswer never reads `fast`, so it can be filled while building. Precomputed: the
  // Service names (A, AAAA), their `_port._proto` names (SRV) and cluster IPs (PTR).
  for (const svc of services.values()) {
    const lname = svc.fqdn.toLowerCase();
    fastA.set(lname, frozen(resolveAnswer(zone, lname, lname, 'A')));
    fastAAAA.set(lname, frozen(resolveAnswer(zone, lname, lname, 'AAAA')));
    if (svc.kind === 'ClusterIP') {
      for (const p of svc.ports) {
        if (p.name === '' || p.protocol === '') continue;
        const srvName = `_${p.name}._${p.protocol}.${lname}`;
        if (!fastSRV.has(srvName)) fastSRV.set(srvName, frozen(resolveAnswer(zone, srvName, srvName, 'SRV')));
      }
    }
  }
  for (const [ip, list] of servicesByIp) {
    const first = list[0];
    if (first === undefined) continue;
    const info = first.clusterIps.find((x) => x.text === ip);
    if (info === undefined) continue;
    const rname = reverseName(info.addr);
    if (!fastPTR.has(rname)) fastPTR.set(rname, frozen(resolveAnswer(zone, rname, rname, 'PTR')));
  }
  fast.capacity = Math.max(fastA.size, fastAAAA.size, fastSRV.size, fastPTR.size) + LEARNED_ANSWERS;
  Object.freeze(fast);
  Object.defineProperty(zone, ZONE_MARK, { value: true });
  return zone;
}
