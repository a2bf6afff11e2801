import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { answer } from './answer.ts';
import { clusterZone } from './cluster-zone.ts';
import type { KubeService } from './kube-objects.ts';

const name = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
const svcArb = fc.record({
  name,
  namespace: name,
  ip: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.96.${a}.${b}`),
});

function flipCase(s: string, mask: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += (mask >> (i % 30)) & 1 ? (s[i] as string).toUpperCase() : s[i];
  return out;
}

describe('answer properties', () => {
  test.prop(
    [fc.uniqueArray(svcArb, { maxLength: 8, selector: (s) => `${s.name}.${s.namespace}` }), fc.nat()],
    {
      numRuns: 150,
    },
  )('every ClusterIP service answers its IP, in any letter case', (list, mask) => {
    const services: KubeService[] = list.map((s) => ({
      metadata: { name: s.name, namespace: s.namespace },
      spec: { clusterIP: s.ip },
    }));
    const zone = clusterZone({ clusterDomain: 'cluster.local', services });
    for (const s of list) {
      const q = flipCase(`${s.name}.${s.namespace}.svc.cluster.local.`, mask);
      const r = answer(zone, { name: q, type: 'A' });
      expect(r.rcode).toBe('NOERROR');
      expect(r.answers).toEqual([{ name: q, type: 'A', ttl: 5, data: s.ip }]);
      expect(answer(zone, { name: q, type: 'AAAA' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    }
  });

  test.prop(
    [
      fc.string({ maxLength: 60 }),
      fc.constantFrom('A', 'AAAA', 'SRV', 'PTR', 'TXT', 'CNAME', 'MX', 'SOA', 'NS', 'x'),
    ],
    {
      numRuns: 300,
    },
  )('never throws and always gives a known rcode', (n, type) => {
    const zone = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'insecure',
      services: [{ metadata: { name: 'a', namespace: 'b' }, spec: { clusterIP: '10.0.0.1' } }],
    });
    for (const q of [n, `${n}.svc.cluster.local`, `${n}.b.pod.cluster.local`, `${n}.in-addr.arpa`]) {
      const r = answer(zone, { name: q, type });
      expect(['NOERROR', 'NXDOMAIN', 'REFUSED', 'SERVFAIL']).toContain(r.rcode);
      if (r.rcode !== 'NOERROR') expect(r.answers).toEqual([]);
    }
  });
});
