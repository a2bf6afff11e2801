import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { ClusterSpec } from './cluster-spec.ts';
import { safeDefineCluster } from './define-cluster.ts';
import { reachabilityReference } from './internal/reachability-reference.ts';
import { reachability } from './reachability.ts';
import { withoutNode } from './what-if.ts';

const APPS = ['web', 'api', 'db'] as const;
const PLUGINS = [
  'bridge-static',
  'bridge-gateway',
  'flannel-vxlan',
  'flannel-host-gw',
  'weave',
  'calico-ipip',
  'calico-vxlan',
] as const;
const MODES = ['iptables', 'ipvs', 'nftables'] as const;

/**
 * Small random clusters over every CNI plugin × proxy mode, with Local internal/external traffic policies,
 * ClientIP affinity, pods without an IP (no node), host-network pods, unready pods, Services without endpoints,
 * UDP ports, external IPs and pods whose explicit address lies in another node's pod CIDR.
 */
const specArb = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 4 }),
    pods: fc.array(
      fc.record({
        node: fc.option(fc.nat(3), { freq: 6 }),
        app: fc.constantFrom(...APPS),
        ns: fc.constantFrom('default', 'shop'),
        hostNetwork: fc.nat(5).map((n) => n === 0),
        ready: fc.nat(6).map((n) => n !== 0),
        // an explicit address, maybe inside another node's pod CIDR (its packets then go astray)
        ip: fc.option(fc.nat(3), { freq: 4 }),
      }),
      { maxLength: 9 },
    ),
    services: fc.uniqueArray(
      fc.record({
        app: fc.constantFrom(...APPS, 'none'),
        ns: fc.constantFrom('default', 'shop'),
        itp: fc.constantFrom('Cluster', 'Local', undefined),
        etp: fc.constantFrom('Cluster', 'Local', undefined),
        affinity: fc.constantFrom('None', 'ClientIP', undefined),
        udp: fc.boolean(),
        type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
        externalIp: fc.boolean(),
      }),
      { maxLength: 4, selector: (s) => `${s.ns}/${s.app}` },
    ),
    plugin: fc.constantFrom(...PLUGINS),
    mode: fc.constantFrom(...MODES),
  })
  .map(({ nodeCount, pods, services, plugin, mode }) => {
    const spec: ClusterSpec = {
      podCidr: plugin === 'weave' ? '10.32.0.0/12' : '10.244.0.0/16',
      cni: { plugin },
      proxy: { mode },
      nodes: Array.from({ length: nodeCount }, (_, i) => ({ name: `node${i}`, ip: `192.168.1.${10 + i}` })),
      pods: pods.map((p, i) => ({
        name: `${p.app}-${i}`,
        namespace: p.ns,
        ...(p.node === null ? {} : { node: `node${p.node % nodeCount}` }),
        ...(p.hostNetwork ? { hostNetwork: true } : {}),
        ...(p.ready ? {} : { ready: false }),
        ...(p.ip === null || p.hostNetwork || p.node === null
          ? {}
          : { ip: plugin === 'weave' ? `10.32.${p.ip}.${100 + i}` : `10.244.${p.ip}.${100 + i}` }),
        labels: { app: p.app },
      })),
      services: services.map((s, i) => ({
        name: s.app,
        namespace: s.ns,
        type: s.type,
        selector: { app: s.app },
        ports: [
          { port: 80, targetPort: 8080 },
          ...(s.udp ? [{ name: 'dns', port: 53, protocol: 'UDP' as const }] : []),
        ],
        ...(s.itp === undefined ? {} : { internalTrafficPolicy: s.itp }),
        ...(s.etp === undefined || s.type === 'ClusterIP' ? {} : { externalTrafficPolicy: s.etp }),
        ...(s.affinity === undefined ? {} : { sessionAffinity: s.affinity }),
        ...(s.externalIp ? { externalIps: [`192.168.1.${200 + i}`] } : {}),
      })),
    };
    return spec;
  });

describe('reachability: the fast path against one trace per class, port and candidate', () => {
  test.prop([specArb], { numRuns: 150 })('same answer as the straightforward computation', (spec) => {
    const built = safeDefineCluster(spec);
    if (!built.ok) return;
    const cluster = built.value;
    expect(JSON.stringify(reachability(cluster))).toBe(JSON.stringify(reachabilityReference(cluster)));
    const first = cluster.nodes[0];
    if (first !== undefined && cluster.nodes.length > 1) {
      const smaller = withoutNode(cluster, first.name);
      expect(JSON.stringify(reachability(smaller))).toBe(JSON.stringify(reachabilityReference(smaller)));
    }
  });
});
