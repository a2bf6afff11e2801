import { describe, expect, it } from 'vitest';
import { clusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { podResolvConf } from './pod-resolv-conf.ts';
import { resolveName } from './resolve-name.ts';

// Reference note §4.4 worked examples: pod in namespace foo, kubeadm CoreDNS.
const zone = clusterZone({
  clusterDomain: 'cluster.local',
  services: [
    {
      metadata: { name: 'kubernetes', namespace: 'default' },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] },
    },
    { metadata: { name: 'svc1', namespace: 'testns' }, spec: { clusterIP: '10.96.3.3' } },
    { metadata: { name: 'nginx', namespace: 'foo' }, spec: { clusterIP: 'None' } },
  ],
  endpointSlices: [
    {
      metadata: { namespace: 'foo', labels: { 'kubernetes.io/service-name': 'nginx' } },
      endpoints: [{ addresses: ['10.244.1.7'], hostname: 'web-0' }],
      ports: null,
    },
  ],
});
const conf = parseResolvConf(
  podResolvConf({
    pod: { metadata: { namespace: 'foo' } },
    clusterDns: ['10.96.0.10'],
    clusterDomain: 'cluster.local',
    hostResolvConf: 'nameserver 1.1.1.1\n',
  }),
);
const testnsConf = parseResolvConf(
  'search testns.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n',
);

describe('resolveName — note §4.4 worked examples', () => {
  it('1. kubernetes.default: NXDOMAIN then the answer (2 names, 4 queries)', () => {
    const r = resolveName(zone, conf, 'kubernetes.default');
    expect(r.outcome).toBe('ANSWER');
    expect(r.name).toBe('kubernetes.default.svc.cluster.local.');
    expect(r.answers.map((a) => a.data)).toEqual(['10.96.0.1']);
    expect(r.queries.map((q) => `${q.name} ${q.type} ${q.rcode}`)).toEqual([
      'kubernetes.default.foo.svc.cluster.local. A NXDOMAIN',
      'kubernetes.default.foo.svc.cluster.local. AAAA NXDOMAIN',
      'kubernetes.default.svc.cluster.local. A NOERROR',
      'kubernetes.default.svc.cluster.local. AAAA NOERROR',
    ]);
  });

  it('2. the FQDN without a trailing dot walks three search domains first', () => {
    const r = resolveName(zone, conf, 'kubernetes.default.svc.cluster.local');
    expect(r.outcome).toBe('ANSWER');
    expect(r.queries).toHaveLength(8);
    expect(resolveName(zone, conf, 'kubernetes.default.svc.cluster.local.').queries).toHaveLength(2);
  });

  it('3. an external name ends upstream after 3 NXDOMAIN candidates', () => {
    const r = resolveName(zone, conf, 'www.example.com');
    expect(r.outcome).toBe('UPSTREAM');
    expect(r.name).toBe('www.example.com.');
    expect(r.queries.filter((q) => q.rcode === 'NXDOMAIN')).toHaveLength(6);
    const answered = resolveName(zone, conf, 'www.example.com', {
      upstream: ({ name, type }) =>
        type === 'A'
          ? { rcode: 'NOERROR', answers: [{ name, type, ttl: 60, data: '192.0.2.10' }] }
          : { rcode: 'NOERROR', answers: [] },
    });
    expect(answered).toMatchObject({ outcome: 'ANSWER', name: 'www.example.com.' });
  });

  it('5. "default": glibc continues after NODATA, musl stops', () => {
    const g = resolveName(zone, conf, 'default', { resolver: 'glibc' });
    expect(g.queries.map((q) => `${q.name} ${q.type} ${q.rcode}`).slice(0, 6)).toEqual([
      'default.foo.svc.cluster.local. A NXDOMAIN',
      'default.foo.svc.cluster.local. AAAA NXDOMAIN',
      'default.svc.cluster.local. A NOERROR',
      'default.svc.cluster.local. AAAA NOERROR',
      'default.cluster.local. A NXDOMAIN',
      'default.cluster.local. AAAA NXDOMAIN',
    ]);
    expect(g.outcome).toBe('UPSTREAM');
    const m = resolveName(zone, conf, 'default', { resolver: 'musl' });
    expect(m).toMatchObject({ outcome: 'NODATA', name: 'default.svc.cluster.local.' });
    expect(m.queries).toHaveLength(4);
  });

  it('6. svc1 from testns answers on the first name', () => {
    const r = resolveName(zone, testnsConf, 'svc1');
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'svc1.testns.svc.cluster.local.' });
    expect(r.queries).toHaveLength(2);
  });

  it('7. web-0.nginx from foo finds the StatefulSet pod', () => {
    const r = resolveName(zone, conf, 'web-0.nginx', { family: 4 });
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'web-0.nginx.foo.svc.cluster.local.' });
    expect(r.answers.map((a) => a.data)).toEqual(['10.244.1.7']);
  });

  it('a name that is NXDOMAIN everywhere in the cluster (no search domain outside)', () => {
    const onlyCluster = parseResolvConf('search foo.svc.cluster.local\noptions ndots:1\n');
    const r = resolveName(zone, onlyCluster, 'nope.foo.svc.cluster.local.');
    expect(r).toMatchObject({ outcome: 'NXDOMAIN', answers: [] });
  });

  it('rejects a bad family', () => {
    expect(() => resolveName(zone, conf, 'x', { family: 5 as never })).toThrow(DnsError);
  });
});
