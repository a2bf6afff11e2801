// The whole cluster at Kubernetes' published scalability limits (5,000 nodes, 150,000 pods, 10,000 Services):
// defineCluster, then one trace pod → Service name, one resolve, and render of one node's iptables-save.
import { addRow, newCase } from '../lib/case.mjs';
import { once } from '../lib/measure.mjs';
import { need } from '../lib/podnet.mjs';
import { u32ToIp } from '../lib/rng.mjs';

/** A compact spec: pods round-robin over the nodes, `pods / services` pods behind each Service. */
export function makeSpec({ nodes, pods, services }) {
  const per = Math.max(1, Math.floor(pods / services));
  const ns = (s) => `ns-${s % 100}`;
  return {
    name: 'scale',
    podCidr: '10.128.0.0/9',
    nodeCidrMaskSize: 24,
    serviceCidr: '10.96.0.0/12',
    cni: { plugin: 'flannel-vxlan' },
    proxy: { mode: 'iptables' },
    nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i}`, ip: u32ToIp(0xac100000 + 10 + i) })),
    pods: Array.from({ length: pods }, (_, k) => {
      const s = Math.floor(k / per) % services;
      return {
        name: `app-${s}-${k % per}`,
        namespace: ns(s),
        node: `node-${k % nodes}`,
        labels: { app: `app-${s}` },
      };
    }),
    services: Array.from({ length: services }, (_, s) => ({
      name: `app-${s}`,
      namespace: ns(s),
      selector: { app: `app-${s}` },
      ports: [{ port: 80, targetPort: 8080 }],
    })),
  };
}

export async function run(params, ctx) {
  const { nodes, pods, services } = params;
  const spec = makeSpec(params);
  const per = Math.max(1, Math.floor(pods / services));
  const cases = [];
  const scale = `${nodes.toLocaleString('en')} nodes, ${pods.toLocaleString('en')} pods, ${services.toLocaleString('en')} Services`;
  const b = newCase('cluster.build', `cluster: defineCluster (${scale})`, { unit: 'run', rss: true });
  const t = newCase('cluster.trace', 'cluster: trace pod → Service DNS name → endpoint pod', {
    unit: 'trace',
  });
  const r = newCase('cluster.resolve', 'cluster: resolve a Service name from a pod', { unit: 'resolve' });
  const n = newCase('cluster.render-iptables', "cluster: render one node's iptables-save (cold)", {
    unit: 'render',
  });
  cases.push(b, t, r, n);

  const core = await need('cluster', ['defineCluster']);
  if (core.missing) {
    for (const c of cases)
      await addRow(c, ctx, { impl: 'podnet', kind: 'podnet', headline: true, skip: core.missing });
    return cases;
  }
  const { defineCluster } = core.fns;
  let cluster;
  await addRow(b, ctx, {
    impl: 'podnet defineCluster',
    kind: 'podnet',
    headline: true,
    slow: ctx.quick ? 2 : 3,
    fn: () => {
      cluster = undefined; // let the previous run's cluster be collected before the next one is built
      cluster = defineCluster(spec);
      return cluster;
    },
  });
  if (!cluster) {
    for (const c of [t, r, n])
      await addRow(c, ctx, { impl: 'podnet', kind: 'podnet', headline: true, skip: 'defineCluster failed' });
    return cases;
  }

  // Sources: pods on node-0; destinations: Services by name (resolved through the pod's resolv.conf).
  const podName = (k) => `${spec.pods[k].namespace}/${spec.pods[k].name}`;
  const sources = Array.from({ length: Math.min(32, Math.ceil(pods / nodes)) }, (_, j) =>
    podName(j * nodes),
  ).filter((x) => !x.includes('undefined'));
  const dest = (s) => `app-${s}.ns-${s % 100}`;
  const traces = sources.map((from, j) => ({ from, to: dest((j * 7919 + 1) % services), port: 80 }));

  const tr = await need('cluster', ['trace']);
  if (tr.missing)
    await addRow(t, ctx, { impl: 'podnet trace', kind: 'podnet', headline: true, skip: tr.missing });
  else {
    const { trace } = tr.fns;
    let firstNs;
    let first;
    try {
      [firstNs, first] = once(() => trace(cluster, traces[0]));
    } catch (error) {
      first = { error };
    }
    // Warm-up: per-node artefacts of the source node are built lazily once, by the first trace. If the next trace
    // is still slow (seconds), time a few whole runs instead of a mitata series so the job stays within its budget.
    let secondNs;
    try {
      if (firstNs !== undefined && traces.length > 1) [secondNs] = once(() => trace(cluster, traces[1]));
    } catch {}
    const slowTrace = secondNs === undefined || secondNs > 2e8;
    for (const q of slowTrace ? traces.slice(1, 2) : traces) {
      try {
        trace(cluster, q);
      } catch {}
    }
    let i = 0;
    const row = await addRow(t, ctx, {
      impl: 'podnet trace (warm)',
      kind: 'podnet',
      headline: true,
      slow: slowTrace ? 3 : undefined,
      check: () => {
        if (first.error) throw first.error;
        return first.disposition === 'DELIVERED'
          ? true
          : `${traces[0].from} → ${traces[0].to}: ${first.disposition}`;
      },
      fn: () => trace(cluster, traces[i++ % traces.length]),
    });
    if (firstNs !== undefined) row.firstNs = firstNs;
    t.notes.push(
      `From pods on node-0 to ${traces.length} different Services by name, port 80; ${per} endpoints per Service. The first trace (cold, builds node-0's artefacts) is noted in the row.`,
    );
  }

  const rs = await need('cluster', ['resolve']);
  if (rs.missing)
    await addRow(r, ctx, { impl: 'podnet resolve', kind: 'podnet', headline: true, skip: rs.missing });
  else {
    const { resolve } = rs.fns;
    let i = 0;
    await addRow(r, ctx, {
      impl: 'podnet resolve',
      kind: 'podnet',
      headline: true,
      check: () => {
        const res = resolve(cluster, traces[0].from, traces[0].to);
        return res ? true : 'no result';
      },
      fn: () => resolve(cluster, traces[i % traces.length].from, traces[i++ % traces.length].to),
    });
  }

  const rd = await need('cluster', ['render']);
  if (rd.missing)
    await addRow(n, ctx, { impl: 'podnet render', kind: 'podnet', headline: true, skip: rd.missing });
  else {
    const { render } = rd.fns;
    // Each run renders a node not rendered before, so every run pays for that node's rules (cold).
    let k = 1;
    const nextNode = () => `node-${k++ % nodes}`;
    await addRow(n, ctx, {
      impl: "podnet render(node, 'iptables-save')",
      kind: 'podnet',
      headline: true,
      slow: ctx.quick ? 1 : 3,
      check: () => {
        const text = render(cluster, { node: nextNode(), artefact: 'iptables-save' });
        return typeof text === 'string' && text.includes('KUBE-SERVICES')
          ? true
          : 'no KUBE-SERVICES chain in the output';
      },
      fn: () => render(cluster, { node: nextNode(), artefact: 'iptables-save' }),
    });
  }
  return cases;
}
