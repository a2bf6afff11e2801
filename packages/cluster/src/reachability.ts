import { selectRoute } from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod, ClusterService } from './cluster.ts';
import { internalsOf } from './internal/internals.ts';
import { podBlocks } from './internal/pod-blocks.ts';
import { compareText } from './internal/service-ips.ts';
import {
  type Disposition,
  dispositionAfterNat,
  type Evaluation,
  endpointAddress,
  type Machine,
  type TraceCandidate,
  type TraceHooks,
  traceWith,
} from './trace.ts';

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

interface Target {
  readonly key: string;
  readonly service: string;
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  /** kube-proxy answers this Service port the same on every node (see {@link nodeIndependent}). */
  readonly shared: boolean;
}

interface Outcome {
  readonly disposition: Disposition;
  readonly delivered: number;
  readonly endpoints: number;
}

const NO_SOURCE: Outcome = Object.freeze({ disposition: 'NO_SOURCE_IP', delivered: 0, endpoints: 0 });

function classOf(pod: ClusterPod): string {
  if (pod.ip === null || pod.node === null) return 'no-ip';
  return `${pod.node}|${pod.hostNetwork ? 'host' : 'pod'}`;
}

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

/**
 * The Services whose ClusterIP packets kube-proxy answers the same on every node. A node enters kube-proxy's
 * rules only through its name (which endpoints are local, topology hints naming it) and its addresses (local
 * destinations, NodePorts, load-balancer source ranges). For a packet to a Service port's ClusterIP neither
 * changes the verdict or the candidate endpoints when the Service's internalTrafficPolicy is not Local, it has no
 * ClientIP affinity, no EndpointSlice in the cluster carries topology hints, and the ClusterIP is no node's
 * address and no other Service's cluster, external or load-balancer IP. (The source address only decides
 * masquerading, which a reachability answer does not read.)
 */
function nodeIndependent(cluster: Cluster): (service: ClusterService) => boolean {
  const internals = internalsOf(cluster);
  const hints = cluster.endpointSlices.some((slice) => {
    const endpoints = obj(slice)?.endpoints;
    return Array.isArray(endpoints) && endpoints.some((e) => obj(e)?.hints !== undefined);
  });
  if (hints) return () => false;
  const uses = new Map<string, number>();
  const count = (ip: string | null): void => {
    if (ip !== null && ip !== 'None') uses.set(ip, (uses.get(ip) ?? 0) + 1);
  };
  for (const s of cluster.services) {
    count(s.clusterIp);
    for (const ip of s.externalIps) count(ip);
    for (const ip of s.loadBalancerIps) count(ip);
  }
  const specs = new Map<string, Obj>();
  for (const o of internals.serviceObjects) {
    const meta = obj(obj(o)?.metadata);
    const spec = obj(obj(o)?.spec);
    if (meta === undefined || spec === undefined) continue;
    const key = `${String(meta.namespace ?? 'default')}/${String(meta.name)}`;
    // two objects for one key: the Service is not treated as node-independent
    specs.set(key, specs.has(key) ? {} : spec);
  }
  return (s) => {
    const spec = specs.get(s.key);
    return (
      spec !== undefined &&
      spec.internalTrafficPolicy !== 'Local' &&
      spec.sessionAffinity !== 'ClientIP' &&
      Object.keys(spec).length > 0 &&
      s.clusterIp !== null &&
      uses.get(s.clusterIp) === 1 &&
      !internals.nodeByIp.has(s.clusterIp)
    );
  };
}

/**
 * Computes which pods reach which Service ports (ClusterIP Services; headless and ExternalName Services have
 * no virtual IP to trace). Sources are grouped into equivalence classes — pods on the same node in the same
 * network namespace kind see the same routes and the same kube-proxy rules — and one representative per class
 * is traced to every Service port. kube-proxy's evaluation of a Service port that no node changes (no Local
 * internal traffic policy, no topology hints, no ClientIP affinity) is shared by all classes, so not every
 * node's ruleset is built; the other candidate endpoints continue from where the first was DNATed. `matrix`
 * rows of one class are one shared frozen array; `entries` is built on first read.
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
  const independent = nodeIndependent(cluster);
  const targets: Target[] = [];
  for (const s of cluster.services) {
    if (s.clusterIp === null || s.clusterIp === 'None') continue;
    const shared = independent(s);
    for (const p of s.ports) {
      targets.push({
        key: `${s.key}:${p.port}/${p.protocol}`,
        service: s.key,
        ip: s.clusterIp,
        port: p.port,
        protocol: p.protocol,
        shared,
      });
    }
  }
  const byClass = new Map<string, ClusterPod>();
  for (const pod of pods) {
    const cls = classOf(pod);
    if (!byClass.has(cls)) byClass.set(cls, pod);
  }
  const sharedEvaluations = new Map<string, Evaluation>();
  const firsts = new Map<string, Outcome | readonly TraceCandidate[]>();
  // the rest of a DNATed packet's walk once it reaches another machine depends only on that machine, the
  // destination and the hop count: remembered for every class
  const continuations = new Map<string, Disposition>();
  const continueAt = (
    machine: Machine,
    dst: string,
    port: number,
    protocol: string,
    step: number,
  ): Disposition => {
    const key = `${machine.name}|${dst}|${port}|${protocol}|${step}`;
    let d = continuations.get(key);
    if (d === undefined) {
      d = dispositionAfterNat(cluster, machine, dst, port, protocol, step, after);
      continuations.set(key, d);
    }
    return d;
  };
  const after: TraceHooks = { moved: continueAt };
  // 1. kube-proxy's answer per class and Service port: a final outcome, or the DNAT (node, hop, candidates)
  const pending = new Map<string, (Outcome | Dnat)[]>();
  for (const [cls, rep] of byClass) {
    if (cls === 'no-ip') {
      pending.set(
        cls,
        targets.map(() => NO_SOURCE),
      );
      continue;
    }
    const row: (Outcome | Dnat)[] = [];
    for (const t of targets) row.push(dnatFor(cluster, rep, t, sharedEvaluations, firsts));
    pending.set(cls, row);
  }
  // 2. per candidate list and hop: the blocks its endpoints lie in, and the outcome when every endpoint is
  // forwarded straight to its block's node (continuations computed node by node, so each node's routes are
  // built once)
  const blocks = podBlocks(cluster);
  const groups = new Map<readonly TraceCandidate[], Map<number, Group>>();
  const requests: { owner: ClusterNode; ip: string; port: number; protocol: string; step: number }[] = [];
  for (const row of pending.values()) {
    for (const cell of row) {
      if (!('candidates' in cell)) continue;
      let bySteps = groups.get(cell.candidates);
      if (bySteps === undefined) {
        bySteps = new Map();
        groups.set(cell.candidates, bySteps);
      }
      if (bySteps.has(cell.step)) continue;
      const owners: ClusterNode[] = [];
      let regular = true;
      for (const c of cell.candidates) {
        const e = endpointAddress(c.endpoint);
        const owner = blocks.blockOf(e.ip);
        if (owner === null) {
          regular = false;
          break;
        }
        owners.push(owner);
        requests.push({ owner, ip: e.ip, port: e.port, protocol: cell.protocol, step: cell.step + 1 });
      }
      bySteps.set(cell.step, {
        blocks: regular ? new Set(owners.map((o) => o.name)) : null,
        owners,
        outcome: undefined,
      });
    }
  }
  // 3. node by node (each node's routes are built once while its work is done): the continuations that start
  // on the node, then, for cells DNATed on it, which candidates' blocks it does not forward straight to their
  // owner (those are continued from the DNAT now; the rest read the continuations afterwards)
  const requestsAt = new Map<string, typeof requests>();
  for (const r of requests) {
    const list = requestsAt.get(r.owner.name);
    if (list === undefined) requestsAt.set(r.owner.name, [r]);
    else list.push(r);
  }
  const cellsAt = new Map<string, { row: (Outcome | Dnat)[]; index: number }[]>();
  for (const row of pending.values()) {
    row.forEach((cell, index) => {
      if (!('candidates' in cell)) return;
      const list = cellsAt.get(cell.node.name);
      if (list === undefined) cellsAt.set(cell.node.name, [{ row, index }]);
      else list.push({ row, index });
    });
  }
  const names = [...new Set([...requestsAt.keys(), ...cellsAt.keys()])].sort(compareText);
  const early = new Map<Dnat, readonly (Disposition | null)[]>();
  for (const name of names) {
    for (const r of requestsAt.get(name) ?? []) continueAt(r.owner, r.ip, r.port, r.protocol, r.step);
    const cells = cellsAt.get(name);
    if (cells === undefined) continue;
    const odd = blocks.irregular((cells[0]!.row[cells[0]!.index] as Dnat).node);
    for (const { row, index } of cells) {
      const cell = row[index] as Dnat;
      const group = groups.get(cell.candidates)!.get(cell.step)!;
      // every block straight to its owner: the group's outcome, read once all continuations are known
      if (group.blocks !== null && odd !== null && disjoint(group.blocks, odd)) continue;
      early.set(
        cell,
        cell.candidates.map((c, i) => {
          const owner = group.blocks === null ? undefined : group.owners[i];
          if (owner !== undefined && odd !== null && !odd.has(owner.name)) return null;
          const e = endpointAddress(c.endpoint);
          return dispositionAfterNat(cluster, cell.node, e.ip, e.port, cell.protocol, cell.step, after);
        }),
      );
    }
  }
  // 4. every cell: the group's outcome, or its candidates (continued early, or straight to their block's node)
  function groupOutcome(group: Group, cell: Dnat): Outcome {
    group.outcome ??= aggregate(
      cell.candidates.map((c, i) => {
        const e = endpointAddress(c.endpoint);
        return continueAt(group.owners[i]!, e.ip, e.port, cell.protocol, cell.step + 1);
      }),
    );
    return group.outcome;
  }
  const outcomes = new Map<string, readonly Outcome[]>();
  for (const [cls, row] of pending) {
    outcomes.set(
      cls,
      row.map((cell) => {
        if (!('candidates' in cell)) return cell;
        const group = groups.get(cell.candidates)!.get(cell.step)!;
        const parts = early.get(cell);
        if (parts === undefined) return groupOutcome(group, cell);
        return aggregate(
          cell.candidates.map((c, i) => {
            const d = parts[i];
            if (d !== null && d !== undefined) return d;
            const e = endpointAddress(c.endpoint);
            return continueAt(group.owners[i]!, e.ip, e.port, cell.protocol, cell.step + 1);
          }),
        );
      }),
    );
  }
  const rows = new Map<string, readonly Disposition[]>();
  for (const [cls, row] of outcomes) rows.set(cls, Object.freeze(row.map((o) => o.disposition)));
  const matrix = Object.freeze(pods.map((pod) => rows.get(classOf(pod))!));
  let entries: readonly ReachabilityEntry[] | undefined;
  const result: Reachability = {
    pods: Object.freeze(pods.map((p) => p.key)),
    targets: Object.freeze(targets.map((t) => t.key)),
    matrix,
    get entries(): readonly ReachabilityEntry[] {
      entries ??= buildEntries(pods, targets, outcomes);
      return entries;
    },
    classes: byClass.size,
  };
  return Object.freeze(result);
}

function buildEntries(
  pods: readonly ClusterPod[],
  targets: readonly Target[],
  outcomes: ReadonlyMap<string, readonly Outcome[]>,
): readonly ReachabilityEntry[] {
  const out: ReachabilityEntry[] = [];
  for (const pod of pods) {
    const row = outcomes.get(classOf(pod))!;
    targets.forEach((t, i) => {
      const r = row[i]!;
      out.push(
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
    });
  }
  return Object.freeze(out);
}

interface Dnat {
  readonly node: ClusterNode;
  readonly step: number;
  readonly protocol: string;
  readonly candidates: readonly TraceCandidate[];
}

interface Group {
  /** The nodes whose pod blocks hold the candidates (null: some candidate is in no block). */
  readonly blocks: ReadonlySet<string> | null;
  readonly owners: readonly ClusterNode[];
  outcome: Outcome | undefined;
}

function disjoint(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) return false;
  return true;
}

/** The outcome over the candidates' dispositions, in kube-proxy's order. */
function aggregate(dispositions: readonly Disposition[]): Outcome {
  let delivered = 0;
  let failure: Disposition | null = null;
  for (const d of dispositions) {
    if (d === 'DELIVERED') delivered++;
    else if (failure === null) failure = d;
  }
  return { disposition: failure ?? 'DELIVERED', delivered, endpoints: dispositions.length };
}

/**
 * One class's answer for one Service port up to kube-proxy: the final outcome when no DNAT happens, else where
 * (node, hop) kube-proxy DNATed and its candidates. Each candidate's outcome is what a trace with
 * `endpoint: candidate` gives: the same walk up to the DNAT, then its own forwarding.
 */
function dnatFor(
  cluster: Cluster,
  rep: ClusterPod,
  t: Target,
  shared: Map<string, Evaluation>,
  firsts: Map<string, Outcome | readonly TraceCandidate[]>,
): Outcome | Dnat {
  // A shared Service port from a class whose walk reaches its node's kube-proxy unchanged (a host-network pod
  // starts there; a pod's packet needs a route in the pod and a destination other than itself) ends as the first
  // such class's did: DNATed on its own node at hop 0 to the same candidates, or REJECTED/DROPPED there.
  let firstKey: string | undefined;
  const internals = internalsOf(cluster);
  const node = rep.node === null ? undefined : internals.nodeByName.get(rep.node);
  if (t.shared && node !== undefined) {
    let inInterface: string | undefined;
    let straight = true;
    if (!rep.hostNetwork) {
      straight = t.ip !== rep.ip && selectRoute(internals.podRoutes(rep.key), t.ip) !== undefined;
      inInterface = node.bridge !== null ? node.bridge.name : (rep.hostVeth ?? undefined);
    }
    if (straight) {
      firstKey = sharedKey(rep, inInterface, t);
      const hit = firsts.get(firstKey);
      if (hit !== undefined) {
        return 'disposition' in hit ? hit : { node, step: 0, protocol: t.protocol, candidates: hit };
      }
    }
  }
  const hooks: TraceHooks = {
    nat: undefined,
    stopAtNat: true,
    ...(t.shared
      ? {
          evaluation: (
            _node: ClusterNode,
            packet: { readonly dst: string; readonly port: number; readonly protocol: string },
            inInterface: string | undefined,
            own: () => Evaluation,
          ): Evaluation => {
            if (packet.dst !== t.ip || packet.port !== t.port || packet.protocol !== t.protocol) return own();
            // kube-proxy's rules here match no input interface (the local-traffic detector is the cluster CIDR);
            // whether there is one (a pod's packet arrives from its veth, a host-network one does not) is kept
            const key = sharedKey(rep, inInterface, t);
            const hit = shared.get(key);
            if (hit !== undefined) return hit;
            const ev = own();
            if (ev.verdict === 'DNAT' || ev.verdict === 'REJECT' || ev.verdict === 'DROP')
              shared.set(key, ev);
            return ev;
          },
        }
      : {}),
  };
  const first = traceWith(cluster, { from: rep.key, to: t.ip, port: t.port, protocol: t.protocol }, hooks);
  const nat = hooks.nat;
  const candidates = first.candidates ?? [];
  if (firstKey !== undefined && nat === undefined) {
    const verdict = shared.get(firstKey)?.verdict;
    if (verdict === 'REJECT' || verdict === 'DROP') {
      const outcome: Outcome = { disposition: first.disposition, delivered: 0, endpoints: 0 };
      firsts.set(firstKey, outcome);
      return outcome;
    }
  }
  if (nat === undefined || candidates.length === 0) {
    // no DNAT: the trace ran to its end (a DNAT without candidates is traced in full, as trace reports it)
    const whole =
      nat === undefined
        ? first
        : traceWith(cluster, { from: rep.key, to: t.ip, port: t.port, protocol: t.protocol }, undefined);
    const n = whole.candidates?.length ?? 0;
    if (whole.disposition !== 'DELIVERED' && n === 0) {
      return { disposition: whole.disposition, delivered: 0, endpoints: 0 };
    }
    return { disposition: whole.disposition, delivered: n === 0 ? 0 : 1, endpoints: n };
  }
  if (firstKey !== undefined && nat.node === node && nat.step === 0) firsts.set(firstKey, candidates);
  return { node: nat.node, step: nat.step, protocol: t.protocol, candidates };
}

/** The key of a shared evaluation: the source kind, whether the packet has an input interface, the port. */
function sharedKey(rep: ClusterPod, inInterface: string | undefined, t: Target): string {
  return `${rep.hostNetwork ? 'host' : 'pod'}|${inInterface === undefined ? '' : 'if'}|${t.key}`;
}
