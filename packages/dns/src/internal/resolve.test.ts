// The general answer path (resolve.ts) through the public `answer`, one rule per test, with
// the CoreDNS source each rule comes from (plugin/kubernetes/kubernetes.go Records/findServices/
// findPods, plugin/kubernetes/reverse.go, plugin/backend_lookup.go A/SRV/PTR).
import { describe, expect, it } from 'vitest';
import { answer } from '../answer.ts';
import { type ClusterZoneInput, clusterZone } from '../cluster-zone.ts';
import type { KubeEndpointSlice, KubeService } from '../kube-objects.ts';

const rr = (name: string, type: string, data: string, ttl = 5) => ({ name, type, ttl, data });
const SVC = 'kubernetes.io/service-name';
const svc = (name: string, spec: NonNullable<KubeService['spec']>, namespace = 'ns'): KubeService => ({
  metadata: { name, namespace },
  spec,
});
const ext = (name: string, target: string): KubeService =>
  svc(name, { type: 'ExternalName', externalName: target });
const slice = (
  service: string,
  ips: string[],
  ports: KubeEndpointSlice['ports'],
  namespace = 'ns',
): KubeEndpointSlice => ({
  metadata: { namespace, labels: { [SVC]: service } },
  endpoints: ips.map((ip) => ({ addresses: [ip] })),
  ports,
});
const build = (extra: Partial<ClusterZoneInput>) => clusterZone({ clusterDomain: 'cluster.local', ...extra });
const fq = (s: string) => `${s}.ns.svc.cluster.local.`;

describe('A/AAAA: de-duplication of addresses (backend_lookup.go A)', () => {
  const ports = [
    { name: 'a', port: 1 },
    { name: 'b', port: 2 },
  ];
  it('a few backends (one per address and port): each address once', () => {
    const zone = build({
      services: [svc('h', { clusterIP: 'None' })],
      endpointSlices: [slice('h', ['10.0.0.1', '10.0.0.2', '10.0.0.3'], ports)],
    });
    expect(answer(zone, { name: fq('h'), type: 'A' }).answers.map((r) => r.data)).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
    ]);
  });

  it('many backends (more than 16): each address once, in order', () => {
    const ips = Array.from({ length: 9 }, (_, i) => `10.0.0.${i + 1}`);
    const zone = build({
      services: [svc('h', { clusterIP: 'None' })],
      endpointSlices: [slice('h', ips, ports), slice('h', ['10.0.0.1'], ports)],
    });
    expect(answer(zone, { name: fq('h'), type: 'A' }).answers.map((r) => r.data)).toEqual(ips);
  });
});

describe('CNAME chains of ExternalName services (backend_lookup.go A)', () => {
  it('follows in-zone targets: up to 8 CNAMEs, a 9th link gives nothing', () => {
    const chain = (n: number) => {
      const services: KubeService[] = [svc('web', { clusterIP: '10.96.0.1' })];
      for (let i = 0; i < n; i++) services.push(ext(`e${i}`, i === n - 1 ? fq('web') : fq(`e${i + 1}`)));
      return build({ services });
    };
    const eight = answer(chain(8), { name: fq('e0'), type: 'A' });
    expect(eight.answers.map((r) => r.type)).toEqual([...Array(8).fill('CNAME'), 'A']);
    expect(eight.answers[0]).toEqual(rr(fq('e0'), 'CNAME', fq('e1')));
    expect(eight.answers[8]).toEqual(rr(fq('web'), 'A', '10.96.0.1'));
    expect(answer(chain(9), { name: fq('e0'), type: 'A' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('a loop and a self-reference end without records', () => {
    const zone = build({ services: [ext('a', fq('b')), ext('b', fq('a')), ext('self', fq('self'))] });
    expect(answer(zone, { name: fq('a'), type: 'A' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer(zone, { name: fq('self'), type: 'A' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer(zone, { name: fq('self'), type: 'CNAME' }).answers).toEqual([
      rr(fq('self'), 'CNAME', fq('self')),
    ]);
  });

  it('an in-zone target without addresses of the asked family drops the CNAME', () => {
    const zone = build({ services: [ext('e', fq('web')), svc('web', { clusterIP: '10.96.0.1' })] });
    expect(answer(zone, { name: fq('e'), type: 'AAAA' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer(zone, { name: fq('e'), type: 'A' }).answers).toHaveLength(2);
  });

  it('a target in letter case other than the query still matches the self-reference check', () => {
    const zone = build({ services: [ext('self', 'SELF.ns.svc.cluster.local')] });
    expect(answer(zone, { name: fq('self'), type: 'A' }).answers).toEqual([]);
  });

  it('a target outside the zone: the CNAME alone; the same target twice is listed once', () => {
    const zone = build({ services: [ext('e', 'example.com')] });
    expect(answer(zone, { name: fq('e'), type: 'A' }).answers).toEqual([
      rr(fq('e'), 'CNAME', 'example.com.'),
    ]);
    expect(answer(zone, { name: fq('e'), type: 'AAAA' }).answers).toEqual([
      rr(fq('e'), 'CNAME', 'example.com.'),
    ]);
  });

  it('ExternalName with an IP, an empty target or an endpoint label is a name error', () => {
    const zone = build({ services: [ext('ip', '192.0.2.1'), ext('none', ''), ext('e', 'example.com')] });
    for (const name of [fq('ip'), fq('none'), `x.${fq('e')}`]) {
      expect(answer(zone, { name, type: 'A' }).rcode, name).toBe('NXDOMAIN');
    }
  });
});

describe('SRV weights and targets (backend_lookup.go SRV)', () => {
  it('weight is ⌊100 / backends⌋, at least 1', () => {
    const weightOf = (n: number) => {
      const ips = Array.from({ length: n }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
      const zone = build({
        services: [svc('h', { clusterIP: 'None' })],
        endpointSlices: [slice('h', ips, [{ name: 'p', port: 9 }])],
      });
      const r = answer(zone, { name: `_p._tcp.${fq('h')}`, type: 'SRV' });
      expect(r.answers).toHaveLength(n);
      return Number((r.answers[0]?.data ?? '').split(' ')[1]);
    };
    expect(weightOf(1)).toBe(100);
    expect(weightOf(3)).toBe(33);
    expect(weightOf(100)).toBe(1);
    expect(weightOf(101)).toBe(1);
    expect(weightOf(201)).toBe(1);
  });

  it('backends without a port number count for the weight but give no record', () => {
    const zone = build({
      services: [svc('h', { clusterIP: 'None' })],
      endpointSlices: [slice('h', ['10.0.0.1', '10.0.0.2'], [{ name: 'p', port: 9 }, { name: 'q' }])],
    });
    const r = answer(zone, { name: fq('h'), type: 'SRV' });
    expect(r.answers).toEqual([
      rr(fq('h'), 'SRV', `0 25 9 10-0-0-1.${fq('h')}`),
      rr(fq('h'), 'SRV', `0 25 9 10-0-0-2.${fq('h')}`),
    ]);
    expect(r.additional).toEqual([
      rr(`10-0-0-1.${fq('h')}`, 'A', '10.0.0.1'),
      rr(`10-0-0-2.${fq('h')}`, 'A', '10.0.0.2'),
    ]);
  });

  it('the same endpoint in two slices is one SRV record and one additional record', () => {
    const zone = build({
      services: [svc('h', { clusterIP: 'None' })],
      endpointSlices: [
        slice('h', ['fd00::1'], [{ name: 'p', port: 9 }]),
        slice('h', ['fd00::1'], [{ name: 'p', port: 9 }]),
      ],
    });
    const r = answer(zone, { name: fq('h'), type: 'SRV' });
    expect(r.answers).toEqual([rr(fq('h'), 'SRV', `0 50 9 fd00--1.${fq('h')}`)]);
    expect(r.additional).toEqual([rr(`fd00--1.${fq('h')}`, 'AAAA', 'fd00::1')]);
  });

  it('port and protocol labels match with or without underscores, and each alone', () => {
    const zone = build({
      services: [
        svc('s', {
          clusterIP: '10.96.0.1',
          ports: [
            { name: 'http', port: 80 },
            { name: 'dns', port: 53, protocol: 'UDP' },
          ],
        }),
      ],
    });
    const ports = (name: string) =>
      answer(zone, { name, type: 'SRV' }).answers.map((r) => r.data.split(' ')[2]);
    expect(ports(`_http._tcp.${fq('s')}`)).toEqual(['80']);
    expect(ports(`http.tcp.${fq('s')}`)).toEqual(['80']);
    expect(ports(`_dns._udp.${fq('s')}`)).toEqual(['53']);
    expect(ports(`_dns._tcp.${fq('s')}`)).toEqual([]);
    expect(answer(zone, { name: `_dns._tcp.${fq('s')}`, type: 'SRV' }).rcode).toBe('NXDOMAIN');
    expect(ports(fq('s'))).toEqual(['80', '53']);
    // five labels before the namespace: too many
    expect(answer(zone, { name: `x._http._tcp.${fq('s')}`, type: 'SRV' }).rcode).toBe('NXDOMAIN');
  });
});

describe('Services: existence rules (kubernetes.go findServices)', () => {
  it('ignore empty_service: a ClusterIP Service without endpoints is a name error; headless are not affected', () => {
    const base = {
      services: [svc('empty', { clusterIP: '10.96.0.1' }), svc('full', { clusterIP: '10.96.0.2' })],
      endpointSlices: [slice('full', ['10.0.0.1'], [])],
    };
    expect(answer(build(base), { name: fq('empty'), type: 'A' }).rcode).toBe('NOERROR');
    const ignoring = build({ ...base, ignoreEmptyService: true });
    expect(answer(ignoring, { name: fq('empty'), type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(ignoring, { name: fq('full'), type: 'A' }).answers).toEqual([
      rr(fq('full'), 'A', '10.96.0.2'),
    ]);
  });

  it('a ClusterIP Service without cluster IPs is NODATA; a port that matches nothing is a name error', () => {
    const zone = build({ services: [svc('noip', { ports: [{ name: 'http', port: 80 }] })] });
    expect(answer(zone, { name: fq('noip'), type: 'A' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer(zone, { name: `_x._tcp.${fq('noip')}`, type: 'A' }).rcode).toBe('NXDOMAIN');
  });

  it('endpoint labels match in any letter case, on ClusterIP services too', () => {
    const zone = build({
      services: [svc('s', { clusterIP: '10.96.0.1' })],
      endpointSlices: [
        {
          metadata: { namespace: 'ns', labels: { [SVC]: 's' } },
          endpoints: [{ addresses: ['10.0.0.7'], hostname: 'Web-0' }],
        },
      ],
    });
    expect(answer(zone, { name: `WEB-0.${fq('s')}`, type: 'A' }).answers).toEqual([
      rr(`WEB-0.${fq('s')}`, 'A', '10.0.0.7'),
    ]);
    expect(answer(zone, { name: `web-1.${fq('s')}`, type: 'A' }).rcode).toBe('NXDOMAIN');
  });

  it('namespaces option: names in other namespaces are name errors, PTR skips their services and endpoints', () => {
    const zone = build({
      exposedNamespaces: ['ns'],
      services: [
        svc('hidden', { clusterIP: '10.96.0.1' }, 'other'),
        svc('shown', { clusterIP: '10.96.0.1' }),
        svc('h', { clusterIP: 'None' }, 'other'),
      ],
      endpointSlices: [slice('h', ['10.0.0.9'], [], 'other')],
    });
    expect(answer(zone, { name: 'hidden.other.svc.cluster.local.', type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: '1.0.96.10.in-addr.arpa.', type: 'PTR' }).answers).toEqual([
      rr('1.0.96.10.in-addr.arpa.', 'PTR', fq('shown')),
    ]);
    expect(answer(zone, { name: '9.0.0.10.in-addr.arpa.', type: 'PTR' }).rcode).toBe('NXDOMAIN');
    const open = build({
      services: [
        svc('hidden', { clusterIP: '10.96.0.1' }, 'other'),
        svc('shown', { clusterIP: '10.96.0.1' }),
      ],
    });
    expect(answer(open, { name: '1.0.96.10.in-addr.arpa.', type: 'PTR' }).answers[0]?.data).toBe(
      'hidden.other.svc.cluster.local.',
    );
  });
});

describe('PTR (reverse.go)', () => {
  it('an endpoint IP: one record per distinct endpoint name, in input order', () => {
    const zone = build({
      services: [svc('a', { clusterIP: 'None' }), svc('b', { clusterIP: 'None' })],
      endpointSlices: [
        slice('a', ['10.0.0.1'], []),
        slice('a', ['10.0.0.1'], []),
        slice('b', ['10.0.0.1'], []),
      ],
    });
    expect(answer(zone, { name: '1.0.0.10.in-addr.arpa.', type: 'PTR' }).answers).toEqual([
      rr('1.0.0.10.in-addr.arpa.', 'PTR', `10-0-0-1.${fq('a')}`),
      rr('1.0.0.10.in-addr.arpa.', 'PTR', `10-0-0-1.${fq('b')}`),
    ]);
  });

  it('IPv6 endpoint PTR in nibble form', () => {
    const zone = build({
      services: [svc('h', { clusterIP: 'None' })],
      endpointSlices: [slice('h', ['fd00::1'], [])],
    });
    const name = `1.${'0.'.repeat(29)}d.f.ip6.arpa.`;
    expect(answer(zone, { name, type: 'PTR' }).answers).toEqual([rr(name, 'PTR', `fd00--1.${fq('h')}`)]);
  });

  it('an unknown IP is a name error that falls through; a partial reverse name is NXDOMAIN too', () => {
    const zone = build({});
    expect(answer(zone, { name: '9.9.9.9.in-addr.arpa.', type: 'PTR' })).toMatchObject({ rcode: 'NXDOMAIN' });
    expect(answer(zone, { name: '9.9.9.9.in-addr.arpa.', type: 'PTR' }).upstream).toBe(true);
    expect(answer(zone, { name: '10.in-addr.arpa.', type: 'PTR' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: 'in-addr.arpa.', type: 'PTR' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
  });
});

describe('other types (kubernetes handler.go ServeDNS)', () => {
  const zone = build({
    services: [
      svc('web', { clusterIP: '10.96.0.1' }),
      ext('e', 'example.com'),
      svc('kube-dns', { clusterIP: '10.96.0.10' }, 'kube-system'),
    ],
  });
  it.each([
    // [name, type, rcode, answers]
    [fq('web'), 'CNAME', 'NOERROR', []],
    [fq('nope'), 'CNAME', 'NXDOMAIN', []],
    [fq('e'), 'CNAME', 'NOERROR', [rr(fq('e'), 'CNAME', 'example.com.')]],
    ['ns.dns.cluster.local.', 'CNAME', 'NOERROR', []],
    [fq('web'), 'MX', 'NOERROR', []],
    [fq('nope'), 'MX', 'NXDOMAIN', []],
    [fq('web'), 'SOA', 'NOERROR', []],
    [fq('nope'), 'SOA', 'NXDOMAIN', []],
    [fq('web'), 'NS', 'NOERROR', []],
    [fq('nope'), 'NS', 'NXDOMAIN', []],
    [fq('nope'), 'TXT', 'NOERROR', []],
    ['x.dns-version.cluster.local.', 'TXT', 'NOERROR', []],
    ['cluster.local.', 'TXT', 'NOERROR', []],
    [fq('web'), 'AXFR', 'REFUSED', []],
    [fq('web'), 'IXFR', 'REFUSED', []],
    ['ns.dns.cluster.local.', 'A', 'NOERROR', [rr('ns.dns.cluster.local.', 'A', '10.96.0.10')]],
    ['ns.dns.cluster.local.', 'AAAA', 'NOERROR', []],
    ['xns.dns.cluster.local.', 'A', 'NXDOMAIN', []],
    ['a.ns.dns.cluster.local.', 'A', 'NXDOMAIN', []],
  ])('%s %s → %s', (name, type, rcode, answers) => {
    const r = answer(zone, { name, type });
    expect(r.rcode).toBe(rcode);
    expect(r.answers).toEqual(answers);
  });

  it('AXFR is refused without going upstream; a name outside every zone goes upstream', () => {
    expect(answer(zone, { name: fq('web'), type: 'AXFR' }).upstream).toBe(false);
    expect(answer(zone, { name: 'example.com.', type: 'A' })).toMatchObject({ rcode: 'REFUSED' });
    expect(answer(zone, { name: 'example.com.', type: 'A' }).upstream).toBe(true);
    expect(answer(zone, { name: 'xcluster.local.', type: 'A' }).upstream).toBe(true);
  });

  it('NS and SOA at the apex, with the name server addresses as additional records', () => {
    const ns = answer(zone, { name: 'cluster.local.', type: 'NS' });
    expect(ns.answers).toEqual([rr('cluster.local.', 'NS', 'kube-dns.kube-system.svc.cluster.local.')]);
    expect(ns.additional).toEqual([rr('kube-dns.kube-system.svc.cluster.local.', 'A', '10.96.0.10')]);
    const v6 = build({
      services: [svc('kube-dns', { clusterIPs: ['fd00::a', '10.96.0.10'] }, 'kube-system')],
    });
    expect(answer(v6, { name: 'cluster.local.', type: 'NS' }).additional.map((r) => r.type)).toEqual([
      'AAAA',
      'A',
    ]);
    expect(answer(zone, { name: 'cluster.local.', type: 'SOA' }).answers).toEqual([
      rr('cluster.local.', 'SOA', 'ns.dns.cluster.local. hostmaster.cluster.local. 0 7200 1800 86400 5'),
    ]);
    expect(answer(zone, { name: 'cluster.local.', type: 'A' })).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
  });
});

describe('name errors: fallthrough and not-synced (kubernetes handler.go, plugin/pkg/fall)', () => {
  it.each([
    [['cluster.local'], 'nope.ns.svc.cluster.local.', true],
    [['.'], 'nope.ns.svc.cluster.local.', true],
    [['svc.cluster.local'], 'nope.ns.svc.cluster.local.', true],
    [['ns.svc.cluster.local'], 'nope.ns.svc.cluster.local.', true],
    [['nope.ns.svc.cluster.local'], 'nope.ns.svc.cluster.local.', true],
    [['s.svc.cluster.local'], 'nope.ns.svc.cluster.local.', false],
    [['other.local', 'cluster.local'], 'nope.ns.svc.cluster.local.', true],
    [[], 'nope.ns.svc.cluster.local.', false],
  ])('fallthrough %j: %s upstream=%s', (fallthrough, name, upstream) => {
    const zone = build({ fallthrough });
    const r = answer(zone, { name, type: 'A' });
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.upstream).toBe(upstream);
    expect(r.authority.map((x) => x.type)).toEqual(['SOA']);
  });

  it('before the sync a name error is SERVFAIL, unless it falls through; NODATA stays NODATA', () => {
    const zone = build({
      synced: false,
      fallthrough: ['in-addr.arpa'],
      services: [svc('web', { clusterIP: '10.96.0.1' })],
    });
    const r = answer(zone, { name: fq('nope'), type: 'A' });
    expect(r.rcode).toBe('SERVFAIL');
    expect(r.authority.map((x) => x.type)).toEqual(['SOA']);
    expect(r.upstream).toBe(false);
    expect(answer(zone, { name: '9.9.9.9.in-addr.arpa.', type: 'PTR' })).toMatchObject({ rcode: 'NXDOMAIN' });
    expect(answer(zone, { name: fq('web'), type: 'AAAA' })).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer(zone, { name: fq('web'), type: 'A' }).answers).toEqual([rr(fq('web'), 'A', '10.96.0.1')]);
  });
});

describe('zones: the most specific zone answers (plugin.Zones.Matches)', () => {
  it('a sub-zone listed as its own zone', () => {
    const zone = build({
      zones: ['cluster.local', 'svc.cluster.local'],
      services: [svc('web', { clusterIP: '10.96.0.1' })],
    });
    // in the zone svc.cluster.local. the name is "web.ns" + zone: no svc/pod label, a name error there
    expect(answer(zone, { name: fq('web'), type: 'A' }).rcode).toBe('NXDOMAIN');
    expect(answer(zone, { name: fq('web'), type: 'A' }).authority[0]?.name).toBe('svc.cluster.local.');
  });

  it('the root zone "." holds every name', () => {
    const zone = build({ zones: ['.'], services: [svc('web', { clusterIP: '10.96.0.1' })] });
    expect(zone.primaryZone).toBe('.');
    expect(answer(zone, { name: 'web.ns.svc.', type: 'A' }).answers).toEqual([
      rr('web.ns.svc.', 'A', '10.96.0.1'),
    ]);
    expect(answer(zone, { name: 'example.com.', type: 'A' }).rcode).toBe('NXDOMAIN');
  });
});
