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

// More of pkg/proxy/topology.go: topologyModeFromHints needs every ready endpoint hinted and one hint
// for this node/zone; unready endpoints are ignored for that; local endpoints ignore topology.
describe('categorizeEndpoints topology and policy details', () => {
  const both: CategorizePolicy = { usesClusterEndpoints: true, usesLocalEndpoints: true };
  const localOnly: CategorizePolicy = { usesClusterEndpoints: false, usesLocalEndpoints: true };

  it('needs node hints on every ready endpoint (unready ones do not count)', () => {
    const list = [
      ep('10.0.0.1:80', { nodeHints: ['test-node'] }),
      ep('10.0.0.2:80', { nodeHints: ['other'] }),
      ep('10.0.0.3:80', { ready: false }),
    ];
    expect(names(categorizeEndpoints(list, cluster, node('')).clusterEndpoints)).toEqual(['10.0.0.1:80']);
    const partial = [...list, ep('10.0.0.4:80')];
    expect(names(categorizeEndpoints(partial, cluster, node('')).clusterEndpoints)).toEqual([
      '10.0.0.1:80',
      '10.0.0.2:80',
      '10.0.0.4:80',
    ]);
    const notForUs = [ep('10.0.0.1:80', { nodeHints: ['x'] }), ep('10.0.0.2:80', { nodeHints: ['y'] })];
    expect(names(categorizeEndpoints(notForUs, cluster, node('')).clusterEndpoints)).toEqual([
      '10.0.0.1:80',
      '10.0.0.2:80',
    ]);
  });

  it('uses zone hints when node hints are incomplete, and only when every ready endpoint has one', () => {
    const list = [
      ep('10.0.0.1:80', { zoneHints: ['zone-a'], nodeHints: ['test-node'] }),
      ep('10.0.0.2:80', { zoneHints: ['zone-a'] }),
      ep('10.0.0.3:80', { zoneHints: ['zone-b'] }),
    ];
    expect(names(categorizeEndpoints(list, cluster, node('zone-a')).clusterEndpoints)).toEqual([
      '10.0.0.1:80',
      '10.0.0.2:80',
    ]);
    expect(
      names(categorizeEndpoints([...list, ep('10.0.0.4:80')], cluster, node('zone-a')).clusterEndpoints),
    ).toHaveLength(4);
    // With topology in use, every ready endpoint is available when every one is (the fast path).
    const allHere = [
      ep('10.0.0.1:80', { zoneHints: ['zone-a'] }),
      ep('10.0.0.2:80', { zoneHints: ['zone-a', 'zone-b'] }),
    ];
    const r = categorizeEndpoints(allHere, cluster, node('zone-a'));
    expect(r.clusterEndpoints).toBe(allHere);
    expect(r.allReachableEndpoints).toBe(allHere);
  });

  it('no ready endpoints: no topology, serving-terminating fallback', () => {
    const list = [
      ep('10.0.0.1:80', { ready: false, serving: true, terminating: true, zoneHints: ['zone-b'] }),
      ep('10.0.0.2:80', { ready: false, serving: true, terminating: false }),
    ];
    const r = categorizeEndpoints(list, cluster, node('zone-a'));
    expect([names(r.clusterEndpoints), r.hasAnyEndpoints]).toEqual([['10.0.0.1:80'], true]);
  });

  it('empty lists and local-only policies', () => {
    for (const policy of [cluster, both, localOnly]) {
      expect(categorizeEndpoints([], policy, node(''))).toEqual({
        clusterEndpoints: [],
        localEndpoints: [],
        allReachableEndpoints: [],
        hasAnyEndpoints: false,
      });
    }
    const list = [
      ep('10.0.0.1:80', { isLocal: true }),
      ep('10.0.0.2:80', { isLocal: true, ready: false, serving: true, terminating: true }),
      ep('10.0.0.3:80'),
    ];
    const r = categorizeEndpoints(list, localOnly, node(''));
    expect([
      names(r.clusterEndpoints),
      names(r.localEndpoints),
      names(r.allReachableEndpoints),
      r.hasAnyEndpoints,
    ]).toEqual([[], ['10.0.0.1:80'], ['10.0.0.1:80'], true]);
    // Only remote endpoints: nothing local, but the service has endpoints (so no REJECT).
    const remote = categorizeEndpoints([ep('10.0.0.3:80')], localOnly, node(''));
    expect([names(remote.localEndpoints), remote.hasAnyEndpoints]).toEqual([[], true]);
    const remoteTerminating = categorizeEndpoints(
      [ep('10.0.0.3:80', { ready: false, serving: true, terminating: true })],
      localOnly,
      node(''),
    );
    expect([names(remoteTerminating.localEndpoints), remoteTerminating.hasAnyEndpoints]).toEqual([[], true]);
    const dead = categorizeEndpoints(
      [ep('10.0.0.3:80', { ready: false, serving: false, terminating: false })],
      localOnly,
      node(''),
    );
    expect(dead.hasAnyEndpoints).toBe(false);
  });

  it('merges cluster and local endpoints when topology narrows the cluster set', () => {
    const list = [
      ep('10.0.0.1:80', { zoneHints: ['zone-b'], isLocal: true }),
      ep('10.0.0.2:80', { zoneHints: ['zone-a'] }),
      ep('10.0.0.3:80', { zoneHints: ['zone-a'] }),
    ];
    const r = categorizeEndpoints(list, both, node('zone-a'));
    expect(names(r.clusterEndpoints)).toEqual(['10.0.0.2:80', '10.0.0.3:80']);
    expect(names(r.localEndpoints)).toEqual(['10.0.0.1:80']);
    expect(names(r.allReachableEndpoints)).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']);
    // Without topology, cluster endpoints already hold every local ready one.
    const plain = categorizeEndpoints(
      list.map((e) => ({ ...e, zoneHints: [] })),
      both,
      node('zone-a'),
    );
    expect(names(plain.allReachableEndpoints)).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80']);
  });
});
