import type { DnsRecord } from '@podnet/dns';
import type { Cluster } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import { describeValue } from './internal/describe-value.ts';
import { type DnsQuery, lookup } from './internal/dns-lookup.ts';
import { findPod } from './internal/find.ts';

/**
 * What {@link resolve} returns: the final rcode, the answering records, every query in the order the
 * resolver sent it, and the pod's resolv.conf that drove the search.
 *
 * @example
 * ```ts
 * const r: ResolveResult = resolve(cluster, 'default/web-1', 'kubernetes.default');
 * r.answers[0]?.data; // '10.96.0.1'
 * ```
 */
export interface ResolveResult {
  readonly name: string;
  readonly type: string;
  readonly rcode: string;
  readonly answers: readonly DnsRecord[];
  /** The addresses the name resolved to (A/AAAA data), in answer order. */
  readonly addresses: readonly string[];
  readonly queries: readonly DnsQuery[];
  readonly resolvConf: string;
}

/**
 * Resolves a name from a pod exactly as its resolver would: kubelet's resolv.conf for the pod, the search list
 * and ndots expansion (glibc by default, or the cluster spec's `dns.resolver`), CoreDNS's kubernetes-plugin
 * answer for each candidate. `type` defaults to A (AAAA on an IPv6 cluster).
 *
 * @example
 * ```ts
 * resolve(cluster, 'shop/api-1', 'web.default').addresses; // ['10.96.…']
 * resolve(cluster, 'default/web-1', 'nope').rcode; // 'NXDOMAIN'
 * ```
 */
export function resolve(
  cluster: Cluster,
  fromPod: string,
  name: string,
  type?: string,
  options: { readonly resolver?: 'glibc' | 'musl' } = {},
): ResolveResult {
  if (typeof name !== 'string' || name === '') {
    throw new ClusterError(
      'INVALID_NAME',
      `name to resolve must be a non-empty string, got ${describeValue(name)}`,
    );
  }
  const pod = findPod(cluster, fromPod);
  if (type !== undefined && (typeof type !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{0,15}$/.test(type))) {
    throw new ClusterError(
      'INVALID_TYPE',
      `record type must be a name such as "A", "AAAA" or "SRV", got ${describeValue(type)}`,
    );
  }
  const qtype = (type ?? (cluster.podCidr.includes(':') ? 'AAAA' : 'A')).toUpperCase();
  if (options === null || typeof options !== 'object') {
    throw new ClusterError(
      'INVALID_OPTIONS',
      `resolve options must be an object, got ${describeValue(options)}`,
    );
  }
  const resolver = options.resolver ?? cluster.spec.dns.resolver;
  if (resolver !== 'glibc' && resolver !== 'musl') {
    throw new ClusterError(
      'INVALID_OPTIONS',
      `resolver must be "glibc" or "musl", got ${describeValue(resolver)}`,
      ['resolver'],
    );
  }
  const result = lookup(cluster, pod, name, qtype, resolver);
  return {
    name,
    type: qtype,
    rcode: result.rcode,
    answers: result.answers,
    addresses: result.answers.filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => r.data),
    queries: result.queries,
    resolvConf: result.resolvConf,
  };
}
