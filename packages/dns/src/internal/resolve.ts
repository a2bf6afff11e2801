import { addrFromReverseName, formatAddr } from '@podnet/ip';
import type { ClusterZone } from '../cluster-zone.ts';
import type { DnsRecord } from '../dns-record.ts';
import { type IpInfo, parseIpText } from './ip-text.ts';
import { addressLabel, type ZoneAddress, type ZonePort } from './zone-data.ts';

/**
 * Response codes the model produces.
 *
 * @example
 * ```ts
 * const rcode: Rcode = 'NXDOMAIN';
 * ```
 */
export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

/**
 * CoreDNS's response: `{ rcode, answers }`. NODATA is `NOERROR` with no answers. Three more
 * properties are readable but not own enumerable ones (so the object deep-equals `{ rcode, answers }`):
 * `authority` (the SOA of negative answers), `additional` (SRV/NS target addresses) and
 * `upstream`, true when CoreDNS would hand the query on to the next plugin (`forward`): the
 * name is outside the plugin's zones, or it is NXDOMAIN inside a `fallthrough` zone.
 *
 * @example
 * ```ts
 * const r: DnsAnswer = answer(zone, { name: 'nope.default.svc.cluster.local', type: 'A' });
 * r.rcode; // 'NXDOMAIN'
 * r.authority[0]?.type; // 'SOA'
 * ```
 */
export interface DnsAnswer {
  readonly rcode: Rcode;
  readonly answers: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  readonly upstream: boolean;
}

/**
 * DNS schema version served at `dns-version.<zone>` (CoreDNS `DNSSchemaVersion`).
 *
 * @example
 * ```ts
 * DNS_SCHEMA_VERSION; // '1.1.0'
 * ```
 */
export const DNS_SCHEMA_VERSION = '1.1.0';

interface Backend {
  /** IP text (canonical) for addresses, the target name for CNAMEs. */
  readonly host: string;
  readonly ip: IpInfo | null;
  readonly port: number;
  /** Owner name the backend belongs to (SRV target), trailing dot; see {@link backendKey}. */
  readonly key: string;
  /** For endpoint backends: the address whose label prefixes `key` (computed on demand). */
  readonly address?: ZoneAddress | undefined;
}

function backendKey(b: Backend): string {
  return b.address === undefined ? b.key : `${addressLabel(b.address)}.${b.key}`;
}

const NONE: readonly Backend[] = Object.freeze([]);
/** Shared empty record list. */
export const EMPTY_RECORDS: readonly DnsRecord[] = Object.freeze([]);

function matchPort(rPort: string, rProto: string, p: ZonePort): boolean {
  return (rPort === '' || rPort === p.name) && (rProto === '' || rProto === p.protocol);
}

function stripUnderscore(s: string): string {
  return s.charCodeAt(0) === 95 ? s.slice(1) : s;
}

/**
 * The plugin zone `lname` falls in (the longest match), or `null`.
 *
 * @example
 * ```ts
 * matchZone(zone, 'web.shop.svc.cluster.local.'); // 'cluster.local.'
 * ```
 */
export function matchZone(zone: ClusterZone, lname: string): string | null {
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

/**
 * Whether a zone is a reverse (`in-addr.arpa.` / `ip6.arpa.`) zone.
 *
 * @example
 * ```ts
 * isReverse('10.in-addr.arpa.'); // true
 * ```
 */
export function isReverse(z: string): boolean {
  return z.endsWith('in-addr.arpa.') || z.endsWith('ip6.arpa.');
}

/**
 * Whether a (lower-case) namespace exists and is served (`namespaces` option).
 *
 * @example
 * ```ts
 * exposed(zone, 'default'); // true when some object is in `default` and it is not filtered out
 * ```
 */
export function exposed(zone: ClusterZone, ns: string): boolean {
  return (zone.exposedNamespaces.size === 0 || zone.exposedNamespaces.has(ns)) && zone.namespaces.has(ns);
}

/** CoreDNS `Records`: parse the name under the zone and find what backs it; `null` = name error. */
function records(zone: ClusterZone, lname: string, z: string): readonly Backend[] | null {
  // base = the name without ".<zone>." ; labels read right to left without splitting.
  const end = lname === z ? 0 : z === '.' ? lname.length - 1 : lname.length - z.length - 1;
  if (end <= 0) return NONE;
  let dot = lname.lastIndexOf('.', end - 1);
  const podOrSvc = lname.slice(dot + 1, end);
  if (podOrSvc !== 'svc' && podOrSvc !== 'pod') return null;
  if (dot < 0) return NONE;
  let stop = dot;
  const nsEnd = dot;
  dot = lname.lastIndexOf('.', stop - 1);
  const namespace = lname.slice(dot + 1, stop);
  let svcKey = '';
  let service = '';
  let endpoint = '';
  let port = '';
  let proto = '';
  if (dot >= 0) {
    stop = dot;
    dot = lname.lastIndexOf('.', stop - 1);
    service = lname.slice(dot + 1, stop);
    svcKey = lname.slice(dot + 1, nsEnd);
    if (dot >= 0) {
      stop = dot;
      dot = lname.lastIndexOf('.', stop - 1);
      if (dot < 0) endpoint = lname.slice(0, stop);
      else {
        proto = stripUnderscore(lname.slice(dot + 1, stop));
        if (lname.lastIndexOf('.', dot - 1) >= 0) return null; // too many labels
        port = stripUnderscore(lname.slice(0, dot));
      }
    }
  }
  if (isReverse(z)) return null;
  if (!exposed(zone, namespace)) return null;
  if (podOrSvc === 'pod') return findPods(zone, namespace, service);
  return findServices(zone, svcKey, service, endpoint, port, proto);
}

function findPods(zone: ClusterZone, namespace: string, podname: string): readonly Backend[] | null {
  if (zone.podsMode === 'disabled') return null;
  if (podname === '') return NONE;
  let dashes = 0;
  for (let i = 0; i < podname.length; i++) if (podname.charCodeAt(i) === 45) dashes++;
  const ipText =
    dashes === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
  if (zone.podsMode === 'insecure') {
    const ip = parseIpText(ipText);
    if (ip === null) return null;
    // Pod backends have no port, so their key (an SRV target) is never used.
    return [{ host: ip.text, ip, port: -1, key: '' }];
  }
  const owners = zone.podsByIp.get(ipText);
  if (owners === undefined) return null;
  const ip = parseIpText(ipText);
  if (ip === null) return null;
  const out: Backend[] = [];
  for (const ns of owners) {
    if (ns === namespace) out.push({ host: ip.text, ip, port: -1, key: '' });
  }
  return out.length > 0 ? out : null;
}

function findServices(
  zone: ClusterZone,
  svcKey: string,
  service: string,
  endpoint: string,
  port: string,
  proto: string,
): readonly Backend[] | null {
  if (service === '') return NONE;
  const svc = zone.services.get(svcKey);
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
        if (endpoint !== '' && endpoint !== addressLabel(addr).toLowerCase()) continue;
        for (const p of slice.ports) {
          if (!matchPort(port, proto, p)) continue;
          out.push({ host: addr.ip.text, ip: addr.ip, port: p.port, key: svc.fqdn, address: addr });
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

/** `lname === 'ns.dns.' + z` without building the string. */
function isNsDns(lname: string, z: string): boolean {
  return lname.length === z.length + 7 && lname.startsWith('ns.dns.') && lname.endsWith(z);
}

/** CoreDNS `Services` for address-like types: the `ns.dns.<zone>` name first, then `Records`. */
function services(zone: ClusterZone, lname: string, z: string): readonly Backend[] | null {
  if (isNsDns(lname, z)) {
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
  lower?: string,
): DnsRecord[] | null {
  const lname = lower ?? qname.toLowerCase();
  const backends = services(zone, lname, z);
  if (backends === null) return null;
  const out: DnsRecord[] = [];
  // De-duplicate by address: a Set only for long lists, a scan otherwise.
  const seen = backends.length > 16 ? new Set<string>() : null;
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
    if (b.ip.family !== family) continue;
    if (seen !== null) {
      if (seen.has(b.host)) continue;
      seen.add(b.host);
    } else if (out.some((r) => r.data === b.host && r.type !== 'CNAME')) continue;
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
    const key = backendKey(b);
    const srvKey = `${key}\u0000${b.port}`;
    if (!dup.has(srvKey)) {
      dup.add(srvKey);
      answers.push({ name: qname, type: 'SRV', ttl: zone.ttl, data: `0 ${weight} ${b.port} ${key}` });
    }
    const addrKey = `${key}\u0000\u0000${b.host}`;
    if (!dup.has(addrKey)) {
      dup.add(addrKey);
      extra.push({
        name: key,
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
  const addr = addrFromReverseName(lname);
  if (addr === null) {
    const r = records(zone, lname, z);
    return r === null ? null : [];
  }
  const ip = formatAddr(addr);
  const restricted = zone.exposedNamespaces.size > 0;
  const svcs = zone.servicesByIp.get(ip);
  if (svcs !== undefined) {
    for (const s of svcs) {
      if (restricted && !exposed(zone, s.namespace.toLowerCase())) continue;
      return [{ name: qname, type: 'PTR', ttl: zone.ttl, data: s.fqdn }];
    }
  }
  const found = zone.endpointsByIp.get(addr.family === 4 ? addr.w3 : ip);
  if (found === undefined) return null;
  const eps = Array.isArray(found) ? found : [found];
  const out: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const e of eps) {
    if (restricted && !exposed(zone, e.svc.namespace.toLowerCase())) continue;
    const target = `${addressLabel(e.address)}.${e.svc.fqdn}`;
    if (seen.has(target)) continue;
    seen.add(target);
    out.push({ name: qname, type: 'PTR', ttl: zone.ttl, data: target });
  }
  return out.length > 0 ? out : null;
}

/** The SOA of a zone, as CoreDNS puts it in negative answers and answers at the apex. */
export function soa(zone: ClusterZone, z: string): DnsRecord {
  const cached = zone.negative.get(z);
  if (cached !== undefined) return cached.soa;
  return {
    name: z,
    type: 'SOA',
    ttl: Math.min(zone.ttl, 300),
    data: `ns.dns.${z} hostmaster.${z} ${zone.serial} 7200 1800 86400 ${zone.ttl}`,
  };
}

interface Extra {
  readonly authority: readonly DnsRecord[];
  readonly additional: readonly DnsRecord[];
  readonly upstream: boolean;
}

/** Key of the non-enumerable own property that holds an answer's authority, additional and upstream. */
const EXTRA: unique symbol = Symbol('podnet.dns.answerExtra');

const PLAIN: Extra = Object.freeze({ authority: EMPTY_RECORDS, additional: EMPTY_RECORDS, upstream: false });

/**
 * The one prototype of every answer: `authority`, `additional` and `upstream` are getters over
 * the answer's hidden extra (none: all empty), so answer objects come in just two shapes —
 * `{ rcode, answers }`, and the same plus the hidden extra — whatever their extras, and
 * property reads on answers stay fast (an inline cache sees at most four maps, frozen or not).
 */
const ANSWER_PROTO: object = Object.freeze(
  Object.create(Object.prototype, {
    authority: {
      get(this: { [EXTRA]?: Extra }): readonly DnsRecord[] {
        return (this[EXTRA] ?? PLAIN).authority;
      },
    },
    additional: {
      get(this: { [EXTRA]?: Extra }): readonly DnsRecord[] {
        return (this[EXTRA] ?? PLAIN).additional;
      },
    },
    upstream: {
      get(this: { [EXTRA]?: Extra }): boolean {
        return (this[EXTRA] ?? PLAIN).upstream;
      },
    },
  }),
);

/** Builds a response. */
export function result(
  rcode: Rcode,
  answers: readonly DnsRecord[],
  authority: readonly DnsRecord[],
  additional: readonly DnsRecord[],
  upstream: boolean,
): DnsAnswer {
  // `{ rcode, answers }` are own enumerable properties; the SOA, additional records and the
  // upstream flag sit in a non-enumerable own property (if any) read through the prototype's getters, so
  // the object deep-equals `{ rcode, answers }` and JSON shows only those two.
  const r = Object.create(ANSWER_PROTO) as { rcode: Rcode; answers: readonly DnsRecord[] };
  r.rcode = rcode;
  r.answers = answers;
  // defineProperty is slow (~0.2 µs), so only answers that have extras pay for it.
  if (authority !== EMPTY_RECORDS || additional !== EMPTY_RECORDS || upstream) {
    Object.defineProperty(r, EXTRA, { value: Object.freeze({ authority, additional, upstream }) });
  }
  return r as DnsAnswer;
}

/**
 * The response to a name that does not exist in zone `z`: NXDOMAIN (handed on with
 * `upstream: true` when the name is in a `fallthrough` zone), or SERVFAIL before the sync.
 *
 * @example
 * ```ts
 * nameError(zone, 'nope.default.svc.cluster.local.', 'cluster.local.').rcode; // 'NXDOMAIN'
 * ```
 */
export function nameError(zone: ClusterZone, lname: string, z: string): DnsAnswer {
  let falls = false;
  for (let i = 0; i < zone.fallthrough.length && !falls; i++) {
    const f = zone.fallthrough[i] as string;
    falls =
      f === '.' || lname === f || (lname.endsWith(f) && lname.charCodeAt(lname.length - f.length - 1) === 46);
  }
  if (!falls && !zone.synced) return result('SERVFAIL', EMPTY_RECORDS, [soa(zone, z)], EMPTY_RECORDS, false);
  const neg = zone.negative.get(z);
  if (neg !== undefined) return falls ? neg.nxdomainUpstream : neg.nxdomain;
  return result('NXDOMAIN', EMPTY_RECORDS, [soa(zone, z)], EMPTY_RECORDS, falls);
}

/** The slow path of `answer`: CoreDNS's handler for a normalized question. */
export function resolveAnswer(zone: ClusterZone, qname: string, lname: string, type: string): DnsAnswer {
  const z = matchZone(zone, lname);
  if (z === null) return result('REFUSED', EMPTY_RECORDS, EMPTY_RECORDS, EMPTY_RECORDS, true);
  if (type === 'AXFR' || type === 'IXFR')
    return result('REFUSED', EMPTY_RECORDS, EMPTY_RECORDS, EMPTY_RECORDS, false);

  let answers: readonly DnsRecord[] | null;
  let extra: readonly DnsRecord[] = EMPTY_RECORDS;
  switch (type) {
    case 'A':
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS, lname);
      break;
    case 'AAAA':
      answers = addresses(zone, qname, z, 6, EMPTY_RECORDS, lname);
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
      const b = isNsDns(lname, z) ? NONE : records(zone, lname, z);
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
          : addresses(zone, qname, z, 4, EMPTY_RECORDS, lname) === null
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
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS, lname) === null ? null : EMPTY_RECORDS;
      break;
    default:
      // Any other type: a fake A lookup tells NXDOMAIN from NODATA.
      answers = addresses(zone, qname, z, 4, EMPTY_RECORDS, lname) === null ? null : EMPTY_RECORDS;
  }
  if (answers === null) return nameError(zone, lname, z);
  const neg = zone.negative.get(z);
  if (answers.length === 0) {
    if (neg !== undefined) return neg.nodata;
    return result('NOERROR', EMPTY_RECORDS, [soa(zone, z)], EMPTY_RECORDS, false);
  }
  return result('NOERROR', answers, EMPTY_RECORDS, extra, false);
}
