import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { clusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { KubeEndpointSlice, KubePod, KubeService } from './kube-objects.ts';
import { podRecords } from './pod-records.ts';
import { serviceRecords } from './service-records.ts';
import { zoneRecords } from './zone-records.ts';

const rr = (name: string, type: string, data: string, ttl = 5) => ({ name, type, ttl, data });

// coredns plugin/kubernetes/handler_pod_{insecure,verified,disabled}_test.go: a pod
// podns/foo at 10.240.0.1; every namespace but pod-nons exists.
const pods: KubePod[] = [{ metadata: { name: 'foo', namespace: 'podns' }, status: { podIP: '10.240.0.1' } }];
const podZone = (podsMode: 'disabled' | 'insecure' | 'verified') =>
  clusterZone({ clusterDomain: 'cluster.local', pods, podsMode, namespaces: ['svcns'] });

describe('pod records — handler_pod_insecure_test.go', () => {
  const zone = podZone('insecure');
  it('answers any dashed IP in an existing namespace', () => {
    expect(answer(zone, { name: '10-240-0-1.podns.pod.cluster.local.', type: 'A' }).answers).toEqual([
      rr('10-240-0-1.podns.pod.cluster.local.', 'A', '10.240.0.1'),
    ]);
    expect(answer(zone, { name: '172-0-0-2.podns.pod.cluster.local.', type: 'A' }).answers).toEqual([
      rr('172-0-0-2.podns.pod.cluster.local.', 'A', '172.0.0.2'),
    ]);
  });
  it('non-IP labels and missing namespaces are NXDOMAIN (any type)', () => {
    for (const type of ['A', 'AAAA', 'HINFO']) {
      expect(answer(zone, { name: 'blah.podns.pod.cluster.local.', type }).rcode).toBe('NXDOMAIN');
    }
    expect(answer(zone, { name: 'blah.pod-nons.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
  });
  it('<ns>.pod.<zone> is NODATA for an existing namespace', () => {
    expect(answer(zone, { name: 'podns.pod.cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
  });
  it('IPv6 dashed labels (-- for ::) answer AAAA; leading zeros are not an IP', () => {
    expect(answer(zone, { name: '1234-abcd--1.podns.pod.cluster.local.', type: 'AAAA' }).answers).toEqual([
      rr('1234-abcd--1.podns.pod.cluster.local.', 'AAAA', '1234:abcd::1'),
    ]);
    expect(answer(zone, { name: '1234-abcd--1.podns.pod.cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
    expect(answer(zone, { name: '010-240-0-1.podns.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
  });
});

describe('pod records — handler_pod_verified_test.go', () => {
  const zone = podZone('verified');
  it('answers only pods that exist in that namespace', () => {
    expect(answer(zone, { name: '10-240-0-1.podns.pod.cluster.local.', type: 'A' }).answers).toEqual([
      rr('10-240-0-1.podns.pod.cluster.local.', 'A', '10.240.0.1'),
    ]);
    expect(answer(zone, { name: '172-0-0-2.podns.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: '10-240-0-1.svcns.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
  });
  it('namespace names: NODATA when they exist, NXDOMAIN otherwise', () => {
    expect(answer(zone, { name: 'podns.pod.cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
    expect(answer(zone, { name: 'svcns.svc.cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
    expect(answer(zone, { name: 'pod-nons.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
  });
});

describe('pod records — handler_pod_disabled_test.go', () => {
  const zone = podZone('disabled');
  it('every pod name is NXDOMAIN, pod.<zone> stays NODATA', () => {
    expect(answer(zone, { name: '10-240-0-1.podns.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: 'podns.pod.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: 'pod.cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
  });
});

// Reference note §5.4 table and §2.3–2.4 (hostname/subdomain, StatefulSets).
describe('cluster zone — NXDOMAIN vs NODATA and naming rules', () => {
  const services: KubeService[] = [
    {
      metadata: { name: 'kubernetes', namespace: 'default' },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] },
    },
    {
      metadata: { name: 'kube-dns', namespace: 'kube-system' },
      spec: {
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
    },
    {
      metadata: { name: 'nginx', namespace: 'web' },
      spec: { clusterIP: 'None', ports: [{ name: 'web', port: 80 }] },
    },
    { metadata: { name: 'empty', namespace: 'web' }, spec: { clusterIP: 'None' } },
    {
      metadata: { name: 'lonely', namespace: 'web' },
      spec: { clusterIP: '10.96.5.5', ports: [{ port: 80 }] },
    },
    {
      metadata: { name: 'ipname', namespace: 'web' },
      spec: { type: 'ExternalName', externalName: '192.0.2.1' },
    },
    { metadata: { name: 'default', namespace: 'web' }, spec: { clusterIP: '10.96.7.7' } },
  ];
  const endpointSlices: KubeEndpointSlice[] = [
    {
      metadata: { name: 'nginx-abc', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nginx' } },
      endpoints: [
        {
          addresses: ['10.244.1.10'],
          hostname: 'web-0',
          targetRef: { kind: 'Pod', name: 'web-0' },
          conditions: { ready: true },
        },
        { addresses: ['10.244.2.11'], hostname: 'web-1', targetRef: { kind: 'Pod', name: 'web-1' } },
        {
          addresses: ['10.244.3.12'],
          hostname: 'web-2',
          targetRef: { kind: 'Pod', name: 'web-2' },
          conditions: { ready: false },
        },
        { addresses: ['10.244.3.13'], targetRef: { kind: 'Pod', name: 'other-pod' } },
      ],
      ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
    },
    {
      metadata: { name: 'empty-x', namespace: 'web', labels: { 'kubernetes.io/service-name': 'empty' } },
      endpoints: [{ addresses: ['10.244.9.9'], conditions: { ready: false } }],
      ports: null,
    },
  ];
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let zone: ReturnType<typeof clusterZone>;
  beforeEach(() => {
    zone = clusterZone({ clusterDomain: 'cluster.local', services, endpointSlices, namespaces: ['foo'] });
  });
  const q = (name: string, type = 'A') => answer(zone, { name, type });

  it('StatefulSet pods: <pod>.<governing service> answers, not-ready ones do not', () => {
    expect(q('web-0.nginx.web.svc.cluster.local').answers).toEqual([
      rr('web-0.nginx.web.svc.cluster.local.', 'A', '10.244.1.10'),
    ]);
    expect(q('web-1.nginx.web.svc.cluster.local').answers[0]?.data).toBe('10.244.2.11');
    expect(q('web-2.nginx.web.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('nginx.web.svc.cluster.local').answers.map((r) => r.data)).toEqual([
      '10.244.1.10',
      '10.244.2.11',
      '10.244.3.13',
    ]);
  });

  it('endpoints without hostname are named by dashed IP, or by pod name with endpoint_pod_names', () => {
    expect(q('10-244-3-13.nginx.web.svc.cluster.local').answers[0]?.data).toBe('10.244.3.13');
    expect(q('other-pod.nginx.web.svc.cluster.local').rcode).toBe('NXDOMAIN');
    const named = clusterZone({
      clusterDomain: 'cluster.local',
      services,
      endpointSlices,
      endpointPodNames: true,
    });
    expect(answer(named, { name: 'other-pod.nginx.web.svc.cluster.local', type: 'A' }).answers[0]?.data).toBe(
      '10.244.3.13',
    );
  });

  it('headless service without ready endpoints is NXDOMAIN; ClusterIP without endpoints still answers', () => {
    expect(q('empty.web.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('lonely.web.svc.cluster.local').answers[0]?.data).toBe('10.96.5.5');
    const strict = clusterZone({
      clusterDomain: 'cluster.local',
      services,
      endpointSlices,
      ignoreEmptyService: true,
    });
    expect(answer(strict, { name: 'lonely.web.svc.cluster.local', type: 'A' }).rcode).toBe('NXDOMAIN');
  });

  it('namespace names: existing → NODATA, missing → NXDOMAIN; service named like a namespace', () => {
    expect(q('web.svc.cluster.local')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('foo.svc.cluster.local')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('nope.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('svc.nope.svc.cluster.local').rcode).toBe('NXDOMAIN');
    // "default" from namespace foo: default.foo.svc → NXDOMAIN, default.svc → NODATA (note §4.4 ex. 5).
    expect(q('default.foo.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('default.svc.cluster.local')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('default.web.svc.cluster.local').answers[0]?.data).toBe('10.96.7.7');
  });

  it('search-list junk: kubernetes.default.<ns>.svc and doubled zones are NXDOMAIN', () => {
    expect(q('kubernetes.default.foo.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('kubernetes.default.svc.cluster.local.foo.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('kubernetes.default.svc.cluster.local.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('www.example.com.cluster.local').rcode).toBe('NXDOMAIN');
  });

  it('ExternalName that is an IP gives no record (NXDOMAIN)', () => {
    expect(q('ipname.web.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('ipname.web.svc.cluster.local', 'CNAME').rcode).toBe('NXDOMAIN');
  });

  it('_port._proto names: SRV per matching port; A still answers; unnamed ports have no SRV', () => {
    expect(q('_dns._udp.kube-dns.kube-system.svc.cluster.local', 'SRV').answers).toEqual([
      rr(
        '_dns._udp.kube-dns.kube-system.svc.cluster.local.',
        'SRV',
        '0 100 53 kube-dns.kube-system.svc.cluster.local.',
      ),
    ]);
    expect(q('kube-dns.kube-system.svc.cluster.local', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 50 53 kube-dns.kube-system.svc.cluster.local.',
    ]);
    expect(q('_dns._udp.kube-dns.kube-system.svc.cluster.local').answers[0]?.data).toBe('10.96.0.10');
    expect(q('_dns._tcp.kube-dns.kube-system.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
    expect(q('_web._tcp.nginx.web.svc.cluster.local', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 33 80 web-0.nginx.web.svc.cluster.local.',
      '0 33 80 web-1.nginx.web.svc.cluster.local.',
      '0 33 80 10-244-3-13.nginx.web.svc.cluster.local.',
    ]);
  });

  it('other types on existing names are NODATA; apex SOA and NS', () => {
    expect(q('kubernetes.default.svc.cluster.local', 'MX')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('kubernetes.default.svc.cluster.local', 'TXT')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('cluster.local', 'SOA').answers).toEqual([
      rr('cluster.local.', 'SOA', 'ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5'),
    ]);
    const ns = q('cluster.local', 'NS');
    expect(ns.answers).toEqual([rr('cluster.local.', 'NS', 'kube-dns.kube-system.svc.cluster.local.')]);
    expect(ns.additional).toEqual([rr('kube-dns.kube-system.svc.cluster.local.', 'A', '10.96.0.10')]);
    expect(q('ns.dns.cluster.local').answers).toEqual([rr('ns.dns.cluster.local.', 'A', '10.96.0.10')]);
    expect(q('cluster.local')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('anything.cluster.local', 'AXFR').rcode).toBe('REFUSED');
  });

  it('a reverse name asked for A is NXDOMAIN; the reverse apex is NODATA', () => {
    expect(q('1.0.96.10.in-addr.arpa', 'PTR').answers[0]?.data).toBe('kubernetes.default.svc.cluster.local.');
    expect(q('1.0.96.10.in-addr.arpa', 'A').rcode).toBe('NXDOMAIN');
    expect(q('in-addr.arpa', 'A')).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(q('96.10.in-addr.arpa', 'PTR').rcode).toBe('NXDOMAIN');
  });

  it('exposedNamespaces (`namespaces` option) hides the others', () => {
    const only = clusterZone({ clusterDomain: 'cluster.local', services, exposedNamespaces: ['default'] });
    expect(answer(only, { name: 'kubernetes.default.svc.cluster.local', type: 'A' }).rcode).toBe('NOERROR');
    expect(answer(only, { name: 'kube-dns.kube-system.svc.cluster.local', type: 'A' }).rcode).toBe(
      'NXDOMAIN',
    );
    expect(answer(only, { name: '10.0.96.10.in-addr.arpa', type: 'PTR' }).rcode).toBe('NXDOMAIN');
  });

  it('is deterministic: same input, same records', () => {
    const again = clusterZone({
      clusterDomain: 'cluster.local',
      services,
      endpointSlices,
      namespaces: ['foo'],
    });
    expect(JSON.stringify(zoneRecords(again))).toBe(JSON.stringify(zoneRecords(zone)));
  });
});

describe('serviceRecords / podRecords / zoneRecords', () => {
  it('a ClusterIP service (spec §1.3)', () => {
    const recs = serviceRecords(
      {
        metadata: { name: 'kubernetes', namespace: 'default' },
        spec: { clusterIP: '10.3.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
      },
      { clusterDomain: 'cluster.local', ttl: 30 },
    );
    expect(recs).toEqual([
      rr('1.0.3.10.in-addr.arpa.', 'PTR', 'kubernetes.default.svc.cluster.local.', 30),
      rr(
        '_https._tcp.kubernetes.default.svc.cluster.local.',
        'SRV',
        '0 100 443 kubernetes.default.svc.cluster.local.',
        30,
      ),
      rr('kubernetes.default.svc.cluster.local.', 'A', '10.3.0.1', 30),
    ]);
  });

  it('IPv6 PTR uses the nibble form (spec §1.3)', () => {
    const recs = serviceRecords(
      { metadata: { name: 'v6', namespace: 'ns' }, spec: { clusterIP: '2001:db8::1' } },
      { clusterDomain: 'cluster.local' },
    );
    expect(recs).toContainEqual(
      rr(
        '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.',
        'PTR',
        'v6.ns.svc.cluster.local.',
      ),
    );
    expect(recs).toContainEqual(rr('v6.ns.svc.cluster.local.', 'AAAA', '2001:db8::1'));
  });

  it('a headless service: per-endpoint names, SRV per endpoint, PTR per endpoint (spec §1.4)', () => {
    const recs = serviceRecords(
      {
        metadata: { name: 'nginx', namespace: 'default' },
        spec: { clusterIP: 'None', ports: [{ name: 'web', port: 80 }] },
      },
      {
        clusterDomain: 'cluster.local',
        endpointSlices: [
          {
            metadata: { namespace: 'default', labels: { 'kubernetes.io/service-name': 'nginx' } },
            endpoints: [{ addresses: ['10.244.1.10'], hostname: 'web-0' }, { addresses: ['fd00::'] }],
            ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
          },
        ],
      },
    );
    const lines = recs.map((r) => `${r.name} ${r.type} ${r.data}`);
    expect(lines).toContain('web-0.nginx.default.svc.cluster.local. A 10.244.1.10');
    expect(lines).toContain('fd00--0.nginx.default.svc.cluster.local. AAAA fd00::');
    expect(lines).toContain('nginx.default.svc.cluster.local. A 10.244.1.10');
    expect(lines).toContain('nginx.default.svc.cluster.local. AAAA fd00::');
    expect(lines).toContain(
      '_web._tcp.nginx.default.svc.cluster.local. SRV 0 50 80 web-0.nginx.default.svc.cluster.local.',
    );
    expect(lines).toContain('10.1.244.10.in-addr.arpa. PTR web-0.nginx.default.svc.cluster.local.');
  });

  it('an ExternalName service (spec §1.5)', () => {
    expect(
      serviceRecords(
        {
          metadata: { name: 'foo', namespace: 'default' },
          spec: { type: 'ExternalName', externalName: 'www.example.com' },
        },
        { clusterDomain: 'cluster.local', ttl: 10 },
      ),
    ).toEqual([rr('foo.default.svc.cluster.local.', 'CNAME', 'www.example.com.', 10)]);
  });

  it('podRecords: dashed-IP names per pod IP', () => {
    expect(
      podRecords(
        {
          metadata: { namespace: 'default' },
          status: { podIP: '172.17.0.3', podIPs: [{ ip: '172.17.0.3' }, { ip: 'fd00::3' }] },
        },
        { clusterDomain: 'cluster.local' },
      ),
    ).toEqual([
      rr('172-17-0-3.default.pod.cluster.local.', 'A', '172.17.0.3'),
      rr('fd00--3.default.pod.cluster.local.', 'AAAA', 'fd00::3'),
    ]);
    expect(
      podRecords(
        { metadata: { namespace: 'default' }, status: { podIP: '172.17.0.3' } },
        { clusterDomain: 'cluster.local', podsMode: 'disabled' },
      ),
    ).toEqual([]);
  });

  it('zoneRecords lists the schema TXT', () => {
    expect(zoneRecords(clusterZone({ clusterDomain: 'cluster.local' }))).toEqual([
      rr('dns-version.cluster.local.', 'TXT', '1.1.0', 28800),
    ]);
  });
});

describe('clusterZone — bad input', () => {
  it.each([
    [null, []],
    [{ clusterDomain: 5 }, ['clusterDomain']],
    [{ clusterDomain: 'cluster.local', services: {} }, ['services']],
    [{ clusterDomain: 'cluster.local', services: [null] }, ['services', 0]],
    [{ clusterDomain: 'cluster.local', services: [{ metadata: {} }] }, ['services', 0, 'metadata', 'name']],
    [
      {
        clusterDomain: 'cluster.local',
        services: [{ metadata: { name: 'a' }, spec: { ports: [{ port: '80' }] } }],
      },
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      {
        clusterDomain: 'cluster.local',
        endpointSlices: [{ metadata: { namespace: 'a' }, endpoints: [{ addresses: [7] }] }],
      },
      ['endpointSlices', 0, 'endpoints', 0, 'addresses', 0],
    ],
    [{ clusterDomain: 'cluster.local', pods: [{ metadata: [] }] }, ['pods', 0, 'metadata']],
    [{ clusterDomain: 'cluster.local', ttl: 4000 }, ['ttl']],
    [{ clusterDomain: 'cluster.local', podsMode: 'sometimes' }, ['podsMode']],
  ])('%j → DnsError at %j', (input, path) => {
    try {
      clusterZone(input as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DnsError);
      expect((e as DnsError).path).toEqual(path);
    }
  });

  it('__proto__ labels and names never reach a prototype', () => {
    const zone = clusterZone({
      clusterDomain: 'cluster.local',
      services: [
        { metadata: { name: '__proto__', namespace: 'constructor' }, spec: { clusterIP: '10.0.0.9' } },
      ],
      endpointSlices: [
        { metadata: { namespace: 'x', labels: JSON.parse('{"__proto__": {"polluted": 1}}') }, endpoints: [] },
      ],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      answer(zone, { name: '__proto__.constructor.svc.cluster.local', type: 'A' }).answers[0]?.data,
    ).toBe('10.0.0.9');
    expect(answer(zone, { name: 'toString.constructor.svc.cluster.local', type: 'A' }).rcode).toBe(
      'NXDOMAIN',
    );
  });

  it('answer rejects malformed questions with DnsError', () => {
    const zone = clusterZone({ clusterDomain: 'cluster.local' });
    expect(() => answer(zone, null as never)).toThrow(DnsError);
    expect(() => answer(zone, { name: 1, type: 'A' } as never)).toThrow(DnsError);
    expect(() => answer(zone, { name: 'a', type: null } as never)).toThrow(DnsError);
    expect(() => answer({} as never, { name: 'a', type: 'A' })).toThrow(DnsError);
  });
});

describe('verified pods use status.podIP only (coredns object/pod.go ToPod)', () => {
  it('a dual-stack pod is verified by its primary IP', () => {
    const zone = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'verified',
      pods: [
        {
          metadata: { namespace: 'a' },
          status: { podIP: '10.244.0.9', podIPs: [{ ip: '10.244.0.9' }, { ip: 'fd00::9' }] },
        },
      ],
    });
    expect(answer(zone, { name: '10-244-0-9.a.pod.cluster.local', type: 'A' }).answers[0]?.data).toBe(
      '10.244.0.9',
    );
    expect(answer(zone, { name: 'fd00--9.a.pod.cluster.local', type: 'AAAA' }).rcode).toBe('NXDOMAIN');
  });
});

function zoneError(input: unknown): DnsError {
  try {
    clusterZone(input as never);
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const CD = { clusterDomain: 'cluster.local' };
/** For inputs that only JSON (not the typed API) can hold: nulls and missing fields. */
const looseZone = (input: unknown) => clusterZone(input as never);
const svc1 = (extra: Record<string, unknown>): unknown => ({ ...CD, services: [extra] });
const slice1 = (extra: Record<string, unknown>): unknown => ({ ...CD, endpointSlices: [extra] });
const ep1 = (ep: unknown): unknown => slice1({ metadata: { namespace: 'a' }, endpoints: [ep] });
const pod1 = (extra: Record<string, unknown>): unknown => ({ ...CD, pods: [extra] });

describe('clusterZone — every bad-input branch: code, message, path', () => {
  const INVALID = 'INVALID_INPUT';
  it.each([
    [null, INVALID, 'clusterZone expects an object { services, endpointSlices, pods, clusterDomain }', []],
    [[], INVALID, 'clusterZone expects an object { services, endpointSlices, pods, clusterDomain }', []],
    [
      'cluster.local',
      INVALID,
      'clusterZone expects an object { services, endpointSlices, pods, clusterDomain }',
      [],
    ],
    [{}, INVALID, 'clusterDomain is required', ['clusterDomain']],
    [{ clusterDomain: null }, INVALID, 'clusterDomain is required', ['clusterDomain']],
    [{ clusterDomain: 5 }, INVALID, 'clusterDomain must be a string, got number', ['clusterDomain']],
    [
      { ...CD, podsMode: 'sometimes' },
      'INVALID_PODS_MODE',
      'wrong value for pods: sometimes,  must be one of: disabled, verified, insecure',
      ['podsMode'],
    ],
    [{ ...CD, ttl: 3601 }, 'INVALID_TTL', 'ttl must be in range [0, 3600]: 3601', ['ttl']],
    [{ ...CD, ttl: -1 }, 'INVALID_TTL', 'ttl must be in range [0, 3600]: -1', ['ttl']],
    [{ ...CD, ttl: 1.5 }, 'INVALID_TTL', 'ttl must be in range [0, 3600]: 1.5', ['ttl']],
    [{ ...CD, ttl: '30' }, 'INVALID_TTL', 'ttl must be in range [0, 3600]: 30', ['ttl']],
    [{ ...CD, serial: -1 }, INVALID, 'serial must be an unsigned 32-bit integer', ['serial']],
    [{ ...CD, serial: 2 ** 32 }, INVALID, 'serial must be an unsigned 32-bit integer', ['serial']],
    [{ ...CD, serial: 0.5 }, INVALID, 'serial must be an unsigned 32-bit integer', ['serial']],
    [{ ...CD, serial: '1' }, INVALID, 'serial must be an unsigned 32-bit integer', ['serial']],
    [{ ...CD, zones: 'cluster.local' }, INVALID, 'zones must be an array', ['zones']],
    [{ ...CD, zones: ['a', 5] }, INVALID, 'zones.1 must be a string, got number', ['zones', 1]],
    [{ ...CD, zones: [null] }, INVALID, 'zones.0 is required', ['zones', 0]],
    [
      { ...CD, zones: ['in-addr.arpa', '10.in-addr.arpa', 'ip6.arpa'] },
      'NO_FORWARD_ZONE',
      'non-reverse zone name must be used',
      ['zones'],
    ],
    [{ ...CD, zones: [] }, 'NO_FORWARD_ZONE', 'non-reverse zone name must be used', ['zones']],
    [{ ...CD, fallthrough: 'x' }, INVALID, 'fallthrough must be an array', ['fallthrough']],
    [
      { ...CD, fallthrough: [true] },
      INVALID,
      'fallthrough.0 must be a string, got boolean',
      ['fallthrough', 0],
    ],
    [{ ...CD, namespaces: {} }, INVALID, 'namespaces must be an array', ['namespaces']],
    [
      { ...CD, namespaces: ['a', 1] },
      INVALID,
      'namespaces.1 must be a string, got number',
      ['namespaces', 1],
    ],
    [{ ...CD, exposedNamespaces: 'a' }, INVALID, 'exposedNamespaces must be an array', ['exposedNamespaces']],
    [
      { ...CD, exposedNamespaces: [null] },
      INVALID,
      'exposedNamespaces.0 is required',
      ['exposedNamespaces', 0],
    ],
    // services
    [{ ...CD, services: {} }, INVALID, 'services must be an array', ['services']],
    [{ ...CD, services: [null] }, INVALID, 'services[0] must be an object', ['services', 0]],
    [{ ...CD, services: [[]] }, INVALID, 'services[0] must be an object', ['services', 0]],
    [svc1({}), INVALID, 'services[0].metadata must be an object', ['services', 0, 'metadata']],
    [svc1({ metadata: 'a' }), INVALID, 'services[0].metadata must be an object', ['services', 0, 'metadata']],
    [
      svc1({ metadata: {} }),
      INVALID,
      'services.0.metadata.name is required',
      ['services', 0, 'metadata', 'name'],
    ],
    [
      svc1({ metadata: { name: 1 } }),
      INVALID,
      'services.0.metadata.name must be a string, got number',
      ['services', 0, 'metadata', 'name'],
    ],
    [
      svc1({ metadata: { name: 'a', namespace: {} } }),
      INVALID,
      'services.0.metadata.namespace must be a string, got object',
      ['services', 0, 'metadata', 'namespace'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: 'x' }),
      INVALID,
      'services[0].spec must be an object',
      ['services', 0, 'spec'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { type: 1 } }),
      INVALID,
      'services.0.spec.type must be a string, got number',
      ['services', 0, 'spec', 'type'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { clusterIPs: '10.0.0.1' } }),
      INVALID,
      'services.0.spec.clusterIPs must be an array',
      ['services', 0, 'spec', 'clusterIPs'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { clusterIPs: ['10.0.0.1', null] } }),
      INVALID,
      'services.0.spec.clusterIPs.1 is required',
      ['services', 0, 'spec', 'clusterIPs', 1],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { clusterIP: 1 } }),
      INVALID,
      'services.0.spec.clusterIP must be a string, got number',
      ['services', 0, 'spec', 'clusterIP'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { type: 'ExternalName', externalName: 5 } }),
      INVALID,
      'services.0.spec.externalName must be a string, got number',
      ['services', 0, 'spec', 'externalName'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: 80 } }),
      INVALID,
      'services.0.spec.ports must be an array',
      ['services', 0, 'spec', 'ports'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: [{ port: 80 }, 'x'] } }),
      INVALID,
      'services.0.spec.ports[1] must be an object',
      ['services', 0, 'spec', 'ports', 1],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: [{ port: 1.5 }] } }),
      INVALID,
      'services.0.spec.ports[0].port must be an integer',
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: [{ port: '80' }] } }),
      INVALID,
      'services.0.spec.ports[0].port must be an integer',
      ['services', 0, 'spec', 'ports', 0, 'port'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: [{ name: 5 }] } }),
      INVALID,
      'services.0.spec.ports.0.name must be a string, got number',
      ['services', 0, 'spec', 'ports', 0, 'name'],
    ],
    [
      svc1({ metadata: { name: 'a' }, spec: { ports: [{ protocol: 6 }] } }),
      INVALID,
      'services.0.spec.ports.0.protocol must be a string, got number',
      ['services', 0, 'spec', 'ports', 0, 'protocol'],
    ],
    // endpoint slices
    [{ ...CD, endpointSlices: 'x' }, INVALID, 'endpointSlices must be an array', ['endpointSlices']],
    [
      { ...CD, endpointSlices: [null] },
      INVALID,
      'endpointSlices[0] must be an object',
      ['endpointSlices', 0],
    ],
    [slice1({}), INVALID, 'endpointSlices[0].metadata must be an object', ['endpointSlices', 0, 'metadata']],
    [
      slice1({ metadata: { namespace: 5 } }),
      INVALID,
      'endpointSlices[0].metadata.namespace must be a string',
      ['endpointSlices', 0, 'metadata', 'namespace'],
    ],
    [
      slice1({ metadata: { labels: 'x' } }),
      INVALID,
      'endpointSlices[0].metadata.labels must be an object',
      ['endpointSlices', 0, 'metadata', 'labels'],
    ],
    [
      slice1({ metadata: { labels: ['x'] } }),
      INVALID,
      'endpointSlices[0].metadata.labels must be an object',
      ['endpointSlices', 0, 'metadata', 'labels'],
    ],
    [
      slice1({ metadata: { labels: { 'kubernetes.io/service-name': 5 } } }),
      INVALID,
      'endpointSlices[0].metadata.labels["kubernetes.io/service-name"] must be a string',
      ['endpointSlices', 0, 'metadata', 'labels', 'kubernetes.io/service-name'],
    ],
    [
      slice1({ metadata: {}, ports: {} }),
      INVALID,
      'endpointSlices.0.ports must be an array',
      ['endpointSlices', 0, 'ports'],
    ],
    [
      slice1({ metadata: {}, endpoints: {} }),
      INVALID,
      'endpointSlices.0.endpoints must be an array',
      ['endpointSlices', 0, 'endpoints'],
    ],
    [
      ep1(null),
      INVALID,
      'endpointSlices[0].endpoints[0] must be an object',
      ['endpointSlices', 0, 'endpoints', 0],
    ],
    [
      ep1({ hostname: 5, addresses: ['10.0.0.1'] }),
      INVALID,
      'endpointSlices[0].endpoints[0].hostname must be a string',
      ['endpointSlices', 0, 'endpoints', 0, 'hostname'],
    ],
    [
      ep1({ targetRef: { name: 5 }, addresses: ['10.0.0.1'] }),
      INVALID,
      'endpointSlices[0].endpoints[0].targetRef.name must be a string',
      ['endpointSlices', 0, 'endpoints', 0, 'targetRef', 'name'],
    ],
    [
      ep1({ addresses: '10.0.0.1' }),
      INVALID,
      'endpointSlices[0].endpoints[0].addresses must be an array',
      ['endpointSlices', 0, 'endpoints', 0, 'addresses'],
    ],
    [
      ep1({ addresses: ['10.0.0.1', null] }),
      INVALID,
      'endpointSlices[0].endpoints[0].addresses[1] must be a string',
      ['endpointSlices', 0, 'endpoints', 0, 'addresses', 1],
    ],
    // pods
    [{ ...CD, pods: 'x' }, INVALID, 'pods must be an array', ['pods']],
    [{ ...CD, pods: [null] }, INVALID, 'pods[0] must be an object', ['pods', 0]],
    [pod1({}), INVALID, 'pods[0].metadata must be an object', ['pods', 0, 'metadata']],
    [
      pod1({ metadata: { namespace: 1 } }),
      INVALID,
      'pods[0].metadata.namespace must be a string',
      ['pods', 0, 'metadata', 'namespace'],
    ],
    [
      pod1({ metadata: {}, status: 'Running' }),
      INVALID,
      'pods[0].status must be an object',
      ['pods', 0, 'status'],
    ],
    [
      pod1({ metadata: {}, status: { podIP: 1 } }),
      INVALID,
      'pods[0].status.podIP must be a string',
      ['pods', 0, 'status', 'podIP'],
    ],
    [
      pod1({ metadata: {}, status: { podIPs: {} } }),
      INVALID,
      'pods[0].status.podIPs must be an array',
      ['pods', 0, 'status', 'podIPs'],
    ],
    [
      pod1({ metadata: {}, status: { podIPs: [{ ip: '10.0.0.1' }, null] } }),
      INVALID,
      'pods[0].status.podIPs[1].ip must be a string',
      ['pods', 0, 'status', 'podIPs', 1, 'ip'],
    ],
    [
      pod1({ metadata: {}, status: { podIPs: [{ ip: 7 }] } }),
      INVALID,
      'pods[0].status.podIPs[0].ip must be a string',
      ['pods', 0, 'status', 'podIPs', 0, 'ip'],
    ],
  ])('%j → %s', (input, code, message, path) => {
    const e = zoneError(input);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.path).toEqual(path);
  });

  it.each([
    { ttl: 0 },
    { ttl: 3600 },
    { ttl: null },
    { serial: 0 },
    { serial: 0xffffffff },
    { serial: null },
    { podsMode: null },
    { zones: null, fallthrough: null, namespaces: null, exposedNamespaces: null },
    { services: null, endpointSlices: null, pods: null },
  ])('accepts the boundary / absent value %j', (extra) => {
    expect(() => clusterZone({ ...CD, ...(extra as object) })).not.toThrow();
  });
});

describe('clusterZone — the zone it builds', () => {
  it('defaults: kubeadm zones and fallthrough, ttl 5, serial 0, pods disabled, synced', () => {
    const zone = clusterZone({ clusterDomain: 'Cluster.Local.' });
    expect(zone.primaryZone).toBe('cluster.local.');
    // longest first, so the most specific zone matches first
    expect(zone.zones).toEqual(['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.']);
    expect(zone.fallthrough).toEqual(['in-addr.arpa.', 'ip6.arpa.']);
    expect(zone.ttl).toBe(5);
    expect(zone.serial).toBe(0);
    expect(zone.podsMode).toBe('disabled');
    expect(zone.synced).toBe(true);
    expect(zone.ignoreEmptyService).toBe(false);
    expect(zone.negative.get('cluster.local.')?.soa).toEqual({
      name: 'cluster.local.',
      type: 'SOA',
      ttl: 5,
      data: 'ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5',
    });
    expect(zone.nameServers).toEqual([
      { name: 'ns.dns.cluster.local.', ips: [expect.objectContaining({ text: '127.0.0.1' })] },
    ]);
  });

  it('zones sort longest first; the primary zone is the first forward one as given', () => {
    const zone = clusterZone({
      clusterDomain: 'x',
      zones: ['10.in-addr.arpa', 'a.b', 'Long.Example.Org', '.'],
    });
    expect(zone.primaryZone).toBe('a.b.');
    expect(zone.zones).toEqual(['long.example.org.', '10.in-addr.arpa.', 'a.b.', '.']);
    expect([...zone.negative.keys()]).toEqual(['10.in-addr.arpa.', 'a.b.', 'long.example.org.', '.']);
  });

  it('flags: synced false, ignoreEmptyService true, custom fallthrough, serial in the SOA', () => {
    const zone = clusterZone({
      ...CD,
      synced: false,
      ignoreEmptyService: true,
      fallthrough: ['Example.org', ''],
      serial: 4294967295,
      ttl: 600,
    });
    expect(zone.synced).toBe(false);
    expect(zone.ignoreEmptyService).toBe(true);
    expect(zone.fallthrough).toEqual(['example.org.', '.']);
    // SOA TTL is min(ttl, 300) (coredns plugin/kubernetes/kubernetes.go Serial / plugin/backend_lookup.go SOA)
    expect(zone.negative.get('cluster.local.')?.soa).toEqual({
      name: 'cluster.local.',
      type: 'SOA',
      ttl: 300,
      data: 'ns.dns.cluster.local. hostmaster.cluster.local. 4294967295 7200 1800 86400 600',
    });
  });

  it('services: namespace defaults to default, the first of two same-named services wins, type/headless/ExternalName kinds', () => {
    const zone = clusterZone({
      ...CD,
      services: [
        { metadata: { name: 'Web' }, spec: { clusterIP: '10.0.0.1', ports: [{ name: 'HTTP', port: 80 }] } },
        { metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.0.0.2' } },
        { metadata: { name: 'h', namespace: 'ns' }, spec: { clusterIP: 'None', clusterIPs: ['None'] } },
        {
          metadata: { name: 'e', namespace: 'ns' },
          spec: { type: 'ExternalName', externalName: 'x.example.' },
        },
        {
          metadata: { name: 'd', namespace: 'ns' },
          spec: { clusterIPs: ['10.0.0.3', 'fd00::3', 'bogus'], clusterIP: '10.9.9.9' },
        },
        { metadata: { name: 'n', namespace: 'ns' } },
      ],
    });
    const web = zone.services.get('web.default');
    expect(web).toMatchObject({
      name: 'Web',
      namespace: 'default',
      kind: 'ClusterIP',
      externalName: '',
      fqdn: 'Web.default.svc.cluster.local.',
      ports: [{ name: 'http', protocol: 'tcp', port: 80 }],
    });
    expect(web?.clusterIps.map((x) => x.text)).toEqual(['10.0.0.1']);
    expect(zone.servicesByIp.has('10.0.0.2')).toBe(false);
    expect(zone.services.get('h.ns')).toMatchObject({ kind: 'Headless', clusterIps: [] });
    expect(zone.services.get('e.ns')).toMatchObject({
      kind: 'ExternalName',
      clusterIps: [],
      externalName: 'x.example.',
    });
    // clusterIPs wins over clusterIP; unparsable entries are dropped
    expect(zone.services.get('d.ns')?.clusterIps.map((x) => x.text)).toEqual(['10.0.0.3', 'fd00::3']);
    expect(zone.services.get('n.ns')).toMatchObject({
      kind: 'ClusterIP',
      clusterIps: [],
      ports: [{ name: '', protocol: '', port: -1 }],
    });
    expect([...zone.namespaces].sort()).toEqual(['default', 'ns']);
  });

  it('a port without a number reads as -1, without a protocol as tcp', () => {
    const zone = looseZone({
      ...CD,
      services: [
        {
          metadata: { name: 's' },
          spec: {
            clusterIP: '10.0.0.1',
            ports: [
              { name: 'dns', protocol: 'UDP' },
              { name: 'x', port: null },
            ],
          },
        },
      ],
    });
    expect(zone.services.get('s.default')?.ports).toEqual([
      { name: 'dns', protocol: 'udp', port: -1 },
      { name: 'x', protocol: 'tcp', port: -1 },
    ]);
  });

  it('services sharing a cluster IP are listed in input order', () => {
    const zone = clusterZone({
      ...CD,
      services: [
        { metadata: { name: 'a' }, spec: { clusterIP: '10.0.0.1' } },
        { metadata: { name: 'b' }, spec: { clusterIP: '10.0.0.1' } },
      ],
    });
    expect(zone.servicesByIp.get('10.0.0.1')?.map((s) => s.name)).toEqual(['a', 'b']);
    expect([...zone.fast.PTR.keys()]).toEqual(['1.0.0.10.in-addr.arpa.']);
    // coredns plugin/kubernetes/reverse.go serviceRecordForIP returns the first Service only.
    expect(zone.fast.PTR.get('1.0.0.10.in-addr.arpa.')?.answers.map((r) => r.data)).toEqual([
      'a.default.svc.cluster.local.',
    ]);
  });

  it('fast answers: A/AAAA per service name, SRV per named port, capacity = largest map + 32768', () => {
    const zone = clusterZone({
      ...CD,
      services: [
        {
          metadata: { name: 'a', namespace: 'n' },
          spec: {
            clusterIP: '10.0.0.1',
            ports: [{ name: 'http', port: 80 }, { port: 81 }, { name: 'http', port: 82 }],
          },
        },
        {
          metadata: { name: 'h', namespace: 'n' },
          spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] },
        },
      ],
    });
    expect([...zone.fast.A.keys()]).toEqual(['a.n.svc.cluster.local.', 'h.n.svc.cluster.local.']);
    expect([...zone.fast.AAAA.keys()]).toEqual(['a.n.svc.cluster.local.', 'h.n.svc.cluster.local.']);
    expect([...zone.fast.SRV.keys()]).toEqual(['_http._tcp.a.n.svc.cluster.local.']);
    expect(zone.fast.capacity).toBe(2 + 32768);
    const a = zone.fast.A.get('a.n.svc.cluster.local.');
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a?.answers)).toBe(true);
    expect(Object.isFrozen(a?.answers[0])).toBe(true);
    expect(Object.isFrozen(zone.fast)).toBe(true);
  });

  it('name servers: the kube-dns ClusterIP Service when it has an IP, else ns.dns.<zone>', () => {
    const withDns = clusterZone({
      ...CD,
      services: [
        { metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: '10.96.0.10' } },
      ],
    });
    expect(withDns.nameServers.map((n) => [n.name, n.ips.map((x) => x.text)])).toEqual([
      ['kube-dns.kube-system.svc.cluster.local.', ['10.96.0.10']],
    ]);
    for (const spec of [{ clusterIP: 'None' }, {}, { type: 'ExternalName', externalName: 'x' }]) {
      const z = clusterZone({
        ...CD,
        services: [{ metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec }],
      });
      expect(z.nameServers.map((n) => n.name)).toEqual(['ns.dns.cluster.local.']);
    }
  });

  it('endpoint slices: joined by the service-name label in the slice namespace; not-ready endpoints skipped', () => {
    const zone = looseZone({
      ...CD,
      services: [{ metadata: { name: 'h', namespace: 'ns' }, spec: { clusterIP: 'None' } }],
      endpointSlices: [
        {
          metadata: { namespace: 'NS', labels: { 'kubernetes.io/service-name': 'H' } },
          ports: [{ name: 'http', port: 80 }],
          endpoints: [
            { addresses: ['10.0.0.1'], conditions: { ready: true }, hostname: 'web-0' },
            { addresses: ['10.0.0.2'], conditions: { ready: false } },
            { addresses: ['10.0.0.3'], conditions: {} },
            { addresses: ['10.0.0.4'], conditions: null },
            { addresses: ['10.0.0.5', 'not-an-ip'] },
            { addresses: null },
            {},
          ],
        },
        {
          metadata: { namespace: 'other', labels: { 'kubernetes.io/service-name': 'h' } },
          endpoints: [{ addresses: ['10.0.0.9'] }],
        },
        { metadata: { namespace: 'ns', labels: {} }, endpoints: [{ addresses: ['10.0.0.8'] }] },
        { metadata: { namespace: 'ns', labels: null }, endpoints: [{ addresses: ['10.0.0.7'] }] },
      ],
    });
    const slices = zone.services.get('h.ns')?.slices ?? [];
    expect(slices).toHaveLength(1);
    expect(slices[0]?.addresses.map((a) => [a.text, a.hostname])).toEqual([
      ['10.0.0.1', 'web-0'],
      ['10.0.0.3', ''],
      ['10.0.0.4', ''],
      ['10.0.0.5', ''],
    ]);
    expect(slices[0]?.ports).toEqual([{ name: 'http', protocol: 'tcp', port: 80 }]);
    expect([...zone.endpointsByIp.keys()]).toHaveLength(4);
    expect([...zone.namespaces].sort()).toEqual(['ns', 'other']);
    // the index is built once and then kept
    expect(zone.endpointsByIp).toBe(zone.endpointsByIp);
  });

  it('endpointsByIp groups endpoints that share an IP, in input order', () => {
    const zone = clusterZone({
      ...CD,
      services: [
        { metadata: { name: 'a' }, spec: { clusterIP: 'None' } },
        { metadata: { name: 'b' }, spec: { clusterIP: 'None' } },
      ],
      endpointSlices: [
        {
          metadata: { labels: { 'kubernetes.io/service-name': 'a' } },
          endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }],
        },
        {
          metadata: { labels: { 'kubernetes.io/service-name': 'b' } },
          endpoints: [{ addresses: ['10.0.0.1'] }],
        },
        {
          metadata: { labels: { 'kubernetes.io/service-name': 'a' } },
          endpoints: [{ addresses: ['10.0.0.1'] }],
        },
      ],
    });
    const shared = [...zone.endpointsByIp.values()].find(Array.isArray) as readonly {
      svc: { name: string };
    }[];
    expect(shared.map((r) => r.svc.name)).toEqual(['a', 'b', 'a']);
    const single = [...zone.endpointsByIp.values()].filter((v) => !Array.isArray(v));
    expect(single).toHaveLength(1);
  });

  it('noEndpoints drops every slice', () => {
    const zone = clusterZone({
      ...CD,
      noEndpoints: true,
      services: [{ metadata: { name: 'h' }, spec: { clusterIP: 'None' } }],
      endpointSlices: [
        {
          metadata: { labels: { 'kubernetes.io/service-name': 'h' } },
          endpoints: [{ addresses: ['10.0.0.1'] }],
        },
      ],
    });
    expect(zone.services.get('h.default')?.slices).toEqual([]);
    expect(zone.endpointsByIp.size).toBe(0);
  });

  // coredns plugin/kubernetes/object/endpoint.go: the pod name is used only when len < 64.
  it('endpoint_pod_names keeps pod names shorter than 64 characters', () => {
    const build = (podName: string, endpointPodNames: boolean) =>
      clusterZone({
        ...CD,
        endpointPodNames,
        services: [{ metadata: { name: 'h' }, spec: { clusterIP: 'None' } }],
        endpointSlices: [
          {
            metadata: { labels: { 'kubernetes.io/service-name': 'h' } },
            endpoints: [{ addresses: ['10.0.0.1'], targetRef: { kind: 'Pod', name: podName } }],
          },
        ],
      }).services.get('h.default')?.slices[0]?.addresses[0]?.podName;
    expect(build('p'.repeat(63), true)).toBe('p'.repeat(63));
    expect(build('p'.repeat(64), true)).toBe('');
    expect(build('web-0', false)).toBe('');
  });

  it('pods: namespaces, podIP then the other podIPs, verified mode indexes status.podIP only', () => {
    const zone = looseZone({
      ...CD,
      podsMode: 'verified',
      pods: [
        {
          metadata: { namespace: 'A' },
          status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
        },
        { metadata: { namespace: 'b' }, status: { podIP: '10.0.0.1' } },
        { metadata: {}, status: { podIPs: [{ ip: '10.0.0.2' }] } },
        { metadata: { namespace: 'c' } },
        { metadata: { namespace: 'd' }, status: null },
        { metadata: { namespace: 'e' }, status: { podIP: '' } },
      ],
    });
    expect(zone.podIps).toEqual(['10.0.0.1', 'fd00::1', '10.0.0.1', '10.0.0.2']);
    expect(zone.podIpNamespaces).toEqual(['a', 'a', 'b', 'default']);
    expect([...zone.podsByIp]).toEqual([['10.0.0.1', ['a', 'b']]]);
    expect([...zone.namespaces].sort()).toEqual(['a', 'b', 'c', 'd', 'default', 'e']);
  });

  it('insecure mode keeps no pod index', () => {
    const zone = clusterZone({
      ...CD,
      podsMode: 'insecure',
      pods: [{ metadata: {}, status: { podIP: '10.0.0.1' } }],
    });
    expect(zone.podsByIp.size).toBe(0);
    expect(zone.podIps).toEqual(['10.0.0.1']);
  });

  it('exposed namespaces are lower-cased', () => {
    const zone = clusterZone({ ...CD, exposedNamespaces: ['Default'], namespaces: ['Kube-System'] });
    expect([...zone.exposedNamespaces]).toEqual(['default']);
    expect([...zone.namespaces]).toEqual(['kube-system']);
  });
});

describe('clusterZone — fields that only some Service kinds keep', () => {
  it('an ExternalName Service keeps no cluster IP; a ClusterIP Service no external name', () => {
    const zone = clusterZone({
      ...CD,
      services: [
        {
          metadata: { name: 'e', namespace: 'NS' },
          spec: { type: 'ExternalName', externalName: 'x.example', clusterIP: '10.0.0.5' },
        },
        {
          metadata: { name: 'c', namespace: 'ns' },
          spec: { clusterIP: '10.0.0.6', externalName: 'y.example' },
        },
        { metadata: { name: 'h', namespace: 'ns' }, spec: { clusterIPs: ['None', '10.0.0.7'] } },
      ],
    });
    expect(zone.services.get('e.ns')).toMatchObject({
      kind: 'ExternalName',
      clusterIps: [],
      externalName: 'x.example',
      namespace: 'NS',
    });
    expect(zone.services.get('c.ns')).toMatchObject({ kind: 'ClusterIP', externalName: '' });
    expect(zone.services.get('h.ns')).toMatchObject({ kind: 'Headless', clusterIps: [] });
    expect([...zone.servicesByIp.keys()]).toEqual(['10.0.0.6']);
    expect([...zone.namespaces]).toEqual(['ns']);
  });

  it('a null targetRef or one without a name gives no pod name', () => {
    const zone = looseZone({
      ...CD,
      endpointPodNames: true,
      services: [{ metadata: { name: 'h' }, spec: { clusterIP: 'None' } }],
      endpointSlices: [
        {
          metadata: { labels: { 'kubernetes.io/service-name': 'h' } },
          endpoints: [
            { addresses: ['10.0.0.1'], targetRef: null },
            { addresses: ['10.0.0.2'], targetRef: { kind: 'Pod' } },
            { addresses: ['10.0.0.3'], targetRef: 'p' },
          ],
        },
      ],
    });
    expect(zone.services.get('h.default')?.slices[0]?.addresses.map((a) => a.podName)).toEqual(['', '', '']);
  });
});
