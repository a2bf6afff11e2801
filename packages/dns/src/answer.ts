import type { ClusterZone, FastAnswers } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import { type DnsAnswer, resolveAnswer, result } from './internal/resolve.ts';
import { checkZone } from './internal/zone-mark.ts';

export type { DnsAnswer, Rcode } from './internal/resolve.ts';
export { DNS_SCHEMA_VERSION } from './internal/resolve.ts';

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
  const qname = rawName.endsWith('.') ? rawName : `${rawName}.`;
  const lname = qname.toLowerCase();
  const type = rawType.toUpperCase();
  const fast: FastAnswers | undefined = (zone.fast as ReadonlyMap<string, FastAnswers>).get(lname);
  if (fast !== undefined) {
    const hit =
      type === 'A'
        ? fast.a
        : type === 'AAAA'
          ? fast.aaaa
          : type === 'SRV'
            ? fast.srv
            : type === 'PTR'
              ? fast.ptr
              : undefined;
    if (hit !== undefined) {
      if (qname === lname) return hit;
      return result(
        hit.rcode,
        hit.answers.map((r) => (r.name === lname ? { ...r, name: qname } : r)),
        hit.authority,
        hit.additional,
        hit.upstream,
      );
    }
  }
  return resolveAnswer(zone, qname, lname, type);
}
