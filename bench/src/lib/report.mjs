// The stdout table and docs/benchmarks.md, both from the same run's results.
import { fmtRatio, GOALS, vsBestPeer } from '../goals.mjs';
import { fmtNs } from './case.mjs';

const num = (x) => (x >= 100 ? Math.round(x).toLocaleString('en') : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Items per second as text ("12.3 M/s"). */
function rate(per) {
  if (!Number.isFinite(per) || per <= 0) return '–';
  const perSec = 1e9 / per;
  if (perSec >= 1e6) return `${num(perSec / 1e6)} M/s`;
  if (perSec >= 1e3) return `${num(perSec / 1e3)} k/s`;
  return `${num(perSec)} /s`;
}

function rowStatus(r) {
  if (r.skipped) return r.skipped;
  if (r.error) return `error: ${r.error}`;
  if (r.mismatch) return `✗ disagrees: ${r.mismatch}`;
  return '';
}

/** Extra ratios a case asks for (e.g. podnet lookupBatch vs the native C table). */
function extraRatios(c) {
  return (c.compare ?? [])
    .map(({ label, a, b }) => {
      const ra = c.rows.find((r) => r.impl.startsWith(a) && r.per !== undefined);
      const rb = c.rows.find((r) => r.impl.startsWith(b) && r.per !== undefined);
      return ra && rb ? `${label}: ${fmtRatio(rb.per / ra.per)}` : undefined;
    })
    .filter(Boolean);
}

function headline(c) {
  const v = vsBestPeer(c);
  if (v) return `podnet vs best peer (${v.best.impl}): ${fmtRatio(v.ratio)}`;
  const p = c.rows.find((r) => r.kind === 'podnet' && r.per !== undefined);
  if (!p) {
    const s = c.rows.find((r) => r.kind === 'podnet');
    return s ? `podnet: ${rowStatus(s)}` : 'podnet: no row';
  }
  return 'no JavaScript peer does this: compare with the goals below';
}

/** Plain-text table for stdout. */
export function printText(jobs, goals) {
  const out = [];
  for (const job of jobs) {
    out.push('');
    out.push(
      `== ${job.label}   (${job.seconds ?? '?'} s${job.rss ? `, peak RSS of this job: ${Math.round(job.rssMiB ?? 0)} MiB` : ''})`,
    );
    if (job.error) out.push(`   job failed: ${job.error.split('\n')[0]}`);
    for (const c of job.cases ?? []) {
      out.push(`-- ${c.title}`);
      const ref = c.rows.find((r) => r.kind === 'podnet' && r.headline && r.per !== undefined);
      for (const r of c.rows) {
        const status = rowStatus(r);
        if (r.per === undefined) {
          out.push(`   ${r.impl.padEnd(44)} ${status}`);
          continue;
        }
        const vs = ref && r !== ref ? `${fmtRatio(r.per / ref.per)}`.padStart(9) : ''.padStart(9);
        out.push(
          `   ${r.impl.padEnd(44)} ${fmtNs(r.ns).padStart(10)}  ${(r.items > 1 || c.items > 1 ? `${fmtNs(r.per)}/${c.unit}` : '').padStart(16)}  ${rate(r.per).padStart(11)} ${vs}  ${status}`,
        );
      }
      out.push(`   => ${headline(c)}`);
      for (const x of extraRatios(c)) out.push(`   => ${x}`);
      for (const n of c.notes) out.push(`   note: ${n}`);
    }
  }
  out.push('');
  out.push('== Speed goals of the package issues');
  for (const g of goals) out.push(`   #${g.issue} ${g.status.padEnd(12)} ${g.goal} — ${g.measured}`);
  out.push('');
  return out.join('\n');
}

/** Evaluates every goal against the run. */
export function evalGoals(jobs, quick) {
  const byId = new Map();
  for (const job of jobs) for (const c of job.cases ?? []) byId.set(c.id, { c, job });
  return GOALS.map((g) => {
    if (quick && g.sized)
      return { ...g, status: 'not measured', measured: 'quick run: sizes below the goal' };
    const hit = byId.get(g.case);
    const res = hit ? g.eval(hit.c, hit.job) : undefined;
    if (!res) {
      const why = hit
        ? (hit.c.rows.find((r) => r.kind === 'podnet' && (r.skipped || r.error))?.skipped ??
          'podnet row missing or failed')
        : 'not measured in this run';
      return { ...g, status: 'not measured', measured: why };
    }
    return { ...g, status: res.met ? 'met' : 'NOT met', measured: res.measured };
  });
}

const esc = (s) => String(s).replaceAll('|', '\\|');

/** docs/benchmarks.md */
export function markdown(jobs, goals, m, meta) {
  const L = [];
  L.push('# Benchmarks');
  L.push('');
  L.push(
    '<!-- Written by `pnpm bench` (bench/src/main.mjs). Do not edit by hand: every number here comes from one run. -->',
  );
  L.push('');
  L.push(
    'podnet side by side with its npm peers, a hand-rolled baseline where one helps, and a native C reference for ' +
      'longest-prefix match. Every figure is the median of many timed runs from **one run of `pnpm bench` on one ' +
      'machine**; ratios are only meaningful within this page. "podnet vs best peer: ×N" means the fastest peer ' +
      'that gave the right answer took N times as long as podnet (N > 1: podnet is faster).',
  );
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push('| | |');
  L.push('|---|---|');
  L.push(`| CPU | ${esc(m.cpu)}${m.mhz ? ` (${m.mhz} MHz)` : ''} |`);
  L.push(`| cores | ${m.cores} |`);
  L.push(`| memory | ${m.memGiB} GiB |`);
  L.push(`| OS | ${esc(m.platform)} |`);
  L.push(`| Node | ${m.node} (V8 ${m.v8}) |`);
  L.push(`| gcc (native reference) | ${esc(meta.gcc ?? 'not found')} |`);
  L.push(`| date | ${m.date} |`);
  L.push(`| duration of the run | ${Math.round(meta.seconds)} s |`);
  L.push(`| load average at start → end | ${m.load.join(' / ')} → ${meta.loadEnd.join(' / ')} |`);
  L.push('');
  if (meta.loaded) {
    L.push(
      `> **This run shared the machine with other work** (load average ${m.load[0]} at the start on ${m.cores} cores). ` +
        'Absolute times are noisier and slower than on an idle machine; the ratios between rows of one case are ' +
        'more trustworthy than the absolute numbers, since the rows of a case run back to back. The details tables ' +
        "also give each row's fastest sample, which is closer to what the code does on an idle core.",
    );
    L.push('');
  }
  L.push('## Speed goals of the package issues');
  L.push('');
  L.push('| issue | goal | measured | status |');
  L.push('|---|---|---|---|');
  for (const g of goals) {
    const mark = g.status === 'met' ? '✅ met' : g.status === 'NOT met' ? '❌ not met' : '– not measured';
    L.push(`| #${g.issue} | ${esc(g.goal)} | ${esc(g.measured)} | ${mark} |`);
  }
  L.push('');
  L.push('## Summary');
  L.push('');
  L.push('| case | podnet | best peer | podnet vs best peer |');
  L.push('|---|---|---|---|');
  for (const job of jobs) {
    for (const c of job.cases ?? []) {
      const v = vsBestPeer(c);
      const p =
        c.rows.find((r) => r.kind === 'podnet' && r.headline && r.per !== undefined) ??
        c.rows.find((r) => r.kind === 'podnet' && r.per !== undefined);
      const pText = p
        ? `${fmtNs(p.per)}${c.items > 1 || p.items > 1 ? `/${c.unit}` : ''}`
        : esc(rowStatus(c.rows.find((r) => r.kind === 'podnet') ?? { skipped: '–' }) || '–');
      const peerText = v ? `${esc(v.best.impl)}: ${fmtNs(v.best.per)}` : '–';
      L.push(`| ${esc(c.title)} | ${pText} | ${peerText} | ${v ? `**${fmtRatio(v.ratio)}**` : '–'} |`);
    }
  }
  L.push('');
  const wrong = jobs.flatMap((j) =>
    (j.cases ?? []).flatMap((c) => c.rows.filter((r) => r.mismatch).map((r) => ({ c, r }))),
  );
  if (wrong.length > 0) {
    L.push('## Wrong answers found by the correctness guard');
    L.push('');
    L.push(
      'Each row is checked against a reference before it is timed; these rows disagreed and are left out of "best peer".',
    );
    L.push('');
    L.push('| case | implementation | first difference |');
    L.push('|---|---|---|');
    for (const { c, r } of wrong) L.push(`| ${esc(c.title)} | ${esc(r.impl)} | ${esc(r.mismatch)} |`);
    L.push('');
  }
  const lpmCases = jobs
    .flatMap((j) => j.cases ?? [])
    .filter((c) => /^lpm\.[^.]+\.(random|clustered)$/.test(c.id));
  if (lpmCases.length > 0) {
    L.push('## Longest-prefix match: how close JavaScript gets to native code');
    L.push('');
    L.push('| table, keys | podnet lookupBatch | native C DIR-24-8 | podnet / native speed |');
    L.push('|---|---|---|---|');
    for (const c of lpmCases) {
      const p = c.rows.find((r) => r.impl.startsWith('podnet lookupBatch') && r.per !== undefined);
      const n = c.rows.find((r) => r.kind === 'native' && r.per !== undefined);
      const pct = p && n ? `${Math.round((n.per / p.per) * 100)}%` : '–';
      L.push(
        `| ${esc(c.title.replace(/^LPM: /, ''))} | ${p ? rate(p.per) : '–'} | ${n ? rate(n.per) : esc(rowStatus(c.rows.find((r) => r.kind === 'native') ?? {}) || '–')} | ${pct} |`,
      );
    }
    L.push('');
    L.push(
      'Both sides look up the same uint32 keys in batches of 16,384 and report the median batch. The native table is ' +
        'always DIR-24-8 (a 64 MiB first level); podnet picks its layout by table size (see the build rows), so on ' +
        'small tables its cache-resident root can beat the native DIR-24-8 on random keys.',
    );
    L.push('');
  }
  L.push('## Details');
  for (const job of jobs) {
    L.push('');
    L.push(`### ${job.label}`);
    L.push('');
    if (job.about) {
      L.push(job.about);
      L.push('');
    }
    const facts = [];
    if (job.rss)
      facts.push(
        `Peak RSS of this job's process (a child process of its own): **${Math.round(job.rssMiB ?? 0)} MiB**`,
      );
    if (job.seconds !== undefined) facts.push(`the job took ${job.seconds} s`);
    if (job.load !== undefined) facts.push(`load average ${job.load} when it started`);
    if (facts.length > 0) {
      L.push(`${facts.join('; ')}.`);
      L.push('');
    }
    if (job.error) {
      L.push(`Job failed: \`${esc(job.error.split('\n')[0])}\``);
      L.push('');
    }
    for (const c of job.cases ?? []) {
      L.push(`#### ${esc(c.title)}`);
      L.push('');
      L.push(
        `| implementation | median per call | per ${c.unit} | rate | time vs podnet | fastest sample per ${c.unit} | notes |`,
      );
      L.push('|---|---|---|---|---|---|---|');
      const ref = c.rows.find((r) => r.kind === 'podnet' && r.headline && r.per !== undefined);
      for (const r of c.rows) {
        const name = `${r.kind === 'podnet' ? '**' : ''}${esc(r.impl)}${r.kind === 'podnet' ? '**' : ''}${r.kind === 'baseline' ? ' (baseline)' : r.kind === 'native' ? ' (native)' : ''}`;
        if (r.per === undefined) {
          L.push(`| ${name} | – | – | – | – | – | ${esc(rowStatus(r))} |`);
          continue;
        }
        const vs = ref && r !== ref ? fmtRatio(r.per / ref.per) : '';
        const notes = [
          rowStatus(r),
          r.note,
          r.runs !== undefined ? `median of ${r.runs} whole run${r.runs > 1 ? 's' : ''}` : '',
          r.firstNs !== undefined && r.firstNs !== r.ns ? `first run ${fmtNs(r.firstNs)}` : '',
        ]
          .filter(Boolean)
          .join('; ');
        const fastest = r.minNs !== undefined ? fmtNs(r.minNs / r.items) : '';
        L.push(
          `| ${name} | ${fmtNs(r.ns)} | ${fmtNs(r.per)} | ${rate(r.per)} | ${vs} | ${fastest} | ${esc(notes)} |`,
        );
      }
      L.push('');
      const lines = [headline(c), ...extraRatios(c), ...c.notes];
      for (const x of lines) L.push(`- ${esc(x)}`);
      L.push('');
    }
  }
  L.push('## How to reproduce');
  L.push('');
  L.push('```sh');
  L.push('pnpm install');
  L.push('pnpm bench            # builds the packages, runs every case, rewrites this page');
  L.push('pnpm bench --quick    # small version of every case, for CI smoke tests; does not touch this page');
  L.push('```');
  L.push('');
  L.push('See [bench/README.md](../bench/README.md) for what each case measures and how.');
  L.push('');
  return L.join('\n');
}
