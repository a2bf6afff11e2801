import { safeParseAddr } from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import { evaluatePacket, type PacketResult } from '@podnet/proxy';
import { selectRoute } from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import { describeValue } from './internal/describe-value.ts';
import { lookup, recordText } from './internal/dns-lookup.ts';
import { lookupNode, lookupPod, lookupService } from './internal/find.ts';
import { internalsOf } from './internal/internals.ts';
import { formatIpvs, formatNftText } from './internal/sibling-artefacts.ts';

/**
 * How a trace ends. `DELIVERED`, `NO_ROUTE` (no route, or an `unreachable` route), `REJECTED` (kube-proxy's
 * REJECT for a Service without endpoints, or a `prohibit` route), `DROPPED` (kube-proxy DROP, a `blackhole`
 * route, no pod holds the address), `NXDOMAIN` (the name did not resolve), `LOOP` (forwarding loop / TTL),
 * `EXITS_NETWORK` (the packet leaves the modelled cluster, e.g. to the LAN gateway), `NO_SOURCE_IP` (the source
 * pod has no IP yet).
 *
 * @example
 * ```ts
 * const d: Disposition = 'DELIVERED';
 * ```
 */
export type Disposition =
  | 'DELIVERED'
  | 'NO_ROUTE'
  | 'REJECTED'
  | 'DROPPED'
  | 'NXDOMAIN'
  | 'LOOP'
  | 'EXITS_NETWORK'
  | 'NO_SOURCE_IP';

/**
 * What a hop is: the DNS lookup, the pod's veth, a bridge, a route lookup, kube-proxy NAT or filter, overlay
 * encapsulation, an underlay hop between machines, delivery, or a drop.
 *
 * @example
 * ```ts
 * const kind: HopKind = 'nat';
 * ```
 */
export type HopKind =
  | 'dns'
  | 'veth'
  | 'bridge'
  | 'route'
  | 'nat'
  | 'filter'
  | 'encap'
  | 'underlay'
  | 'deliver'
  | 'drop';

/**
 * One hop of a trace: the machine it happens on, what it is, and the exact route, rule or record that decided it.
 *
 * @example
 * ```ts
 * const hop: TraceHop = { node: 'node01', kind: 'route', detail: '10.244.1.0/24 via 192.168.1.12 dev eth0' };
 * ```
 */
export interface TraceHop {
  readonly node: string;
  readonly kind: HopKind;
  readonly detail: string;
  readonly pod?: string;
}

/**
 * One endpoint kube-proxy could pick, with its effective probability: `{ pod, probability }` (enumerable, the
 * JSON shape), plus `endpoint` (`ip:port`) and `node` readable as non-enumerable properties. `pod` is null for an
 * endpoint that is not a pod (the apiserver behind `default/kubernetes`).
 *
 * @example
 * ```ts
 * const c: TraceCandidate = { pod: 'default/web-1', endpoint: '10.244.0.2:8080', probability: 0.5, node: 'node01' };
 * ```
 */
export interface TraceCandidate {
  readonly pod: string | null;
  readonly endpoint: string;
  readonly probability: number;
  readonly node: string | null;
}

/**
 * A candidate as the acceptance shape has it, `{ pod, probability }`, with `endpoint` and `node` as
 * non-enumerable extras (so `toEqual([{ pod, probability }])` holds and JSON stays the documented shape).
 */
function candidate(
  pod: string | null,
  probability: number,
  endpoint: string,
  node: string | null,
): TraceCandidate {
  const out = { pod, probability } as TraceCandidate;
  Object.defineProperty(out, 'endpoint', { value: endpoint, enumerable: false });
  Object.defineProperty(out, 'node', { value: node, enumerable: false });
  return Object.freeze(out);
}

/**
 * The result of {@link trace}.
 *
 * @example
 * ```ts
 * const r: TraceResult = trace(cluster, { from: 'default/web-1', to: 'web', port: 80 });
 * r.disposition; // 'DELIVERED'
 * r.hops.at(-1)?.pod; // 'default/web-2'
 * ```
 */
export interface TraceResult {
  readonly disposition: Disposition;
  readonly hops: readonly TraceHop[];
  readonly candidates?: readonly TraceCandidate[];
  /** The destination after DNS (before NAT). */
  readonly destination?: { readonly ip: string; readonly port: number; readonly protocol: string };
}

/**
 * A trace request: `from` a pod (`namespace/name`) or a node name; `to` a pod, a Service (`namespace/name`), an
 * IP, a node name, or a DNS name that the source pod resolves first (`name:port` accepted). `endpoint` picks
 * which of kube-proxy's candidates to follow (`namespace/name` or `ip:port`; default the first).
 *
 * @example
 * ```ts
 * const req: TraceRequest = { from: 'default/web-1', to: 'api.shop', port: 8080 };
 * ```
 */
export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  readonly port?: number | undefined;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | undefined;
  readonly endpoint?: string | undefined;
  readonly resolver?: 'glibc' | 'musl' | undefined;
}

const MAX_HOPS = 64;

interface Walk {
  readonly cluster: Cluster;
  readonly hops: TraceHop[];
  src: string;
  dst: string;
  port: number;
  readonly protocol: string;
  natDone: boolean;
  expectedPod: string | null;
  candidates: readonly TraceCandidate[] | undefined;
  readonly endpointChoice: string | undefined;
  readonly hooks?: TraceHooks | undefined;
}

/**
 * Internal hooks for whole-cluster answers (reachability): `evaluation` may answer kube-proxy's evaluation on a
 * node instead of the node's own ruleset (undefined: the node's own); `nat` is filled with where and at which
 * step the first DNAT happened.
 */
export interface TraceHooks {
  readonly evaluation?: (
    node: ClusterNode,
    packet: { readonly src: string; readonly dst: string; readonly port: number; readonly protocol: string },
    inInterface: string | undefined,
    own: () => Evaluation,
  ) => Evaluation;
  nat?: { node: ClusterNode; step: number } | undefined;
  /** Ends the walk at the first DNAT (after `nat` and the candidates are known). */
  readonly stopAtNat?: boolean;
  /**
   * After a DNAT, when the packet moves on to another machine at hop `step`: the rest of the walk's
   * disposition (it depends only on the machine, the destination and the hop count).
   */
  readonly moved?: (
    machine: Machine,
    dst: string,
    port: number,
    protocol: string,
    step: number,
  ) => Disposition;
}

function done(w: Walk, disposition: Disposition, destination?: TraceResult['destination']): TraceResult {
  const out: { -readonly [K in keyof TraceResult]: TraceResult[K] } = { disposition, hops: w.hops };
  if (w.candidates !== undefined) out.candidates = w.candidates;
  if (destination !== undefined) out.destination = destination;
  return freeze(out);
}

function freeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) freeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * A bare `to` such as `web-2` names a pod when no Service of that name exists in the source's namespace (a
 * Service name is what the resolver would find) and it is not a node name.
 */
function barePodName(cluster: Cluster, host: string, srcPod: ClusterPod | undefined): boolean {
  if (host.includes('.') || lookupNode(cluster, host) !== undefined) return false;
  const ns = srcPod?.namespace ?? 'default';
  return lookupService(cluster, `${ns}/${host}`) === undefined;
}

function splitHostPort(to: string): { host: string; port: number | undefined } {
  const m = /^(.*[^:]):(\d{1,5})$/.exec(to);
  if (m !== null && !m[1]!.includes(':')) return { host: m[1]!, port: Number(m[2]) };
  const v6 = /^\[(.+)\]:(\d{1,5})$/.exec(to);
  if (v6 !== null) return { host: v6[1]!, port: Number(v6[2]) };
  return { host: to, port: undefined };
}

function checkRequest(request: unknown): TraceRequest {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new ClusterError('INVALID_REQUEST', 'trace needs { from, to, port?, protocol? }');
  }
  const r = request as Record<string, unknown>;
  if (typeof r.from !== 'string' || r.from === '') {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: from must be a pod or node name, got ${describeValue(r.from)}`,
      ['from'],
    );
  }
  if (typeof r.to !== 'string' || r.to === '') {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: to must be a pod, IP or name, got ${describeValue(r.to)}`,
      ['to'],
    );
  }
  const port = typeof r.port === 'string' && /^\d{1,5}$/.test(r.port) ? Number(r.port) : r.port;
  if (
    port !== undefined &&
    (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
  ) {
    throw new ClusterError('INVALID_REQUEST', `trace: port ${describeValue(r.port)} is not a port number`, [
      'port',
    ]);
  }
  const protocol = typeof r.protocol === 'string' ? r.protocol.toUpperCase() : r.protocol;
  if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: protocol ${describeValue(r.protocol)} is not TCP, UDP or SCTP`,
      ['protocol'],
    );
  }
  if (r.endpoint !== undefined && (typeof r.endpoint !== 'string' || r.endpoint === '')) {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: endpoint must be a pod ("namespace/name") or "ip:port", got ${describeValue(r.endpoint)}`,
      ['endpoint'],
    );
  }
  if (r.resolver !== undefined && r.resolver !== 'glibc' && r.resolver !== 'musl') {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: resolver must be "glibc" or "musl", got ${describeValue(r.resolver)}`,
      ['resolver'],
    );
  }
  return {
    ...(r as unknown as TraceRequest),
    port: port as number | undefined,
    protocol: protocol as TraceRequest['protocol'],
  };
}

/**
 * Traces a packet through the cluster, hop by hop, with the sibling packages' real artefacts: the pod's resolver
 * and CoreDNS's answer when `to` is a name (`podResolvConf`, `searchCandidates`, `answer`), the pod's veth and the
 * node's bridge, kube-proxy's rules on the node (`evaluatePacket` on the node's iptables/ipvs/nftables ruleset:
 * the `KUBE-SVC-…` chain, the candidate endpoints with their probabilities, masquerade), the node's route lookup
 * (`selectRoute` on `nodeRoutes`), overlay encapsulation (flannel.1, tunl0, vxlan.calico, weave), the destination
 * node and the pod. A DELIVERED trace ends with a hop whose `pod` is the receiving pod.
 *
 * @example
 * ```ts
 * const r = trace(cluster, { from: 'default/web-1', to: 'default/web-2' });
 * r.disposition; // 'DELIVERED'
 * r.hops.map((h) => h.kind); // ['route', 'veth', 'bridge', 'route', 'underlay', 'route', 'bridge', 'veth', 'deliver']
 * ```
 */
export function trace(cluster: Cluster, request: TraceRequest): TraceResult {
  return traceWith(cluster, request, undefined);
}

/** {@link trace} with internal hooks (see {@link TraceHooks}). */
export function traceWith(
  cluster: Cluster,
  request: TraceRequest,
  hooks: TraceHooks | undefined,
): TraceResult {
  const internals = internalsOf(cluster);
  const req = checkRequest(request);
  const srcPod = lookupPod(cluster, req.from);
  let srcNode = srcPod === undefined ? lookupNode(cluster, req.from) : undefined;
  let external: string | undefined;
  if (srcPod === undefined && srcNode === undefined) {
    const fromAddr = safeParseAddr(req.from);
    if (!fromAddr.ok) {
      throw new ClusterError('UNKNOWN_SOURCE', `trace: no pod or node ${describeValue(req.from)}`, ['from']);
    }
    srcNode = internals.nodeByIp.get(req.from);
    if (srcNode === undefined) external = req.from;
  }
  const { host, port: inlinePort } = splitHostPort(req.to);
  const w: Walk = {
    cluster,
    hops: [],
    src: '',
    dst: '',
    port: req.port ?? inlinePort ?? 0,
    protocol: req.protocol ?? 'TCP',
    natDone: false,
    expectedPod: null,
    candidates: undefined,
    endpointChoice: req.endpoint,
    hooks,
  };
  const startNode = srcPod !== undefined ? srcPod.node : (srcNode?.name ?? external ?? '');
  if (srcPod !== undefined && (srcPod.ip === null || srcPod.node === null)) {
    w.hops.push({
      node: srcPod.node ?? '',
      kind: 'drop',
      pod: srcPod.key,
      detail: `${srcPod.key} has no IP (not running)`,
    });
    return done(w, 'NO_SOURCE_IP');
  }
  w.src = srcPod !== undefined ? srcPod.ip! : (srcNode?.ip ?? external ?? '');

  // destination: IP, pod, service, node, or a DNS name resolved from the source
  let protocol = w.protocol;
  const addr = safeParseAddr(host);
  if (addr.ok) {
    w.dst = host;
  } else if (
    lookupPod(cluster, host) !== undefined &&
    (host.includes('/') || barePodName(cluster, host, srcPod))
  ) {
    const pod = lookupPod(cluster, host)!;
    if (pod.ip === null) {
      w.hops.push({
        node: startNode ?? '',
        kind: 'drop',
        pod: pod.key,
        detail: `${pod.key} has no IP (not running)`,
      });
      return done(w, 'NO_ROUTE');
    }
    w.dst = pod.ip;
    w.expectedPod = pod.key;
  } else if (host.includes('/') && lookupService(cluster, host) !== undefined) {
    const svc = lookupService(cluster, host)!;
    if (svc.clusterIp === null || svc.clusterIp === 'None') {
      return traceName(
        w,
        srcPod,
        `${svc.name}.${svc.namespace}.svc.${cluster.clusterDomain}.`,
        req,
        startNode ?? '',
      );
    }
    w.dst = svc.clusterIp;
  } else if (lookupNode(cluster, host) !== undefined) {
    w.dst = lookupNode(cluster, host)!.ip;
  } else if (host.includes('/')) {
    throw new ClusterError('UNKNOWN_TARGET', `trace: no pod or Service ${describeValue(host)}`, ['to']);
  } else if (external !== undefined) {
    throw new ClusterError(
      'INVALID_REQUEST',
      `trace: a client outside the cluster (${external}) resolves names with its own DNS; give an IP or a node`,
      ['to'],
    );
  } else {
    return traceName(w, srcPod, host, req, startNode ?? '');
  }
  const svc = internals.serviceByIp.get(w.dst);
  if (w.port === 0) {
    const first = svc?.ports[0];
    if (first !== undefined) {
      w.port = first.port;
      if (req.protocol === undefined) protocol = first.protocol;
    } else {
      w.port = 80;
    }
  } else if (svc !== undefined && req.protocol === undefined) {
    const match = svc.ports.find((p) => p.port === w.port);
    if (match !== undefined) protocol = match.protocol;
  }
  return walk({ ...w, protocol }, srcPod, srcNode, external);
}

function traceName(
  w: Walk,
  srcPod: ClusterPod | undefined,
  name: string,
  req: TraceRequest,
  node: string,
): TraceResult {
  const cluster = w.cluster;
  if (srcPod === undefined) {
    const ns = /nameserver\s+(\S+)/.exec(cluster.hostResolvConf ?? '')?.[1] ?? '127.0.0.1';
    w.hops.push({
      node,
      kind: 'dns',
      detail: `${name}: the node resolves through its own resolv.conf (nameserver ${ns}), outside the cluster DNS`,
    });
    return done(w, 'NXDOMAIN');
  }
  const type = cluster.podCidr.includes(':') ? 'AAAA' : 'A';
  const result = lookup(cluster, srcPod, name, type, req.resolver ?? cluster.spec.dns.resolver);
  for (const q of result.queries) {
    const detail =
      q.answers.length > 0
        ? q.answers.map(recordText).join('\n')
        : q.upstream
          ? `${q.name} ${q.type}: forwarded to the upstream nameserver (not modelled) → NXDOMAIN`
          : `${q.name} ${q.type} → ${q.rcode === 'NOERROR' ? 'NODATA' : q.rcode} (nameserver ${q.nameserver})`;
    w.hops.push({ node, kind: 'dns', pod: srcPod.key, detail });
  }
  const first = result.answers.find((r) => r.type === type);
  if (first === undefined) {
    const cname = result.answers.find((r) => r.type === 'CNAME');
    if (cname !== undefined) {
      // an ExternalName Service: the CNAME's target is resolved outside the cluster, which podnet does not model
      w.hops.push({
        node,
        kind: 'dns',
        pod: srcPod.key,
        detail: `${cname.data} ${type}: forwarded to the upstream nameserver (not modelled)`,
      });
      return done(w, 'EXITS_NETWORK');
    }
    return done(w, 'NXDOMAIN');
  }
  const ip = first.data;
  const walkState: Walk = { ...w, dst: ip };
  const svc = internalsOf(cluster).serviceByIp.get(ip);
  let protocol = w.protocol;
  if (walkState.port === 0) {
    const p = svc?.ports[0];
    walkState.port = p?.port ?? 80;
    if (p !== undefined && req.protocol === undefined) protocol = p.protocol;
  } else if (svc !== undefined && req.protocol === undefined) {
    const match = svc.ports.find((p) => p.port === walkState.port);
    if (match !== undefined) protocol = match.protocol;
  }
  const target = internalsOf(cluster).podByIp.get(ip);
  if (target !== undefined) walkState.expectedPod = target.key;
  return walk({ ...walkState, protocol }, srcPod, undefined);
}

function endpointIp(endpoint: string): { ip: string; port: number } {
  const v6 = /^\[(.+)\]:(\d+)$/.exec(endpoint);
  if (v6 !== null) return { ip: v6[1]!, port: Number(v6[2]) };
  const i = endpoint.lastIndexOf(':');
  return { ip: endpoint.slice(0, i), port: Number(endpoint.slice(i + 1)) };
}

/** kube-proxy's answer for one packet on one node (what a trace reads of it). */
export type Evaluation = {
  verdict: PacketResult['verdict'];
  candidates: PacketResult['candidates'];
  masquerade: boolean;
  rules: readonly string[];
};

function evaluate(w: Walk, node: ClusterNode, inInterface: string | undefined): Evaluation {
  const hook = w.hooks?.evaluation;
  if (hook === undefined) return evaluateOn(w, node, inInterface);
  return hook(node, { src: w.src, dst: w.dst, port: w.port, protocol: w.protocol }, inInterface, () =>
    evaluateOn(w, node, inInterface),
  );
}

/** kube-proxy's evaluation of the walk's packet on the node's own ruleset (memoised per packet). */
function evaluateOn(w: Walk, node: ClusterNode, inInterface: string | undefined): Evaluation {
  const key = `eval|${w.cluster.proxy.mode}|${node.name}|${w.src}|${w.dst}|${w.port}|${w.protocol}|${inInterface ?? ''}`;
  return internalsOf(w.cluster).cached(key, () => evaluateNow(w, node, inInterface));
}

function evaluateNow(w: Walk, node: ClusterNode, inInterface: string | undefined): Evaluation {
  const internals = internalsOf(w.cluster);
  const packet = {
    sourceIP: w.src,
    destIP: w.dst,
    destPort: w.port,
    protocol: w.protocol,
    ...(inInterface === undefined ? {} : { inInterface }),
  };
  const mode = w.cluster.proxy.mode;
  if (mode === 'ipvs' || mode === 'nftables') {
    const r =
      mode === 'ipvs'
        ? proxy.evaluateIpvsPacket(internals.ipvs(node.name), packet)
        : proxy.evaluateNftPacket(internals.nft(node.name), packet);
    return {
      verdict: r.verdict,
      candidates: r.candidates,
      masquerade: r.masquerade,
      rules: modeRuleText(w, node, mode),
    };
  }
  const r = evaluatePacket(internals.iptables(node.name), packet);
  return {
    verdict: r.verdict,
    candidates: r.candidates,
    masquerade: r.masquerade,
    rules: r.matchedRules ?? [],
  };
}

/** The ipvsadm / nft line that names the virtual server or the service's verdict-map element. */
function modeRuleText(w: Walk, node: ClusterNode, mode: 'ipvs' | 'nftables'): string[] {
  const internals = internalsOf(w.cluster);
  try {
    // the ruleset's text is printed once per node ruleset (a WeakMap on the memoised ruleset), not per packet,
    // and split by protocol: only an ipvs virtual-server line starts with `TCP  ` (two spaces), only an nft
    // element `… . tcp . …` holds the protocol between dots
    if (mode === 'ipvs') {
      const rules = internals.ipvs(node.name);
      const byProtocol = internals.derived(rules, () =>
        linesByProtocol(formatIpvs(rules), (l, p) => l.startsWith(`${p}  `)),
      );
      const want = `${w.protocol}  ${w.dst}:${w.port}`;
      return (byProtocol.get(w.protocol) ?? []).filter((l) => l.startsWith(want));
    }
    const rules = internals.nft(node.name);
    const byProtocol = internals.derived(rules, () =>
      linesByProtocol(formatNftText(rules), (l, p) => l.includes(` . ${p.toLowerCase()} . `)),
    );
    const want = `${w.dst} . ${w.protocol.toLowerCase()} . ${w.port}`;
    return (byProtocol.get(w.protocol) ?? []).filter((l) => l.includes(want));
  } catch {
    return [];
  }
}

/** The text's lines per protocol (TCP, UDP, SCTP): those `holds(line, protocol)` accepts. */
function linesByProtocol(
  text: string,
  holds: (line: string, protocol: string) => boolean,
): ReadonlyMap<string, string[]> {
  const lines = text.split('\n');
  const out = new Map<string, string[]>();
  for (const protocol of ['TCP', 'UDP', 'SCTP'])
    out.set(
      protocol,
      lines.filter((l) => holds(l, protocol)),
    );
  return out;
}

function pickDetail(rules: readonly string[], patterns: readonly RegExp[]): string | undefined {
  for (const p of patterns) {
    const hit = rules.find((r) => p.test(r));
    if (hit !== undefined) return hit;
  }
  return rules[0];
}

function tunnelOf(dev: string | undefined): string | null {
  if (dev === undefined) return null;
  if (dev.startsWith('flannel.')) return `vxlan (${dev}, VNI ${dev.slice(8) || '1'}, UDP 8472)`;
  // flannel's IPv6 VXLAN device (pkg/backend/vxlan: "flannel-v6.%v")
  if (dev.startsWith('flannel-v6.')) return `vxlan (${dev}, VNI ${dev.slice(11) || '1'}, UDP 8472)`;
  if (dev === 'tunl0') return 'ipip (tunl0, IP protocol 4)';
  if (dev === 'vxlan.calico') return 'vxlan (vxlan.calico, VNI 4096, UDP 4789)';
  return null;
}

function walk(
  w: Walk,
  srcPod: ClusterPod | undefined,
  srcNode: ClusterNode | undefined,
  external?: string,
): TraceResult {
  const cluster = w.cluster;
  const internals = internalsOf(cluster);
  const origDestination = { ip: w.dst, port: w.port, protocol: w.protocol };
  const finish = (d: Disposition): TraceResult => done(w, d, origDestination);
  let node: ClusterNode | undefined = srcNode;
  let inInterface: string | undefined;
  let l2 = false;
  if (srcPod !== undefined && !srcPod.hostNetwork) {
    node = internals.nodeByName.get(srcPod.node!);
    if (node === undefined) {
      w.hops.push({
        node: srcPod.node ?? '',
        kind: 'drop',
        pod: srcPod.key,
        detail: `node ${srcPod.node} is not in the cluster`,
      });
      return finish('NO_ROUTE');
    }
    if (w.dst === srcPod.ip) {
      w.hops.push({
        node: node.name,
        kind: 'deliver',
        pod: srcPod.key,
        detail: `${hostPort(w.dst, w.port)} is the pod's own address (lo)`,
      });
      return finish('DELIVERED');
    }
    const podRoute = selectRoute(internals.podRoutes(srcPod.key), w.dst);
    if (podRoute === undefined) {
      w.hops.push({
        node: node.name,
        kind: 'route',
        pod: srcPod.key,
        detail: `no route to ${w.dst} in ${srcPod.key}`,
      });
      return finish('NO_ROUTE');
    }
    w.hops.push({ node: node.name, kind: 'route', pod: srcPod.key, detail: internals.routeText(podRoute) });
    w.hops.push({
      node: node.name,
      kind: 'veth',
      pod: srcPod.key,
      detail: `${srcPod.key} eth0 (${srcPod.ip}) → ${srcPod.hostVeth ?? 'veth'} on ${node.name}`,
    });
    if (node.bridge !== null) {
      w.hops.push({
        node: node.name,
        kind: 'bridge',
        detail: `${srcPod.hostVeth ?? 'veth'} → ${node.bridge.name}${node.bridge.ip === null ? '' : ` (${node.bridge.ip})`}`,
      });
      inInterface = node.bridge.name;
      l2 = podRoute.via === undefined && cluster.cni.plugin !== 'weave';
    } else {
      inInterface = srcPod.hostVeth ?? undefined;
    }
  } else if (srcPod !== undefined) {
    node = internals.nodeByName.get(srcPod.node!);
  }
  let start: Machine | undefined = node;
  if (external !== undefined) {
    // a client on the nodes' LAN: it reaches node addresses (NodePorts, host ports) directly, Service external
    // and load-balancer IPs through the first node by name, and with bridge-gateway the pod range via the router
    const byIp = internals.nodeByIp.get(w.dst);
    const svc = externalServices(cluster).get(w.dst);
    const firstNode = internals.cached('trace|firstNode', () =>
      cluster.nodes.reduce<ClusterNode | undefined>(
        (first, n) => (first === undefined || n.name < first.name ? n : first),
        undefined,
      ),
    );
    if (byIp !== undefined) start = byIp;
    else if (svc !== undefined && firstNode !== undefined) start = firstNode;
    else if (cluster.router !== null && !internals.serviceByIp.has(w.dst)) {
      start = { name: cluster.router.name, ip: cluster.router.ip, router: true };
    } else {
      w.hops.push({
        node: external,
        kind: 'drop',
        detail: `client ${external} has no route to ${w.dst} (not on the nodes' LAN)`,
      });
      return finish('NO_ROUTE');
    }
    w.hops.push({
      node: external,
      kind: 'underlay',
      detail: `client ${external} → ${start.name} (${start.ip}) via the LAN`,
    });
    inInterface = 'eth0';
  }
  if (start === undefined) return finish('NO_ROUTE');
  return forward(w, start, 0, inInterface, l2, finish);
}

/** A node, or the bridge-gateway router. */
export type Machine = ClusterNode | { name: string; ip: string; router: true };

/**
 * The hop-by-hop loop of a walk from `start` at step `firstStep`: kube-proxy (until the first DNAT), the node's
 * own address, the route lookup, bridges, overlays and underlay hops.
 */
function forward(
  w: Walk,
  start: Machine,
  firstStep: number,
  firstInInterface: string | undefined,
  firstL2: boolean,
  finish: (d: Disposition) => TraceResult,
): TraceResult {
  const cluster = w.cluster;
  const internals = internalsOf(cluster);
  let inInterface = firstInInterface;
  let l2 = firstL2;
  const seen = new Set<string>();
  let current: Machine = start;
  for (let step = firstStep; step < MAX_HOPS; step++) {
    const isRouter = 'router' in current;
    const state = `${current.name}|${w.dst}|${w.port}|${w.natDone}`;
    if (seen.has(state)) {
      w.hops.push({
        node: current.name,
        kind: 'drop',
        detail: `forwarding loop: ${w.dst} came back to ${current.name}`,
      });
      return finish('LOOP');
    }
    seen.add(state);
    if (!isRouter && !w.natDone) {
      const ev = evaluate(w, current as ClusterNode, inInterface);
      if (ev.verdict === 'DNAT') {
        w.natDone = true;
        if (w.hooks !== undefined && w.hooks.nat === undefined) {
          w.hooks.nat = { node: current as ClusterNode, step };
        }
        const entry = ev.rules.find((r) =>
          /^-A KUBE-(SERVICES|NODEPORTS) .*-j KUBE-(SVC|SVL|EXT|FW)-/.test(r),
        );
        const toSvc = ev.rules.find((r) => /-j KUBE-SVC-/.test(r));
        const chain = [entry, toSvc].filter(
          (r, i, all): r is string => r !== undefined && all.indexOf(r) === i,
        );
        const detail =
          chain.length > 0
            ? chain.join('\n')
            : (pickDetail(ev.rules, [/-j KUBE-SVL-/, /-j KUBE-EXT-/, /-j KUBE-FW-/, /-j KUBE-SEP-/]) ??
              `DNAT ${hostPort(w.dst, w.port)}`);
        // the candidates follow from the evaluation (and the cluster): built once per evaluation, shared frozen
        // (a WeakMap on the memoised evaluation, so they go when it goes)
        w.candidates = internals.derived(ev, (): readonly TraceCandidate[] =>
          Object.freeze(
            ev.candidates.map((c) => {
              const e = endpointIp(c.endpoint);
              const pod = internals.podByIp.get(e.ip);
              const epNode = pod?.node ?? internals.nodeByIp.get(e.ip)?.name ?? null;
              // a host-network endpoint: the Service's endpoint names the pod (looked up only then)
              const hostPod =
                pod === undefined
                  ? internals.serviceByIp.get(w.dst)?.endpoints.find((x) => x.ip === e.ip && x.pod !== null)
                  : undefined;
              return candidate(pod?.key ?? hostPod?.pod ?? null, c.probability, c.endpoint, epNode);
            }),
          ),
        );
        if (w.hooks?.stopAtNat === true) return finish('DELIVERED');
        const choice =
          w.endpointChoice === undefined
            ? w.candidates[0]
            : w.candidates.find((c) => c.pod === w.endpointChoice || c.endpoint === w.endpointChoice);
        if (choice === undefined) {
          throw new ClusterError(
            'UNKNOWN_ENDPOINT',
            `trace: ${describeValue(w.endpointChoice)} is not a candidate endpoint`,
            ['endpoint'],
          );
        }
        const e = endpointIp(choice.endpoint);
        const sep = ev.rules.find((r) => r.includes('-j DNAT') && r.includes(choice.endpoint));
        w.hops.push({
          node: current.name,
          kind: 'nat',
          detail:
            `${detail}\n` +
            `${sep ?? `DNAT to ${choice.endpoint}`} (p=${formatP(choice.probability)} of ${w.candidates.length})` +
            (ev.masquerade ? '\nmasquerade (KUBE-MARK-MASQ → SNAT to the node address)' : ''),
        });
        w.dst = e.ip;
        w.port = e.port;
        w.expectedPod = choice.pod;
        if (ev.masquerade) w.src = (current as ClusterNode).ip;
      } else if (ev.verdict === 'REJECT') {
        w.hops.push({
          node: current.name,
          kind: 'filter',
          detail: rejectDetail(pickDetail(ev.rules, [/has no endpoints/, /-j REJECT/, /reject/]), w),
        });
        return finish('REJECTED');
      } else if (ev.verdict === 'DROP') {
        w.hops.push({
          node: current.name,
          kind: 'filter',
          detail: pickDetail(ev.rules, [/-j DROP/]) ?? `DROP ${hostPort(w.dst, w.port)}`,
        });
        return finish('DROPPED');
      }
    }
    // the node's own address
    if (w.dst === current.ip) {
      const hostPod = w.expectedPod === null ? undefined : internals.podByKey.get(w.expectedPod);
      const hop: TraceHop = {
        node: current.name,
        kind: 'deliver',
        detail: `${hostPort(w.dst, w.port)}/${w.protocol} delivered to ${current.name} (host network)`,
        ...(hostPod?.hostNetwork && hostPod.node === current.name ? { pod: hostPod.key } : {}),
      };
      w.hops.push(hop);
      return finish('DELIVERED');
    }
    const route = internals.routeFor(current.name, w.dst);
    if (route === undefined) {
      w.hops.push({ node: current.name, kind: 'route', detail: `no route to ${w.dst} on ${current.name}` });
      return finish('NO_ROUTE');
    }
    if (!l2) w.hops.push({ node: current.name, kind: 'route', detail: internals.routeText(route) });
    l2 = false;
    if (route.type === 'blackhole') return finish('DROPPED');
    if (route.type === 'unreachable' || route.type === 'throw') return finish('NO_ROUTE');
    if (route.type === 'prohibit') return finish('REJECTED');
    const dev = route.dev;
    const bridge = isRouter ? null : (current as ClusterNode).bridge;
    if (bridge !== null && dev === bridge.name) {
      const pod = internals.podByIp.get(w.dst);
      if (pod === undefined || pod.node === null) {
        w.hops.push({
          node: current.name,
          kind: 'drop',
          detail: `no pod holds ${w.dst} behind ${dev} (ARP fails)`,
        });
        return finish('DROPPED');
      }
      if (pod.node !== current.name) {
        // weave: the bridge spans the nodes through the weave router's overlay
        const target = internals.nodeByName.get(pod.node);
        if (cluster.cni.plugin !== 'weave' || target === undefined) {
          w.hops.push({
            node: current.name,
            kind: 'drop',
            detail: `no pod holds ${w.dst} behind ${dev} (ARP fails)`,
          });
          return finish('DROPPED');
        }
        w.hops.push({
          node: current.name,
          kind: 'encap',
          detail: `weave fast datapath (vxlan, UDP 6784): outer ${(current as ClusterNode).ip} → ${target.ip}`,
        });
        current = target;
      }
      return deliverPod(w, current as ClusterNode, pod, finish);
    }
    if (dev?.startsWith('cali')) {
      const pod = internals.podByIp.get(w.dst);
      if (pod === undefined || pod.hostVeth !== dev || pod.node !== current.name) {
        w.hops.push({ node: current.name, kind: 'drop', detail: `no pod holds ${w.dst} behind ${dev}` });
        return finish('DROPPED');
      }
      return deliverPod(w, current as ClusterNode, pod, finish);
    }
    const tunnel = tunnelOf(dev);
    const via = route.via === undefined ? undefined : formatRouteVia(internals.routeText(route));
    if (tunnel !== null) {
      const next = nodeForTunnel(cluster, via, w.dst);
      if (next === undefined) {
        w.hops.push({ node: current.name, kind: 'drop', detail: `${dev}: no VTEP/peer for ${via ?? w.dst}` });
        return finish('DROPPED');
      }
      w.hops.push({
        node: current.name,
        kind: 'encap',
        detail: `${tunnel}: outer ${current.ip} → ${next.ip}`,
      });
      current = next;
      inInterface = dev;
      if (w.natDone && w.hooks?.moved !== undefined)
        return finish(w.hooks.moved(current, w.dst, w.port, w.protocol, step + 1));
      continue;
    }
    const hopTo: string = via ?? w.dst;
    const nextNode = internals.nodeByIp.get(hopTo);
    if (nextNode !== undefined) {
      w.hops.push({
        node: current.name,
        kind: 'underlay',
        detail: `${current.ip} → ${nextNode.name} (${hopTo}) via ${dev ?? 'eth0'}`,
      });
      current = nextNode;
      inInterface = dev ?? 'eth0';
      if (w.natDone && w.hooks?.moved !== undefined)
        return finish(w.hooks.moved(current, w.dst, w.port, w.protocol, step + 1));
      continue;
    }
    if (cluster.router !== null && hopTo === cluster.router.ip && !isRouter) {
      w.hops.push({
        node: current.name,
        kind: 'underlay',
        detail: `${current.ip} → ${cluster.router.name} (${hopTo}) via ${dev ?? 'eth0'}`,
      });
      current = { name: cluster.router.name, ip: cluster.router.ip, router: true };
      inInterface = 'eth0';
      if (w.natDone && w.hooks?.moved !== undefined)
        return finish(w.hooks.moved(current, w.dst, w.port, w.protocol, step + 1));
      continue;
    }
    w.hops.push({
      node: current.name,
      kind: 'drop',
      detail: `${w.dst} leaves the cluster via ${hopTo} (${dev ?? 'eth0'}), which is not a modelled machine`,
    });
    return finish('EXITS_NETWORK');
  }
  w.hops.push({ node: '', kind: 'drop', detail: `more than ${MAX_HOPS} hops (TTL exceeded)` });
  return finish('LOOP');
}

/**
 * External and load-balancer IP → the first Service (in cluster order) that has it and whose cluster IP is not
 * that address; built once per cluster.
 */
function externalServices(cluster: Cluster): ReadonlyMap<string, Cluster['services'][number]> {
  return internalsOf(cluster).cached('trace|externalServices', () => {
    const out = new Map<string, Cluster['services'][number]>();
    for (const s of cluster.services) {
      if (s.type === 'ExternalName') continue;
      for (const ip of [...s.externalIps, ...s.loadBalancerIps]) {
        if (s.clusterIp !== ip && !out.has(ip)) out.set(ip, s);
      }
    }
    return out;
  });
}

function formatRouteVia(text: string): string | undefined {
  const m = /\bvia (?:inet6? )?(\S+)/.exec(text);
  return m?.[1];
}

function nodeForTunnel(cluster: Cluster, via: string | undefined, dst: string): ClusterNode | undefined {
  const internals = internalsOf(cluster);
  const key = via ?? dst;
  const direct = internals.nodeByIp.get(key);
  if (direct !== undefined) return direct;
  return internals.nodeByPodAddress(key);
}

function deliverPod(
  w: Walk,
  node: ClusterNode,
  pod: ClusterPod,
  finish: (d: Disposition) => TraceResult,
): TraceResult {
  if (node.bridge !== null) {
    w.hops.push({
      node: node.name,
      kind: 'bridge',
      detail: `${node.bridge.name} → ${pod.hostVeth ?? 'veth'}`,
    });
  }
  w.hops.push({
    node: node.name,
    kind: 'veth',
    pod: pod.key,
    detail: `${pod.hostVeth ?? 'veth'} → ${pod.key} eth0 (${pod.ip})`,
  });
  w.hops.push({
    node: node.name,
    kind: 'deliver',
    pod: pod.key,
    detail: `${hostPort(w.dst, w.port)}/${w.protocol} delivered to ${pod.key}`,
  });
  return finish('DELIVERED');
}

function rejectDetail(rule: string | undefined, w: Walk): string {
  if (rule === undefined) return `REJECT ${hostPort(w.dst, w.port)}`;
  return /reject/i.test(rule) ? rule : `${rule} (no endpoints: REJECT)`;
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

function formatP(p: number): string {
  if (Number.isInteger(p)) return String(p);
  // toFixed(5) then drop trailing zeros (a loop: /0+$/ is flagged as quadratic by ReDoS checkers)
  const t = p.toFixed(5);
  let end = t.length;
  while (end > 0 && t.charCodeAt(end - 1) === 48) end--;
  return t.slice(0, end);
}

/** An endpoint `ip:port` (or `[ip]:port`) split. */
export function endpointAddress(endpoint: string): { ip: string; port: number } {
  return endpointIp(endpoint);
}

/**
 * How a packet already DNATed on `node` at hop `step` to `ip:port` ends: the rest of a trace that follows another
 * of kube-proxy's candidates (the same forwarding loop as {@link trace}, without the hops kept).
 */
export function dispositionAfterNat(
  cluster: Cluster,
  node: Machine,
  dst: string,
  port: number,
  protocol: string,
  step: number,
  hooks?: TraceHooks,
): Disposition {
  const w: Walk = {
    cluster,
    hops: [],
    src: node.ip,
    dst,
    port,
    protocol,
    natDone: true,
    expectedPod: null,
    candidates: undefined,
    endpointChoice: undefined,
    hooks,
  };
  return forward(w, node, step, undefined, false, (d) => ({ disposition: d, hops: w.hops })).disposition;
}
