// IP cases: parse, format, parse+contains, pre-parsed contains, merge (IPv4 /24s, IPv6 /48s), exclude the
// bogons from 0/0, range -> prefixes. podnet against ipaddr.js, ip-address, cidr-tools 11.3.2, fast-cidr-tools,
// netmask, ip-num (and netparser where it has the operation), plus a hand-rolled uint32 baseline.
import * as cidrTools from 'cidr-tools';
import * as fastCidr from 'fast-cidr-tools';
import ipAddress from 'ip-address';
import ipNum from 'ip-num';
import ipaddr from 'ipaddr.js';
import netmask from 'netmask';
import netparser from 'netparser';
import { addRow, newCase, sameSet } from '../lib/case.mjs';
import { loopOver } from '../lib/loop.mjs';
import { need } from '../lib/podnet.mjs';
import { canonAll, refExclude, refFormat, refMerge, refRangeToPrefixes } from '../lib/ref.mjs';
import { rng, u32ToIp } from '../lib/rng.mjs';

const { Address4, Address6 } = ipAddress;
const { Netmask, ip2long, long2ip } = netmask;

/** The 12 bogons of fast-cidr-tools' own benchmark (SukkaW/fast-cidr-tools benchmark.cts). */
export const BOGONS = [
  '0.0.0.0/8',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '10.0.0.0/8',
  '127.0.0.0/8',
  '100.64.0.0/10',
  '172.16.0.0/12',
  '198.18.0.0/15',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '192.0.0.0/24',
  '192.0.2.0/24',
];

/** Hand-rolled strict dotted-quad scanner: the floor a JS parser can reach (baseline row, not a peer). */
function scanV4(s) {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      const d = c - 48;
      if (d < 0 || d > 9 || (digits === 1 && part === 0)) return -1;
      part = part * 10 + d;
      if (part > 255) return -1;
      digits++;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return n * 256 + part;
}

function v6Text(r) {
  // Random canonical IPv6 text with zero runs of varied length, like real addresses.
  let n = 0n;
  const zeroAt = r.int(8);
  const zeroLen = r.int(5);
  for (let i = 0; i < 8; i++) {
    const g = i >= zeroAt && i < zeroAt + zeroLen ? 0 : r.int(4) === 0 ? r.int(256) : r.int(65536);
    n = (n << 16n) | BigInt(g);
  }
  if (n >> 112n === 0n) n |= 0x2001n << 112n;
  return refFormat(6, n);
}

export async function run(_params, ctx) {
  const cases = [];
  const N = ctx.quick ? 20_000 : 200_000;
  const SLOW_N = ctx.quick ? 2_000 : 20_000; // for peers at µs per item, time a slice to keep the run short
  const r = rng(42);
  const u32s = new Uint32Array(N);
  for (let i = 0; i < N; i++) u32s[i] = i & 1 ? (0x0a000000 | (r.u32() & 0xffffff)) >>> 0 : r.u32();
  // Flat strings, as a tool gets them when it splits a file or a socket's text into lines. Strings built by a
  // template literal are cons strings (a tree of parts), and every parser that reads them char by char pays an
  // indirection per read: the same list for every row, so the comparison stays fair either way.
  const v4 = Array.from(u32s, u32ToIp).join('\n').split('\n');
  const v6 = Array.from({ length: Math.min(N, ctx.quick ? 5_000 : 50_000) }, () => v6Text(r));
  const slowV4 = v4.slice(0, SLOW_N);
  const SAMPLE = Math.min(N, 5000);

  const ip = await need('ip', ['parseAddr', 'formatAddr', 'parsePrefix', 'formatPrefix', 'prefixContains']);
  const pn = ip.fns;

  // ---------------------------------------------------------------- parse IPv4
  {
    const c = newCase('ip.parse-v4', `parse ${N.toLocaleString('en')} random IPv4 strings`, {
      unit: 'address',
      items: N,
    });
    cases.push(c);
    const checkAll =
      (f, list = v4) =>
      () => {
        for (let i = 0; i < Math.min(list.length, SAMPLE); i++) {
          const got = f(list[i]);
          if (got !== u32s[i]) return `${list[i]} → ${got}`;
        }
        return true;
      };
    const loop = (f, list = v4) => loopOver(list, f, 'x ^= f(list[i]) ? 1 : 0;');
    await addRow(c, ctx, {
      impl: 'podnet parseAddr',
      kind: 'podnet',
      headline: true,
      skip: ip.missing,
      check: ip.fns && checkAll((s) => pn.parseAddr(s).w3),
      fn: ip.fns && loop((s) => pn.parseAddr(s)),
    });
    await addRow(c, ctx, {
      impl: 'hand-rolled uint32 scanner',
      kind: 'baseline',
      check: checkAll(scanV4),
      fn: loop(scanV4),
    });
    await addRow(c, ctx, {
      impl: 'ipaddr.js IPv4.parse',
      kind: 'peer',
      check: checkAll((s) => {
        const b = ipaddr.IPv4.parse(s).octets;
        return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
      }),
      fn: loop((s) => ipaddr.IPv4.parse(s)),
    });
    await addRow(c, ctx, {
      impl: 'ip-address new Address4',
      kind: 'peer',
      items: SLOW_N,
      check: checkAll((s) => Number(new Address4(s).bigInt())),
      fn: loop((s) => new Address4(s), slowV4),
    });
    await addRow(c, ctx, {
      impl: 'netmask ip2long',
      kind: 'peer',
      check: checkAll(ip2long),
      fn: loop(ip2long),
    });
    await addRow(c, ctx, {
      impl: 'cidr-tools parseCidr',
      kind: 'peer',
      check: checkAll((s) => Number(cidrTools.parseCidr(s).start)),
      fn: loop((s) => cidrTools.parseCidr(s)),
    });
    await addRow(c, ctx, {
      impl: 'fast-cidr-tools ip2bigint',
      kind: 'peer',
      check: checkAll((s) => Number(fastCidr.ip2bigint(s, 4))),
      fn: loop((s) => fastCidr.ip2bigint(s, 4)),
    });
    await addRow(c, ctx, {
      impl: 'ip-num IPv4.fromDecimalDottedString',
      kind: 'peer',
      items: SLOW_N,
      check: checkAll((s) => Number(ipNum.IPv4.fromDecimalDottedString(s).value)),
      fn: loop((s) => ipNum.IPv4.fromDecimalDottedString(s), slowV4),
    });
  }

  // ---------------------------------------------------------------- format IPv4
  {
    const c = newCase('ip.format-v4', `format ${N.toLocaleString('en')} parsed IPv4 addresses`, {
      unit: 'address',
      items: N,
    });
    cases.push(c);
    const check = (objs, f) => () => {
      for (let i = 0; i < Math.min(objs.length, SAMPLE); i++)
        if (f(objs[i]) !== v4[i]) return `${v4[i]} → ${f(objs[i])}`;
      return true;
    };
    const loop = (objs, f) => loopOver(objs, f, 'x += f(list[i]).length;');
    if (ip.fns) {
      const addrs = v4.map(pn.parseAddr);
      await addRow(c, ctx, {
        impl: 'podnet formatAddr',
        kind: 'podnet',
        headline: true,
        check: check(addrs, pn.formatAddr),
        fn: loop(addrs, pn.formatAddr),
      });
    } else
      await addRow(c, ctx, { impl: 'podnet formatAddr', kind: 'podnet', headline: true, skip: ip.missing });
    const nums = Array.from(u32s);
    await addRow(c, ctx, {
      impl: 'template literal of uint32',
      kind: 'baseline',
      check: check(nums, u32ToIp),
      fn: loop(nums, u32ToIp),
    });
    const ia = v4.map((s) => ipaddr.IPv4.parse(s));
    await addRow(c, ctx, {
      impl: 'ipaddr.js toString',
      kind: 'peer',
      check: check(ia, (a) => a.toString()),
      fn: loop(ia, (a) => a.toString()),
    });
    const a4 = slowV4.map((s) => new Address4(s));
    await addRow(c, ctx, {
      impl: 'ip-address correctForm',
      kind: 'peer',
      items: SLOW_N,
      check: check(a4, (a) => a.correctForm()),
      fn: loop(a4, (a) => a.correctForm()),
    });
    await addRow(c, ctx, {
      impl: 'netmask long2ip',
      kind: 'peer',
      check: check(nums, long2ip),
      fn: loop(nums, long2ip),
    });
    const bigs = nums.map(BigInt);
    await addRow(c, ctx, {
      impl: 'fast-cidr-tools bigint2ip',
      kind: 'peer',
      check: check(bigs, (b) => fastCidr.bigint2ip(b, 4)),
      fn: loop(bigs, (b) => fastCidr.bigint2ip(b, 4)),
    });
    const inum = slowV4.map((s) => ipNum.IPv4.fromDecimalDottedString(s));
    await addRow(c, ctx, {
      impl: 'ip-num toString',
      kind: 'peer',
      items: SLOW_N,
      check: check(inum, (a) => a.toString()),
      fn: loop(inum, (a) => a.toString()),
    });
    c.notes.push(
      'cidr-tools has no formatter for a parsed address (only string → string normalizeCidr), so it has no row.',
    );
  }

  // ---------------------------------------------------------------- parse + format IPv6
  {
    const M = Math.min(N, ctx.quick ? 5_000 : 50_000);
    const list = v6.slice(0, M);
    const slow = v6.slice(0, Math.min(M, ctx.quick ? 1000 : 5000));
    const c = newCase('ip.parse-v6', `parse ${M.toLocaleString('en')} random IPv6 strings`, {
      unit: 'address',
      items: M,
    });
    cases.push(c);
    const loop = (f, l = list) => loopOver(l, f, 'x ^= f(list[i]) ? 1 : 0;');
    const roundTrip = (p, f) => () => {
      for (let i = 0; i < Math.min(list.length, 2000); i++) {
        const got = f(p(list[i]));
        if (got !== list[i]) return `${list[i]} → ${got}`;
      }
      return true;
    };
    await addRow(c, ctx, {
      impl: 'podnet parseAddr',
      kind: 'podnet',
      headline: true,
      skip: ip.missing,
      check: ip.fns && roundTrip(pn.parseAddr, pn.formatAddr),
      fn: ip.fns && loop(pn.parseAddr),
    });
    await addRow(c, ctx, {
      impl: 'ipaddr.js IPv6.parse',
      kind: 'peer',
      fn: loop((s) => ipaddr.IPv6.parse(s)),
    });
    await addRow(c, ctx, {
      impl: 'ip-address new Address6',
      kind: 'peer',
      items: slow.length,
      fn: loop((s) => new Address6(s), slow),
    });
    await addRow(c, ctx, {
      impl: 'cidr-tools parseCidr',
      kind: 'peer',
      fn: loop((s) => cidrTools.parseCidr(s)),
    });
    await addRow(c, ctx, {
      impl: 'fast-cidr-tools ip2bigint',
      kind: 'peer',
      fn: loop((s) => fastCidr.ip2bigint(s, 6)),
    });
    await addRow(c, ctx, {
      impl: 'ip-num IPv6.fromString',
      kind: 'peer',
      items: slow.length,
      fn: loop((s) => ipNum.IPv6.fromString(s), slow),
    });
    c.notes.push(
      'netmask 2.1.1 has no IPv6 parse entry point that returns an address value, so it has no row.',
    );

    const f = newCase('ip.format-v6', `format ${M.toLocaleString('en')} parsed IPv6 addresses (RFC 5952)`, {
      unit: 'address',
      items: M,
    });
    cases.push(f);
    const fcheck = (objs, g) => () => {
      for (let i = 0; i < Math.min(objs.length, 2000); i++)
        if (g(objs[i]) !== list[i]) return `${list[i]} → ${g(objs[i])}`;
      return true;
    };
    const floop = (objs, g) => loopOver(objs, g, 'x += f(list[i]).length;');
    if (ip.fns) {
      const addrs = list.map(pn.parseAddr);
      await addRow(f, ctx, {
        impl: 'podnet formatAddr',
        kind: 'podnet',
        headline: true,
        check: fcheck(addrs, pn.formatAddr),
        fn: floop(addrs, pn.formatAddr),
      });
    } else
      await addRow(f, ctx, { impl: 'podnet formatAddr', kind: 'podnet', headline: true, skip: ip.missing });
    const ia = list.map((s) => ipaddr.IPv6.parse(s));
    await addRow(f, ctx, {
      impl: 'ipaddr.js toString',
      kind: 'peer',
      check: fcheck(ia, (a) => a.toString()),
      fn: floop(ia, (a) => a.toString()),
    });
    const a6 = slow.map((s) => new Address6(s));
    await addRow(f, ctx, {
      impl: 'ip-address correctForm',
      kind: 'peer',
      items: slow.length,
      check: fcheck(a6, (a) => a.correctForm()),
      fn: floop(a6, (a) => a.correctForm()),
    });
    const bigs = list.map((s) => fastCidr.ip2bigint(s, 6));
    await addRow(f, ctx, {
      impl: 'fast-cidr-tools bigint2ip',
      kind: 'peer',
      check: fcheck(bigs, (b) => fastCidr.bigint2ip(b, 6)),
      fn: floop(bigs, (b) => fastCidr.bigint2ip(b, 6)),
    });
    const in6 = slow.map((s) => ipNum.IPv6.fromString(s));
    await addRow(f, ctx, {
      impl: 'ip-num toString',
      kind: 'peer',
      items: slow.length,
      check: fcheck(in6, (a) => a.toString()),
      fn: floop(in6, (a) => a.toString()),
    });
  }

  // ---------------------------------------------------------------- parse + contains
  const NET = '10.0.0.0/9';
  const NET_U = 0x0a000000;
  const MASK = 0xff800000;
  const expectIn = Array.from(u32s, (u) => (u & MASK) >>> 0 === NET_U);
  {
    const c = newCase(
      'ip.parse-contains',
      `parse + contains: ${N.toLocaleString('en')} IPv4 strings in ${NET}`,
      {
        unit: 'address',
        items: N,
      },
    );
    cases.push(c);
    const check =
      (f, list = v4) =>
      () => {
        for (let i = 0; i < Math.min(list.length, SAMPLE); i++)
          if (f(list[i]) !== expectIn[i]) return `${list[i]} → ${f(list[i])}`;
        return true;
      };
    const loop = (f, list = v4) => loopOver(list, f, 'if (f(list[i])) x++;');
    if (ip.fns) {
      const net = pn.parsePrefix(NET);
      const f = (s) => pn.prefixContains(net, pn.parseAddr(s));
      await addRow(c, ctx, {
        impl: 'podnet parseAddr + prefixContains',
        kind: 'podnet',
        headline: true,
        check: check(f),
        fn: loop(f),
      });
    } else
      await addRow(c, ctx, {
        impl: 'podnet parseAddr + prefixContains',
        kind: 'podnet',
        headline: true,
        skip: ip.missing,
      });
    const hand = (s) => (scanV4(s) & MASK) >>> 0 === NET_U;
    await addRow(c, ctx, {
      impl: 'hand-rolled uint32 parse + mask',
      kind: 'baseline',
      check: check(hand),
      fn: loop(hand),
    });
    const ipaNet = ipaddr.IPv4.parse('10.0.0.0');
    const ipaF = (s) => ipaddr.IPv4.parse(s).match(ipaNet, 9);
    await addRow(c, ctx, {
      impl: 'ipaddr.js parse + match',
      kind: 'peer',
      check: check(ipaF),
      fn: loop(ipaF),
    });
    const a4Net = new Address4(NET);
    const a4F = (s) => new Address4(s).isInSubnet(a4Net);
    await addRow(c, ctx, {
      impl: 'ip-address isInSubnet',
      kind: 'peer',
      items: SLOW_N,
      check: check(a4F),
      fn: loop(a4F, slowV4),
    });
    const nmNet = new Netmask(NET);
    const nmF = (s) => nmNet.contains(s);
    await addRow(c, ctx, { impl: 'netmask contains', kind: 'peer', check: check(nmF), fn: loop(nmF) });
    const ctF = (s) => cidrTools.containsCidr(NET, s);
    await addRow(c, ctx, { impl: 'cidr-tools containsCidr', kind: 'peer', check: check(ctF), fn: loop(ctF) });
    const netArr = [NET];
    const fcF = (s) => fastCidr.contains(netArr, [s]);
    await addRow(c, ctx, {
      impl: 'fast-cidr-tools contains',
      kind: 'peer',
      check: check(fcF),
      fn: loop(fcF),
    });
    const inNet = ipNum.IPv4CidrRange.fromCidr(NET);
    const inF = (s) => inNet.contains(ipNum.IPv4.fromDecimalDottedString(s));
    await addRow(c, ctx, {
      impl: 'ip-num contains',
      kind: 'peer',
      items: SLOW_N,
      check: check(inF),
      fn: loop(inF, slowV4),
    });
  }

  // ---------------------------------------------------------------- pre-parsed contains
  {
    const K = 10_000; // fits in L2, so this measures the operation rather than DRAM
    const keys = v4.slice(0, K);
    const c = newCase(
      'ip.contains',
      `pre-parsed contains: ${K.toLocaleString('en')} parsed IPv4 addresses in ${NET}`,
      {
        unit: 'check',
        items: K,
      },
    );
    cases.push(c);
    const check = (objs, f) => () => {
      for (let i = 0; i < K; i++) if (f(objs[i]) !== expectIn[i]) return `${keys[i]} → ${f(objs[i])}`;
      return true;
    };
    const loop = (objs, f) => loopOver(objs, f, 'if (f(list[i])) x++;');
    if (ip.fns) {
      const net = pn.parsePrefix(NET);
      const addrs = keys.map(pn.parseAddr);
      const f = (a) => pn.prefixContains(net, a);
      await addRow(c, ctx, {
        impl: 'podnet prefixContains',
        kind: 'podnet',
        headline: true,
        check: check(addrs, f),
        fn: loop(addrs, f),
      });
    } else
      await addRow(c, ctx, {
        impl: 'podnet prefixContains',
        kind: 'podnet',
        headline: true,
        skip: ip.missing,
      });
    const nums = Array.from(u32s.subarray(0, K));
    const hand = (u) => (u & MASK) >>> 0 === NET_U;
    await addRow(c, ctx, {
      impl: 'uint32 mask + compare',
      kind: 'baseline',
      check: check(nums, hand),
      fn: loop(nums, hand),
    });
    const ipaNet = ipaddr.IPv4.parse('10.0.0.0');
    const ia = keys.map((s) => ipaddr.IPv4.parse(s));
    const ipaF = (a) => a.match(ipaNet, 9);
    await addRow(c, ctx, {
      impl: 'ipaddr.js match',
      kind: 'peer',
      check: check(ia, ipaF),
      fn: loop(ia, ipaF),
    });
    const a4Net = new Address4(NET);
    const a4 = keys.map((s) => new Address4(s));
    const a4F = (a) => a.isInSubnet(a4Net);
    await addRow(c, ctx, {
      impl: 'ip-address isInSubnet',
      kind: 'peer',
      check: check(a4, a4F),
      fn: loop(a4, a4F),
    });
    const nmNet = new Netmask(NET);
    const nm = keys.map((s) => new Netmask(`${s}/32`));
    const nmF = (b) => nmNet.contains(b);
    await addRow(c, ctx, {
      impl: 'netmask contains(Netmask)',
      kind: 'peer',
      check: check(nm, nmF),
      fn: loop(nm, nmF),
    });
    const inNet = ipNum.IPv4CidrRange.fromCidr(NET);
    const inA = keys.map((s) => ipNum.IPv4.fromDecimalDottedString(s));
    const inF = (a) => inNet.contains(a);
    await addRow(c, ctx, {
      impl: 'ip-num contains',
      kind: 'peer',
      check: check(inA, inF),
      fn: loop(inA, inF),
    });
    c.notes.push('cidr-tools and fast-cidr-tools take only strings, so they have no pre-parsed row.');
  }

  // ---------------------------------------------------------------- merge / exclude / range
  const setCase = async (c, input, expected, rows) => {
    const exp = expected;
    for (const row of rows) {
      await addRow(c, ctx, {
        ...row,
        check: row.fn ? () => sameSet(exp, canonAll(row.fn())) : undefined,
      });
    }
    void input;
  };
  const podnetSetRows = (label, strFn, preFn) =>
    ip.fns
      ? [
          { impl: `podnet ${label} (strings in/out)`, kind: 'podnet', headline: true, fn: strFn },
          ...(preFn ? [{ impl: `podnet ${label} (pre-parsed)`, kind: 'podnet', ...preFn }] : []),
        ]
      : [{ impl: `podnet ${label}`, kind: 'podnet', headline: true, skip: ip.missing }];

  const merge = await need('ip', ['mergePrefixes', 'parsePrefix', 'formatPrefix']);
  {
    const pick = (count, slots, toText) => {
      const rr = rng(7 + slots);
      const seen = new Set();
      while (seen.size < count) seen.add(rr.int(slots));
      return [...seen].map(toText);
    };
    const v4s = pick(2000, 4096, (k) => `10.${k >> 8}.${k & 255}.0/24`);
    const v6s = pick(2000, 4096, (k) =>
      `2001:db8:${(k >> 4).toString(16)}${(k & 15).toString(16)}0::/48`.replace(/:0+([0-9a-f])/g, ':$1'),
    );
    for (const [id, list, fam] of [
      ['ip.merge-v4', v4s, 'IPv4 /24s'],
      ['ip.merge-v6', v6s, 'IPv6 /48s'],
    ]) {
      const c = newCase(id, `merge 2,000 ${fam}`, { unit: 'merge' });
      cases.push(c);
      const expected = refMerge(list);
      const rows = merge.fns
        ? (() => {
            const pre = list.map((s) => merge.fns.parsePrefix(s));
            return podnetSetRows(
              'mergePrefixes',
              () =>
                merge.fns
                  .mergePrefixes(list.map((s) => merge.fns.parsePrefix(s)))
                  .map(merge.fns.formatPrefix),
              {
                fn: () => merge.fns.mergePrefixes(pre),
                check: () =>
                  sameSet(expected, canonAll(merge.fns.mergePrefixes(pre).map(merge.fns.formatPrefix))),
              },
            );
          })()
        : [{ impl: 'podnet mergePrefixes', kind: 'podnet', headline: true, skip: merge.missing }];
      for (const row of rows) {
        await addRow(c, ctx, {
          ...row,
          check: row.check ?? (row.fn ? () => sameSet(expected, canonAll(row.fn())) : undefined),
        });
      }
      await setCase(c, list, expected, [
        { impl: 'cidr-tools 11.3.2 mergeCidr', kind: 'peer', fn: () => cidrTools.mergeCidr(list) },
        { impl: 'fast-cidr-tools merge', kind: 'peer', fn: () => fastCidr.merge(list) },
        { impl: 'netparser summarize', kind: 'peer', fn: () => netparser.summarize(list) },
        {
          impl: 'ip-num Pool.aggregate',
          kind: 'peer',
          slow: 2,
          skip: ctx.quick ? 'skipped in --quick (seconds per call)' : undefined,
          fn: () => {
            const R = fam.startsWith('IPv4') ? ipNum.IPv4CidrRange : ipNum.IPv6CidrRange;
            return ipNum.Pool.fromCidrRanges(list.map((s) => R.fromCidr(s)))
              .aggregate()
              .getRanges()
              .map((x) => x.toCidrRange().toCidrString());
          },
        },
      ]);
    }
  }

  const excl = await need('ip', ['excludePrefixes', 'parsePrefix', 'formatPrefix']);
  {
    const c = newCase('ip.exclude-bogons', 'exclude the 12 bogons from 0.0.0.0/0', { unit: 'exclude' });
    cases.push(c);
    const expected = refExclude(['0.0.0.0/0'], BOGONS);
    // Extra probe: the smallest case where fast-cidr-tools 0.3.4's exclude goes wrong (ip-and-routing.md §1.3).
    const probeBase = ['10.0.0.0/24', '10.0.2.0/24'];
    const probeRm = ['10.0.0.0/16'];
    const probeExp = refExclude(probeBase, probeRm);
    const withProbe = (f) => () => {
      const main = sameSet(expected, canonAll(f(['0.0.0.0/0'], BOGONS)));
      if (main !== true) return main;
      const p = sameSet(probeExp, canonAll(f(probeBase, probeRm)));
      return p === true ? true : `exclude(${JSON.stringify(probeBase)}, ${JSON.stringify(probeRm)}): ${p}`;
    };
    if (excl.fns) {
      const { excludePrefixes, parsePrefix, formatPrefix } = excl.fns;
      const f = (b, rm) =>
        excludePrefixes(
          b.map((s) => parsePrefix(s)),
          rm.map((s) => parsePrefix(s)),
        ).map(formatPrefix);
      const base = [parsePrefix('0.0.0.0/0')];
      const rm = BOGONS.map((s) => parsePrefix(s));
      await addRow(c, ctx, {
        impl: 'podnet excludePrefixes (strings in/out)',
        kind: 'podnet',
        headline: true,
        check: withProbe(f),
        fn: () => f(['0.0.0.0/0'], BOGONS),
      });
      await addRow(c, ctx, {
        impl: 'podnet excludePrefixes (pre-parsed)',
        kind: 'podnet',
        fn: () => excludePrefixes(base, rm),
      });
    } else
      await addRow(c, ctx, {
        impl: 'podnet excludePrefixes',
        kind: 'podnet',
        headline: true,
        skip: excl.missing,
      });
    const ct = (b, rm) => cidrTools.excludeCidr(b, rm);
    await addRow(c, ctx, {
      impl: 'cidr-tools 11.3.2 excludeCidr',
      kind: 'peer',
      check: withProbe(ct),
      fn: () => ct(['0.0.0.0/0'], BOGONS),
    });
    const fc = (b, rm) => fastCidr.exclude(b, rm);
    await addRow(c, ctx, {
      impl: 'fast-cidr-tools exclude',
      kind: 'peer',
      check: withProbe(fc),
      fn: () => fc(['0.0.0.0/0'], BOGONS),
    });
    const np = (b, rm) => b.flatMap((x) => netparser.findUnusedSubnets(x, rm) ?? []);
    await addRow(c, ctx, {
      impl: 'netparser findUnusedSubnets',
      kind: 'peer',
      check: withProbe(np),
      fn: () => np(['0.0.0.0/0'], BOGONS),
    });
    c.notes.push(
      `Every row is also checked on exclude(${JSON.stringify(probeBase)}, ${JSON.stringify(probeRm)}) (expected []).`,
    );
  }

  const range = await need('ip', ['rangeToPrefixes', 'parseAddr', 'formatPrefix']);
  {
    const R = 1000;
    const rr = rng(99);
    const pairs = Array.from({ length: R }, () => {
      const a = rr.u32();
      const b = Math.min(0xffffffff, a + rr.int(1 << (8 + rr.int(16))));
      return [u32ToIp(a), u32ToIp(b >>> 0), a, b >>> 0];
    });
    const c = newCase(
      'ip.range-to-prefixes',
      `range → prefixes for ${R.toLocaleString('en')} random IPv4 ranges`,
      {
        unit: 'range',
        items: R,
      },
    );
    cases.push(c);
    const expected = pairs.map(([, , a, b]) => refRangeToPrefixes(4, BigInt(a), BigInt(b)).join(' '));
    const check = (f) => () => {
      for (let i = 0; i < R; i++) {
        const got = canonAll(f(pairs[i][0], pairs[i][1])).join(' ');
        if (got !== expected[i]) return `${pairs[i][0]}-${pairs[i][1]} → ${got.slice(0, 60)}`;
      }
      return true;
    };
    const loop = (f) => loopOver(pairs, f, 'x += f(list[i][0], list[i][1]).length;');
    if (range.fns) {
      const { rangeToPrefixes, parseAddr, formatPrefix } = range.fns;
      const f = (a, b) => rangeToPrefixes(parseAddr(a), parseAddr(b)).map(formatPrefix);
      await addRow(c, ctx, {
        impl: 'podnet rangeToPrefixes (strings in/out)',
        kind: 'podnet',
        headline: true,
        check: check(f),
        fn: loop(f),
      });
    } else
      await addRow(c, ctx, {
        impl: 'podnet rangeToPrefixes',
        kind: 'podnet',
        headline: true,
        skip: range.missing,
      });
    const np = (a, b) => netparser.rangeOfNetworks(a, b);
    await addRow(c, ctx, { impl: 'netparser rangeOfNetworks', kind: 'peer', check: check(np), fn: loop(np) });
    c.notes.push(
      'Of the peers only netparser has range → prefixes (cidr-tools can only expand and re-merge; ip-num only when the range is one CIDR).',
    );
  }
  return cases;
}
