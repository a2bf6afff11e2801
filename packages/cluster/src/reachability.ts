import type { Cluster, ClusterPod } from './cluster.ts';
import { internalsOf } from './internal/internals.ts';
import { compareText } from './internal/service-ips.ts';
import { type Disposition, trace } from './trace.ts';

/**
 * Whether pods reach one Service port: `disposition` is DELIVERED when every endpoint kube-proxy may pick is
 * delivered, else the first failing endpoint's disposition (REJECTED when the Service has no endpoints);
 * `delivered`/`endpoints` count the endpoints.
 *
 * @example
 * ```ts
 * const e: ReachabilityEntry = { from: 'default/web-1', service: 'shop/api', port: 8080, protocol: 'TCP', disposition: 'DELIVERED', reachable: true, delivered: 2, endpoints: 2 };
 * ```
 */
export interface ReachabilityEntry {
  readonly from: string;
  readonly service: string;
  readonly port: number;
  readonly protocol: string;
  readonly disposition: Disposition;
  readonly reachable: boolean;
  readonly delivered: number;
  readonly endpoints: number;
}

/**
 * The pods × Service ports matrix. `pods` and `targets` (`namespace/name:port/PROTOCOL`) label the rows and
 * columns of `matrix` (dispositions); `entries` lists the same cells; `classes` is how many source equivalence
 * classes were traced (pods on the same node share every outcome).
 *
 * @example
 * ```ts
 * const r: Reachability = reachability(cluster);
 * r.matrix[0]?.[0]; // 'DELIVERED'
 * ```
 */
export interface Reachability {
  readonly pods: readonly string[];
  readonly targets: readonly string[];
  readonly matrix: readonly (readonly Disposition[])[];
  readonly entries: readonly ReachabilityEntry[];
  readonly classes: number;
}

function classOf(pod: ClusterPod): string {
  if (pod.ip === null || pod.node === null) return 'no-ip';
  return `${pod.node}|${pod.hostNetwork ? 'host' : 'pod'}`;
}

/**
 * Computes which pods reach which Service ports (ClusterIP Services; headless and ExternalName Services have
 * no virtual IP to trace). Sources are grouped into equivalence classes — pods on the same node in the same
 * network namespace kind see the same routes and the same kube-proxy rules — and one representative per class
 * is traced to every endpoint candidate of every Service port, so the cost is classes × ports × endpoints, not
 * pods × ports.
 *
 * @example
 * ```ts
 * const r = reachability(cluster);
 * r.entries.filter((e) => !e.reachable).map((e) => `${e.from} → ${e.service}:${e.port}`);
 * ```
 */
export function reachability(cluster: Cluster): Reachability {
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
