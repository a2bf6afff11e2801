import { describe, expect, it } from 'vitest';
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
  const zone = clusterZone({ clusterDomain: 'cluster.local', services, endpointSlices, namespaces: ['foo'] });
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
