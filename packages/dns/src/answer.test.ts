import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { clusterZone } from './cluster-zone.ts';
import type { KubeEndpointSlice, KubeService } from './kube-objects.ts';

// Fixture: coredns/coredns plugin/kubernetes/handler_test.go (svcIndex / epsIndex of
// APIConnServeTest), written as the Kubernetes objects CoreDNS would have read.
const svc = (name: string, spec: NonNullable<KubeService['spec']>, namespace = 'testns'): KubeService => ({
  metadata: { name, namespace },
  spec,
});
const http = [{ name: 'http', port: 80, protocol: 'TCP' }];
const services: KubeService[] = [
  svc(
    'kubedns',
    { clusterIP: '10.0.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    'kube-system',
  ),
  svc('svc1', { clusterIP: '10.0.0.1', ports: http }),
  svc('svcempty', { clusterIP: '10.0.0.1', ports: http }),
  svc('svc6', { clusterIP: '1234:abcd::1', ports: http }),
  svc('hdls1', { clusterIP: 'None' }),
  svc('external', { type: 'ExternalName', externalName: 'ext.interwebs.test', ports: http }),
  svc('external-to-service', {
    type: 'ExternalName',
    externalName: 'svc1.testns.svc.cluster.local.',
    ports: http,
  }),
  svc('hdlsprtls', { clusterIP: 'None' }),
  svc('svc-dual-stack', { clusterIP: '10.0.0.3', clusterIPs: ['10.0.0.3', '10::3'], ports: http }),
];
const slice = (
  service: string,
  endpoints: { ip: string; hostname?: string }[],
  ports: KubeEndpointSlice['ports'],
  namespace = 'testns',
): KubeEndpointSlice => ({
  metadata: { name: `${service}-slice1`, namespace, labels: { 'kubernetes.io/service-name': service } },
  endpoints: endpoints.map((e) => ({
    addresses: [e.ip],
    conditions: { ready: true },
    ...(e.hostname ? { hostname: e.hostname } : {}),
  })),
  ports,
});
const endpointSlices: KubeEndpointSlice[] = [
  slice('kubedns', [{ ip: '172.0.0.100' }], [{ name: 'dns', port: 53, protocol: 'UDP' }], 'kube-system'),
  slice('svc1', [{ ip: '172.0.0.1', hostname: 'ep1a' }], http),
  slice('svcempty', [], http),
  slice(
    'hdls1',
    [
      { ip: '172.0.0.2' },
      { ip: '172.0.0.3' },
      { ip: '172.0.0.4', hostname: 'dup-name' },
      { ip: '172.0.0.5', hostname: 'dup-name' },
      { ip: '5678:abcd::1' },
      { ip: '5678:abcd::2' },
    ],
    http,
  ),
  slice('hdlsprtls', [{ ip: '172.0.0.20' }], null),
];
// built before each test (not while the file loads), so a mutant that breaks it fails a test
let zone: ReturnType<typeof clusterZone>;
beforeEach(() => {
  zone = clusterZone({ services, endpointSlices, clusterDomain: 'cluster.local' });
});
const SOA = 'ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5';

const q = (name: string, type: string) => answer(zone, { name, type });
const rr = (name: string, type: string, data: string, ttl = 5) => ({ name, type, ttl, data });

describe('answer — coredns plugin/kubernetes/handler_test.go TestServeDNS cases', () => {
  it('A for a ClusterIP service, with or without endpoints', () => {
    expect(q('svc1.testns.svc.cluster.local.', 'A')).toMatchObject({
      rcode: 'NOERROR',
      answers: [rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1')],
    });
    expect(q('svcempty.testns.svc.cluster.local.', 'A').answers).toEqual([
      rr('svcempty.testns.svc.cluster.local.', 'A', '10.0.0.1'),
    ]);
  });

  it('SRV for a ClusterIP service (bare name and _http._tcp), target address in additional', () => {
    for (const name of ['svc1.testns.svc.cluster.local.', '_http._tcp.svc1.testns.svc.cluster.local.']) {
      const r = q(name, 'SRV');
      expect(r.answers).toEqual([rr(name, 'SRV', '0 100 80 svc1.testns.svc.cluster.local.')]);
      expect(r.additional).toEqual([rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1')]);
    }
    expect(q('svc6.testns.svc.cluster.local.', 'SRV').additional).toEqual([
      rr('svc6.testns.svc.cluster.local.', 'AAAA', '1234:abcd::1'),
    ]);
  });

  it('headless A: one record per ready IPv4 endpoint; AAAA per IPv6 endpoint', () => {
    expect(q('hdls1.testns.svc.cluster.local.', 'A').answers.map((r) => r.data)).toEqual([
      '172.0.0.2',
      '172.0.0.3',
      '172.0.0.4',
      '172.0.0.5',
    ]);
    expect(q('hdls1.testns.svc.cluster.local.', 'AAAA').answers.map((r) => r.data)).toEqual([
      '5678:abcd::1',
      '5678:abcd::2',
    ]);
  });

  it('headless and portless service, and its endpoint', () => {
    expect(q('hdlsprtls.testns.svc.cluster.local.', 'A').answers).toEqual([
      rr('hdlsprtls.testns.svc.cluster.local.', 'A', '172.0.0.20'),
    ]);
    expect(q('172-0-0-20.hdlsprtls.testns.svc.cluster.local.', 'A').answers).toEqual([
      rr('172-0-0-20.hdlsprtls.testns.svc.cluster.local.', 'A', '172.0.0.20'),
    ]);
    // No ports: the sentinel port -1 gives no SRV record → NODATA.
    expect(q('hdlsprtls.testns.svc.cluster.local.', 'SRV')).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('endpoint names: dashed IP and shared hostname', () => {
    expect(q('172-0-0-2.hdls1.testns.svc.cluster.local.', 'A').answers).toEqual([
      rr('172-0-0-2.hdls1.testns.svc.cluster.local.', 'A', '172.0.0.2'),
    ]);
    expect(q('dup-name.hdls1.testns.svc.cluster.local.', 'A').answers.map((r) => r.data)).toEqual([
      '172.0.0.4',
      '172.0.0.5',
    ]);
    expect(q('5678-abcd--2.hdls1.testns.svc.cluster.local', 'AAAA').answers).toEqual([
      rr('5678-abcd--2.hdls1.testns.svc.cluster.local.', 'AAAA', '5678:abcd::2'),
    ]);
  });

  it('headless SRV: weight ⌊100/6⌋ = 16, duplicates (dup-name:80) folded', () => {
    const r = q('_http._tcp.hdls1.testns.svc.cluster.local.', 'SRV');
    const name = '_http._tcp.hdls1.testns.svc.cluster.local.';
    expect(r.answers).toEqual([
      rr(name, 'SRV', '0 16 80 172-0-0-2.hdls1.testns.svc.cluster.local.'),
      rr(name, 'SRV', '0 16 80 172-0-0-3.hdls1.testns.svc.cluster.local.'),
      rr(name, 'SRV', '0 16 80 dup-name.hdls1.testns.svc.cluster.local.'),
      rr(name, 'SRV', '0 16 80 5678-abcd--1.hdls1.testns.svc.cluster.local.'),
      rr(name, 'SRV', '0 16 80 5678-abcd--2.hdls1.testns.svc.cluster.local.'),
    ]);
    expect(r.additional).toHaveLength(6);
    expect(r.additional).toContainEqual(rr('dup-name.hdls1.testns.svc.cluster.local.', 'A', '172.0.0.5'));
  });

  it('ExternalName: CNAME; A chases an in-zone target', () => {
    expect(q('external.testns.svc.cluster.local.', 'CNAME').answers).toEqual([
      rr('external.testns.svc.cluster.local.', 'CNAME', 'ext.interwebs.test.'),
    ]);
    expect(q('external-to-service.testns.svc.cluster.local', 'A').answers).toEqual([
      rr('external-to-service.testns.svc.cluster.local.', 'CNAME', 'svc1.testns.svc.cluster.local.'),
      rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1'),
    ]);
    // Outside the zone CoreDNS would ask upstream; the model keeps just the CNAME, first.
    expect(q('external.testns.svc.cluster.local.', 'A').answers).toEqual([
      rr('external.testns.svc.cluster.local.', 'CNAME', 'ext.interwebs.test.'),
    ]);
    // SRV for ExternalName is not implemented: CNAMEs are filtered → NODATA.
    expect(q('external.testns.svc.cluster.local.', 'SRV')).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('NODATA vs NXDOMAIN with the SOA in authority', () => {
    const nodata = q('svc1.testns.svc.cluster.local.', 'AAAA');
    expect(nodata).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(nodata.authority).toEqual([rr('cluster.local.', 'SOA', SOA)]);
    for (const [name, type] of [
      ['svc0.testns.svc.cluster.local.', 'AAAA'],
      ['svc0.testns.svc.cluster.local.', 'A'],
      ['svc0.svc-nons.svc.cluster.local.', 'A'],
      ['bogusendpoint.hdls1.testns.svc.cluster.local.', 'A'],
      ['bogusendpoint.svc0.testns.svc.cluster.local.', 'A'],
      ['*._not-udp-or-tcp.svc1.testns.svc.cluster.local.', 'SRV'],
      ['foo.cluster.local.', 'NS'],
      ['foo.svc.cluster.local.', 'NS'],
    ] as const) {
      const r = q(name, type);
      expect(r.rcode, `${name} ${type}`).toBe('NXDOMAIN');
      expect(r.authority).toEqual([rr('cluster.local.', 'SOA', SOA)]);
    }
    for (const [name, type] of [
      ['svc.cluster.local.', 'A'],
      ['pod.cluster.local.', 'A'],
      ['testns.svc.cluster.local.', 'A'],
      ['svc.cluster.local.', 'NS'],
      ['testns.svc.cluster.local.', 'NS'],
      ['svc1.testns.svc.cluster.local.', 'SOA'],
    ] as const) {
      expect(q(name, type), `${name} ${type}`).toMatchObject({ rcode: 'NOERROR', answers: [] });
    }
  });

  it('TXT dns-version', () => {
    expect(q('dns-version.cluster.local.', 'TXT').answers).toEqual([
      rr('dns-version.cluster.local.', 'TXT', '1.1.0', 28800),
    ]);
  });

  it('dual-stack ClusterIP service: A, AAAA, SRV weight 50 de-duplicated', () => {
    const name = 'svc-dual-stack.testns.svc.cluster.local.';
    expect(q(name, 'A').answers).toEqual([rr(name, 'A', '10.0.0.3')]);
    expect(q(name, 'AAAA').answers).toEqual([rr(name, 'AAAA', '10::3')]);
    const s = q(name, 'SRV');
    expect(s.answers).toEqual([rr(name, 'SRV', `0 50 80 ${name}`)]);
    expect(s.additional).toEqual([rr(name, 'A', '10.0.0.3'), rr(name, 'AAAA', '10::3')]);
  });
});

describe('answer — case handling (coredns handler_case_test.go)', () => {
  it('matches case-insensitively and keeps the query spelling', () => {
    expect(q('SvC1.TeStNs.SvC.cLuStEr.LoCaL.', 'A').answers).toEqual([
      rr('SvC1.TeStNs.SvC.cLuStEr.LoCaL.', 'A', '10.0.0.1'),
    ]);
  });
});

describe('answer — reverse zones (coredns reverse_test.go)', () => {
  it('PTR for a cluster IP, an endpoint, unknown IP', () => {
    expect(q('1.0.0.10.in-addr.arpa.', 'PTR').answers).toEqual([
      rr('1.0.0.10.in-addr.arpa.', 'PTR', 'svc1.testns.svc.cluster.local.'),
    ]);
    expect(q('2.0.0.172.in-addr.arpa.', 'PTR').answers).toEqual([
      rr('2.0.0.172.in-addr.arpa.', 'PTR', '172-0-0-2.hdls1.testns.svc.cluster.local.'),
    ]);
    expect(
      q('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.', 'PTR').answers,
    ).toEqual([
      rr(
        '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.8.7.6.5.ip6.arpa.',
        'PTR',
        '5678-abcd--1.hdls1.testns.svc.cluster.local.',
      ),
    ]);
    const unknown = q('9.9.9.10.in-addr.arpa.', 'PTR');
    // NXDOMAIN, and kubeadm's `fallthrough in-addr.arpa ip6.arpa` hands it on.
    expect(unknown).toMatchObject({ rcode: 'NXDOMAIN', upstream: true });
    expect(unknown.authority[0]?.name).toBe('in-addr.arpa.');
  });

  it('names outside the zones are not answered here', () => {
    expect(q('www.example.com', 'A')).toMatchObject({ rcode: 'REFUSED', upstream: true });
  });
});

describe('answer — precomputed answers equal the CoreDNS path', () => {
  it('every fast entry matches resolveAnswer, in any letter case', async () => {
    const { resolveAnswer } = await import('./internal/resolve.ts');
    const fast = zone.fast;
    expect(fast.A.size + fast.SRV.size + fast.PTR.size).toBeGreaterThan(services.length);
    for (const type of ['A', 'AAAA', 'SRV', 'PTR'] as const) {
      for (const [name, hit] of fast[type]) {
        expect(hit).toEqual(resolveAnswer(zone, name, name, type));
        const upper = name.toUpperCase();
        expect(answer(zone, { name: upper, type })).toEqual(resolveAnswer(zone, upper, name, type));
      }
    }
  });
});

describe('answer — shape', () => {
  it('deep-equals { rcode, answers }; authority, additional and upstream are readable extras', () => {
    expect(q('svc1.testns.svc.cluster.local.', 'A')).toEqual({
      rcode: 'NOERROR',
      answers: [rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1')],
    });
    const nx = q('svc0.testns.svc.cluster.local.', 'A');
    expect(nx).toEqual({ rcode: 'NXDOMAIN', answers: [] });
    expect(Object.keys(nx)).toEqual(['rcode', 'answers']);
    expect(nx.authority[0]?.type).toBe('SOA');
    expect(nx.upstream).toBe(false);
    expect(q('SVC1.testns.svc.cluster.local.', 'SRV').additional).toHaveLength(1);
  });
});

describe('answer — not synced (handler_test.go TestNotSyncedServeDNS)', () => {
  it('names that would be NXDOMAIN get SERVFAIL before the informers sync', () => {
    const cold = clusterZone({ services, endpointSlices, clusterDomain: 'cluster.local', synced: false });
    const r = answer(cold, { name: 'svc0.testns.svc.cluster.local.', type: 'A' });
    expect(r).toEqual({ rcode: 'SERVFAIL', answers: [] });
    expect(r.authority[0]?.data).toBe(SOA);
    expect(answer(cold, { name: 'svc1.testns.svc.cluster.local.', type: 'A' }).rcode).toBe('NOERROR');
    // fallthrough zones still hand NXDOMAIN on.
    expect(answer(cold, { name: '9.9.9.9.in-addr.arpa.', type: 'PTR' })).toEqual({
      rcode: 'NXDOMAIN',
      answers: [],
    });
  });
});

describe('answer — shared answers are frozen', () => {
  it('a caller cannot change what the next caller gets', () => {
    const r = q('svc1.testns.svc.cluster.local.', 'A');
    expect(Object.isFrozen(r)).toBe(true);
    expect(() => {
      (r.answers as unknown as { data: string }[])[0]!.data = '6.6.6.6';
    }).toThrow(TypeError);
    expect(q('svc1.testns.svc.cluster.local.', 'A').answers[0]?.data).toBe('10.0.0.1');
    expect(Object.isFrozen(q('nope.testns.svc.cluster.local.', 'A'))).toBe(true);
  });
});

describe('answer — bad questions: code, message, path', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let z: ReturnType<typeof clusterZone>;
  beforeEach(() => {
    z = clusterZone({ clusterDomain: 'cluster.local' });
  });
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const d = e as { code: string; message: string; path: readonly unknown[] };
      return [d.code, d.message, d.path];
    }
    return null;
  };
  it.each([
    [() => answer(z, null as never), 'answer expects a question { name, type }, got null', []],
    [() => answer(z, 'a.' as never), 'answer expects a question { name, type }, got "a."', []],
    [() => answer(z, { name: 5, type: 'A' } as never), 'question name must be a string, got 5', ['name']],
    [() => answer(z, { type: 'A' } as never), 'question name must be a string, got undefined', ['name']],
    [
      () => answer(z, { name: 'a.', type: ['A'] } as never),
      'question type must be a string, got an array',
      ['type'],
    ],
    [
      () => answer(null as never, { name: 'a.', type: 'A' }),
      'answer expects a zone built by clusterZone(), got null',
      ['zone'],
    ],
  ])('%#', (f, message, path) => {
    expect(err(f)).toEqual(['INVALID_INPUT', message, path]);
  });
});

describe('answer — pod names the quick path reads agree with the general path', () => {
  const pods = [
    { metadata: { namespace: 'a' }, status: { podIP: '1.2.3.4' } },
    { metadata: { namespace: 'a' }, status: { podIP: '255.255.255.255' } },
    { metadata: { namespace: 'a' }, status: { podIP: '0.0.0.0' } },
  ];
  const labels = [
    '1-2-3-4',
    '255-255-255-255',
    '0-0-0-0',
    '01-2-3-4',
    '1-2-3-04',
    '00-0-0-0',
    '1234-2-3-4',
    '256-2-3-4',
    '999-2-3-4',
    '1-2-3',
    '1-2-3-4-5',
    '1-2-3-',
    '1-2-3-4-',
    '-1-2-3-4',
    '1--2-3-4',
    '1-2--3-4',
    '1a-2-3-4',
    '1-2-3-4a',
    'a',
    '1',
  ];
  for (const podsMode of ['insecure', 'verified', 'disabled'] as const) {
    it(`podsMode ${podsMode}`, async () => {
      const { resolveAnswer } = await import('./internal/resolve.ts');
      const z = clusterZone({ clusterDomain: 'cluster.local', podsMode, pods, namespaces: ['b'] });
      for (const label of labels)
        for (const ns of ['a', 'b', 'missing'])
          for (const type of ['A', 'AAAA']) {
            const name = `${label}.${ns}.pod.cluster.local.`;
            const got = answer(z, { name, type });
            const want = resolveAnswer(z, name, name, type);
            expect([name, type, got.rcode, got.answers, got.authority, got.upstream]).toEqual([
              name,
              type,
              want.rcode,
              want.answers,
              want.authority,
              want.upstream,
            ]);
          }
    });
  }

  it('IPv4 pod names: insecure answers any address, verified only existing pods in that namespace', () => {
    const insecure = clusterZone({ clusterDomain: 'cluster.local', podsMode: 'insecure', pods });
    expect(answer(insecure, { name: '9-9-9-9.a.pod.cluster.local.', type: 'A' }).answers).toEqual([
      rr('9-9-9-9.a.pod.cluster.local.', 'A', '9.9.9.9'),
    ]);
    expect(
      answer(insecure, { name: '255-255-255-255.a.pod.cluster.local.', type: 'A' }).answers[0]?.data,
    ).toBe('255.255.255.255');
    expect(answer(insecure, { name: '01-2-3-4.a.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(insecure, { name: '1-2-3-4-5.a.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    const verified = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'verified',
      pods,
      namespaces: ['b'],
    });
    expect(answer(verified, { name: '1-2-3-4.a.pod.cluster.local.', type: 'A' }).answers[0]?.data).toBe(
      '1.2.3.4',
    );
    expect(answer(verified, { name: '1-2-3-4.b.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(verified, { name: '9-9-9-9.a.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(verified, { name: '1-2-3-4.a.pod.cluster.local.', type: 'AAAA' })).toEqual({
      rcode: 'NOERROR',
      answers: [],
    });
  });
});

describe('answer — learned negative answers are bounded', () => {
  it('names longer than 255 characters are answered but not kept', () => {
    const z = clusterZone({ clusterDomain: 'cluster.local' });
    const suffix = '.ns.svc.cluster.local.';
    const keep = `${'a'.repeat(255 - suffix.length)}${suffix}`;
    const skip = `${'a'.repeat(256 - suffix.length)}${suffix}`;
    expect(keep.length).toBe(255);
    expect(answer(z, { name: keep, type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(z, { name: skip, type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(z.fast.A.has(keep)).toBe(true);
    expect(z.fast.A.has(skip)).toBe(false);
  });

  it('each type keeps at most `capacity` answers', () => {
    const z = clusterZone({ clusterDomain: 'cluster.local' });
    const cap = z.fast.capacity;
    expect(cap).toBe(32768);
    for (let i = 0; i < cap + 10; i++) answer(z, { name: `n${i}.ns.svc.cluster.local.`, type: 'A' });
    expect(z.fast.A.size).toBe(cap);
    expect(z.fast.A.has(`n${cap - 1}.ns.svc.cluster.local.`)).toBe(true);
    expect(z.fast.A.has(`n${cap}.ns.svc.cluster.local.`)).toBe(false);
    expect(answer(z, { name: `n${cap + 5}.ns.svc.cluster.local.`, type: 'A' }).rcode).toBe('NXDOMAIN');
  });

  it('answers with records (pods) are not kept; MX questions keep nothing', () => {
    const z = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'insecure',
      pods: [{ metadata: { namespace: 'a' } }],
    });
    answer(z, { name: '1-2-3-4.a.pod.cluster.local.', type: 'A' });
    expect(z.fast.A.size).toBe(0);
    answer(z, { name: 'x.a.svc.cluster.local.', type: 'MX' });
    expect([z.fast.A.size, z.fast.AAAA.size, z.fast.SRV.size, z.fast.PTR.size]).toEqual([0, 0, 0, 0]);
  });

  it('a learned answer is returned in the asked letter case', () => {
    const z = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'insecure',
      pods: [{ metadata: { namespace: 'a' } }],
    });
    const lower = '1-2-3-4.a.pod.cluster.local.';
    expect(answer(z, { name: '1-2-3-4.A.pod.cluster.local', type: 'aaaa' })).toEqual({
      rcode: 'NOERROR',
      answers: [],
    });
    expect(answer(z, { name: lower.toUpperCase(), type: 'A' }).answers).toEqual([
      rr(lower.toUpperCase(), 'A', '1.2.3.4'),
    ]);
  });
});

describe('answer — query spelling on chained answers', () => {
  it('only records named as asked take the query spelling; the chased target keeps its own name', () => {
    const name = 'External-To-Service.TESTNS.svc.cluster.local';
    expect(q(name, 'A').answers).toEqual([
      rr(`${name}.`, 'CNAME', 'svc1.testns.svc.cluster.local.'),
      rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1'),
    ]);
    const srv = q('_HTTP._tcp.svc1.testns.svc.cluster.local.', 'SRV');
    expect(srv.answers).toEqual([
      rr('_HTTP._tcp.svc1.testns.svc.cluster.local.', 'SRV', '0 100 80 svc1.testns.svc.cluster.local.'),
    ]);
    expect(srv.additional).toEqual([rr('svc1.testns.svc.cluster.local.', 'A', '10.0.0.1')]);
  });
});
