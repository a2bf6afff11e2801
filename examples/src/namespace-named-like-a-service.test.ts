// What-if: a Service in namespace "shop" is named "db", like the namespace "db" that holds the real database.
// From a pod in "shop", kubelet's search list starts with "shop.svc.cluster.local", and with ndots:5 every short
// name is tried against the search list first. Which names does the local Service "db" capture, and which not?
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
