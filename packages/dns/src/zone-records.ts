import { reverseName } from '@podnet/ip';
import { answer } from './answer.ts';
import type { ClusterZone } from './cluster-zone.ts';
import type { DnsRecord } from './dns-record.ts';
import { parseIpText } from './internal/ip-text.ts';
import { addressLabel, type ZoneService } from './internal/zone-data.ts';
import { checkZone } from './internal/zone-mark.ts';

const TYPE_ORDER: Record<string, number> = { SOA: 0, NS: 1, A: 2, AAAA: 3, CNAME: 4, SRV: 5, PTR: 6, TXT: 7 };

function compareRecords(a: DnsRecord, b: DnsRecord): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const ta = TYPE_ORDER[a.type] ?? 9;
  const tb = TYPE_ORDER[b.type] ?? 9;
  if (ta !== tb) return ta - tb;
  return a.data < b.data ? -1 : a.data > b.data ? 1 : 0;
}

/** Collects answers for (name, type) questions, de-duplicated and sorted. */
export function collect(zone: ClusterZone, questions: Iterable<readonly [string, string]>): DnsRecord[] {
  const seen = new Set<string>();
  const out: DnsRecord[] = [];
  for (const [name, type] of questions) {
    const r = answer(zone, { name, type });
    for (const rec of r.answers) {
      if (rec.type !== type) continue; // CNAME chains are listed under their own name
      const key = `${rec.name}\u0000${rec.type}\u0000${rec.data}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(rec);
    }
  }
  return out.sort(compareRecords);
}

/** The questions whose answers make up one Service's records. */
export function* serviceQuestions(svc: ZoneService): Generator<readonly [string, string]> {
  const name = svc.fqdn;
  if (svc.kind === 'ExternalName') {
    yield [name, 'CNAME'];
    return;
  }
  yield [name, 'A'];
  yield [name, 'AAAA'];
  const ports = new Set<string>();
  const addPorts = (list: readonly { name: string; protocol: string; port: number }[]) => {
    for (const p of list) if (p.name !== '' && p.port !== -1) ports.add(`_${p.name}._${p.protocol}.${name}`);
  };
  if (svc.kind === 'Headless') for (const s of svc.slices) addPorts(s.ports);
  else addPorts(svc.ports);
  for (const p of ports) yield [p, 'SRV'];
  for (const ip of svc.clusterIps) yield [reverseName(ip.addr), 'PTR'];
  for (const s of svc.slices) {
    for (const a of s.addresses) {
      if (svc.kind === 'Headless') {
        const label = addressLabel(a);
        yield [`${label}.${name}`, 'A'];
        yield [`${label}.${name}`, 'AAAA'];
      }
      yield [reverseName(a.ip.addr), 'PTR'];
    }
  }
}

/**
 * Every record of the cluster zone, as a zone transfer would list them: the `dns-version` TXT,
 * each Service's A/AAAA (or CNAME), SRV per named port, endpoint A/AAAA for headless Services,
 * PTR for cluster and endpoint IPs, and pod A/AAAA records when the `pods` mode serves them.
 * Each record is exactly what {@link answer} returns for its name; sorted by name, type, data.
 *
 * @example
 * ```ts
 * const zone = clusterZone({ clusterDomain: 'cluster.local', services: [{ metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.20' } }] });
 * zoneRecords(zone).map((r) => `${r.name} ${r.type} ${r.data}`);
 * // ['20.0.96.10.in-addr.arpa. PTR web.default.svc.cluster.local.', 'dns-version.cluster.local. TXT 1.1.0', 'web.default.svc.cluster.local. A 10.96.0.20']
 * ```
 */
export function zoneRecords(zone: ClusterZone): DnsRecord[] {
  checkZone(zone, 'zoneRecords');
  const zone0 = zone.primaryZone;
  function* questions(): Generator<readonly [string, string]> {
    yield [`dns-version.${zone0}`, 'TXT'];
    for (const svc of zone.services.values()) yield* serviceQuestions(svc);
    if (zone.podsMode !== 'disabled') {
      for (let i = 0; i < zone.podIps.length; i++) {
        const text = zone.podIps[i] as string;
        const ip = parseIpText(text);
        if (ip === null) continue;
        const label = ip.family === 4 ? text.replaceAll('.', '-') : text.replaceAll(':', '-');
        yield [`${label}.${zone.podIpNamespaces[i]}.pod.${zone0}`, ip.family === 4 ? 'A' : 'AAAA'];
      }
    }
  }
  return collect(zone, questions());
}
