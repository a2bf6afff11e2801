import type { Route } from '../route.ts';

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

/** @internal A frozen Route with its keys in print order and no undefined-valued keys. */
export function buildRoute(fields: { readonly [K in keyof Route]?: Route[K] | undefined }): Route {
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) {
    const v = fields[k];
    if (v !== undefined) out[k] = v;
  }
  if (out.type === undefined) out.type = 'unicast';
  return Object.freeze(out) as unknown as Route;
}

/** @internal Kernel dump order for one table: IPv4 first, then by network address, then longer first. */
export function compareRoutesForDump(a: Route, b: Route): number {
  const x = a.dst.addr;
  const y = b.dst.addr;
  if (x.family !== y.family) return x.family - y.family;
  const words = [
    [x.w0, y.w0],
    [x.w1, y.w1],
    [x.w2, y.w2],
    [x.w3, y.w3],
  ] as const;
  for (const [p, q] of words) {
    const d = (p >>> 0) - (q >>> 0);
    if (d !== 0) return d;
  }
  return b.dst.bits - a.dst.bits;
}
