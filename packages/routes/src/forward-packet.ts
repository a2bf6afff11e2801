import type { Addr, Prefix } from '@podnet/ip';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import type { IpRule } from './ip-rule.ts';
import { policyLookup } from './policy-lookup.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';
import { containsAddr, selectRoute } from './select-route.ts';

/**
 * One routing node in a forwarding walk: its route table (any tables; see {@link selectRoute}),
 * the addresses it owns (a packet to one of them is delivered to the node itself, and a `via` to
 * one of them leads to this node), the prefixes of hosts attached behind it (its pods), and the
 * devices that reach every other node at layer 2 (an overlay bridge such as `weave`).
 *
 * @example
 * ```ts
 * const n: ForwardingNode = {
 *   name: 'node01',
 *   routes: nodeRoutes('flannel-host-gw', nodes, 'node01'),
 *   addresses: ['192.168.1.11', '10.244.1.1'],
 *   attached: ['10.244.1.0/24'],
 * };
 * ```
 */
export interface ForwardingNode {
  readonly name: string;
  readonly routes: readonly Route[];
  readonly addresses: readonly (Addr | string)[];
  /** Prefixes of hosts (pods) reached through this node's own links. */
  readonly attached?: readonly (Prefix | string)[];
  /** Devices that reach every other node at layer 2 (e.g. `weave`). */
  readonly overlayDevices?: readonly string[];
  /** Policy rules (`ip rule`); without them the default rules apply (local → main → default). */
  readonly rules?: readonly IpRule[];
}

/**
 * How a forwarding walk ended:
 * - `DELIVERED`: to the node itself (`hop.action` `deliver-local`) or to an attached host
 *   (`deliver-link`);
 * - `NO_ROUTE`: no route matched (the sender gets ENETUNREACH);
 * - `DROPPED`: a `blackhole` route (silent);
 * - `REJECTED`: an `unreachable` or `prohibit` route (ICMP), or no host answers on the link;
 * - `EXTERNAL`: sent to a gateway outside the modelled nodes;
 * - `LOOP`: the packet came back to a node it had left, or its TTL ran out.
 *
 * @example
 * ```ts
 * const d: ForwardDisposition = 'DELIVERED';
 * ```
 */
export type ForwardDisposition = 'DELIVERED' | 'NO_ROUTE' | 'DROPPED' | 'REJECTED' | 'EXTERNAL' | 'LOOP';

/**
 * What one node did with the packet.
 *
 * @example
 * ```ts
 * const h: ForwardHop['action'] = 'forward';
 * ```
 */
export interface ForwardHop {
  /** The node that decided. */
  readonly node: string;
  /** `forward` (to `nextNode`), `deliver-local`, `deliver-link`, `drop`, `reject`, `no-route`, `exit`. */
  readonly action: 'forward' | 'deliver-local' | 'deliver-link' | 'drop' | 'reject' | 'no-route' | 'exit';
  /** The route that decided (absent for `no-route` and for a delivery to one of the node's addresses). */
  readonly route?: Route;
  /** The next-hop address (the route's `via`, or the destination itself when on-link). */
  readonly nextHop?: Addr;
  /** The output device. */
  readonly dev?: string;
  /** The node the packet goes to next (`forward`). */
  readonly nextNode?: string;
  /** The TTL the packet had when this node received it. */
  readonly ttl: number;
}

/**
 * The result of {@link forwardPacket}.
 *
 * @example
 * ```ts
 * const r: ForwardResult = { disposition: 'NO_ROUTE', hops: [] };
 * ```
 */
export interface ForwardResult {
  readonly disposition: ForwardDisposition;
  readonly hops: readonly ForwardHop[];
}

/**
 * A packet for {@link forwardPacket}: the node it starts on, its destination and TTL (default 64).
 *
 * @example
 * ```ts
 * const p: ForwardPacket = { from: 'node01', dst: '10.244.2.5' };
 * ```
 */
export interface ForwardPacket {
  readonly from: string;
  readonly dst: Addr | string;
  readonly ttl?: number;
  /** Source address and firewall mark, for `from` and `fwmark` rules. */
  readonly src?: Addr | string;
  readonly fwmark?: number;
}

interface Norm {
  readonly node: ForwardingNode;
  readonly addresses: readonly Addr[];
  readonly attached: readonly Prefix[] | undefined;
  readonly overlay: readonly string[];
}

function normalise(nodes: readonly ForwardingNode[]): Map<string, Norm> {
  if (!Array.isArray(nodes)) throw new RoutesError('INVALID_INPUT', 'expected an array of forwarding nodes');
  const map = new Map<string, Norm>();
  nodes.forEach((n, i) => {
    if (n === null || typeof n !== 'object' || typeof n.name !== 'string') {
      throw new RoutesError('INVALID_NODE', `forwarding node ${i} needs a name`, ['nodes', i]);
    }
    if (map.has(n.name)) {
      throw new RoutesError('DUPLICATE_NODE', `duplicate node name ${describe(n.name)}`, [
        'nodes',
        i,
        'name',
      ]);
    }
    if (!Array.isArray(n.routes)) {
      throw new RoutesError('INVALID_NODE', `node ${describe(n.name)} needs a routes array`, [
        'nodes',
        i,
        'routes',
      ]);
    }
    const list: readonly (Addr | string)[] = Array.isArray(n.addresses) ? n.addresses : [];
    const addresses = list.map((a, j) => toAddr(a, 'node address', ['nodes', i, 'addresses', j]));
    const attached =
      n.attached === undefined
        ? undefined
        : n.attached.map((p: Prefix | string, j: number) =>
            toPrefix(p, 'attached prefix', undefined, ['nodes', i, 'attached', j]),
          );
    map.set(n.name, { node: n, addresses, attached, overlay: n.overlayDevices ?? [] });
  });
  return map;
}

function sameAddr(a: Addr, b: Addr): boolean {
  return a.family === b.family && a.w0 === b.w0 && a.w1 === b.w1 && a.w2 === b.w2 && a.w3 === b.w3;
}

function owner(map: Map<string, Norm>, addr: Addr, except: string): string | undefined {
  for (const [name, n] of map) {
    if (name === except) continue;
    if (n.addresses.some((a) => sameAddr(a, addr))) return name;
  }
  return undefined;
}

/**
 * Walks a packet across nodes' route tables — the core of the cluster facade's `trace`. At each
 * node: a destination that is one of the node's addresses is delivered there; otherwise
 * {@link selectRoute} picks the route (or {@link policyLookup} with the node's `rules` and the
 * packet's `src`/`fwmark`; `iif`/`oif` rules never match, as the walk does not track devices of
 * arrival). `blackhole` drops, `unreachable`/`prohibit` reject, `local`
 * delivers. A `via` (or, for on-link routes, the destination itself) that another node owns moves
 * the packet to that node with TTL − 1. An on-link destination inside the node's `attached`
 * prefixes is delivered on that device; on an overlay device it goes to the node whose `attached`
 * prefixes hold it. A `via` nobody owns leaves the model (`EXTERNAL`). For multipath routes the
 * first path is taken. Every forwarding node decrements the TTL (the walk models a packet that
 * arrives from a pod or another host, so the `from` node forwards too); a node that would send it
 * on with TTL 0, or a return to a node already visited, is a `LOOP`.
 *
 * @example
 * ```ts
 * const nodes = [
 *   { name: 'node01', ip: '192.168.1.11', podCidr: '10.244.1.0/24' },
 *   { name: 'node02', ip: '192.168.1.12', podCidr: '10.244.2.0/24' },
 * ];
 * const graph = forwardingNodes('flannel-host-gw', nodes);
 * const r = forwardPacket(graph, { from: 'node01', dst: '10.244.2.7' });
 * r.disposition; // 'DELIVERED'
 * r.hops.map((h) => `${h.node}:${h.action}`); // ['node01:forward', 'node02:deliver-link']
 * ```
 */
export function forwardPacket(nodes: readonly ForwardingNode[], packet: ForwardPacket): ForwardResult {
  const map = normalise(nodes);
  if (packet === null || typeof packet !== 'object') {
    throw new RoutesError('INVALID_INPUT', 'expected a packet { from, dst }');
  }
  const dst = toAddr(packet.dst, 'destination', ['dst']);
  let ttl = packet.ttl ?? 64;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 255) {
    throw new RoutesError('INVALID_INPUT', `invalid TTL ${describe(packet.ttl)}`, ['ttl']);
  }
  let cur = map.get(packet.from);
  if (cur === undefined) {
    throw new RoutesError('NODE_NOT_FOUND', `no node named ${describe(packet.from)}`, ['from']);
  }
  const hops: ForwardHop[] = [];
  const visited = new Set<string>();
  const done = (disposition: ForwardDisposition): ForwardResult =>
    Object.freeze({ disposition, hops: Object.freeze(hops.map((h) => Object.freeze(h))) });
  for (;;) {
    const name = cur.node.name;
    visited.add(name);
    if (cur.addresses.some((a) => sameAddr(a, dst))) {
      hops.push({ node: name, action: 'deliver-local', ttl });
      return done('DELIVERED');
    }
    let route: Route | undefined;
    if (cur.node.rules === undefined) {
      route = selectRoute(cur.node.routes, dst);
    } else {
      const decision = policyLookup(cur.node.routes, cur.node.rules, {
        dst,
        ...(packet.src === undefined ? {} : { src: packet.src }),
        ...(packet.fwmark === undefined ? {} : { fwmark: packet.fwmark }),
      });
      if (decision.action === 'blackhole') {
        hops.push({ node: name, action: 'drop', ttl });
        return done('DROPPED');
      }
      if (decision.action === 'unreachable' || decision.action === 'prohibit') {
        hops.push({ node: name, action: 'reject', ttl });
        return done('REJECTED');
      }
      route = decision.route;
    }
    if (route === undefined) {
      hops.push({ node: name, action: 'no-route', ttl });
      return done('NO_ROUTE');
    }
    switch (route.type) {
      case 'blackhole':
        hops.push({ node: name, action: 'drop', route, ttl });
        return done('DROPPED');
      case 'unreachable':
      case 'prohibit':
        hops.push({ node: name, action: 'reject', route, ttl });
        return done('REJECTED');
      case 'local':
      case 'anycast':
        hops.push({ node: name, action: 'deliver-local', route, ttl });
        return done('DELIVERED');
      case 'broadcast':
      case 'multicast':
        hops.push({
          node: name,
          action: 'deliver-link',
          route,
          ...(route.dev ? { dev: route.dev } : {}),
          ttl,
        });
        return done('DELIVERED');
      default:
        break;
    }
    const path = route.nexthops?.[0];
    const via = route.via ?? path?.via;
    const dev = route.dev ?? path?.dev;
    const devPart = dev === undefined ? {} : { dev };
    const nextHop = via ?? dst;
    let next = owner(map, nextHop, name);
    if (next === undefined && via === undefined) {
      if (cur.attached === undefined || cur.attached.some((p) => containsAddr(p, dst))) {
        hops.push({ node: name, action: 'deliver-link', route, nextHop, ...devPart, ttl });
        return done('DELIVERED');
      }
      if (dev !== undefined && cur.overlay.includes(dev)) {
        // The current node's own attached prefixes do not hold dst (else it was delivered above).
        for (const [other, n] of map) {
          if (n.attached?.some((p) => containsAddr(p, dst)) === true) {
            next = other;
            break;
          }
        }
      }
      if (next === undefined) {
        hops.push({ node: name, action: 'reject', route, nextHop, ...devPart, ttl });
        return done('REJECTED');
      }
    }
    if (next === undefined) {
      hops.push({ node: name, action: 'exit', route, nextHop, ...devPart, ttl });
      return done('EXTERNAL');
    }
    hops.push({ node: name, action: 'forward', route, nextHop, ...devPart, nextNode: next, ttl });
    ttl -= 1;
    if (ttl <= 0 || visited.has(next)) return done('LOOP');
    cur = map.get(next) as Norm;
  }
}
