// Longest-prefix match over an IPv4 route table of params.routes routes: podnet's compileLpm (batched and single
// lookups) against the npm LPM packages (longest-prefix-match, netparser), a linear scan, and a native C DIR-24-8.
import LongestPrefixMatch from 'longest-prefix-match';
import netparser from 'netparser';
import { addRow, newCase } from '../lib/case.mjs';
import { loopOver } from '../lib/loop.mjs';
import { once, slowNs } from '../lib/measure.mjs';
import { runNative } from '../lib/native.mjs';
import { need } from '../lib/podnet.mjs';
import { maskOf, rng, u32ToIp } from '../lib/rng.mjs';

/** BGP-like prefix length mix: mostly /24, some /16–/23, a few longer and shorter ones. */
function pickLength(r) {
  const x = r.float();
  if (x < 0.58) return 24;
  if (x < 0.68) return 22;
  if (x < 0.76) return 23;
  if (x < 0.84) return 20 + r.int(2);
  if (x < 0.92) return 16 + r.int(4);
  if (x < 0.97) return 25 + r.int(8);
  return 8 + r.int(8);
}

/** A table of `n` distinct prefixes; route 0 is the default route so every key matches something. */
export function makeTable(n, seed = 1) {
  const r = rng(seed);
  const seen = new Set(['0/0']);
  const addr = new Uint32Array(n);
  const len = new Uint8Array(n);
  let i = 1;
  while (i < n) {
    const l = pickLength(r);
    const a = (r.u32() & maskOf(l)) >>> 0;
    const k = `${a}/${l}`;
    if (seen.has(k)) continue;
    seen.add(k);
    addr[i] = a;
    len[i] = l;
    i++;
  }
  return { addr, len, n };
}

/** Reference LPM: one Map per prefix length, longest first. Trusted, not fast. */
function referenceLpm(t) {
  const byLen = new Map();
  for (let i = 0; i < t.n; i++) {
    if (!byLen.has(t.len[i])) byLen.set(t.len[i], new Map());
    const m = byLen.get(t.len[i]);
    if (!m.has(t.addr[i])) m.set(t.addr[i], i);
  }
  const lens = [...byLen.keys()].sort((a, b) => b - a).map((l) => [maskOf(l), byLen.get(l)]);
  return (k) => {
    for (const [mask, m] of lens) {
      const hit = m.get((k & mask) >>> 0);
      if (hit !== undefined) return hit;
    }
    return -1;
  };
}

/** Batch calls over rotating chunks of BATCH keys (see lib/loop.mjs for why calls are kept short). */
const BATCH = 16_384;
function chunked(keys, out, call) {
  const views = [];
  for (let off = 0; off < keys.length; off += BATCH)
    views.push([keys.subarray(off, off + BATCH), out.subarray(off, off + BATCH)]);
  let p = 0;
  const fn = () => {
    const v = views[p];
    p = p + 1 === views.length ? 0 : p + 1;
    return call(v[0], v[1]);
  };
  fn.items = BATCH;
  return fn;
}

export async function run(params, ctx) {
  const R = params.routes;
  const label = R >= 1e6 ? `${R / 1e6}m` : R >= 1e3 ? `${R / 1e3}k` : String(R);
  const KEYS = ctx.quick ? 1 << 18 : 1 << 20;
  const SINGLE = 1 << 16; // keys for per-call rows (objects / strings)
  const table = makeTable(R, 1);
  const ref = referenceLpm(table);
  const prefixes = Array.from({ length: R }, (_, i) => `${u32ToIp(table.addr[i])}/${table.len[i]}`);
  const pairs = new Uint32Array(R * 2);
  for (let i = 0; i < R; i++) {
    pairs[2 * i] = table.addr[i];
    pairs[2 * i + 1] = table.len[i];
  }
  const cases = [];

  // Key sets: uniform random (the table is bigger than the caches), clustered in 4 /16s of routed space.
  const r = rng(5);
  const random = new Uint32Array(KEYS);
  for (let i = 0; i < KEYS; i++) random[i] = r.u32();
  const hubs = Array.from({ length: 4 }, () => table.addr[1 + r.int(R - 1)] & 0xffff0000);
  const clustered = new Uint32Array(KEYS);
  for (let i = 0; i < KEYS; i++) clustered[i] = (hubs[i & 3] | (r.u32() & 0xffff)) >>> 0;

  // --------------------------------------------------------------- podnet compile
  const routesPkg = await need('routes', ['compileLpm', 'parseIpRoute']);
  const ipPkg = await need('ip', ['parseAddr', 'addrFromUint32']);
  let lpm;
  let routeObjs;
  const build = newCase(`lpm.${label}.build`, `LPM: build a table of ${R.toLocaleString('en')} IPv4 routes`, {
    unit: 'route',
    items: R,
    rss: true,
  });
  cases.push(build);
  if (routesPkg.fns) {
    const text = prefixes.map((p, i) => `${i === 0 ? 'default' : p} via 192.0.2.1 dev eth0`).join('\n');
    try {
      routeObjs = routesPkg.fns.parseIpRoute(text);
      const runs = ctx.quick || R >= 1e6 ? 1 : 3;
      const t = slowNs(() => routesPkg.fns.compileLpm(routeObjs), { runs });
      lpm = t.last;
      await addRow(build, ctx, {
        impl: 'podnet compileLpm',
        kind: 'podnet',
        headline: true,
        ns: t.ns,
        note: lpm.stats
          ? `layout ${lpm.stats.layout}, ${(lpm.stats.bytes / 2 ** 20).toFixed(1)} MiB of typed arrays`
          : '',
      });
    } catch (error) {
      await addRow(build, ctx, {
        impl: 'podnet compileLpm',
        kind: 'podnet',
        headline: true,
        fn: () => {
          throw error;
        },
      });
    }
  } else
    await addRow(build, ctx, {
      impl: 'podnet compileLpm',
      kind: 'podnet',
      headline: true,
      skip: routesPkg.missing,
    });

  // The peers are built after podnet's rows are timed: their millions of small objects (GBs of heap at 1M
  // routes) slow down every later measurement in the process.
  let lpmPkg;
  let npMatcher;
  const later = [];

  const nativeRuns = {
    random: runNative(pairs, random, `${label}-r`),
    clustered: runNative(pairs, clustered, `${label}-c`),
  };
  const nat = nativeRuns.random;
  await addRow(build, ctx, {
    impl: 'native C DIR-24-8',
    kind: 'native',
    skip: nat.missing,
    ns: nat.buildNs,
    note: nat.missing ? '' : `gcc ${nat.flags}; ${nat.tbl8Groups} tbl8 groups`,
  });
  build.notes.push(
    'Build times are single runs (podnet: median of 3 below 1M routes). podnet takes parsed Route values (parseIpRoute output, not timed).',
  );

  // --------------------------------------------------------------- lookups
  const SAMPLE = 4096;
  const LIN = Math.max(16, Math.min(SINGLE, Math.floor(2e7 / R)));
  for (const [dist, keys] of [
    ['random', random],
    ['clustered', clustered],
  ]) {
    const c = newCase(`lpm.${label}.${dist}`, `LPM: ${dist} keys, ${R.toLocaleString('en')} routes`, {
      unit: 'lookup',
      items: KEYS,
    });
    cases.push(c);
    const expect = new Int32Array(SAMPLE);
    for (let i = 0; i < SAMPLE; i++) expect[i] = ref(keys[i]);
    const agree = (got) => {
      for (let i = 0; i < SAMPLE; i++) {
        const g = got(i);
        if (g !== expect[i])
          return `${u32ToIp(keys[i])} → ${g === -1 ? 'none' : prefixes[g]}, expected ${expect[i] === -1 ? 'none' : prefixes[expect[i]]}`;
      }
      return true;
    };
    const strKeys = Array.from(keys.subarray(0, SINGLE), u32ToIp);

    if (lpm) {
      const out = new Int32Array(KEYS);
      await addRow(c, ctx, {
        impl: 'podnet lookupBatch (uint32 keys)',
        kind: 'podnet',
        check: () => {
          const res = lpm.lookupBatch(keys.subarray(0, SAMPLE));
          return agree((i) => res[i]);
        },
        fn: chunked(keys, out, (k, o) => lpm.lookupBatch(k, o)),
      });
      if (ipPkg.fns && typeof lpm.lookupIndex === 'function') {
        const addrs = Array.from(keys.subarray(0, SINGLE), ipPkg.fns.addrFromUint32);
        const look = (a) => lpm.lookupIndex(a);
        await addRow(c, ctx, {
          impl: 'podnet lookupIndex(Addr) per call',
          kind: 'podnet',
          items: SINGLE,
          check: () => agree((i) => lpm.lookupIndex(addrs[i])),
          fn: loopOver(addrs, look, 'x += f(list[i]);'),
        });
      }
      if (ipPkg.fns) {
        const routeIndex = new Map(routeObjs.map((rt, i) => [rt, i]));
        const parse = ipPkg.fns.parseAddr;
        const look = (s) => lpm.lookup(parse(s));
        await addRow(c, ctx, {
          impl: 'podnet parseAddr + lookup (string)',
          kind: 'podnet',
          headline: true,
          items: SINGLE,
          check: () => agree((i) => routeIndex.get(lpm.lookup(parse(strKeys[i]))) ?? -1),
          fn: loopOver(strKeys, look, 'if (f(list[i]) !== undefined) x++;'),
        });
      } else
        await addRow(c, ctx, {
          impl: 'podnet parseAddr + lookup (string)',
          kind: 'podnet',
          headline: true,
          skip: ipPkg.missing,
        });
    } else
      await addRow(c, ctx, {
        impl: 'podnet compileLpm',
        kind: 'podnet',
        headline: true,
        skip: routesPkg.missing ?? 'compileLpm failed',
      });

    const n = nativeRuns[dist];
    await addRow(c, ctx, {
      impl: 'native C DIR-24-8 (batch)',
      kind: 'native',
      skip: n.missing,
      check: n.missing ? undefined : () => agree((i) => n.out[i]),
      ns: n.missing ? undefined : n.nsPerLookup * BATCH,
      items: BATCH,
      note: n.missing ? '' : `gcc ${n.flags}, median chunk of ${n.passes} passes`,
    });
    later.push(async () => {
      const lpmKeys = strKeys.map((s) => `${s}/32`);
      const lpmLook = (s) => lpmPkg.getMatch(s);
      await addRow(c, ctx, {
        impl: 'longest-prefix-match getMatch (string)',
        kind: 'peer',
        items: SINGLE,
        // It never matches its 0.0.0.0/0 entry; a caller would fall back to the default route, so a miss counts as 0.
        check: () => agree((i) => lpmPkg.getMatch(lpmKeys[i])[0] ?? 0),
        fn: loopOver(lpmKeys, lpmLook, 'x += f(list[i]).length;'),
      });
      const npIndex = new Map(prefixes.map((p, i) => [p, i]));
      const npLook = (s) => npMatcher.get(s);
      await addRow(c, ctx, {
        impl: 'netparser Matcher.get (string)',
        kind: 'peer',
        items: SINGLE,
        check: () => agree((i) => npIndex.get(npMatcher.get(strKeys[i])) ?? -1),
        fn: loopOver(strKeys, npLook, 'if (f(list[i])) x++;'),
      });

      // Linear scan over the routes sorted longest first: the naive baseline (few keys on big tables).
      const order = Array.from({ length: R }, (_, i) => i).sort(
        (a, b) => table.len[b] - table.len[a] || a - b,
      );
      const sAddr = Uint32Array.from(order, (i) => table.addr[i]);
      const sMask = Uint32Array.from(order, (i) => maskOf(table.len[i]));
      const sIdx = Int32Array.from(order);
      const scan = (k) => {
        for (let j = 0; j < sAddr.length; j++) if ((k & sMask[j]) >>> 0 === sAddr[j]) return sIdx[j];
        return -1;
      };
      const linKeys = Array.from(keys.subarray(0, LIN));
      await addRow(c, ctx, {
        impl: 'linear scan (uint32, longest first)',
        kind: 'baseline',
        items: LIN,
        check: () => agree((i) => (i < 256 ? scan(keys[i]) : expect[i])),
        fn: loopOver(linKeys, scan, 'x += f(list[i]);'),
      });
    });
    c.notes.push(
      'longest-prefix-match never returns its 0.0.0.0/0 entry; the check counts its misses as the default route.',
    );
    c.compare = [
      {
        label: 'podnet lookupBatch vs native C DIR-24-8 (×N < 1: native is faster)',
        a: 'podnet lookupBatch',
        b: 'native',
      },
      {
        label: 'podnet lookupBatch vs podnet string lookups',
        a: 'podnet lookupBatch',
        b: 'podnet parseAddr',
      },
    ];
    c.notes.push(
      `Batch rows (podnet lookupBatch and the native table) look up ${KEYS.toLocaleString('en')} uint32 keys in calls of ${BATCH.toLocaleString('en')}; per-call rows cycle through ${SINGLE.toLocaleString('en')} keys (linear scan ${LIN.toLocaleString('en')}). The npm packages take only strings, so "best peer" is compared with podnet's string row.`,
    );
  }
  const [lpmNs, lpmBuilt] = once(() => {
    const t = new LongestPrefixMatch();
    for (let i = 0; i < R; i++) t.addPrefix(prefixes[i], i);
    return t;
  });
  await addRow(build, ctx, { impl: 'longest-prefix-match addPrefix', kind: 'peer', ns: lpmNs });
  const [npNs, npBuilt] = once(() => new netparser.Matcher(prefixes));
  await addRow(build, ctx, { impl: 'netparser new Matcher', kind: 'peer', ns: npNs });

  lpmPkg = lpmBuilt;
  npMatcher = npBuilt;
  for (const f of later) await f();
  return cases;
}
