// Entry point of podnet's benchmark suite.
//   pnpm bench                 full run (~10 min on 2 cores), prints the table, rewrites docs/benchmarks.md
//   pnpm bench --quick         small version of every case (< 1 min), prints the table only
//   options: --write (write docs/benchmarks.md even with --quick), --only=ip,lpm (suites to run)
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { machine } from './lib/machine.mjs';
import { evalGoals, markdown, printText } from './lib/report.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const write =
  args.includes('--write') ||
  (!quick && !args.includes('--no-write') && !args.some((a) => a.startsWith('--only=')));
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');

const K = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** Every job runs in a child process of its own. Sizes: full run / --quick. */
function jobs() {
  const list = [
    {
      suite: 'ip',
      label: 'IP addresses and prefixes',
      params: {},
      about:
        'Peers: ipaddr.js 2.5.0, ip-address 10.7.6, cidr-tools 11.3.2, fast-cidr-tools 0.3.4, netmask 2.1.1, ip-num 1.6.2 ' +
        '(and netparser 1.9.0 where it has the operation). Each peer is called through its fastest entry point for the job. ' +
        'Peers that need microseconds per item are timed on a 20,000-item slice; per-item times are comparable. ' +
        'Set results are compared with a bigint interval reference as sets before timing.',
    },
  ];
  for (const routes of quick ? [1000, 10_000] : [1000, 100_000, 1_000_000]) {
    list.push({
      suite: 'lpm',
      label: `Longest-prefix match, ${K(routes)} routes`,
      params: { routes },
      rss: true,
      about:
        'Random IPv4 table (prefix lengths shaped like a BGP table, mostly /24, plus a default route) and 2^20 keys, ' +
        'either uniformly random (table in DRAM) or clustered inside a few /16s (cache-resident). Every implementation ' +
        'is checked against a per-length Map reference on a sample of keys before timing. The native reference is a ' +
        'DIR-24-8 table in C, written and compiled with gcc (-O3 -march=native, else -O2) by the bench into a temp dir; it times its own lookups.',
    });
  }
  const svc = quick ? [100, 1000] : [1000, 10_000];
  for (const services of svc) {
    list.push({
      suite: 'proxy',
      label: `kube-proxy iptables mode, ${K(services)} Services × 10 endpoints`,
      params: { mode: 'iptables', services },
      rss: true,
      about:
        'Services and EndpointSlices as `kubectl get -o json` gives them (80% ClusterIP, 15% NodePort, 5% LoadBalancer), ' +
        '10 ready endpoints each. Cold = `iptablesRules` + `formatIptablesSave` from scratch, whole runs with a GC before each.',
    });
  }
  list.push({
    suite: 'proxy',
    label: `kube-proxy iptables partial sync, one Service added to ${K(svc[1])} Services`,
    params: { mode: 'iptables-partial', services: svc[1] },
    rss: true,
    about:
      'State from `iptablesSync` of the cluster above (not timed); timed: `iptablesPartialSync` with the new Service and ' +
      'its EndpointSlice, plus formatting its `iptables-restore` input. Before timing, the state after the partial sync ' +
      'is checked to equal a full sync of the new input.',
  });
  for (const mode of ['ipvs', 'nftables']) {
    list.push({
      suite: 'proxy',
      label: `kube-proxy ${mode} mode, ${K(svc[1])} Services × 10 endpoints`,
      params: { mode, services: svc[1] },
      rss: true,
    });
  }
  list.push({
    suite: 'dns',
    label: `DNS zone, ${quick ? '100 Services / 1,500 pods' : '10,000 Services / 150,000 pods'}`,
    params: quick ? { services: 100, pods: 1500 } : { services: 10_000, pods: 150_000 },
    rss: true,
  });
  list.push({
    suite: 'cluster',
    label: quick
      ? 'Whole cluster (quick: 50 nodes, 1,500 pods, 100 Services)'
      : 'Whole cluster at the Kubernetes scalability limits (5,000 nodes, 150,000 pods, 10,000 Services)',
    params: quick
      ? { nodes: 50, pods: 1500, services: 100 }
      : { nodes: 5000, pods: 150_000, services: 10_000 },
    rss: true,
    about:
      'A compact spec with every pod selected by one Service (15 pods per Service), built with `defineCluster`; then ' +
      "one trace pod → Service name, one `resolve`, and `render` of one node's iptables-save. The first trace/render " +
      'pays for the lazily built per-node artefacts; later ones are memoised.',
  });
  return only ? list.filter((j) => only.includes(j.suite)) : list;
}

function runJob(job) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        '--max-old-space-size=8192',
        fileURLToPath(new URL('./child.mjs', import.meta.url)),
        job.suite,
        JSON.stringify(job.params),
        quick ? 'quick' : 'full',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT@@'));
      if (!line) {
        resolve({ ...job, error: `child process ended (${signal ?? `exit ${code}`}) without a result` });
        return;
      }
      resolve({ ...job, ...JSON.parse(line.slice('@@RESULT@@'.length)) });
    });
  });
}

function gccVersion() {
  const r = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

const m = machine();
const t0 = Date.now();
console.log(
  `podnet bench (${quick ? 'quick' : 'full'}) on Node ${process.version}, ${m.cpu}, ${m.cores} cores, load ${m.load.join(' ')}`,
);
const results = [];
for (const job of jobs()) {
  process.stderr.write(`\n[${job.label}]\n`);
  const loadBefore = Math.round(os.loadavg()[0] * 10) / 10;
  const started = Date.now();
  let r = await runJob(job);
  // Other work may be rebuilding a package's dist/ at this moment (tsup cleans it first): retry such a job once.
  const transient = (x) =>
    (x.cases ?? []).some((c) => c.rows.some((row) => /Cannot find module/.test(row.skipped ?? '')));
  if (transient(r)) {
    process.stderr.write('  a package was missing its dist/ (being rebuilt?): retrying this job in 20 s\n');
    await new Promise((done) => setTimeout(done, 20_000));
    r = await runJob(job);
  }
  r.load = loadBefore;
  r.seconds = Math.round((Date.now() - started) / 100) / 10;
  if (r.error) process.stderr.write(`  job failed: ${r.error.split('\n').slice(0, 3).join(' | ')}\n`);
  results.push(r);
}
const goals = evalGoals(results, quick);
console.log(printText(results, goals));
const meta = {
  seconds: (Date.now() - t0) / 1000,
  loadEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
  gcc: gccVersion(),
  loaded: m.load[0] > 0.5 || os.loadavg()[0] > 2.5,
};
if (write) {
  const path = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
  writeFileSync(path, markdown(results, goals, m, meta));
  console.log(`wrote ${path}`);
} else
  console.log('(docs/benchmarks.md not written: only full runs of every suite write it, or add --write)');
console.log(`done in ${Math.round(meta.seconds)} s`);
