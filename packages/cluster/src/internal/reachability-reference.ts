import type { Cluster, ClusterPod } from '../cluster.ts';
import type { Reachability, ReachabilityEntry } from '../reachability.ts';
import { type Disposition, trace } from '../trace.ts';
import { internalsOf } from './internals.ts';
import { compareText } from './service-ips.ts';

function classOf(pod: ClusterPod): string {
  if (pod.ip === null || pod.node === null) return 'no-ip';
  return `${pod.node}|${pod.hostNetwork ? 'host' : 'pod'}`;
}

/**
 * The straightforward reachability (one `trace` per source class, Service port and candidate endpoint): the
 * oracle the fast {@link reachability} is checked against in tests.
 */
export function reachabilityReference(cluster: Cluster): Reachability {
  internalsOf(cluster);
  const pods = [...cluster.pods].sort((a, b) => compareText(a.key, b.key));
  const services = cluster.services.filter((s) => s.clusterIp !== null && s.clusterIp !== 'None');
  const targets: {
    key: string;
    service: string;
    ip: string;
    port: number;
    protocol: 'TCP' | 'UDP' | 'SCTP';
  }[] = [];
  for (const s of services) {
    for (const p of s.ports) {
      targets.push({
        key: `${s.key}:${p.port}/${p.protocol}`,
        service: s.key,
        ip: s.clusterIp!,
        port: p.port,
        protocol: p.protocol,
      });
    }
  }
  const byClass = new Map<string, ClusterPod>();
  for (const pod of pods) if (!byClass.has(classOf(pod))) byClass.set(classOf(pod), pod);
  const outcome = new Map<string, { disposition: Disposition; delivered: number; endpoints: number }>();
  for (const [cls, rep] of byClass) {
    for (const t of targets) {
      let result: { disposition: Disposition; delivered: number; endpoints: number };
      if (cls === 'no-ip') {
        result = { disposition: 'NO_SOURCE_IP', delivered: 0, endpoints: 0 };
      } else {
        const first = trace(cluster, { from: rep.key, to: t.ip, port: t.port, protocol: t.protocol });
        const candidates = first.candidates ?? [];
        if (first.disposition !== 'DELIVERED' && candidates.length === 0) {
          result = { disposition: first.disposition, delivered: 0, endpoints: 0 };
        } else {
          let delivered = 0;
          let failure: Disposition | null = null;
          candidates.forEach((c, i) => {
            const r =
              i === 0
                ? first
                : trace(cluster, {
                    from: rep.key,
                    to: t.ip,
                    port: t.port,
                    protocol: t.protocol,
                    endpoint: c.endpoint,
                  });
            if (r.disposition === 'DELIVERED') delivered++;
            else if (failure === null) failure = r.disposition;
          });
          result = {
            disposition: failure ?? (candidates.length === 0 ? first.disposition : 'DELIVERED'),
            delivered,
            endpoints: candidates.length,
          };
        }
      }
      outcome.set(`${cls}#${t.key}`, result);
    }
  }
  const entries: ReachabilityEntry[] = [];
  const matrix: Disposition[][] = [];
  for (const pod of pods) {
    const row: Disposition[] = [];
    for (const t of targets) {
      const r = outcome.get(`${classOf(pod)}#${t.key}`)!;
      row.push(r.disposition);
      entries.push(
        Object.freeze({
          from: pod.key,
          service: t.service,
          port: t.port,
          protocol: t.protocol,
          disposition: r.disposition,
          reachable: r.disposition === 'DELIVERED',
          delivered: r.delivered,
          endpoints: r.endpoints,
        }),
      );
    }
    matrix.push(Object.freeze(row) as Disposition[]);
  }
  return Object.freeze({
    pods: Object.freeze(pods.map((p) => p.key)),
    targets: Object.freeze(targets.map((t) => t.key)),
    matrix: Object.freeze(matrix),
    entries: Object.freeze(entries),
    classes: byClass.size,
  });
}
