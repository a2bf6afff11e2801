import { type Prefix, prefixContains, safeParseAddr, safeParsePrefix } from '@podnet/ip';
import { compileLpm, formatRoute } from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod, ClusterService } from '../cluster.ts';
import { ClusterError } from '../cluster-error.ts';
import { podObject } from './objects.ts';
import * as artefactsOf from './sibling-artefacts.ts';

/** What a Cluster keeps beside its public data: indexes and memoised per-node/per-pod artefacts. */
export interface ClusterInternals {
  readonly nodeByName: ReadonlyMap<string, ClusterNode>;
  readonly nodeByIp: ReadonlyMap<string, ClusterNode>;
  readonly podByKey: ReadonlyMap<string, ClusterPod>;
  /** Pod-network IPs → pod (host-network pods are not here). */
  readonly podByIp: ReadonlyMap<string, ClusterPod>;
  readonly serviceByKey: ReadonlyMap<string, ClusterService>;
  readonly serviceByIp: ReadonlyMap<string, ClusterService>;
  readonly serviceObjects: readonly unknown[];
  /** Bare pod name → the one pod of that name, or null when several namespaces have one (built on first use). */
  podsByName(): ReadonlyMap<string, ClusterPod | null>;
  podObjects(): readonly unknown[];
  /** The first node (in cluster order) whose IPv4 pod CIDR holds the address (index built on first use). */
  nodeByPodAddress(ip: string): ClusterNode | undefined;
  /** The node's main routing table (the router's too, for bridge-gateway). */
  routes(node: string): readonly artefactsOf.RouteValue[];
  /** The pod's own routing table (inside its network namespace). */
  podRoutes(pod: string): readonly artefactsOf.RouteValue[];
  /**
   * The route `selectRoute(routes(node), dst)` picks, answered by the node's compiled longest-prefix-match
   * structure (`compileLpm`, built on first use; a bounded number of nodes is kept).
   */
  routeFor(node: string, dst: string): artefactsOf.RouteValue | undefined;
  /** `formatRoute(route)`, remembered per route object (a trace prints the same routes again and again). */
  routeText(route: artefactsOf.RouteValue): string;
  iptables(node: string): artefactsOf.IptablesRuleset;
  ipvs(node: string): artefactsOf.IpvsRuleset;
  nft(node: string): artefactsOf.NftRuleset;
  zone(): artefactsOf.Zone;
  resolvConf(pod: string): string;
  corefile(): string;
  conflist(node: string): unknown;
  /** A bounded memo for derived answers (kube-proxy packet evaluations), keyed by the caller. */
  cached<T>(key: string, compute: () => T): T;
  /** A value derived from `owner` (a memoised object), kept as long as `owner` is (a WeakMap). */
  derived<T>(owner: object, compute: () => T): T;
}

/**
 * How many nodes' route tables and compiled route lookups a cluster keeps (at 5,000 nodes a table has 5,000
 * routes; a compiled lookup holds a 256 KiB root array).
 */
const ROUTE_CACHE_NODES = 64;

/** How many nodes' kube-proxy rulesets (per mode) a cluster keeps, most recently used first. */
const RULESET_CACHE_NODES = 4;

const INTERNALS: unique symbol = Symbol('podnet.cluster.internals');

function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = compute(key);
      cache.set(key, value);
    }
    return value as T;
  };
}

/**
 * A memo that keeps the `limit` most recently used keys: per-node rulesets at scale are large (about 135 MiB for
 * one node at 10,000 Services × 15 endpoints), so a cluster must not keep every node it ever rendered.
 */
function lru<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    if (cache.has(key)) {
      const hit = cache.get(key) as T;
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = compute(key);
    if (cache.size >= limit) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(key, value);
    return value;
  };
}

function boundedMemo(limit = 20_000): <T>(key: string, compute: () => T) => T {
  const cache = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return (): T => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

interface PodCidrGroup {
  readonly mask: number;
  /** masked network → index of the first node with that pod CIDR */
  readonly first: Map<number, number>;
}

/** The nodes' IPv4 pod CIDRs grouped by prefix length, each group a map from network to the first node. */
function podCidrGroups(nodes: readonly ClusterNode[]): PodCidrGroup[] {
  const groups = new Map<number, PodCidrGroup>();
  for (let i = 0; i < nodes.length; i++) {
    const cidr = nodes[i]?.podCidr;
    if (cidr === null || cidr === undefined) continue;
    const [net, bitsText] = cidr.split('/');
    const b = safeParseAddr(net ?? '');
    if (!b.ok || b.value.family !== 4) continue;
    const bits = Number(bitsText);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    let g = groups.get(mask);
    if (g === undefined) {
      g = { mask, first: new Map() };
      groups.set(mask, g);
    }
    const key = (b.value.w3 & mask) >>> 0;
    if (!g.first.has(key)) g.first.set(key, i);
  }
  return [...groups.values()];
}

/** Builds the indexes and the lazy artefact functions of a frozen cluster. */
export function createInternals(cluster: Cluster, serviceObjects: readonly unknown[]): ClusterInternals {
  const nodeByName = new Map(cluster.nodes.map((n) => [n.name, n]));
  const nodeByIp = new Map<string, ClusterNode>();
  for (const n of cluster.nodes) if (!nodeByIp.has(n.ip)) nodeByIp.set(n.ip, n);
  const podByKey = new Map(cluster.pods.map((p) => [p.key, p]));
  const podByIp = new Map<string, ClusterPod>();
  for (const p of cluster.pods)
    if (p.ip !== null && !p.hostNetwork && !podByIp.has(p.ip)) podByIp.set(p.ip, p);
  const serviceByKey = new Map(cluster.services.map((s) => [s.key, s]));
  const serviceByIp = new Map<string, ClusterService>();
  for (const s of cluster.services) {
    if (s.clusterIp !== null && s.clusterIp !== 'None' && !serviceByIp.has(s.clusterIp))
      serviceByIp.set(s.clusterIp, s);
  }
  const podsByName = once(() => {
    const out = new Map<string, ClusterPod | null>();
    for (const p of cluster.pods) out.set(p.name, out.has(p.name) ? null : p);
    return out;
  });
  const podCidrIndex = once(() => podCidrGroups(cluster.nodes));
  // IPv6 pod CIDRs, parsed once, in node order (IPv4 ones are in podCidrIndex)
  const podCidrs6 = once(() => {
    const out: { node: ClusterNode; cidr: Prefix }[] = [];
    for (const node of cluster.nodes) {
      const p = node.podCidr === null ? undefined : safeParsePrefix(node.podCidr);
      if (p?.ok === true && p.value.addr.family === 6) out.push({ node, cidr: p.value });
    }
    return out;
  });
  const nodeByPodAddress = (ip: string): ClusterNode | undefined => {
    const a = safeParseAddr(ip);
    if (!a.ok) return undefined;
    if (a.value.family === 6) {
      // the first node whose pod CIDR holds the address, as for IPv4
      return podCidrs6().find((e) => prefixContains(e.cidr, a.value))?.node;
    }
    let best: number | undefined;
    for (const g of podCidrIndex()) {
      const i = g.first.get((a.value.w3 & g.mask) >>> 0);
      if (i !== undefined && (best === undefined || i < best)) best = i;
    }
    return best === undefined ? undefined : cluster.nodes[best];
  };
  const routes = lru(ROUTE_CACHE_NODES, (node) => artefactsOf.nodeRouteTable(cluster, node));
  const lpm = lru(ROUTE_CACHE_NODES, (node) => compileLpm(routes(node)));
  const routeFor = (node: string, dst: string): artefactsOf.RouteValue | undefined => lpm(node).lookup(dst);
  const routeTexts = new WeakMap<artefactsOf.RouteValue, string>();
  const routeText = (route: artefactsOf.RouteValue): string => {
    let text = routeTexts.get(route);
    if (text === undefined) {
      text = formatRoute(route);
      routeTexts.set(route, text);
    }
    return text;
  };
  const derivedValues = new WeakMap<object, unknown>();
  const derived = <T>(owner: object, compute: () => T): T => {
    if (derivedValues.has(owner)) return derivedValues.get(owner) as T;
    const value = compute();
    derivedValues.set(owner, value);
    return value;
  };
  const podObjects = once(() => Object.freeze(cluster.pods.map((p) => Object.freeze(podObject(p)))));
  const proxyInput = (node: string): artefactsOf.ProxyInputValue =>
    artefactsOf.proxyInput(cluster, node, serviceObjects);
  const internals: ClusterInternals = {
    nodeByName,
    nodeByIp,
    podByKey,
    podByIp,
    serviceByKey,
    serviceByIp,
    serviceObjects,
    podsByName,
    podObjects,
    nodeByPodAddress,
    routes,
    routeFor,
    routeText,
    podRoutes: memo((pod) => artefactsOf.podRouteTable(cluster, podByKey.get(pod))),
    iptables: lru(RULESET_CACHE_NODES, (node) => artefactsOf.iptablesFor(proxyInput(node))),
    ipvs: lru(RULESET_CACHE_NODES, (node) => artefactsOf.ipvsFor(proxyInput(node))),
    nft: lru(RULESET_CACHE_NODES, (node) => artefactsOf.nftFor(proxyInput(node))),
    zone: once(() => artefactsOf.zoneFor(cluster, serviceObjects, podObjects())),
    resolvConf: memo((pod) => artefactsOf.resolvConfFor(cluster, podByKey.get(pod), nodeByName)),
    corefile: once(() => artefactsOf.corefileFor(cluster)),
    conflist: memo((node) => artefactsOf.conflistFor(cluster, nodeByName.get(node))),
    cached: boundedMemo(),
    derived,
  };
  return internals;
}

/** Freezes the cluster with its internals attached under a private, non-enumerable symbol. */
export function attachInternals(cluster: Cluster, internals: ClusterInternals): Cluster {
  const out = Object.create(
    Object.getPrototypeOf(cluster) as object | null,
    Object.getOwnPropertyDescriptors(cluster),
  );
  Object.defineProperty(out, INTERNALS, { value: Object.freeze(internals), enumerable: false });
  return Object.freeze(out) as Cluster;
}

/** The internals of a Cluster built by this package (throws a coded error for anything else). */
export function internalsOf(cluster: Cluster): ClusterInternals {
  const value =
    cluster !== null && typeof cluster === 'object'
      ? (cluster as unknown as Record<symbol, ClusterInternals | undefined>)[INTERNALS]
      : undefined;
  if (value === undefined) throw notACluster(cluster);
  return value;
}

function notACluster(value: unknown): Error {
  return new ClusterError(
    'NOT_A_CLUSTER',
    `expected a Cluster from defineCluster or fromKubernetesObjects, got ${
      value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
    }`,
  );
}
