import { answer } from './answer.ts';
import type { ClusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import type { Rcode } from './internal/resolve.ts';
import { checkZone } from './internal/zone-mark.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { type ResolverKind, searchCandidates } from './search-candidates.ts';

/**
 * One query the stub resolver sent, and what came back.
 *
 * @example
 * ```ts
 * const q: ResolveQuery = { name: 'web.shop.svc.cluster.local.', type: 'A', rcode: 'NOERROR', upstream: false };
 * ```
 */
export interface ResolveQuery {
  readonly name: string;
  readonly type: 'A' | 'AAAA';
  readonly rcode: Rcode;
  /** True when the name is outside the cluster zones (or fell through) and went upstream. */
  readonly upstream: boolean;
}

/**
 * How the lookup ended.
 *
 * @example
 * ```ts
 * const o: ResolveOutcome = 'NODATA';
 * ```
 */
export type ResolveOutcome = 'ANSWER' | 'NXDOMAIN' | 'NODATA' | 'SERVFAIL' | 'UPSTREAM';

/**
 * The result of {@link resolveName}.
 *
 * @example
 * ```ts
 * const r: ResolveResult = resolveName(zone, conf, 'web');
 * r.queries.map((q) => q.name);
 * ```
 */
export interface ResolveResult {
  readonly outcome: ResolveOutcome;
  /** The candidate that answered (or ended the search), with its trailing dot; `null` if none. */
  readonly name: string | null;
  readonly answers: readonly DnsRecord[];
  /** Every query in the order sent (A then AAAA per candidate). */
  readonly queries: readonly ResolveQuery[];
}

/**
 * Options of {@link resolveName}.
 *
 * @example
 * ```ts
 * resolveName(zone, conf, 'web', { resolver: 'musl', family: 4 });
 * ```
 */
export interface ResolveNameOptions {
  readonly resolver?: ResolverKind | undefined;
  /** `any` (getaddrinfo AF_UNSPEC: A and AAAA per candidate), `4` (A only) or `6` (AAAA only). */
  readonly family?: 'any' | 4 | 6 | undefined;
  /**
   * Answers for names CoreDNS forwards upstream. Without it the lookup stops at the first
   * upstream name with outcome `UPSTREAM`.
   */
  readonly upstream?:
    | ((question: { name: string; type: 'A' | 'AAAA' }) => { rcode: Rcode; answers: readonly DnsRecord[] })
    | undefined;
}

/**
 * Resolves a name from a pod the way its stub resolver does against the cluster zone: the
 * search candidates of {@link searchCandidates}, each asked for A and AAAA, until one answers.
 * glibc and Go move on after NXDOMAIN, NODATA and SERVFAIL (glibc ending with NODATA if any
 * candidate had it); musl moves on only after NXDOMAIN and stops at the first NODATA (`EAI_NODATA`) or
 * SERVFAIL — why `default` resolves differently from a musl (Alpine) pod.
 *
 * @example
 * ```ts
 * const zone = clusterZone({ clusterDomain: 'cluster.local', services: [{ metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1' } }] });
 * const conf = parseResolvConf('search foo.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n');
 * const r = resolveName(zone, conf, 'kubernetes.default');
 * r.outcome; // 'ANSWER'
 * r.name; // 'kubernetes.default.svc.cluster.local.'
 * r.queries.length; // 4 (two candidates × A/AAAA)
 * ```
 */
export function resolveName(
  zone: ClusterZone,
  conf: ResolvConf,
  name: string,
  options: ResolveNameOptions = {},
): ResolveResult {
  checkZone(zone, 'resolveName');
  const opts: ResolveNameOptions = options ?? {};
  const resolver = opts.resolver ?? 'glibc';
  const family = opts.family ?? 'any';
  if (family !== 'any' && family !== 4 && family !== 6) {
    throw new DnsError('INVALID_INPUT', `family must be "any", 4 or 6, got ${String(family)}`, ['family']);
  }
  const types: ('A' | 'AAAA')[] = family === 'any' ? ['A', 'AAAA'] : family === 4 ? ['A'] : ['AAAA'];
  const candidates = searchCandidates(name, conf, { resolver });
  const queries: ResolveQuery[] = [];
  const trailing = name.endsWith('.');
  let gotNodata = false;
  let gotServfail = false;
  let firstError: ResolveOutcome | null = null;
  let lastName: string | null = null;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c] as string;
    lastName = candidate;
    const answers: DnsRecord[] = [];
    let nx = 0;
    let nodata = 0;
    let servfail = 0;
    // musl checks the replies in query order (A, then AAAA): the first error rcode decides.
    let firstFailure: 'NXDOMAIN' | 'SERVFAIL' | null = null;
    let upstreamStop = false;
    for (const type of types) {
      const r = answer(zone, { name: candidate, type });
      let rcode = r.rcode;
      let recs = r.answers;
      if (r.upstream) {
        if (opts.upstream === undefined) {
          queries.push({ name: candidate, type, rcode, upstream: true });
          upstreamStop = true;
          continue;
        }
        const u = opts.upstream({ name: candidate, type });
        rcode = u.rcode;
        recs = u.answers;
      }
      queries.push({ name: candidate, type, rcode, upstream: r.upstream });
      if (rcode === 'NXDOMAIN') {
        nx++;
        firstFailure ??= 'NXDOMAIN';
      } else if (rcode === 'NOERROR') {
        if (recs.length === 0) nodata++;
      } else {
        servfail++;
        firstFailure ??= 'SERVFAIL';
      }
      answers.push(...recs);
    }
    if (upstreamStop) return { outcome: 'UPSTREAM', name: candidate, answers, queries };
    const hasData = answers.some((r) => r.type === 'A' || r.type === 'AAAA');
    if (resolver === 'musl') {
      // name_from_dns: SERVFAIL → EAI_AGAIN, NXDOMAIN → next candidate, other → EAI_FAIL.
      if (firstFailure === 'SERVFAIL') return { outcome: 'SERVFAIL', name: candidate, answers: [], queries };
      if (firstFailure === 'NXDOMAIN') continue;
      if (hasData) return { outcome: 'ANSWER', name: candidate, answers, queries };
      return { outcome: 'NODATA', name: candidate, answers: [], queries };
    }
    if (hasData) return { outcome: 'ANSWER', name: candidate, answers, queries };
    const outcome: ResolveOutcome =
      nodata > 0 && nx === 0 ? 'NODATA' : servfail > 0 ? 'SERVFAIL' : 'NXDOMAIN';
    if (outcome === 'NODATA') gotNodata = true;
    if (outcome === 'SERVFAIL') gotServfail = true;
    // The name tried as is first (dots >= ndots) sets the final error (glibc saved_herrno).
    if (c === 0 && firstError === null && !trailing && candidate === `${name}.` && candidates.length > 1) {
      const dots = name.split('.').length - 1;
      if (dots > 0) firstError = outcome;
    }
  }
  const outcome: ResolveOutcome =
    firstError ?? (gotNodata ? 'NODATA' : gotServfail ? 'SERVFAIL' : 'NXDOMAIN');
  return { outcome, name: lastName, answers: [], queries };
}
