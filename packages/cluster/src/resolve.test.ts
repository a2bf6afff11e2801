import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { defineCluster } from './define-cluster.ts';
import { render } from './render.ts';
import { resolve } from './resolve.ts';

describe('resolve: a name from a pod, through its resolv.conf and the zone', () => {
  const c = defineCluster(lessonSpec());

  it('kubelet writes the ClusterFirst resolv.conf (pkg/kubelet/network/dns/dns.go)', () => {
    expect(render(c, { pod: 'shop/api-1', artefact: 'resolv.conf' })).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it("a short name finds the Service in the pod's own namespace first", () => {
    const r = resolve(c, 'shop/api-1', 'api');
    expect(r.rcode).toBe('NOERROR');
    expect(r.queries.map((q) => q.name)).toEqual(['api.shop.svc.cluster.local.']);
    expect(r.addresses).toEqual([c.services.find((s) => s.key === 'shop/api')?.clusterIp]);
  });

  it('a Service in another namespace needs its namespace (the second search domain answers)', () => {
    const r = resolve(c, 'shop/api-1', 'web.default');
    expect(r.queries.map((q) => [q.name, q.rcode])).toEqual([
      ['web.default.shop.svc.cluster.local.', 'NXDOMAIN'],
      ['web.default.svc.cluster.local.', 'NOERROR'],
    ]);
    expect(resolve(c, 'shop/api-1', 'web').rcode).toBe('NXDOMAIN');
  });

  it('headless Services answer with the ready pods, and hostname.subdomain names a pod', () => {
    expect(resolve(c, 'default/web-1', 'db.shop').addresses).toEqual([
      c.pods.find((p) => p.key === 'shop/db-0')?.ip,
    ]);
    expect(resolve(c, 'default/web-1', 'db-0.db.shop.svc.cluster.local.').addresses).toEqual([
      c.pods.find((p) => p.key === 'shop/db-0')?.ip,
    ]);
  });

  it('an absolute name is queried once; the kubernetes Service is at the first service IP', () => {
    const r = resolve(c, 'default/web-1', 'kubernetes.default.svc.cluster.local.');
    expect(r.queries).toHaveLength(1);
    expect(r.addresses).toEqual(['10.96.0.1']);
  });

  it('SRV records for named ports', () => {
    const r = resolve(c, 'default/web-1', '_http._tcp.api.shop.svc.cluster.local.', 'SRV');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers[0]?.data).toMatch(/^0 100 8080 /);
  });

  it("dnsPolicy Default pods use the node's resolver, which does not know cluster names", () => {
    const d = defineCluster(lessonSpec({ pods: [{ name: 'x', node: 'node01', dnsPolicy: 'Default' }] }));
    expect(render(d, { pod: 'default/x', artefact: 'resolv.conf' })).toBe('nameserver 192.168.1.1\n');
    const r = resolve(d, 'default/x', 'kubernetes.default.svc.cluster.local');
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.queries.every((q) => q.upstream)).toBe(true);
  });

  it('musl tries the search list too, but never the bare name first', () => {
    const r = resolve(c, 'shop/api-1', 'web.default', 'A', { resolver: 'musl' });
    expect(r.rcode).toBe('NOERROR');
  });

  it('refuses unknown pods and empty names', () => {
    expect(() => resolve(c, 'nope/nope', 'web')).toThrow(expect.objectContaining({ code: 'UNKNOWN_POD' }));
    expect(() => resolve(c, 'default/web-1', '')).toThrow(expect.objectContaining({ code: 'INVALID_NAME' }));
  });
});

describe('musl ends the search at NODATA (musl name_from_dns_search; @podnet/dns resolveName)', () => {
  const c = defineCluster(lessonSpec());

  it('a namespace name: NODATA at <ns>.svc.cluster.local ends a musl search, glibc goes on', () => {
    const musl = resolve(c, 'default/web-1', 'shop', 'A', { resolver: 'musl' });
    const glibc = resolve(c, 'default/web-1', 'shop', 'A');
    expect(musl.queries.map((q) => [q.name, q.rcode])).toEqual([
      ['shop.default.svc.cluster.local.', 'NXDOMAIN'],
      ['shop.svc.cluster.local.', 'NOERROR'],
    ]);
    expect(musl.rcode).toBe('NOERROR');
    expect(glibc.queries.map((q) => q.name)).toEqual([
      'shop.default.svc.cluster.local.',
      'shop.svc.cluster.local.',
      'shop.cluster.local.',
      'shop.',
    ]);
  });
});
