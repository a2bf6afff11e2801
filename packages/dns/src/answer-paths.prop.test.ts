// The quick and learned paths of `answer` must give exactly what the general CoreDNS path
// (`resolveAnswer`) gives, for every zone option that changes the outcome.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { type ClusterZoneInput, clusterZone } from './cluster-zone.ts';
import type { DnsAnswer } from './internal/resolve.ts';
import { resolveAnswer } from './internal/resolve.ts';
import type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';

const services: KubeService[] = [
  {
    metadata: { name: 'web', namespace: 'shop' },
    spec: { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] },
  },
  {
    metadata: { name: 'db', namespace: 'shop' },
    spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] },
  },
  {
    metadata: { name: 'ext', namespace: 'shop' },
    spec: { type: 'ExternalName', externalName: 'example.com' },
  },
  { metadata: { name: 'api', namespace: 'other' }, spec: { clusterIP: '10.96.0.11' } },
];
const endpointSlices: KubeEndpointSlice[] = [
  {
    metadata: { namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db' } },
    endpoints: [{ addresses: ['10.244.1.5'], hostname: 'db-0' }],
    ports: [{ name: 'pg', port: 5432 }],
  },
];
const pods: KubePod[] = [
  { metadata: { namespace: 'shop' }, status: { podIP: '10.244.1.5' } },
  { metadata: { namespace: 'other' }, status: { podIP: '10.244.2.7' } },
  { metadata: { namespace: 'other' }, status: { podIP: '010.1.1.1' } },
];

const variants: Partial<ClusterZoneInput>[] = [
  { podsMode: 'insecure' },
  { podsMode: 'verified' },
  { podsMode: 'disabled' },
  { podsMode: 'verified', exposedNamespaces: ['shop'] },
  { podsMode: 'insecure', synced: false },
  { podsMode: 'insecure', fallthrough: ['cluster.local'] },
  { podsMode: 'insecure', zones: ['cluster.local', 'svc.cluster.local', 'in-addr.arpa'] },
  { podsMode: 'insecure', zones: ['.'] },
];

const FIRST = [
  'web',
  'db',
  'ext',
  'api',
  'nope',
  'db-0',
  '10-244-1-5',
  '10-244-2-7',
  '010-1-1-1',
  '10-244-1',
  '10-244-1-5-6',
  '10--244-1',
  '256-1-1-1',
  '0-0-0-0',
  'fd00--1',
  '1-2-3-4-',
  '',
];
const LABEL = ['shop', 'other', 'missing', 'svc', 'pod', ''];
const KIND = ['svc', 'pod', 'xyz', ''];
const first = fc.constantFrom(...FIRST);
const label = fc.constantFrom(...LABEL);
const kind = fc.constantFrom(...KIND);
const zoneName = fc.constantFrom('cluster.local.', 'svc.cluster.local.', 'example.org.', '');
const type = fc.constantFrom(
  'A',
  'AAAA',
  'SRV',
  'PTR',
  'TXT',
  'CNAME',
  'MX',
  'SOA',
  'NS',
  'a',
  'srv',
  'AXFR',
);

function flip(s: string, mask: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += (mask >> (i % 30)) & 1 ? (s[i] as string).toUpperCase() : s[i];
  return out;
}

function view(r: DnsAnswer): unknown {
  return {
    rcode: r.rcode,
    answers: r.answers,
    authority: r.authority,
    additional: r.additional,
    upstream: r.upstream,
  };
}

const zones = variants.map((v) =>
  clusterZone({ clusterDomain: 'cluster.local', services, endpointSlices, pods, ...v }),
);

/** `[got, want]` for a question asked three times: as given, again (learned by now), in lower case. */
function pair(zone: (typeof zones)[number], name: string, t: string): [unknown[], unknown[]] {
  const qname = name.endsWith('.') ? name : `${name}.`;
  const lq = qname.toLowerCase();
  const want = view(resolveAnswer(zone, qname, lq, t.toUpperCase()));
  return [
    [
      name,
      t,
      view(answer(zone, { name, type: t })),
      view(answer(zone, { name, type: t })),
      view(answer(zone, { name: lq, type: t })),
    ],
    [name, t, want, want, view(resolveAnswer(zone, lq, lq, t.toUpperCase()))],
  ];
}

function check(zone: (typeof zones)[number], name: string, t: string): void {
  const [got, want] = pair(zone, name, t);
  expect(got).toEqual(want);
}

describe('answer: quick and learned paths agree with the general path', () => {
  it('every <first>.<label>.<svc|pod|…>.cluster.local name, every zone variant, A/AAAA/SRV/TXT/MX', () => {
    for (const zone of zones) {
      const got: unknown[] = [];
      const want: unknown[] = [];
      for (const f of FIRST)
        for (const ns of LABEL)
          for (const k of KIND) {
            const plain = [f, ns, k].filter((x) => x !== '').join('.');
            for (const t of ['A', 'AAAA', 'SRV', 'TXT', 'MX']) {
              for (const name of [`${plain}.cluster.local.`, `${plain.toUpperCase()}.Cluster.Local`]) {
                const [g, w] = pair(zone, name, t);
                got.push(g);
                want.push(w);
              }
            }
          }
      expect(got).toEqual(want);
    }
  });

  test.prop(
    [
      fc.nat(variants.length - 1),
      fc.array(fc.tuple(first, label, kind, zoneName, type, fc.nat(), fc.boolean()), {
        minLength: 1,
        maxLength: 12,
      }),
    ],
    {
      numRuns: 300,
    },
  )(
    'same rcode, answers, authority, additional and upstream — asked repeatedly, in any case',
    (v, questions) => {
      const zone = zones[v] as (typeof zones)[number];
      for (const [f, ns, k, z, t, mask, dot] of questions) {
        const plain = [f, ns, k].filter((x) => x !== '').join('.');
        const lower = `${plain}${plain === '' ? '' : '.'}${z}`;
        const name = flip(dot ? lower : lower.replace(/\.$/, ''), mask);
        check(zone, name, t);
      }
    },
  );
});

describe('answer: learned answers', () => {
  it('negative answers are kept (frozen, shared), pod answers rebuilt in the asked spelling, capped per type', () => {
    const zone = clusterZone({
      clusterDomain: 'cluster.local',
      services,
      endpointSlices,
      pods,
      podsMode: 'insecure',
    });
    const name = '10-244-1-5.shop.pod.cluster.local.';
    const first = answer(zone, { name, type: 'A' });
    expect(first.answers).toEqual([{ name, type: 'A', ttl: 5, data: '10.244.1.5' }]);
    expect(zone.fast.A.has(name)).toBe(false);
    const upper = answer(zone, { name: name.toUpperCase(), type: 'a' });
    expect(upper.answers[0]?.name).toBe(name.toUpperCase());
    // AAAA for an existing pod is NODATA: kept.
    const nodata = answer(zone, { name, type: 'AAAA' });
    expect(nodata).toEqual({ rcode: 'NOERROR', answers: [] });
    expect(zone.fast.AAAA.get(name)).toBe(nodata);
    const nx = answer(zone, { name: 'nope.shop.svc.cluster.local.', type: 'A' });
    expect(zone.fast.A.get('nope.shop.svc.cluster.local.')).toBe(nx);
    expect(Object.isFrozen(nx)).toBe(true);
    expect(answer(zone, { name: 'NOPE.shop.svc.cluster.local', type: 'A' })).toBe(nx);

    const before = zone.fast.A.size;
    for (let i = 0; i < zone.fast.capacity + 10; i++) {
      const r = answer(zone, { name: `nope-${i}.shop.svc.cluster.local.`, type: 'A' });
      if (r.rcode !== 'NXDOMAIN') throw new Error(`nope-${i}: ${r.rcode}`);
    }
    expect(zone.fast.A.size).toBe(zone.fast.capacity);
    expect(zone.fast.A.size).toBeGreaterThan(before);
    expect(
      answer(zone, { name: `nope-${zone.fast.capacity + 5}.shop.svc.cluster.local.`, type: 'A' }).rcode,
    ).toBe('NXDOMAIN');
    // Names longer than a DNS message can carry are answered but never kept.
    const long = `${'a'.repeat(300)}.shop.svc.cluster.local.`;
    const fresh = clusterZone({ clusterDomain: 'cluster.local', services });
    expect(answer(fresh, { name: long, type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(fresh.fast.A.has(long)).toBe(false);
  });
});
