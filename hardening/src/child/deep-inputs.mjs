// Run by hostile.test.ts in a child process (yaml 2.9 on Node 20 can kill the whole process on deeply nested
// flow collections, so these inputs never go through the test runner's own process). Imports the built dist of
// the packages, feeds each deep input to its entry point, prints one JSON line per case.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const cluster = await load('@podnet/cluster');
const cni = await load('@podnet/cni');
const dns = await load('@podnet/dns');

const deepArray = (n) => {
  let v = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const deepObject = (n) => {
  let v = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};
const deepObjectText = (n) => `${'{"a":'.repeat(n)}{}${'}'.repeat(n)}`;
const nestedMaps = (n) => {
  let out = '';
  for (let i = 0; i < n; i++) out += `${' '.repeat(i)}a:\n`;
  return `${out}${' '.repeat(n)}b: 1\n`;
};

const N = Number(process.argv[2] ?? 5000);
const cases = [
  ['cluster', 'defineCluster', "'['.repeat(N)", () => cluster.defineCluster('['.repeat(N))],
  [
    'cluster',
    'defineCluster',
    "'['.repeat(N) again (second document in one process)",
    () => cluster.defineCluster('['.repeat(N)),
  ],
  ['cluster', 'defineCluster', "'{'.repeat(N)", () => cluster.defineCluster('{'.repeat(N))],
  ['cluster', 'defineCluster', "'a: ['.repeat(N)", () => cluster.defineCluster('a: ['.repeat(N))],
  ['cluster', 'defineCluster', "'- '.repeat(N)", () => cluster.defineCluster(`${'- '.repeat(N)}x\n`)],
  [
    'cluster',
    'defineCluster',
    'N nested block maps',
    () => cluster.defineCluster(nestedMaps(Math.min(N, 3000))),
  ],
  [
    'cluster',
    'defineCluster',
    'valid JSON nested 100000 deep',
    () => cluster.defineCluster(`${'['.repeat(100000)}${']'.repeat(100000)}`),
  ],
  [
    'cluster',
    'defineCluster',
    'JSON object nested 50000 deep (text)',
    () => cluster.defineCluster(deepObjectText(50000)),
  ],
  [
    'cluster',
    'defineCluster',
    'JS object nested 100000 deep',
    () => cluster.defineCluster({ name: 'x', nodes: [], labels: deepObject(100000) }),
  ],
  [
    'cluster',
    'defineCluster',
    'JS array nested 100000 deep as nodes',
    () => cluster.defineCluster({ name: 'x', nodes: deepArray(100000) }),
  ],
  ['cluster', 'loadCluster', "'['.repeat(N)", () => cluster.loadCluster('['.repeat(N))],
  [
    'cluster',
    'fromKubernetesObjects',
    'JS object nested 100000 deep',
    () => cluster.fromKubernetesObjects({ apiVersion: 'v1', kind: 'List', items: [deepObject(100000)] }),
  ],
  [
    'cluster',
    'fromKubernetesObjects',
    'JS array nested 100000 deep',
    () => cluster.fromKubernetesObjects(deepArray(100000)),
  ],
  [
    'cluster',
    'parseClusterSpec',
    'JS object nested 100000 deep',
    () => cluster.parseClusterSpec(deepObject(100000)),
  ],
  [
    'cni',
    'parseNetConfList',
    'valid JSON nested 100000 deep',
    () => cni.parseNetConfList(`${'['.repeat(100000)}${']'.repeat(100000)}`),
  ],
  [
    'cni',
    'parseNetConfList',
    'JSON object nested 50000 deep in a plugin',
    () =>
      cni.parseNetConfList(
        `{"cniVersion":"1.0.0","name":"x","plugins":[{"type":"bridge","deep":${deepObjectText(50000)}}]}`,
      ),
  ],
  [
    'cni',
    'parseNetConfList',
    'JS object nested 100000 deep in a plugin',
    () =>
      cni.parseNetConfList({
        cniVersion: '1.0.0',
        name: 'x',
        plugins: [{ type: 'bridge', deep: deepObject(100000) }],
      }),
  ],
  [
    'cni',
    'parseNetConf',
    'JS object nested 100000 deep',
    () => cni.parseNetConf({ cniVersion: '1.0.0', name: 'x', type: 'bridge', args: deepObject(100000) }),
  ],
  [
    'cni',
    'parseResult',
    'JS object nested 100000 deep',
    () => cni.parseResult({ cniVersion: '1.0.0', interfaces: deepArray(100000) }),
  ],
  [
    'cni',
    'parseResult',
    'JS array nested 100 deep',
    () => cni.parseResult({ cniVersion: '1.0.0', interfaces: deepArray(100) }),
  ],
  [
    'cni',
    'parseResult',
    'JSON text nested 100000 deep',
    () => cni.parseResult(`{"cniVersion":"1.0.0","interfaces":${'['.repeat(100000)}${']'.repeat(100000)}}`),
  ],
  [
    'dns',
    'parseCorefile',
    'blocks nested 100000 deep',
    () => dns.parseCorefile(`.:53 {\n${'a {\n'.repeat(100000)}${'}\n'.repeat(100000)}}\n`),
  ],
  [
    'dns',
    'parseCorefile',
    'blocks nested N deep',
    () => dns.parseCorefile(`.:53 {\n${'a {\n'.repeat(N)}${'}\n'.repeat(N)}}\n`),
  ],
  ['dns', 'parseCorefile', "'{'.repeat(N)", () => dns.parseCorefile(`.:53 {${'{'.repeat(N)}`)],
];

for (const [pkg, fn, input, call] of cases) {
  const start = performance.now();
  let outcome;
  try {
    call();
    outcome = { result: 'value' };
  } catch (error) {
    outcome = {
      result: 'threw',
      name: error?.constructor?.name ?? typeof error,
      code: error?.code,
      message: String(error?.message ?? error).slice(0, 200),
    };
  }
  const ms = Math.round(performance.now() - start);
  process.stdout.write(`${JSON.stringify({ pkg, fn, input, ms, ...outcome })}\n`);
}
