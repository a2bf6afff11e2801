import { fc, test } from '@fast-check/vitest';
import { emptyHostLocalStore, type HostLocalStore, hostLocalAllocate } from '@podnet/cni';
import { addrPrev, formatAddr, parsePrefix, prefixLast } from '@podnet/ip';
import { expect } from 'vitest';
import { defineCluster } from '../define-cluster.ts';

// The build continues host-local's sequence without re-reading the config per pod when a node's store starts
// empty; this checks it against @podnet/cni's allocator, pod by pod (containernetworking/plugins
// plugins/ipam/host-local/backend/allocator: RangeIter from rangeStart, skipping the gateway, to rangeEnd). The
// facade's CoreDNS pods (both on the only node) hold the two highest addresses first (requested IPs, by name).
test.prop([fc.integer({ min: 24, max: 29 }), fc.integer({ min: 0, max: 70 })], { numRuns: 20 })(
  'pod IPs on a node equal host-local allocating them one by one',
  (mask, count) => {
    const c = defineCluster({
      podCidr: '10.244.0.0/16',
      nodeCidrMaskSize: mask,
      nodes: [{ name: 'n', ip: '192.168.1.10' }],
      pods: Array.from({ length: count }, (_, i) => ({ name: `p${i}`, node: 'n' })),
    });
    const cidr = c.nodes[0]!.podCidr!;
    let store: HostLocalStore = emptyHostLocalStore();
    const ipam = { type: 'host-local', ranges: [[{ subnet: cidr }]] };
    const top = addrPrev(prefixLast(parsePrefix(cidr)))!;
    const coredns = [formatAddr(top), formatAddr(addrPrev(top)!)];
    for (const [i, ip] of coredns.entries()) {
      store = hostLocalAllocate(ipam, store, `kube-system/coredns-${i}`, 'eth0', {
        requestedIps: [ip],
      }).store;
    }
    const want: (string | null)[] = [];
    for (let i = 0; i < count; i++) {
      try {
        const a = hostLocalAllocate(ipam, store, `default/p${i}`, 'eth0');
        store = a.store;
        want.push(a.result.ips[0]!.address.split('/')[0]!);
      } catch {
        want.push(null);
      }
    }
    expect(c.pods.filter((p) => !p.addon).map((p) => p.ip)).toEqual(want);
    expect(c.pods.filter((p) => p.addon).map((p) => p.ip)).toEqual(coredns);
  },
);
