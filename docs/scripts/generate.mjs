// Generates the site pages that come from the code: the example cluster's diagram (SVG laid out by Graphviz
// through the podnet CLI) and one trace as a table. Runs before `vitepress build`; its outputs are not committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { defineCluster, summary, trace } from '@podnet/cluster';
import { exampleCluster, main } from 'podnet';

const here = new URL('..', import.meta.url);
mkdirSync(new URL('public/diagrams/', here), { recursive: true });

const files = new Map();
const io = {
  out: () => {},
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: async () => {
    throw new Error('no input files');
  },
  writeFile: async (path, text) => {
    files.set(path, text);
  },
  isTty: false,
  env: {},
};
const code = await main(['diagram', '--format', 'svg', '--out', 'example.svg'], io);
if (code !== 0) throw new Error(`podnet diagram exited ${code}`);
writeFileSync(new URL('public/diagrams/example.svg', here), files.get('example.svg'));

const cluster = defineCluster(exampleCluster);
const request = { from: 'default/web-1', to: 'api.shop', port: 8080, protocol: 'TCP' };
const result = trace(cluster, request);
const escapeHtml = (text) =>
  String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('{', '&#123;');
const cell = (text) => `<code>${escapeHtml(text).replaceAll('|', '&#124;').replaceAll('\n', '<br>')}</code>`;
const s = summary(cluster);

const page = `# The example cluster

This page is generated from the code (\`docs/scripts/generate.mjs\`): \`podnet demo\` models this cluster.
${s.nodes.length} nodes, CNI \`${s.cni}\`, kube-proxy in ${s.proxy} mode, pod CIDR \`${s.podCidr}\`, service CIDR
\`${s.serviceCidr}\`.

<img class="cluster-diagram" src="/diagrams/example.svg" alt="Diagram of the example cluster: nodes, bridges, pods and routes">

## Nodes

| node | IP | pod CIDR | pods |
|---|---|---|---|
${s.nodes
  .map(
    (n) =>
      `| ${n.name} | ${n.ip} | ${n.podCidr ?? '—'} | ${n.pods
        .filter((p) => !p.addon)
        .map((p) => `${p.pod} ${p.ip ?? ''}`)
        .join('<br>')} |`,
  )
  .join('\n')}

## A trace: \`${request.from}\` → \`${request.to}:${request.port}\`

Disposition: **${result.disposition}**

<div class="trace-table">

| # | node | kind | pod | detail |
|---|---|---|---|---|
${result.hops.map((h, i) => `| ${i + 1} | ${h.node} | ${h.kind} | ${h.pod ?? ''} | ${cell(h.detail)} |`).join('\n')}

</div>
`;
writeFileSync(new URL('example.md', here), page);
console.log(`generated docs/example.md and docs/public/diagrams/example.svg (${result.disposition})`);
