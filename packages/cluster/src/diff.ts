import * as dns from '@podnet/dns';
import { formatIptablesSave } from '@podnet/proxy';
import { formatIpRoute } from '@podnet/routes';
import type { Cluster } from './cluster.ts';
import { recordText } from './internal/dns-lookup.ts';
import { internalsOf } from './internal/internals.ts';
import { compareText } from './internal/service-ips.ts';
import { formatIpvs, formatNftText } from './internal/sibling-artefacts.ts';
import { type Reachability, reachability } from './reachability.ts';

/**
 * What a diff record is about.
 *
 * @example
 * ```ts
 * const k: DiffKind = 'route';
 * ```
 */
export type DiffKind =
  | 'setting'
  | 'node'
  | 'pod'
  | 'service'
  | 'endpoints'
  | 'route'
  | 'rule'
  | 'record'
  | 'reachability';

/**
 * One difference between two clusters: its kind, whether it was added, removed or changed, a key naming it (a
 * setting, node, pod, Service, route line, rule line, DNS record, or `pod → service:port`), the node it belongs
 * to for routes and rules, and the values before and after.
 *
 * @example
 * ```ts
 * const d: DiffRecord = { kind: 'pod', change: 'changed', key: 'default/web-1', before: '10.244.0.2 on node01', after: '10.244.1.2 on node02' };
 * ```
 */
export interface DiffRecord {
  readonly kind: DiffKind;
  readonly change: 'added' | 'removed' | 'changed';
  readonly key: string;
  readonly node?: string;
  readonly before?: string;
  readonly after?: string;
}

const ORDER: readonly DiffKind[] = [
  'setting',
  'node',
  'pod',
  'service',
  'endpoints',
  'route',
  'rule',
  'record',
  'reachability',
];

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((t) => [key(t), t]));
}

function compareMaps<T>(
  out: DiffRecord[],
  kind: DiffKind,
  a: ReadonlyMap<string, T>,
  b: ReadonlyMap<string, T>,
  show: (t: T) => string,
): void {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === undefined && y !== undefined) out.push({ kind, change: 'added', key, after: show(y) });
    else if (x !== undefined && y === undefined) out.push({ kind, change: 'removed', key, before: show(x) });
    else if (x !== undefined && y !== undefined && show(x) !== show(y)) {
      out.push({ kind, change: 'changed', key, before: show(x), after: show(y) });
    }
  }
}

function compareLines(
  out: DiffRecord[],
  kind: DiffKind,
  node: string | undefined,
  a: string,
  b: string,
): void {
  if (a === b) return;
  const keep = (l: string): boolean => l.trim() !== '' && !l.startsWith('#');
  const la = a.split('\n').filter(keep);
  const lb = b.split('\n').filter(keep);
  const sa = new Set(la);
  const sb = new Set(lb);
  for (const line of la)
    if (!sb.has(line))
      out.push({ kind, change: 'removed', key: line, ...(node === undefined ? {} : { node }) });
  for (const line of lb)
    if (!sa.has(line))
      out.push({ kind, change: 'added', key: line, ...(node === undefined ? {} : { node }) });
}

function rulesText(cluster: Cluster, node: string): string {
  const internals = internalsOf(cluster);
  switch (cluster.proxy.mode) {
    case 'ipvs':
      return formatIpvs(internals.ipvs(node));
    case 'nftables':
      return formatNftText(internals.nft(node));
    default:
      return formatIptablesSave(internals.iptables(node));
  }
}

function zoneLines(cluster: Cluster): string {
  const internals = internalsOf(cluster);
  const zone = internals.zone();
  return dns.zoneRecords(zone).map(recordText).join('\n');
}

/** Whether kube-proxy gets the same Services, EndpointSlices and settings in both clusters. */
function proxyInputsEqual(a: Cluster, b: Cluster): boolean {
  const settings = (c: Cluster): string =>
    JSON.stringify([c.proxy.mode, c.proxy.masqueradeAll, c.proxy.masqueradeBit, c.podCidr]);
  if (settings(a) !== settings(b)) return false;
  const ia = internalsOf(a);
  const ib = internalsOf(b);
  const same = (x: readonly unknown[], y: readonly unknown[]): boolean =>
    x === y || JSON.stringify(x) === JSON.stringify(y);
  return same(ia.serviceObjects, ib.serviceObjects) && same(a.endpointSlices, b.endpointSlices);
}

/**
 * The reachability records (`pod → service:port/PROTOCOL`: added, removed or changed disposition), in key
 * order, read from the two matrices: rows are shared per source class, so a pair of rows is compared once.
 */
function compareReachability(out: DiffRecord[], ra: Reachability, rb: Reachability): void {
  const index = (keys: readonly string[]): Map<string, number> => new Map(keys.map((k, i) => [k, i]));
  const podsB = index(rb.pods);
  const targetsA = index(ra.targets);
  const targetsB = index(rb.targets);
  if (
    podsB.size !== rb.pods.length ||
    index(ra.pods).size !== ra.pods.length ||
    targetsA.size !== ra.targets.length ||
    targetsB.size !== rb.targets.length
  ) {
    // duplicate labels: cell by cell, the later one wins (as a Map of entries keeps it)
    const key = (e: Reachability['entries'][number]): string =>
      `${e.from} → ${e.service}:${e.port}/${e.protocol}`;
    compareMaps(out, 'reachability', byKey(ra.entries, key), byKey(rb.entries, key), (e) => e.disposition);
    return;
  }
  type Cell = { readonly target: string; readonly before?: string; readonly after?: string };
  const pairs = new Map<readonly string[], Map<readonly string[], readonly Cell[]>>();
  const rowDiff = (x: readonly string[], y: readonly string[]): readonly Cell[] => {
    let byY = pairs.get(x);
    if (byY === undefined) {
      byY = new Map();
      pairs.set(x, byY);
    }
    let cells = byY.get(y);
    if (cells === undefined) {
      const list: Cell[] = [];
      ra.targets.forEach((t, i) => {
        const j = targetsB.get(t);
        if (j === undefined) list.push({ target: t, before: x[i]! });
        else if (x[i] !== y[j]) list.push({ target: t, before: x[i]!, after: y[j]! });
      });
      rb.targets.forEach((t, j) => {
        if (!targetsA.has(t)) list.push({ target: t, after: y[j]! });
      });
      cells = list;
      byY.set(y, cells);
    }
    return cells;
  };
  const records: DiffRecord[] = [];
  const push = (pod: string, c: Cell): void => {
    const key = `${pod} → ${c.target}`;
    if (c.before === undefined) records.push({ kind: 'reachability', change: 'added', key, after: c.after! });
    else if (c.after === undefined) {
      records.push({ kind: 'reachability', change: 'removed', key, before: c.before });
    } else records.push({ kind: 'reachability', change: 'changed', key, before: c.before, after: c.after });
  };
  ra.pods.forEach((pod, i) => {
    const j = podsB.get(pod);
    const row = ra.matrix[i]!;
    if (j === undefined) {
      ra.targets.forEach((t, k) => {
        push(pod, { target: t, before: row[k]! });
      });
    } else {
      for (const c of rowDiff(row, rb.matrix[j]!)) push(pod, c);
    }
  });
  const podsA = index(ra.pods);
  rb.pods.forEach((pod, j) => {
    if (podsA.has(pod)) return;
    rb.targets.forEach((t, k) => {
      push(pod, { target: t, after: rb.matrix[j]![k]! });
    });
  });
  records.sort((x, y) => compareText(x.key, y.key));
  out.push(...records);
}

/**
 * What changed between two clusters, as plain records (empty for equal clusters): settings, nodes (IP, pod
 * CIDR), pods (IP, node), Services (ClusterIP, type, ports), endpoints, every node's routes (`ip route` lines),
 * kube-proxy rules (in the mode's own text: iptables-save, ipvsadm or nft lines; compared only when both use
 * the same mode), DNS records, and reachability (pods × Service ports).
 *
 * @example
 * ```ts
 * diff(cluster, withoutNode(cluster, 'node02')).filter((d) => d.kind === 'reachability');
 * ```
 */
export function diff(a: Cluster, b: Cluster): DiffRecord[] {
  internalsOf(a);
  internalsOf(b);
  const out: DiffRecord[] = [];
  const settings = (c: Cluster): Map<string, string> =>
    new Map([
      ['name', c.name],
      ['clusterDomain', c.clusterDomain],
      ['podCidr', c.podCidr],
      ['nodeCidrMaskSize', String(c.nodeCidrMaskSize)],
      ['serviceCidr', c.serviceCidr],
      ['clusterDns', c.clusterDns],
      ['cni.plugin', c.cni.plugin],
      ['cni.mtu', String(c.cni.mtu)],
      ['proxy.mode', c.proxy.mode],
      ['hostResolvConf', c.hostResolvConf ?? ''],
    ]);
  compareMaps(out, 'setting', settings(a), settings(b), (v) => v);
  compareMaps(
    out,
    'node',
    byKey(a.nodes, (n) => n.name),
    byKey(b.nodes, (n) => n.name),
    (n) => `${n.ip} ${n.podCidr ?? 'no pod CIDR'}`,
  );
  compareMaps(
    out,
    'pod',
    byKey(a.pods, (p) => p.key),
    byKey(b.pods, (p) => p.key),
    (p) => `${p.ip ?? 'no IP'} on ${p.node ?? 'no node'}${p.ready ? '' : ' (not ready)'}`,
  );
  const showService = (s: Cluster['services'][number]): string =>
    `${s.type} ${s.clusterIp ?? s.externalName ?? 'none'} ${s.ports.map((p) => `${p.port}/${p.protocol}${p.nodePort === null ? '' : `:${p.nodePort}`}`).join(',')}`;
  compareMaps(
    out,
    'service',
    byKey(a.services, (s) => s.key),
    byKey(b.services, (s) => s.key),
    showService,
  );
  const endpoints = (c: Cluster): Map<string, string> =>
    new Map(
      c.services.map((s) => [
        s.key,
        s.endpoints
          .map((e) => `${e.ip}${e.ready ? '' : '(not ready)'}`)
          .sort(compareText)
          .join(','),
      ]),
    );
  const ea = endpoints(a);
  const eb = endpoints(b);
  for (const key of [...ea.keys()].sort(compareText)) {
    const before = ea.get(key)!;
    const after = eb.get(key);
    if (after !== undefined && before !== after)
      out.push({ kind: 'endpoints', change: 'changed', key, before, after });
  }
  const nodeNames = (c: Cluster): string[] => [
    ...c.nodes.map((n) => n.name),
    ...(c.router === null ? [] : [c.router.name]),
  ];
  const bNodes = new Set(nodeNames(b));
  const common = nodeNames(a)
    .filter((n) => bNodes.has(n))
    .sort(compareText);
  for (const node of common) {
    compareLines(
      out,
      'route',
      node,
      formatIpRoute(internalsOf(a).routes(node)),
      formatIpRoute(internalsOf(b).routes(node)),
    );
  }
  if (a.proxy.mode === b.proxy.mode) {
    const routerName = a.router?.name;
    const sameProxyInputs = proxyInputsEqual(a, b);
    for (const node of common) {
      if (node === routerName) continue;
      // kube-proxy's rules are a function of the Services, the EndpointSlices, the proxy settings and the
      // node's name and address: equal inputs, equal text (not rendered twice to find no difference)
      const na = internalsOf(a).nodeByName.get(node);
      const nb = internalsOf(b).nodeByName.get(node);
      if (sameProxyInputs && na !== undefined && nb !== undefined && na.ip === nb.ip) continue;
      try {
        compareLines(out, 'rule', node, rulesText(a, node), rulesText(b, node));
      } catch {
        // a proxy mode whose renderer is not available: rules not compared
      }
    }
  }
  compareLines(out, 'record', undefined, zoneLines(a), zoneLines(b));
  compareReachability(out, reachability(a), reachability(b));
  return out
    .map((r, i) => ({ r, i }))
    .sort((x, y) => ORDER.indexOf(x.r.kind) - ORDER.indexOf(y.r.kind) || x.i - y.i)
    .map(({ r }) => Object.freeze(r));
}
