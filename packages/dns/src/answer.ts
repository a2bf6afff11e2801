import type { ClusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import { type IpInfo, ipFromReverseName, parseIpText } from './internal/ip-text.ts';
import type { ZonePort } from './internal/zone-data.ts';

/** Response codes the model produces. */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

/** A question: a name (trailing dot optional, any case) and a type such as `A`, `SRV`, `PTR`. */
export interface DnsQuestion {
  readonly name: string;
  readonly type: string;
}

/**
 * CoreDNS's response. NODATA is `NOERROR` with no answers (the SOA is in `authority`).
 * `upstream` is true when CoreDNS would hand the query on to the next plugin (`forward`):
 * the name is outside the plugin's zones, or it is NXDOMAIN inside a `fallthrough` zone.
 */
export interface DnsAnswer {
  readonly rcode: Rcode;
  readonly answers: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  readonly upstream: boolean;
}

/** DNS schema version served at `dns-version.<zone>` (CoreDNS `DNSSchemaVersion`). */
export const DNS_SCHEMA_VERSION = '1.1.0';

interface Backend {
  /** IP text (canonical) for addresses, the target name for CNAMEs. */
  readonly host: string;
  readonly ip: IpInfo | null;
  readonly port: number;
  /** Owner name the backend belongs to (SRV target), trailing dot. */
  readonly key: string;
}

const NONE: readonly Backend[] = [];
const EMPTY_RECORDS: readonly DnsRecord[] = [];

function matchPort(rPort: string, rProto: string, p: ZonePort): boolean {
  return (rPort === '' || rPort === p.name) && (rProto === '' || rProto === p.protocol);
}

function stripUnderscore(s: string): string {
  return s.charCodeAt(0) === 95 ? s.slice(1) : s;
}

function matchZone(zone: ClusterZone, lname: string): string | null {
  for (const z of zone.zones) {
    if (
      z === '.' ||
      lname === z ||
      (lname.endsWith(z) && lname.charCodeAt(lname.length - z.length - 1) === 46)
    ) {
      return z;
    }
  }
  return null;
}

function isReverse(z: string): boolean {
  return z.endsWith('in-addr.arpa.') || z.endsWith('ip6.arpa.');
}

function exposed(zone: ClusterZone, ns: string): boolean {
  return (zone.exposedNamespaces.size === 0 || zone.exposedNamespaces.has(ns)) && zone.namespaces.has(ns);
}

/** CoreDNS `Records`: parse the name under the zone and find what backs it; `null` = name error. */
function records(zone: ClusterZone, lname: string, z: string): readonly Backend[] | null {
  const base =
    lname === z ? '' : z === '.' ? lname.slice(0, -1) : lname.slice(0, lname.length - z.length - 1);
  if (base === '' || base === 'svc' || base === 'pod') return NONE;
  const segs = base.split('.');
  let last = segs.length - 1;
  const podOrSvc = segs[last] as string;
  if (podOrSvc !== 'svc' && podOrSvc !== 'pod') return null;
  last--;
  const namespace = last >= 0 ? (segs[last] as string) : '';
  last--;
  const service = last >= 0 ? (segs[last] as string) : '';
  last--;
  let endpoint = '';
  let port = '';
  let proto = '';
  if (last === 0) endpoint = segs[0] as string;
  else if (last === 1) {
    proto = stripUnderscore(segs[1] as string);
    port = stripUnderscore(segs[0] as string);
  } else if (last > 1) return null;
  if (isReverse(z)) return null;
  if (!exposed(zone, namespace)) return null;
  if (podOrSvc === 'pod') return findPods(zone, namespace, service, z);
  return findServices(zone, namespace, service, endpoint, port, proto);
}

function findPods(
  zone: ClusterZone,
  namespace: string,
  podname: string,
  z: string,
): readonly Backend[] | null {
  if (zone.podsMode === 'disabled') return null;
  if (podname === '') return NONE;
  let dashes = 0;
  for (let i = 0; i < podname.length; i++) if (podname.charCodeAt(i) === 45) dashes++;
  const ipText =
    dashes === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  const key = `${podname}.${namespace}.pod.${z}`;
  if (zone.podsMode === 'insecure') {
    const ip = parseIpText(ipText);
    if (ip === null) return null;
    return [{ host: ip.text, ip, port: -1, key }];
  }
  const owners = zone.podsByIp.get(ipText);
  if (owners === undefined) return null;
  const ip = parseIpText(ipText);
  if (ip === null) return null;
  const out: Backend[] = [];
  for (const ns of owners) if (ns === namespace) out.push({ host: ip.text, ip, port: -1, key });
  return out.length > 0 ? out : null;
}

function findServices(
  zone: ClusterZone,
  namespace: string,
  service: string,
  endpoint: string,
  port: string,
  proto: string,
): readonly Backend[] | null {
  if (service === '') return NONE;
  const svc = zone.services.get(`${service}.${namespace}`);
  if (svc === undefined) return null;
  if (zone.ignoreEmptyService && svc.kind === 'ClusterIP') {
    let count = 0;
    for (const s of svc.slices) count += s.addresses.length;
    if (count === 0) return null;
  }
  if (svc.kind === 'ExternalName') {
    if (endpoint !== '') return null;
    const target = svc.externalName;
    if (target === '' || parseIpText(target) !== null) return null;
    return [{ host: target, ip: null, port: -1, key: svc.fqdn }];
  }
  if (svc.kind === 'Headless' || endpoint !== '') {
    const out: Backend[] = [];
    for (const slice of svc.slices) {
      for (const addr of slice.addresses) {
        if (endpoint !== '' && endpoint !== addr.labelKey) continue;
        for (const p of slice.ports) {
          if (!matchPort(port, proto, p)) continue;
          out.push({ host: addr.ip.text, ip: addr.ip, port: p.port, key: `${addr.label}.${svc.fqdn}` });
        }
      }
    }
    return out.length > 0 ? out : null;
  }
  let matched = false;
  const out: Backend[] = [];
  for (const p of svc.ports) {
    if (!matchPort(port, proto, p)) continue;
    matched = true;
    for (const ip of svc.clusterIps) out.push({ host: ip.text, ip, port: p.port, key: svc.fqdn });
  }
  return matched ? out : null;
}

/** CoreDNS `Services` for address-like types: the `ns.dns.<zone>` name first, then `Records`. */
function services(zone: ClusterZone, lname: string, z: string): readonly Backend[] | null {
  if (lname === `ns.dns.${z}`) {
    const out: Backend[] = [];
    for (const ns of zone.nameServers)
      for (const ip of ns.ips) out.push({ host: ip.text, ip, port: -1, key: lname });
    return out;
  }
  return records(zone, lname, z);
}

function fqdn(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

function inZone(z: string, name: string): boolean {
  const l = name.toLowerCase();
  return z === '.' || l === z || l.endsWith(`.${z}`);
}

/** CoreDNS `plugin.A` / `plugin.AAAA`, CNAMEs chased inside the zone; `null` = name error. */
function addresses(
  zone: ClusterZone,
  qname: string,
  z: string,
  family: 4 | 6,
  previous: readonly DnsRecord[],
): DnsRecord[] | null {
  const lname = qname.toLowerCase();
  const backends = services(zone, lname, z);
  if (backends === null) return null;
  const out: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const b of backends) {
    if (b.ip === null) {
      const target = fqdn(b.host);
      if (target.toLowerCase() === lname) continue;
      if (previous.length > 7) continue;
      const cname: DnsRecord = { name: qname, type: 'CNAME', ttl: zone.ttl, data: target };
      if (
        previous.some((r) => r.name.toLowerCase() === lname && r.data.toLowerCase() === target.toLowerCase())
      )
        continue;
      if (inZone(z, target)) {
        const next = addresses(zone, target, z, family, [...previous, cname]);
        if (next !== null && next.length > 0) out.push(cname, ...next);
        continue;
      }
      // Outside the zone CoreDNS asks its upstream; the model returns the CNAME alone.
      out.push(cname);
      continue;
    }
    if (b.ip.family !== family || seen.has(b.host)) continue;
    seen.add(b.host);
    out.push({ name: qname, type: family === 4 ? 'A' : 'AAAA', ttl: zone.ttl, data: b.host });
  }
  return out;
}

function srv(
  zone: ClusterZone,
  qname: string,
  z: string,
): { answers: DnsRecord[]; extra: DnsRecord[] } | null {
  const lname = qname.toLowerCase();
  const all = services(zone, lname, z);
  if (all === null) return null;
  const backends = all.filter((b) => b.ip !== null);
  const answers: DnsRecord[] = [];
  const extra: DnsRecord[] = [];
  const total = 100 * backends.length;
  const dup = new Set<string>();
  for (const b of backends) {
    if (b.port === -1) continue;
    let weight = Math.floor((100 / total) * 100);
    if (weight === 0) weight = 1;
    const srvKey = `${b.key}\u0000${b.port}`;
    if (!dup.has(srvKey)) {
      dup.add(srvKey);
      answers.push({ name: qname, type: 'SRV', ttl: zone.ttl, data: `0 ${weight} ${b.port} ${b.key}` });
    }
    const addrKey = `${b.key}\u0000\u0000${b.host}`;
    if (!dup.has(addrKey)) {
      dup.add(addrKey);
      extra.push({
        name: b.key,
        type: (b.ip as IpInfo).family === 4 ? 'A' : 'AAAA',
        ttl: zone.ttl,
        data: b.host,
      });
    }
  }
  return { answers, extra };
}

function ptr(zone: ClusterZone, qname: string, z: string): DnsRecord[] | null {
  const lname = qname.toLowerCase();
  const ip = ipFromReverseName(lname);
  if (ip === null) {
    const r = records(zone, lname, z);
    return r === null ? null : [];
  }
  const restricted = zone.exposedNamespaces.size > 0;
  const svcs = zone.servicesByIp.get(ip);
  if (svcs !== undefined) {
    for (const s of svcs) {
      if (restricted && !exposed(zone, s.namespace.toLowerCase())) continue;
      return [{ name: qname, type: 'PTR', ttl: zone.ttl, data: s.fqdn }];
    }
  }
  const eps = zone.endpointsByIp.get(ip);
  if (eps === undefined) return null;
  const out: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const e of eps) {
    if (restricted && !exposed(zone, e.namespace)) continue;
    if (seen.has(e.target)) continue;
    seen.add(e.target);
    out.push({ name: qname, type: 'PTR', ttl: zone.ttl, data: e.target });
  }
  return out.length > 0 ? out : null;
}

function soa(zone: ClusterZone, z: string): DnsRecord {
  return {
    name: z,
    type: 'SOA',
    ttl: Math.min(zone.ttl, 300),
    data: `ns.dns.${z} hostmaster.${z} ${zone.serial} 7200 1800 86400 ${zone.ttl}`,
  };
}

function result(
  rcode: Rcode,
  answers: readonly DnsRecord[],
  authority: readonly DnsRecord[],
  additional: readonly DnsRecord[],
  upstream: boolean,
): DnsAnswer {
  return { rcode, answers, authority, additional, upstream };
}

/**
 * Answers a question from the cluster zone with CoreDNS's kubernetes-plugin rules
 * (`handler.go`, `kubernetes.go`, `parse.go`, `plugin/backend_lookup.go`):
 *
 * - names match case-insensitively; answers keep the query's spelling (with a trailing dot);
 * - `<svc>.<ns>.svc.<zone>`: the cluster IPs (A/AAAA), every ready endpoint for a headless
 *   Service (NXDOMAIN when there is none), a CNAME for an ExternalName (chased inside the zone);
 * - `<endpoint>.<svc>.<ns>.svc.<zone>`, `_<port>._<proto>.<svc>.<ns>.svc.<zone>` (SRV: priority
 *   0, weight ⌊100/n⌋, de-duplicated, targets' addresses in `additional`);
 * - `<dashed-ip>.<ns>.pod.<zone>` per `pods` mode; `dns-version.<zone>` TXT `1.1.0`;
 * - PTR for cluster IPs and endpoint IPs; the apex SOA and NS;
 * - a missing name is NXDOMAIN, an existing name without records of the type is NODATA
 *   (`NOERROR`, no answers); both carry the SOA in `authority`.
 *
 * @example
 * ```ts
 * const zone = clusterZone({ clusterDomain: 'cluster.local', services: [{ metadata: { name: 'svc1', namespace: 'testns' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } }] });
 * answer(zone, { name: 'svc1.testns.svc.cluster.local.', type: 'A' }).answers;
 * // [{ name: 'svc1.testns.svc.cluster.local.', type: 'A', ttl: 5, data: '10.0.0.1' }]
 * answer(zone, { name: 'svc1.testns.svc.cluster.local.', type: 'AAAA' }).rcode; // 'NOERROR' (NODATA)
 * answer(zone, { name: 'svc0.testns.svc.cluster.local.', type: 'A' }).rcode; // 'NXDOMAIN'
 * ```
 */
export function answer(zone: ClusterZone, question: DnsQuestion): DnsAnswer {
  if (zone === null || typeof zone !== 'object' || !(zone.services instanceof Map)) {
    throw new DnsError('INVALID_INPUT', 'answer expects a zone built by clusterZone()');
  }
  if (question === null || typeof question !== 'object') {
    throw new DnsError('INVALID_INPUT', 'answer expects a question { name, type }');
  }
  const rawName = question.name;
  if (typeof rawName !== 'string') {
    throw new DnsError('INVALID_INPUT', `question name must be a string, got ${typeof rawName}`, ['name']);
  }
  const rawType = question.type;
  if (typeof rawType !== 'string') {
    throw new DnsError('INVALID_INPUT', `question type must be a string, got ${typeof rawType}`, ['type']);
  }
  const qname = fqdn(rawName);
  const lname = qname.toLowerCase();
  const type = rawType.toUpperCase();
  const z = matchZone(zone, lname);
  if (z === null) return result('REFUSED', EMPTY_RECORDS, EMPTY_RECORDS, EMPTY_RECORDS, true);
  if (type === 'AXFR' || type === 'IXFR')
    return result('REFUSED', EMPTY_RECORDS, EMPTY_RECORDS, EMPTY_RECORDS, false);

  let answers: readonly DnsRecord[] | null;
  let extra: readonly DnsRecord[] = EMPTY_RECORDS;
  switch (type) {
    case 'A':
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS);
      break;
    case 'AAAA':
      answers = addresses(zone, qname, z, 6, EMPTY_RECORDS);
      break;
    case 'TXT': {
      const base = lname === z ? '' : lname.slice(0, lname.length - z.length - 1);
      answers =
        base === 'dns-version'
          ? [{ name: qname, type: 'TXT', ttl: 28800, data: DNS_SCHEMA_VERSION }]
          : EMPTY_RECORDS;
      break;
    }
    case 'CNAME': {
      const b = lname === `ns.dns.${z}` ? NONE : records(zone, lname, z);
      const first = b?.[0];
      answers =
        b === null
          ? null
          : first !== undefined && first.ip === null
            ? [{ name: qname, type: 'CNAME', ttl: zone.ttl, data: fqdn(first.host) }]
            : EMPTY_RECORDS;
      break;
    }
    case 'PTR':
      answers = ptr(zone, qname, z);
      break;
    case 'SRV': {
      const r = srv(zone, qname, z);
      answers = r === null ? null : r.answers;
      if (r !== null) extra = r.extra;
      break;
    }
    case 'SOA':
      answers =
        lname === z
          ? [soa(zone, z)]
          : addresses(zone, qname, z, 4, EMPTY_RECORDS) === null
            ? null
            : EMPTY_RECORDS;
      break;
    case 'NS':
      if (lname === z) {
        const ns: DnsRecord[] = [];
        const add: DnsRecord[] = [];
        for (const server of zone.nameServers) {
          ns.push({ name: qname, type: 'NS', ttl: zone.ttl, data: server.name });
          for (const ip of server.ips) {
            add.push({
              name: server.name,
              type: ip.family === 4 ? 'A' : 'AAAA',
              ttl: zone.ttl,
              data: ip.text,
            });
          }
        }
        answers = ns;
        extra = add;
        break;
      }
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS) === null ? null : EMPTY_RECORDS;
      break;
    default:
      // Any other type: a fake A lookup tells NXDOMAIN from NODATA.
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS) === null ? null : EMPTY_RECORDS;
  }
  if (answers === null) {
    const falls = zone.fallthrough.some((f) => f === '.' || lname === f || lname.endsWith(`.${f}`));
    return result('NXDOMAIN', EMPTY_RECORDS, [soa(zone, z)], EMPTY_RECORDS, falls);
  }
  if (answers.length === 0) return result('NOERROR', EMPTY_RECORDS, [soa(zone, z)], EMPTY_RECORDS, false);
  return result('NOERROR', answers, EMPTY_RECORDS, extra, false);
}
