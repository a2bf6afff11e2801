// What-if: a namespace is named like a Service ("db"). From a pod in "shop", the short name "db.prod" is
// meant as Service db in namespace prod, but with ndots:5 the resolver first tries the search list:
// "db.prod.shop.svc.cluster.local" (NXDOMAIN), then "db.prod.svc.cluster.local" — which is Service db in
// namespace prod only if that exists. Create a Service "prod" in namespace "db" and the other reading wins:
// "db.prod" is never tried as <service>.<namespace> but "prod.db" would be. The classic trap is the reverse
// order: a Service named like a namespace shadows cross-namespace short names from pods in its namespace.
import { defineCluster, resolve } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const cluster = defineCluster({
  name: 'shadow',
  podCidr: '10.244.0.0/16',
  cni: { plugin: 'bridge-static' },
  nodes: [{ name: 'node01', ip: '192.168.1.11' }],
  pods: [
    { name: 'app', namespace: 'shop', node: 'node01', labels: { app: 'app' } },
    { name: 'db-1', namespace: 'db', node: 'node01', labels: { app: 'db' } },
    { name: 'fake', namespace: 'shop', node: 'node01', labels: { app: 'fake' } },
  ],
  services: [
    // the Service the app means: "postgres" in namespace "db"
    { name: 'postgres', namespace: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    // a Service in the app's own namespace that is named like that namespace
    { name: 'db', namespace: 'shop', selector: { app: 'fake' }, ports: [{ port: 5432 }] },
  ],
});

describe('a Service named like a namespace', () => {
  it('does not shadow "postgres.db": the first search candidate is NXDOMAIN, the second answers', () => {
    const result = resolve(cluster, 'shop/app', 'postgres.db');
    expect(result.queries.map((q) => q.name)).toEqual([
      'postgres.db.shop.svc.cluster.local.',
      'postgres.db.svc.cluster.local.',
    ]);
    expect(result.queries[0]?.rcode).toBe('NXDOMAIN');
    expect(result.answers[0]?.name).toBe('postgres.db.svc.cluster.local.');
  });

  it('but the bare name "db" from shop reaches the local Service, not the namespace', () => {
    const result = resolve(cluster, 'shop/app', 'db');
    expect(result.answers[0]?.name).toBe('db.shop.svc.cluster.local.');
  });

  it('and "db.svc" — meant as "namespace db" — is answered by nothing in the cluster zone', () => {
    const result = resolve(cluster, 'shop/app', 'db.svc');
    // db.svc.shop.svc.cluster.local. → NXDOMAIN, db.svc.svc.cluster.local. → NXDOMAIN, db.svc.cluster.local. →
    // the namespace "db" exists, so CoreDNS answers NODATA (NOERROR, no records) rather than NXDOMAIN
    const last = result.queries.find((q) => q.name === 'db.svc.cluster.local.');
    expect(last?.rcode).toBe('NOERROR');
    expect(last?.answers).toHaveLength(0);
  });
});
