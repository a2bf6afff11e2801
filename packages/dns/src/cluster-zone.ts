import type { PathSegment } from '@podnet/ip';
import { DnsError } from './dns-error.ts';
import { type IpInfo, parseIpText } from './internal/ip-text.ts';
import type { ZoneAddress, ZonePort, ZoneService, ZoneSlice } from './internal/zone-data.ts';
import type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';

/** CoreDNS `pods` modes. */
export type PodsMode = 'disabled' | 'insecure' | 'verified';

/** Input of {@link clusterZone}: the cluster's objects plus the kubernetes plugin's options. */
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
}

/** A name server of the zone apex: the name and its addresses. */
export interface ZoneNameServer {
  readonly name: string;
  readonly ips: readonly IpInfo[];
}

/**
 * The cluster's DNS zone as CoreDNS's kubernetes plugin sees it: Services, their ready
 * endpoints and pods indexed by lower-cased keys, ready for {@link answer}. Treat as opaque.
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
  /** Canonical IP → PTR targets of endpoints with that IP. */
  readonly endpointsByIp: ReadonlyMap<
    string,
    readonly { readonly target: string; readonly namespace: string }[]
  >;
  /** NS records of the apex (kube-dns Service when present, else `ns.dns.<zone>`). */
  readonly nameServers: readonly ZoneNameServer[];
  /** Every pod IP with its namespace (lower case), in input order, for zone listings. */
  readonly podIps: readonly { readonly namespace: string; readonly ip: string }[];
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

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
function endpointLabel(hostname: string, podName: string, ip: string, podNames: boolean): string {
  if (hostname !== '') return hostname;
  if (podNames && podName !== '' && podName.length < 64) return podName;
  if (ip.includes('.')) return ip.replaceAll('.', '-');
  if (ip.includes(':')) {
    const dashed = ip.replaceAll(':', '-');
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
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
  const zoneList = (input.zones ?? [domain, 'in-addr.arpa', 'ip6.arpa']).map((z, i) =>
    normalizeZone(str(z, ['zones', i], true)),
  );
  const primaryZone = zoneList.find((z) => !isReverseZone(z));
  if (primaryZone === undefined) {
    throw new DnsError('NO_FORWARD_ZONE', 'non-reverse zone name must be used', ['zones']);
  }
  const fallthrough = (input.fallthrough ?? ['in-addr.arpa', 'ip6.arpa']).map((z, i) =>
    normalizeZone(str(z, ['fallthrough', i], true)),
  );
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

  const endpointsByIp = new Map<string, { target: string; namespace: string }[]>();
  const rawSlices = arr(input.endpointSlices, ['endpointSlices']);
  for (let i = 0; i < rawSlices.length; i++) {
    const es = rawSlices[i];
    const path: PathSegment[] = ['endpointSlices', i];
    if (!isObject(es)) bad(`endpointSlices[${i}] must be an object`, path);
    const meta = es.metadata;
    if (!isObject(meta)) bad(`endpointSlices[${i}].metadata must be an object`, [...path, 'metadata']);
    const namespace = str(meta.namespace, [...path, 'metadata', 'namespace'], false) || 'default';
    namespaces.add(namespace.toLowerCase());
    const labels = meta.labels;
    if (labels !== undefined && labels !== null && !isObject(labels)) {
      bad(`endpointSlices[${i}].metadata.labels must be an object`, [...path, 'metadata', 'labels']);
    }
    const svcName = labels
      ? str(
          Object.hasOwn(labels, SERVICE_NAME_LABEL) ? labels[SERVICE_NAME_LABEL] : undefined,
          [...path, 'metadata', 'labels', SERVICE_NAME_LABEL],
          false,
        )
      : '';
    const ports = readPorts(es.ports, [...path, 'ports']);
    const svc = services.get(`${svcName}.${namespace}`.toLowerCase());
    const addresses: ZoneAddress[] = [];
    const eps = arr(es.endpoints, [...path, 'endpoints']);
    for (let e = 0; e < eps.length; e++) {
      const ep = eps[e];
      const epPath: PathSegment[] = [...path, 'endpoints', e];
      if (!isObject(ep)) bad(`endpointSlices[${i}].endpoints[${e}] must be an object`, epPath);
      const cond = ep.conditions;
      const ready = isObject(cond) ? cond.ready : undefined;
      if (ready === false) continue;
      const hostname = str(ep.hostname, [...epPath, 'hostname'], false);
      const ref = ep.targetRef;
      const podName = isObject(ref) ? str(ref.name, [...epPath, 'targetRef', 'name'], false) : '';
      const addrs = arr(ep.addresses, [...epPath, 'addresses']);
      for (let a = 0; a < addrs.length; a++) {
        const text = str(addrs[a], [...epPath, 'addresses', a], true);
        const ip = parseIpText(text);
        if (ip === null) continue;
        const label = endpointLabel(hostname, podName, text, podNames);
        addresses.push({ ip, label, labelKey: label.toLowerCase() });
        if (svc !== undefined && input.noEndpoints !== true) {
          const target = `${label}.${svc.name}.${svc.namespace}.svc.${primaryZone}`;
          const list = endpointsByIp.get(ip.text);
          const entry = { target, namespace: svc.namespace.toLowerCase() };
          if (list === undefined) endpointsByIp.set(ip.text, [entry]);
          else list.push(entry);
        }
      }
    }
    if (svc !== undefined && input.noEndpoints !== true) {
      const slice: ZoneSlice = { addresses, ports };
      svc.slices.push(slice);
    }
  }

  const podsByIp = new Map<string, string[]>();
  const podIps: { namespace: string; ip: string }[] = [];
  const rawPods = arr(input.pods, ['pods']);
  for (let i = 0; i < rawPods.length; i++) {
    const p = rawPods[i];
    const path: PathSegment[] = ['pods', i];
    if (!isObject(p)) bad(`pods[${i}] must be an object`, path);
    const meta = p.metadata;
    if (!isObject(meta)) bad(`pods[${i}].metadata must be an object`, [...path, 'metadata']);
    const namespace = (
      str(meta.namespace, [...path, 'metadata', 'namespace'], false) || 'default'
    ).toLowerCase();
    namespaces.add(namespace);
    const status = p.status;
    if (status === undefined || status === null) continue;
    if (!isObject(status)) bad(`pods[${i}].status must be an object`, [...path, 'status']);
    const podIp = str(status.podIP, [...path, 'status', 'podIP'], false);
    const ips = podIp === '' ? [] : [podIp];
    const listed = arr(status.podIPs, [...path, 'status', 'podIPs']);
    for (let k = 0; k < listed.length; k++) {
      const entry = listed[k];
      if (!isObject(entry))
        bad(`pods[${i}].status.podIPs[${k}] must be an object`, [...path, 'status', 'podIPs', k]);
      const ip = str(entry.ip, [...path, 'status', 'podIPs', k, 'ip'], true);
      if (!ips.includes(ip)) ips.push(ip);
    }
    for (const ip of ips) {
      podIps.push({ namespace, ip });
      if (podsMode !== 'verified') continue;
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

  return {
    zones: [...zoneList].sort((a, b) => b.length - a.length),
    primaryZone,
    ttl,
    podsMode,
    ignoreEmptyService: input.ignoreEmptyService === true,
    fallthrough,
    serial,
    services,
    namespaces,
    exposedNamespaces: exposed,
    podsByIp,
    servicesByIp,
    endpointsByIp,
    nameServers,
    podIps,
  };
}
