import { answer, type DnsRecord, parseResolvConf, searchCandidates } from '@podnet/dns';
import type { Cluster, ClusterPod } from '../cluster.ts';
import { internalsOf } from './internals.ts';

/** One query the pod's resolver sent, with CoreDNS's answer (or why it went elsewhere). */
export interface DnsQuery {
  readonly name: string;
  readonly type: string;
  readonly nameserver: string;
  readonly rcode: string;
  readonly answers: readonly DnsRecord[];
  /** True when CoreDNS handed the name to `forward` (outside the cluster zone) or the nameserver is upstream. */
  readonly upstream: boolean;
}

/** The outcome of a name lookup from a pod. */
export interface DnsLookup {
  readonly queries: readonly DnsQuery[];
  /** The answering query's records (empty when nothing resolved). */
  readonly answers: readonly DnsRecord[];
  readonly rcode: string;
  readonly resolvConf: string;
}

/** A DNS record as a zone-file line: `name ttl IN TYPE data`. */
export function recordText(record: DnsRecord): string {
  return `${record.name} ${record.ttl} IN ${record.type} ${record.data}`;
}

/**
 * Looks a name up the way the pod's resolver does: kubelet's resolv.conf for the pod (`podResolvConf`), the
 * resolver's search expansion (`searchCandidates`, glibc or musl), each candidate answered by CoreDNS's
 * kubernetes plugin (`answer`) when the nameserver is the cluster DNS — stopping at the first name that has
 * records of the type (musl also at the first NODATA or SERVFAIL).
 *
 * Not `@podnet/dns`'s `resolveName`: that one asks A/AAAA only, reports no records per query (a trace shows
 * them hop by hop) and moves on past an ExternalName's CNAME (a trace ends there, `EXITS_NETWORK`); the search
 * rules are the same.
 */
export function lookup(
  cluster: Cluster,
  pod: ClusterPod,
  name: string,
  type: string,
  resolver: 'glibc' | 'musl',
): DnsLookup {
  const internals = internalsOf(cluster);
  const text = internals.resolvConf(pod.key);
  const conf = parseResolvConf(text);
  const nameserver = conf.nameservers[0] ?? '';
  const zone = internals.zone();
  const queries: DnsQuery[] = [];
  const clusterServed = conf.nameservers.includes(cluster.clusterDns);
  let rcode = 'NXDOMAIN';
  for (const candidate of searchCandidates(name, conf, { resolver })) {
    if (!clusterServed) {
      queries.push({ name: candidate, type, nameserver, rcode: 'NXDOMAIN', answers: [], upstream: true });
      continue;
    }
    const a = answer(zone, { name: candidate, type });
    queries.push({
      name: candidate,
      type,
      nameserver: cluster.clusterDns,
      rcode: a.upstream && a.rcode === 'NOERROR' && a.answers.length === 0 ? 'NXDOMAIN' : a.rcode,
      answers: a.answers,
      upstream: a.upstream,
    });
    if (a.rcode === 'NOERROR' && a.answers.length > 0) {
      return { queries, answers: a.answers, rcode: 'NOERROR', resolvConf: text };
    }
    if (a.rcode === 'NOERROR' && !a.upstream) rcode = 'NOERROR';
    // musl's search loop (name_from_dns_search) moves on only after NXDOMAIN: NODATA and SERVFAIL end it, as
    // @podnet/dns's resolveName has it
    if (resolver === 'musl' && !a.upstream && a.rcode !== 'NXDOMAIN') {
      return { queries, answers: [], rcode: a.rcode, resolvConf: text };
    }
  }
  return { queries, answers: [], rcode, resolvConf: text };
}
