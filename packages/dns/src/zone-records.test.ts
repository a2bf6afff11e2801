import { beforeEach, describe, expect, it } from 'vitest';
import { clusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import { podRecords } from './pod-records.ts';
import { serviceRecords } from './service-records.ts';
import { zoneRecords } from './zone-records.ts';

// Listing order: name (code-unit order), then SOA NS A AAAA CNAME SRV PTR TXT, then data.
const ORDER = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'SRV', 'PTR', 'TXT'];
function inListingOrder(a: DnsRecord, b: DnsRecord): boolean {
  if (a.name !== b.name) return a.name < b.name;
  const ta = ORDER.indexOf(a.type);
  const tb = ORDER.indexOf(b.type);
  if (ta !== tb) return ta < tb;
  return a.data < b.data;
}

// built before each test (not while the file loads), so a mutant that breaks it fails a test
let zone: ReturnType<typeof clusterZone>;
beforeEach(() => {
  zone = clusterZone({
    clusterDomain: 'cluster.local',
    podsMode: 'insecure',
    services: [
      {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { clusterIPs: ['10.96.0.10', 'fd00::a'], ports: [{ name: 'http', port: 80 }, { port: 81 }] },
      },
      {
        metadata: { name: 'db', namespace: 'shop' },
        spec: { clusterIP: 'None', ports: [{ name: 'ignored', port: 1 }] },
      },
      {
        metadata: { name: 'ext', namespace: 'shop' },
        spec: { type: 'ExternalName', externalName: 'web.shop.svc.cluster.local' },
      },
    ],
    endpointSlices: [
      {
        metadata: { namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db' } },
        endpoints: [
          { addresses: ['10.244.1.5'], hostname: 'db-0' },
          { addresses: ['10.244.1.4'], hostname: 'db-1' },
          { addresses: ['fd00::5'] },
        ],
        ports: [{ name: 'pg', port: 5432 }, { name: 'noport' }, { port: 9 }],
      },
      {
        metadata: { namespace: 'shop', labels: { 'kubernetes.io/service-name': 'web' } },
        endpoints: [{ addresses: ['10.244.2.9'] }],
        ports: [{ name: 'http', port: 8080 }],
      },
    ],
    pods: [
      { metadata: { namespace: 'shop' }, status: { podIP: '10.244.1.5' } },
      { metadata: { namespace: 'Other' }, status: { podIP: 'fd00::7' } },
      { metadata: { namespace: 'other' }, status: { podIP: 'bogus' } },
    ],
  });
});
// Listed inside each test, not while the file loads: Stryker switches a mutant on only when the tests start, so a
// listing made at load time would never run under a mutant.
function listing(): { records: DnsRecord[]; lines: string[] } {
  const records = zoneRecords(zone);
  return { records, lines: records.map((r) => `${r.name} ${r.type} ${r.data}`) };
}

describe('zoneRecords', () => {
  it('is sorted by name, then type (SOA … TXT), then data, without duplicates', () => {
    const { records, lines } = listing();
    for (let i = 1; i < records.length; i++) {
      expect(inListingOrder(records[i - 1] as DnsRecord, records[i] as DnsRecord)).toBe(true);
    }
    expect(new Set(lines).size).toBe(lines.length);
  });

  it('lists one record per (name, type, data) — each A of a headless service once', () => {
    const { lines } = listing();
    expect(lines.filter((l) => l === 'db.shop.svc.cluster.local. A 10.244.1.5')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('db.shop.svc.cluster.local. A '))).toEqual([
      'db.shop.svc.cluster.local. A 10.244.1.4',
      'db.shop.svc.cluster.local. A 10.244.1.5',
    ]);
  });

  it('ClusterIP services: A, AAAA, SRV for named ports with a number, PTR per cluster IP; their endpoints get PTR only', () => {
    const { lines } = listing();
    expect(lines).toContain('web.shop.svc.cluster.local. A 10.96.0.10');
    expect(lines).toContain('web.shop.svc.cluster.local. AAAA fd00::a');
    expect(lines.filter((l) => l.includes('._tcp.web.'))).toEqual([
      '_http._tcp.web.shop.svc.cluster.local. SRV 0 50 80 web.shop.svc.cluster.local.',
    ]);
    expect(lines).toContain('10.0.96.10.in-addr.arpa. PTR web.shop.svc.cluster.local.');
    expect(lines).toContain('9.2.244.10.in-addr.arpa. PTR 10-244-2-9.web.shop.svc.cluster.local.');
    expect(lines.some((l) => l.startsWith('10-244-2-9.web.'))).toBe(false);
  });

  it('headless services: SRV from the slice ports (named, with a number), names per endpoint', () => {
    const { lines } = listing();
    expect(lines.filter((l) => l.includes('._tcp.db.') || l.includes('._udp.db.'))).toEqual([
      '_pg._tcp.db.shop.svc.cluster.local. SRV 0 33 5432 db-0.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. SRV 0 33 5432 db-1.db.shop.svc.cluster.local.',
      '_pg._tcp.db.shop.svc.cluster.local. SRV 0 33 5432 fd00--5.db.shop.svc.cluster.local.',
    ]);
    expect(lines).toContain('db-0.db.shop.svc.cluster.local. A 10.244.1.5');
    expect(lines).toContain('fd00--5.db.shop.svc.cluster.local. AAAA fd00::5');
    expect(lines).toContain('5.1.244.10.in-addr.arpa. PTR db-0.db.shop.svc.cluster.local.');
  });

  it('ExternalName: the CNAME only, the chased target listed under its own name', () => {
    const { lines } = listing();
    expect(lines.filter((l) => l.startsWith('ext.'))).toEqual([
      'ext.shop.svc.cluster.local. CNAME web.shop.svc.cluster.local.',
    ]);
  });

  it('pods: a dashed name per parsable pod IP in its (lower-case) namespace', () => {
    const { lines } = listing();
    expect(lines.filter((l) => l.includes('.pod.'))).toEqual([
      '10-244-1-5.shop.pod.cluster.local. A 10.244.1.5',
      'fd00--7.other.pod.cluster.local. AAAA fd00::7',
    ]);
    const disabled = clusterZone({
      clusterDomain: 'cluster.local',
      podsMode: 'disabled',
      pods: [{ metadata: { namespace: 'a' }, status: { podIP: '10.0.0.1' } }],
    });
    expect(zoneRecords(disabled).map((r) => r.type)).toEqual(['TXT']);
  });

  it('refuses a value that is not a zone', () => {
    expect(() => zoneRecords({} as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'zoneRecords expects a zone built by clusterZone(), got an object',
      }),
    );
  });
});

describe('serviceRecords / podRecords options', () => {
  it('serviceRecords passes ttl and endpoint_pod_names through', () => {
    const recs = serviceRecords(
      { metadata: { name: 'h', namespace: 'n' }, spec: { clusterIP: 'None' } },
      {
        clusterDomain: 'example.org',
        ttl: 42,
        endpointPodNames: true,
        endpointSlices: [
          {
            metadata: { namespace: 'n', labels: { 'kubernetes.io/service-name': 'h' } },
            endpoints: [{ addresses: ['10.0.0.1'], targetRef: { kind: 'Pod', name: 'pod-a' } }],
          },
        ],
      },
    );
    expect(recs).toEqual([
      { name: '1.0.0.10.in-addr.arpa.', type: 'PTR', ttl: 42, data: 'pod-a.h.n.svc.example.org.' },
      { name: 'h.n.svc.example.org.', type: 'A', ttl: 42, data: '10.0.0.1' },
      { name: 'pod-a.h.n.svc.example.org.', type: 'A', ttl: 42, data: '10.0.0.1' },
    ]);
  });

  it('serviceRecords without endpoint slices', () => {
    expect(
      serviceRecords(
        { metadata: { name: 'h', namespace: 'n' }, spec: { clusterIP: 'None' } },
        { clusterDomain: 'c.local' },
      ),
    ).toEqual([]);
  });

  it('without an options object: a coded DnsError naming the missing cluster domain, never a TypeError', () => {
    const svc = { metadata: { name: 'h', namespace: 'n' }, spec: { clusterIP: 'None' } };
    const pod = { metadata: { namespace: 'a' }, status: { podIP: '10.0.0.1' } };
    for (const f of [
      () => serviceRecords(svc, undefined as never),
      () => serviceRecords(svc, null as never),
      () => podRecords(pod, undefined as never),
      () => podRecords(pod, null as never),
    ]) {
      expect(f).toThrow(DnsError);
      expect(f).toThrow(/clusterDomain/);
    }
  });

  it('podRecords: insecure by default, ttl passed through, verified lists the primary IP only', () => {
    const pod = {
      metadata: { namespace: 'a' },
      status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
    };
    expect(podRecords(pod, { clusterDomain: 'cluster.local', ttl: 7 })).toEqual([
      { name: '10-0-0-1.a.pod.cluster.local.', type: 'A', ttl: 7, data: '10.0.0.1' },
      { name: 'fd00--1.a.pod.cluster.local.', type: 'AAAA', ttl: 7, data: 'fd00::1' },
    ]);
    expect(podRecords(pod, { clusterDomain: 'cluster.local', podsMode: 'verified' })).toEqual([
      { name: '10-0-0-1.a.pod.cluster.local.', type: 'A', ttl: 5, data: '10.0.0.1' },
    ]);
  });
});
