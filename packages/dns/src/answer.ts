import type { ClusterZone, FastAnswers } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import { describeValue } from './internal/describe.ts';
import { quickAnswer } from './internal/quick-answer.ts';
import { type DnsAnswer, resolveAnswer, result } from './internal/resolve.ts';
import { checkZone } from './internal/zone-mark.ts';

export type { DnsAnswer, Rcode } from './internal/resolve.ts';
export { DNS_SCHEMA_VERSION } from './internal/resolve.ts';

/** Longest (lower-cased, dotted) name whose negative answer `answer` keeps. */
const MAX_LEARNED_NAME = 255;

/**
 * A question: a name (trailing dot optional, any case) and a type such as `A`, `SRV`, `PTR`.
 *
 * @example
 * ```ts
 * const q: DnsQuestion = { name: 'web.shop.svc.cluster.local', type: 'A' };
 * ```
 */
export interface DnsQuestion {
  readonly name: string;
  readonly type: string;
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
  checkZone(zone, 'answer');
  if (question === null || typeof question !== 'object') {
    throw new DnsError(
      'INVALID_INPUT',
      `answer expects a question { name, type }, got ${describeValue(question)}`,
    );
  }
  const rawName = question.name;
  if (typeof rawName !== 'string') {
    throw new DnsError('INVALID_INPUT', `question name must be a string, got ${describeValue(rawName)}`, [
      'name',
    ]);
  }
  const rawType = question.type;
  if (typeof rawType !== 'string') {
    throw new DnsError('INVALID_INPUT', `question type must be a string, got ${describeValue(rawType)}`, [
      'type',
    ]);
  }
  const fast = zone.fast;
  let type = rawType;
  let map = answersOf(fast, type);
  if (map === undefined) {
    type = rawType.toUpperCase();
    map = answersOf(fast, type);
  }
  // Most questions name a known name as stored (lower case, trailing dot): one lookup.
  if (map !== undefined) {
    const hit = map.get(rawName);
    if (hit !== undefined) return hit;
  }
  const qname = rawName.charCodeAt(rawName.length - 1) === 46 ? rawName : `${rawName}.`;
  const lname = qname.toLowerCase();
  if (map !== undefined && lname !== rawName) {
    const hit = map.get(lname);
    if (hit !== undefined) return qname === lname ? hit : inQueryCase(hit, qname, lname);
  }
  const quick = quickAnswer(zone, lname, lname, type);
  if (quick === null) return resolveAnswer(zone, qname, lname, type);
  if (
    quick.answers.length === 0 &&
    map !== undefined &&
    lname.length <= MAX_LEARNED_NAME &&
    map.size < fast.capacity
  ) {
    // Learn a negative answer (name error or NODATA, usually the zone's one shared object): the
    // zone never changes, so it stays right, and keeping it costs one map entry. Answers with
    // records (pod addresses) are cheap to rebuild and are not kept. Only names a DNS message
    // can carry (255 octets) are kept, so memory stays bounded.
    (map as Map<string, DnsAnswer>).set(lname, Object.freeze(quick));
  }
  return qname === lname ? quick : inQueryCase(quick, qname, lname);
}

/** The zone's answer map for a (upper-case) type, if it keeps one. */
function answersOf(fast: FastAnswers, type: string): ReadonlyMap<string, DnsAnswer> | undefined {
  return type === 'A'
    ? fast.A
    : type === 'AAAA'
      ? fast.AAAA
      : type === 'SRV'
        ? fast.SRV
        : type === 'PTR'
          ? fast.PTR
          : undefined;
}

/** A precomputed answer with the owner names spelled as the question spelled them (CoreDNS echoes the query's case). */
function inQueryCase(hit: DnsAnswer, qname: string, lname: string): DnsAnswer {
  const stored = hit.answers;
  if (stored.length === 0) return hit;
  const answers: DnsRecord[] = new Array(stored.length);
  for (let i = 0; i < stored.length; i++) {
    const r = stored[i] as DnsRecord;
    answers[i] = r.name === lname ? { name: qname, type: r.type, ttl: r.ttl, data: r.data } : r;
  }
  return result(hit.rcode, answers, hit.authority, hit.additional, hit.upstream);
}
