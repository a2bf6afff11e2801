// DNS: build the CoreDNS view of a cluster (clusterZone) for params.services Services with 15 endpoints each and
// the matching params.pods Pods; then `answer` over a mix of queries. No JavaScript peer: goals only.
import { addRow, newCase } from '../lib/case.mjs';
import { makePods, makeServices, serviceIp } from '../lib/k8s.mjs';
import { loopOver } from '../lib/loop.mjs';
import { need } from '../lib/podnet.mjs';
import { rng } from '../lib/rng.mjs';

export async function run(params, ctx) {
  const S = params.services;
  const per = Math.max(1, Math.round(params.pods / S));
  const { services, endpointSlices } = makeServices({ services: S, endpointsPer: per });
  const pods = makePods({ services: S, endpointsPer: per });
  const input = { services, endpointSlices, pods, clusterDomain: 'cluster.local', podsMode: 'insecure' };
  const cases = [];
  const p = await need('dns', ['clusterZone', 'answer']);

  const z = newCase(
    'dns.zone',
    `DNS: clusterZone for ${S.toLocaleString('en')} Services + ${pods.length.toLocaleString('en')} pods`,
    {
      unit: 'run',
      rss: true,
    },
  );
  cases.push(z);
  const a = newCase('dns.answer', 'DNS: answer over a query mix (A, NXDOMAIN, SRV, PTR, pod A)', {
    unit: 'query',
    items: 65_536,
  });
  cases.push(a);
  if (p.missing) {
    await addRow(z, ctx, { impl: 'podnet clusterZone', kind: 'podnet', headline: true, skip: p.missing });
    await addRow(a, ctx, { impl: 'podnet answer', kind: 'podnet', headline: true, skip: p.missing });
    return cases;
  }
  const { clusterZone, answer } = p.fns;
  await addRow(z, ctx, {
    impl: 'podnet clusterZone',
    kind: 'podnet',
    headline: true,
    slow: ctx.quick ? 1 : 3,
    fn: () => clusterZone(input),
  });
  const zone = clusterZone(input);

  const r = rng(11);
  const Q = 65_536;
  const qs = [];
  const expectA = new Map();
  for (let k = 0; k < Q; k++) {
    const i = r.int(S);
    const ns = `ns-${i % 100}`;
    const x = r.float();
    if (x < 0.5) {
      const name = `svc-${i}.${ns}.svc.cluster.local.`;
      qs.push({ name, type: 'A' });
      expectA.set(name, serviceIp(i));
    } else if (x < 0.7) qs.push({ name: `nope-${i}.${ns}.svc.cluster.local.`, type: 'A' });
    else if (x < 0.8) qs.push({ name: `_http._tcp.svc-${i}.${ns}.svc.cluster.local.`, type: 'SRV' });
    else if (x < 0.9)
      qs.push({ name: `${serviceIp(i).split('.').reverse().join('.')}.in-addr.arpa.`, type: 'PTR' });
    else {
      const e = endpointSlices[i].endpoints[r.int(per)].addresses[0];
      qs.push({ name: `${e.replaceAll('.', '-')}.${ns}.pod.cluster.local.`, type: 'A' });
    }
  }
  // Query names as a server has them after decoding a message: flat strings (template literals build cons strings,
  // which every Map lookup would first have to flatten). One untimed pass first: the rate is the steady state, after
  // the zone's lazily built indexes exist (a server answers millions of queries from one zone).
  const flat = qs
    .map((q) => q.name)
    .join('\n')
    .split('\n');
  for (let k = 0; k < Q; k++) qs[k] = { name: flat[k], type: qs[k].type };
  for (const q of qs) answer(zone, q);
  await addRow(a, ctx, {
    impl: 'podnet answer',
    kind: 'podnet',
    headline: true,
    check: () => {
      for (const q of qs.slice(0, 2000)) {
        const res = answer(zone, q);
        const want = expectA.get(q.name);
        if (want !== undefined && res.answers?.[0]?.data !== want)
          return `${q.name} → ${JSON.stringify(res).slice(0, 80)}`;
        if (q.name.startsWith('nope-') && !String(res.rcode).includes('NXDOMAIN'))
          return `${q.name} → rcode ${res.rcode}`;
      }
      return true;
    },
    fn: loopOver(qs, (q) => answer(zone, q), 'x += f(list[i]).answers.length;'),
  });
  a.notes.push(
    'Query mix: 50% A of an existing Service, 20% A of a missing one (NXDOMAIN), 10% SRV, 10% PTR of a ClusterIP, 10% pod A (pods insecure). 65,536 queries as flat strings, timed after one untimed pass over them (steady state).',
  );
  return cases;
}
