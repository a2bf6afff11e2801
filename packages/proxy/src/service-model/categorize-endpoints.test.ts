import { describe, expect, it } from 'vitest';
import { type CategorizePolicy, categorizeEndpoints } from './categorize-endpoints.ts';
import type { ModelEndpoint } from './types.ts';

function ep(endpoint: string, opts: Partial<Omit<ModelEndpoint, 'endpoint'>> = {}): ModelEndpoint {
  const [ip, port] = endpoint.split(':');
  return {
    ip: ip as string,
    port: Number(port),
    endpoint,
    isLocal: false,
    ready: true,
    serving: true,
    terminating: false,
    zoneHints: [],
    nodeHints: [],
    ...opts,
  };
}

const node = (zone: string) => ({ hostname: 'test-node', zone, preferSameNode: true });
const cluster: CategorizePolicy = { usesClusterEndpoints: true, usesLocalEndpoints: false };
const names = (list: readonly ModelEndpoint[]): string[] => list.map((e) => e.endpoint);

// Cases from kubernetes/kubernetes pkg/proxy/topology_test.go TestCategorizeEndpoints, for the
// current topology.go (hints honoured whenever every ready endpoint carries one).
describe('categorizeEndpoints (TestCategorizeEndpoints)', () => {
  const zoned = [
    ep('10.1.2.3:80', { zoneHints: ['zone-a'] }),
    ep('10.1.2.4:80', { zoneHints: ['zone-b'] }),
    ep('10.1.2.5:80', { zoneHints: ['zone-c'] }),
    ep('10.1.2.6:80', { zoneHints: ['zone-a'] }),
  ];

  it('normal endpoint filtering', () => {
    const r = categorizeEndpoints(zoned, cluster, node('zone-a'));
    expect(names(r.clusterEndpoints)).toEqual(['10.1.2.3:80', '10.1.2.6:80']);
    expect(r.localEndpoints).toEqual([]);
    expect(r.allReachableEndpoints).toBe(r.clusterEndpoints);
  });

  it('empty zone label / node in a different zone: no filtering', () => {
    const one = [ep('10.1.2.3:80', { zoneHints: ['zone-a'] })];
    expect(names(categorizeEndpoints(one, cluster, node('')).clusterEndpoints)).toEqual(['10.1.2.3:80']);
    expect(names(categorizeEndpoints(one, cluster, node('zone-b')).clusterEndpoints)).toEqual([
      '10.1.2.3:80',
    ]);
  });

  it('unready endpoint', () => {
    const list = zoned.map((e) => (e.endpoint === '10.1.2.6:80' ? { ...e, ready: false } : e));
    expect(names(categorizeEndpoints(list, cluster, node('zone-a')).clusterEndpoints)).toEqual([
      '10.1.2.3:80',
    ]);
  });

  it('only unready endpoints in same zone (should not filter)', () => {
    const list = zoned.map((e) => (e.zoneHints[0] === 'zone-a' ? { ...e, ready: false } : e));
    expect(names(categorizeEndpoints(list, cluster, node('zone-a')).clusterEndpoints)).toEqual([
      '10.1.2.4:80',
      '10.1.2.5:80',
    ]);
  });

  it('missing hints, no filtering applied', () => {
    const list = zoned.map((e) => (e.endpoint === '10.1.2.5:80' ? { ...e, zoneHints: [] } : e));
    expect(names(categorizeEndpoints(list, cluster, node('zone-a')).clusterEndpoints)).toHaveLength(4);
  });

  it('multiple hints per endpoint', () => {
    const list = [
      ep('10.1.2.3:80', { zoneHints: ['zone-a', 'zone-b', 'zone-c'] }),
      ep('10.1.2.4:80', { zoneHints: ['zone-b', 'zone-c'] }),
      ep('10.1.2.5:80', { zoneHints: ['zone-b', 'zone-d'] }),
      ep('10.1.2.6:80', { zoneHints: ['zone-c'] }),
    ];
    expect(names(categorizeEndpoints(list, cluster, node('zone-c')).clusterEndpoints)).toEqual([
      '10.1.2.3:80',
      '10.1.2.4:80',
      '10.1.2.6:80',
    ]);
  });

  it('externalTrafficPolicy: Local, topology ignored for Local endpoints', () => {
    const list = zoned.map((e, i) => (i < 2 ? { ...e, isLocal: true } : e));
    const r = categorizeEndpoints(
      list,
      { usesClusterEndpoints: true, usesLocalEndpoints: true },
      node('zone-a'),
    );
    expect(names(r.clusterEndpoints)).toEqual(['10.1.2.3:80', '10.1.2.6:80']);
    expect(names(r.localEndpoints)).toEqual(['10.1.2.3:80', '10.1.2.4:80']);
    expect(names(r.allReachableEndpoints)).toEqual(['10.1.2.3:80', '10.1.2.4:80', '10.1.2.6:80']);
  });

  it('internalTrafficPolicy: Local, with empty or only remote endpoints', () => {
    const local: CategorizePolicy = { usesClusterEndpoints: false, usesLocalEndpoints: true };
    const empty = categorizeEndpoints([], local, node(''));
    expect(empty.hasAnyEndpoints).toBe(false);
    const remote = categorizeEndpoints([ep('10.0.0.0:80'), ep('10.0.0.1:80')], local, node(''));
    expect(remote.clusterEndpoints).toEqual([]);
    expect(remote.localEndpoints).toEqual([]);
    expect(remote.allReachableEndpoints).toEqual([]);
    expect(remote.hasAnyEndpoints).toBe(true);
  });

  it('falls back to serving-terminating endpoints, independently for cluster and local', () => {
    const list = [
      ep('10.0.0.1:80', { ready: false, serving: true, terminating: true, isLocal: true }),
      ep('10.0.0.2:80', { ready: true }),
      ep('10.0.0.3:80', { ready: false, serving: false, terminating: true, isLocal: true }),
    ];
    const r = categorizeEndpoints(list, { usesClusterEndpoints: true, usesLocalEndpoints: true }, node(''));
    expect(names(r.clusterEndpoints)).toEqual(['10.0.0.2:80']);
    expect(names(r.localEndpoints)).toEqual(['10.0.0.1:80']);
    expect(names(r.allReachableEndpoints)).toEqual(['10.0.0.1:80', '10.0.0.2:80']);
    const none = categorizeEndpoints([list[0] as ModelEndpoint], cluster, node(''));
    expect(names(none.clusterEndpoints)).toEqual(['10.0.0.1:80']);
    const dead = categorizeEndpoints([list[2] as ModelEndpoint], cluster, node(''));
    expect(dead.hasAnyEndpoints).toBe(false);
  });

  it('PreferSameNode node hints win over zone hints', () => {
    const list = [
      ep('10.0.0.1:80', { nodeHints: ['test-node'], zoneHints: ['zone-a'] }),
      ep('10.0.0.2:80', { nodeHints: ['other'], zoneHints: ['zone-a'] }),
    ];
    expect(names(categorizeEndpoints(list, cluster, node('zone-a')).clusterEndpoints)).toEqual([
      '10.0.0.1:80',
    ]);
    const off = categorizeEndpoints(list, cluster, {
      hostname: 'test-node',
      zone: 'zone-a',
      preferSameNode: false,
    });
    expect(names(off.clusterEndpoints)).toEqual(['10.0.0.1:80', '10.0.0.2:80']);
  });
});
