import { prefixContains } from '@podnet/ip';
import type { Route } from '../route.ts';
import { markTrailingSpace } from './trailing-newline.ts';

const KEY_ORDER: readonly (keyof Route)[] = [
  'type',
  'typeShown',
  'dst',
  'from',
  'nhid',
  'tos',
  'via',
  'dev',
  'table',
  'proto',
  'scope',
  'src',
  'metric',
  'onlink',
  'flags',
  'realms',
  'expires',
  'error',
  'mtu',
  'window',
  'rtt',
  'rttvar',
  'ssthresh',
  'cwnd',
  'advmss',
  'reordering',
  'hoplimit',
  'initcwnd',
  'features',
  'rto_min',
  'initrwnd',
  'quickack',
  'congctl',
  'fastopen_no_cookie',
  'locked',
  'pref',
  'nexthops',
];

/**
 * @internal A frozen Route without undefined-valued keys. Keys keep print order when the input
 * object lists them in print order (parsers canonicalise with {@link canonicalRoute}).
 */
export function buildRoute(fields: { readonly [K in keyof Route]?: Route[K] | undefined }): Route {
  const out: Record<string, unknown> = { type: fields.type ?? 'unicast' };
  for (const k in fields) {
    const v = (fields as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v; // a given type replaces the default in place (key order kept)
  }
  return Object.freeze(out) as unknown as Route;
}

/** @internal Like {@link buildRoute}, with the keys in print order whatever the input order. */
export function canonicalRoute(
  fields: { readonly [K in keyof Route]?: Route[K] | undefined },
  trailingSpace: boolean,
): Route {
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) {
    const v = fields[k];
    if (v !== undefined) out[k] = v;
  }
  if (out.type === undefined) out.type = 'unicast';
  if (trailingSpace) markTrailingSpace(out);
  return Object.freeze(out) as unknown as Route;
}

/**
 * @internal Kernel dump order for one table: IPv4 first, then by network address, then longer
 * first. IPv6 tables are dumped by a post-order walk of the fib6 tree (net/ipv6/ip6_fib.c
 * fib6_walk_continue: left, right, then the node's own routes), so a prefix comes after the more
 * specific prefixes inside it — `ip -6 route` prints `default` last.
 */
export function compareRoutesForDump(a: Route, b: Route): number {
  const x = a.dst.addr;
  const y = b.dst.addr;
  if (x.family !== y.family) return x.family - y.family;
  if (x.family === 6) {
    if (a.dst.bits < b.dst.bits && prefixContains(a.dst, b.dst)) return 1;
    if (b.dst.bits < a.dst.bits && prefixContains(b.dst, a.dst)) return -1;
  }
  const d =
    (x.w0 >>> 0) - (y.w0 >>> 0) ||
    (x.w1 >>> 0) - (y.w1 >>> 0) ||
    (x.w2 >>> 0) - (y.w2 >>> 0) ||
    (x.w3 >>> 0) - (y.w3 >>> 0);
  return d !== 0 ? d : b.dst.bits - a.dst.bits;
}
