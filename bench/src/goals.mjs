// The speed goals of each package issue, evaluated against the cases of one run.
// Each goal says which case it reads; `eval` returns { met, measured } or undefined when the case did not run.

const podnetRow = (c) =>
  c?.rows.find((r) => r.kind === 'podnet' && r.headline && r.per !== undefined) ??
  c?.rows.find((r) => r.kind === 'podnet' && r.per !== undefined);
const rowNamed = (c, prefix) => c?.rows.find((r) => r.impl.startsWith(prefix) && r.per !== undefined);

export function fmtRatio(x) {
  if (!Number.isFinite(x)) return '–';
  return `×${x >= 100 ? Math.round(x) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}`;
}
const ms = (ns) => `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 0)} ms`;
const mlps = (perNs) => `${(1e3 / perNs).toFixed(1)} M/s`;

/** Ratio of the fastest agreeing peer's time to podnet's (> 1: podnet is faster). */
export function vsBestPeer(c) {
  const p = podnetRow(c);
  const peers = (c?.rows ?? []).filter((r) => r.kind === 'peer' && r.per !== undefined && !r.mismatch);
  if (!p || peers.length === 0) return undefined;
  const best = peers.reduce((a, b) => (b.per < a.per ? b : a));
  return { podnet: p, best, ratio: best.per / p.per };
}

function vsNamed(c, prefix) {
  const p = podnetRow(c);
  const peer = rowNamed(c, prefix);
  if (!p || !peer) return undefined;
  return { ratio: peer.per / p.per, p, peer };
}

export const GOALS = [
  {
    issue: 3,
    goal: 'parse + contains of IPv4 strings ≥ 2× faster than the fastest peer',
    case: 'ip.parse-contains',
    eval: (c) => {
      const v = vsBestPeer(c);
      return v && { met: v.ratio >= 2, measured: `${fmtRatio(v.ratio)} vs ${v.best.impl}` };
    },
  },
  {
    issue: 3,
    goal: 'pre-parsed contains in single-digit nanoseconds',
    case: 'ip.contains',
    eval: (c) => {
      const p = podnetRow(c);
      return p && { met: p.per < 10, measured: `${p.per.toFixed(2)} ns per check` };
    },
  },
  ...[
    ['ip.merge-v4', 'merge 2,000 IPv4 /24s faster than cidr-tools 11.3.2', 'cidr-tools'],
    ['ip.merge-v6', 'merge 2,000 IPv6 /48s faster than cidr-tools 11.3.2', 'cidr-tools'],
    ['ip.exclude-bogons', 'exclude the 12 bogons from 0.0.0.0/0 faster than cidr-tools 11.3.2', 'cidr-tools'],
  ].map(([id, goal, peer]) => ({
    issue: 3,
    goal,
    case: id,
    eval: (c) => {
      const v = vsNamed(c, peer);
      return (
        v && { met: v.ratio > 1, measured: `${fmtRatio(v.ratio)} (${ms(v.p.per)} vs ${ms(v.peer.per)})` }
      );
    },
  })),
  {
    issue: 5,
    goal: 'lookupBatch, random keys, 100k-route table ≥ 20 M lookups/s (aim 50 M)',
    case: 'lpm.100k.random',
    eval: (c) => {
      const r = rowNamed(c, 'podnet lookupBatch');
      return (
        r && { met: 1e3 / r.per >= 20, measured: `${mlps(r.per)}${1e3 / r.per >= 50 ? ' (aim met)' : ''}` }
      );
    },
  },
  {
    issue: 6,
    goal: 'iptables: cold generation + formatting, 10,000 Services × 10 endpoints < 2 s and < 1 GiB',
    case: 'proxy.iptables.10k',
    eval: (c, job) => {
      const p = podnetRow(c);
      return (
        p && {
          met: p.per < 2e9 && job.rssMiB < 1024,
          measured: `${ms(p.per)}, peak RSS ${Math.round(job.rssMiB)} MiB`,
        }
      );
    },
  },
  {
    issue: 6,
    goal: 'iptables: one Service added to that cluster by partial sync < 50 ms',
    case: 'proxy.iptables.10k.partial',
    eval: (c) => {
      const p = rowNamed(c, 'podnet partial sync');
      return p && { met: p.per < 50e6, measured: ms(p.per) };
    },
  },
  ...['ipvs', 'nftables'].map((mode) => ({
    issue: 7,
    goal: `${mode}: 10,000 Services × 10 endpoints < 2 s`,
    case: `proxy.${mode}.10k`,
    eval: (c) => {
      const p = podnetRow(c);
      return p && { met: p.per < 2e9, measured: ms(p.per) };
    },
  })),
  {
    issue: 8,
    sized: true,
    goal: 'clusterZone for 10,000 Services + 150,000 pods < 1 s',
    case: 'dns.zone',
    eval: (c) => {
      const p = podnetRow(c);
      return p && { met: p.per < 1e9, measured: ms(p.per) };
    },
  },
  {
    issue: 8,
    sized: true,
    goal: 'answer > 1 M queries/s',
    case: 'dns.answer',
    eval: (c) => {
      const p = podnetRow(c);
      return p && { met: 1e3 / p.per > 1, measured: mlps(p.per) };
    },
  },
  {
    issue: 9,
    sized: true,
    goal: 'build a 5,000-node / 150,000-pod / 10,000-Service cluster < 5 s and < 2 GiB',
    case: 'cluster.build',
    eval: (c, job) => {
      const p = podnetRow(c);
      return (
        p && {
          met: p.per < 5e9 && job.rssMiB < 2048,
          measured: `${ms(p.per)}, peak RSS ${Math.round(job.rssMiB)} MiB`,
        }
      );
    },
  },
  {
    issue: 9,
    sized: true,
    goal: 'one trace on that cluster < 1 ms',
    case: 'cluster.trace',
    eval: (c) => {
      const p = podnetRow(c);
      return (
        p && { met: p.per < 1e6, measured: `${ms(p.per)} warm${p.firstNs ? `, first ${ms(p.firstNs)}` : ''}` }
      );
    },
  },
  {
    issue: 9,
    sized: true,
    goal: "render one node's iptables-save < 2 s",
    case: 'cluster.render-iptables',
    eval: (c) => {
      const p = podnetRow(c);
      return p && { met: p.per < 2e9, measured: ms(p.per) };
    },
  },
];
