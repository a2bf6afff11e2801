import { describe, expect, it } from 'vitest';
import { formatIptablesSave } from '../iptables/format-iptables-save.ts';
import { testService, testSlice } from '../modes/upstream-fixtures.ts';
import { ipsetName } from './build-ipvs.ts';
import { formatIpsetSave } from './format-ipset-save.ts';
import { formatIpvsadm } from './format-ipvsadm.ts';
import { formatIpvsadmSave } from './format-ipvsadm-save.ts';
import { ipvsRules } from './ipvs-rules.ts';
import type { IpvsRuleset } from './ipvs-ruleset.ts';

// Fixtures follow pkg/proxy/ipvs/proxier_test.go (NewFakeProxier: hostname "test-hostname",
// no-op local detector, scheduler rr).
const HOST = 'test-hostname';

/** The (target, match-set) pairs of a chain, as the upstream checkIptables compares them. */
function jumps(r: IpvsRuleset, table: string, chain: string): { jump: string; set: string }[] {
  const out: { jump: string; set: string }[] = [];
  for (const t of r.iptables.tables) {
    if (t.name !== table) continue;
    for (const l of t.lines) {
      if (l.kind !== 'rule' || l.chain !== chain) continue;
      const jump = /-j (\S+)/.exec(l.text)?.[1] ?? '';
      const set = /--match-set (\S+)/.exec(l.text)?.[1] ?? '';
      out.push({ jump, set });
    }
  }
  return out;
}

const vsKeys = (r: IpvsRuleset): string[] =>
  r.virtualServers.map(
    (vs) =>
      `${vs.address}:${vs.port}/${vs.protocol} ${vs.scheduler} -> ${vs.realServers.map((rs) => `${rs.address}:${rs.port}w${rs.weight}`).join(',')}`,
  );

describe('ipvsRules — TestNodePortIPv4 (pkg/proxy/ipvs/proxier_test.go)', () => {
  it('1 service with node port, has 2 endpoints (the IPv6 slice is ignored)', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }]),
        testSlice('ns1', 'svc1', 2, [{ ip: '1002:ab8::2:10' }], [{ name: 'p80', port: 80 }], 'IPv6'),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103', '2001:db8::1:1'], nodePortAddresses: [] },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/TCP rr -> 10.180.0.1:80w1',
      '100.101.102.103:3001/TCP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.virtualServers[0]).toEqual({
      address: '10.20.30.41',
      port: 80,
      protocol: 'TCP',
      scheduler: 'rr',
      realServers: [{ address: '10.180.0.1', port: 80, weight: 1 }],
    });
    expect(r.boundAddresses).toEqual(['10.20.30.41']);
    expect(r.ipsets['KUBE-CLUSTER-IP']).toEqual(['10.20.30.41,tcp:80']);
    expect(r.ipsets['KUBE-NODE-PORT-TCP']).toEqual(['3001']);
    expect(r.ipsets['KUBE-IPVS-IPS']).toEqual(['10.20.30.41']);
  });

  it('1 UDP service with node port, has endpoints (nodePortAddresses 0.0.0.0/0)', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, protocol: 'UDP', nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80, protocol: 'UDP' }]),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'], nodePortAddresses: ['0.0.0.0/0'] },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/UDP rr -> 10.180.0.1:80w1',
      '100.101.102.103:3001/UDP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-NODE-PORT-UDP']).toEqual(['3001']);
    expect(jumps(r, 'nat', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-NODE-PORT-UDP' },
    ]);
    expect(jumps(r, 'filter', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'ACCEPT', set: 'KUBE-HEALTH-CHECK-NODE-PORT' },
    ]);
    // Upstream's list plus the leading loopback RETURN modern kube-proxy writes first.
    expect(jumps(r, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
    ]);
  });

  it('service has node port but no endpoints: both virtual servers, no real servers', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        }),
      ],
      endpointSlices: [],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'] },
    });
    expect(vsKeys(r)).toEqual(['10.20.30.41:80/TCP rr -> ', '100.101.102.103:3001/TCP rr -> ']);
  });

  it('node port service with protocol sctp on a node with multiple nodeIPs', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, protocol: 'SCTP', nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80, protocol: 'SCTP' }]),
      ],
      config: {
        hostname: HOST,
        nodeIPs: [
          '100.101.102.103',
          '100.101.102.104',
          '100.101.102.105',
          '2001:db8::1:1',
          '2001:db8::1:2',
          '2001:db8::1:3',
        ],
      },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/SCTP rr -> 10.180.0.1:80w1',
      '100.101.102.103:3001/SCTP rr -> 10.180.0.1:80w1',
      '100.101.102.104:3001/SCTP rr -> 10.180.0.1:80w1',
      '100.101.102.105:3001/SCTP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-NODE-PORT-SCTP-HASH']).toEqual([
      '100.101.102.103,sctp:3001',
      '100.101.102.104,sctp:3001',
      '100.101.102.105,sctp:3001',
    ]);
  });

  it('node port service with protocol sctp and externalTrafficPolicy local', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'SCTP', nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [
            { ip: '10.180.0.1', nodeName: HOST },
            { ip: '10.180.1.1', nodeName: 'otherHost' },
          ],
          [{ name: 'p80', port: 80, protocol: 'SCTP' }],
        ),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'] },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/SCTP rr -> 10.180.0.1:80w1,10.180.1.1:80w1',
      '100.101.102.103:3001/SCTP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-NODE-PORT-SCTP-HASH']).toEqual(['100.101.102.103,sctp:3001']);
    expect(r.ipsets['KUBE-NODE-PORT-LOCAL-SCTP-HASH']).toEqual(['100.101.102.103,sctp:3001']);
    expect(r.ipsets['KUBE-LOOP-BACK']).toEqual(['10.180.0.1,sctp:80,10.180.0.1']);
    expect(jumps(r, 'nat', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'RETURN', set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-NODE-PORT-SCTP-HASH' },
    ]);
    expect(jumps(r, 'filter', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'ACCEPT', set: 'KUBE-HEALTH-CHECK-NODE-PORT' },
    ]);
  });
});

describe('ipvsRules — other upstream cases', () => {
  it('TestAcceptIPVSTraffic: KUBE-SERVICES order', () => {
    const mk = (type: string, ip: string, name: string) =>
      testService('ns1', name, {
        type,
        clusterIP: ip,
        ports: [{ name: 'p80', port: 80, nodePort: 80 }],
        ...(type === 'LoadBalancer' ? { loadBalancerIPs: ['1.2.3.4'] } : {}),
        ...(type === 'ClusterIP' ? { externalIPs: ['5.6.7.8'] } : {}),
      });
    const r = ipvsRules({
      services: [
        mk('ClusterIP', '10.20.30.40', 'svc1'),
        mk('LoadBalancer', '10.20.30.41', 'svc2'),
        mk('NodePort', '10.20.30.42', 'svc3'),
      ],
      endpointSlices: [],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'] },
    });
    expect(jumps(r, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-LOAD-BALANCER', set: 'KUBE-LOAD-BALANCER' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-EXTERNAL-IP' },
      { jump: 'ACCEPT', set: 'KUBE-EXTERNAL-IP' },
      { jump: 'ACCEPT', set: 'KUBE-EXTERNAL-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
      { jump: 'ACCEPT', set: 'KUBE-LOAD-BALANCER' },
    ]);
  });

  it('TestOnlyLocalLoadBalancing: only the local endpoint behind the LB IP; LOCAL set RETURNs', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          clusterIP: '10.20.30.41',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
          loadBalancerIPs: ['1.2.3.4'],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [
            { ip: '10.180.0.1', nodeName: HOST },
            { ip: '10.180.1.1', nodeName: 'other-hostname' },
          ],
          [{ name: 'p80', port: 80 }],
        ),
      ],
      config: { hostname: HOST, nodeIPs: [] },
    });
    expect(vsKeys(r)).toEqual([
      '1.2.3.4:80/TCP rr -> 10.180.0.1:80w1',
      '10.20.30.41:80/TCP rr -> 10.180.0.1:80w1,10.180.1.1:80w1',
    ]);
    expect(r.ipsets['KUBE-LOAD-BALANCER']).toEqual(['1.2.3.4,tcp:80']);
    expect(r.ipsets['KUBE-LOAD-BALANCER-LOCAL']).toEqual(['1.2.3.4,tcp:80']);
    expect(jumps(r, 'nat', 'KUBE-LOAD-BALANCER')).toEqual([
      { jump: 'RETURN', set: 'KUBE-LOAD-BALANCER-LOCAL' },
      { jump: 'KUBE-MARK-MASQ', set: '' },
    ]);
  });

  it('TestLoadBalancerSourceRanges: FW and SOURCE-CIDR sets, firewall chains', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
          loadBalancerIPs: ['1.2.3.4'],
          loadBalancerSourceRanges: ['1.2.3.4/16'],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1', nodeName: HOST }], [{ name: 'p80', port: 80 }]),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'] },
    });
    expect(r.ipsets['KUBE-LOAD-BALANCER-FW']).toEqual(['1.2.3.4,tcp:80']);
    expect(r.ipsets['KUBE-LOAD-BALANCER-SOURCE-CIDR']).toEqual(['1.2.3.4,tcp:80,1.2.0.0/16']);
    expect(r.ipsets['KUBE-LOAD-BALANCER-SOURCE-IP']).toEqual([]);
    expect(jumps(r, 'filter', 'KUBE-PROXY-FIREWALL')).toEqual([
      { jump: 'KUBE-SOURCE-RANGES-FIREWALL', set: 'KUBE-LOAD-BALANCER-FW' },
    ]);
    expect(jumps(r, 'filter', 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([
      { jump: 'RETURN', set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR' },
      { jump: 'DROP', set: '' },
    ]);
    // The node is outside every range: node → LB traffic is dropped (issue #119656).
    expect(jumps(r, 'filter', 'KUBE-IPVS-OUT-FILTER')).toEqual([{ jump: 'DROP', set: '' }]);
    expect(formatIptablesSave(r.iptables)).toContain(
      '-A KUBE-IPVS-OUT-FILTER -s 1.2.3.4 -m ipvs --vaddr 1.2.3.4 --vproto tcp --vport 80 -j DROP\n',
    );
  });

  it('session affinity makes virtual servers persistent with the timeout; mh adds source-hash', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80 }],
          sessionAffinityTimeout: 10800,
        }),
      ],
      endpointSlices: [testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }])],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'], scheduler: 'mh' },
    });
    expect(r.virtualServers[0]?.flags).toEqual(['persistent', 'source-hash']);
    expect(r.virtualServers[0]?.timeout).toBe(10800);
    expect(formatIpvsadmSave(r)).toBe(
      '-A -t 10.20.30.41:80 -s mh -b mh-port -p 10800\n-a -t 10.20.30.41:80 -r 10.180.0.1:80 -m -w 1\n',
    );
    expect(() =>
      ipvsRules({
        services: [],
        endpointSlices: [],
        config: { hostname: HOST, nodeIPs: [], scheduler: 'nope' },
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });

  it('IPv6 renames sets KUBE-6-… and uses the ::1/128 loopback RETURN', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '2020::1',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 2, [{ ip: '1002:ab8::2:10' }], [{ name: 'p80', port: 80 }], 'IPv6'),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103', '2001:db8::1:1'], ipFamily: 'IPv6' },
    });
    // TestNodePortIPv6 "1 service with node port, has 2 endpoints": VS on 2001:db8::1:1:3001 and 2020::1:80.
    expect(vsKeys(r)).toEqual([
      '2001:db8::1:1:3001/TCP rr -> 1002:ab8::2:10:80w1',
      '2020::1:80/TCP rr -> 1002:ab8::2:10:80w1',
    ]);
    expect(r.ipsets['KUBE-6-CLUSTER-IP']).toEqual(['2020::1,tcp:80']);
    expect(r.ipsets['KUBE-6-LOAD-BALANCER-SOURCE-CID']).toEqual([]);
    expect(formatIptablesSave(r.iptables)).toContain('-A KUBE-SERVICES -s ::1/128 -j RETURN\n');
    expect(formatIpvsadm(r)).toContain('TCP  [2020::1]:80 rr\n  -> [1002:ab8::2:10]:80');
  });
});

describe('ipvsRules — external IPs and Local NodePorts (proxier_test.go)', () => {
  it('TestExternalIPs: a virtual server per external IP of the proxier family (IPv6 one filtered out)', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          clusterIP: '10.20.30.41',
          externalIPs: ['50.60.70.81', '2012::51', '127.0.0.1'],
          ports: [{ name: 'p80', port: 80, targetPort: 80 }],
        }),
      ],
      endpointSlices: [
        testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80, protocol: 'UDP' }]),
      ],
      config: { hostname: HOST, nodeIPs: [] },
    });
    expect(r.virtualServers.map((vs) => vs.address)).toEqual(['10.20.30.41', '50.60.70.81', '127.0.0.1']);
    expect(r.ipsets['KUBE-EXTERNAL-IP']).toEqual(['127.0.0.1,tcp:80', '50.60.70.81,tcp:80']);
    expect(r.boundAddresses).toEqual(['10.20.30.41', '50.60.70.81', '127.0.0.1']);
  });

  it('TestOnlyLocalExternalIPs: external-IP virtual servers keep only the local endpoint', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          externalIPs: ['50.60.70.81', '2012::51', '127.0.0.1'],
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, targetPort: 80 }],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [
            { ip: '10.180.0.1', nodeName: HOST },
            { ip: '10.180.1.1', nodeName: 'other-hostname' },
          ],
          [{ name: 'p80', port: 80 }],
        ),
      ],
      config: { hostname: HOST, nodeIPs: [] },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/TCP rr -> 10.180.0.1:80w1,10.180.1.1:80w1',
      '50.60.70.81:80/TCP rr -> 10.180.0.1:80w1',
      '127.0.0.1:80/TCP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-EXTERNAL-IP-LOCAL']).toEqual(['127.0.0.1,tcp:80', '50.60.70.81,tcp:80']);
    expect(r.ipsets['KUBE-EXTERNAL-IP']).toEqual([]);
  });

  it('TestOnlyLocalNodePorts: NodePort virtual servers on the --nodeport-addresses IPs, local endpoints only', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [
            { ip: '10.180.0.1', nodeName: HOST },
            { ip: '10.180.1.1', nodeName: 'other-hostname' },
          ],
          [{ name: 'p80', port: 80 }],
        ),
      ],
      config: {
        hostname: HOST,
        nodeIPs: ['100.101.102.103', '2001:db8::'],
        nodePortAddresses: ['100.101.102.0/24', '2001:db8::0/64'],
      },
    });
    expect(vsKeys(r)).toEqual([
      '10.20.30.41:80/TCP rr -> 10.180.0.1:80w1,10.180.1.1:80w1',
      '100.101.102.103:3001/TCP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-NODE-PORT-TCP']).toEqual(['3001']);
    expect(r.ipsets['KUBE-NODE-PORT-LOCAL-TCP']).toEqual(['3001']);
    expect(jumps(r, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
    ]);
    expect(jumps(r, 'nat', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'RETURN', set: 'KUBE-NODE-PORT-LOCAL-TCP' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-NODE-PORT-TCP' },
    ]);
  });
});

describe('ipvsRules — health checks and source ranges (proxier_test.go)', () => {
  it('TestHealthCheckNodePort: only LoadBalancer + Local services contribute health-check node ports', () => {
    const svc = (name: string, hc: number, policy: 'Local' | 'Cluster') =>
      testService('ns1', name, {
        type: 'LoadBalancer',
        clusterIP: '10.20.30.41',
        externalTrafficPolicy: policy,
        healthCheckNodePort: hc,
        ports: [{ name: 'p80', port: 80, nodePort: 3000 }],
      });
    const r = ipvsRules({
      services: [
        svc('valid-svc1', 30000, 'Local'),
        svc('valid-svc2', 30001, 'Local'),
        svc('invalid-svc3', 30002, 'Cluster'),
      ],
      endpointSlices: [],
      config: {
        hostname: HOST,
        nodeIPs: ['100.101.102.103', '2001:db8::'],
        nodePortAddresses: ['100.101.102.0/24', '2001:db8::0/64'],
      },
    });
    expect(r.ipsets['KUBE-HEALTH-CHECK-NODE-PORT']).toEqual(['30000', '30001']);
    expect(jumps(r, 'nat', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'RETURN', set: 'KUBE-NODE-PORT-LOCAL-TCP' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-NODE-PORT-TCP' },
    ]);
    expect(jumps(r, 'filter', 'KUBE-NODE-PORT')).toEqual([
      { jump: 'ACCEPT', set: 'KUBE-HEALTH-CHECK-NODE-PORT' },
    ]);
  });

  it('TestLoadBalancerSourceRanges: LB, FW and SOURCE-CIDR sets; KUBE-SERVICES order', () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'LoadBalancer',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80 }],
          loadBalancerIPs: ['1.2.3.4'],
          loadBalancerSourceRanges: ['10.0.0.0/8'],
        }),
      ],
      endpointSlices: [testSlice('ns1', 'svc1', 1, [{ ip: '10.180.0.1' }], [{ name: 'p80', port: 80 }])],
      config: { hostname: HOST, nodeIPs: [] },
    });
    expect(vsKeys(r)).toEqual([
      '1.2.3.4:80/TCP rr -> 10.180.0.1:80w1',
      '10.20.30.41:80/TCP rr -> 10.180.0.1:80w1',
    ]);
    expect(r.ipsets['KUBE-LOAD-BALANCER']).toEqual(['1.2.3.4,tcp:80']);
    expect(r.ipsets['KUBE-LOAD-BALANCER-FW']).toEqual(['1.2.3.4,tcp:80']);
    expect(r.ipsets['KUBE-LOAD-BALANCER-SOURCE-CIDR']).toEqual(['1.2.3.4,tcp:80,10.0.0.0/8']);
    expect(jumps(r, 'nat', 'KUBE-SERVICES')).toEqual([
      { jump: 'RETURN', set: '' },
      { jump: 'KUBE-LOAD-BALANCER', set: 'KUBE-LOAD-BALANCER' },
      { jump: 'KUBE-MARK-MASQ', set: 'KUBE-CLUSTER-IP' },
      { jump: 'KUBE-NODE-PORT', set: '' },
      { jump: 'ACCEPT', set: 'KUBE-CLUSTER-IP' },
      { jump: 'ACCEPT', set: 'KUBE-LOAD-BALANCER' },
    ]);
    expect(jumps(r, 'filter', 'KUBE-SOURCE-RANGES-FIREWALL')).toEqual([
      { jump: 'RETURN', set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR' },
      { jump: 'DROP', set: '' },
    ]);
  });
});

describe('ipvs text formats', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const r = ipvsRules({
      services: [
        testService('ns1', 'svc1', {
          type: 'NodePort',
          clusterIP: '10.20.30.41',
          ports: [{ name: 'p80', port: 80, nodePort: 3001 }],
        }),
      ],
      endpointSlices: [
        testSlice(
          'ns1',
          'svc1',
          1,
          [{ ip: '10.180.0.1' }, { ip: '10.180.0.2' }],
          [{ name: 'p80', port: 80 }],
        ),
      ],
      config: { hostname: HOST, nodeIPs: ['100.101.102.103'], clusterCIDR: '10.0.0.0/8' },
    });
    return { r };
  };

  it('ipvsadm -Ln', () => {
    const { r } = fixtures();
    expect(formatIpvsadm(r)).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.20.30.41:80 rr',
        '  -> 10.180.0.1:80                Masq    1      0          0         ',
        '  -> 10.180.0.2:80                Masq    1      0          0         ',
        'TCP  100.101.102.103:3001 rr',
        '  -> 10.180.0.1:80                Masq    1      0          0         ',
        '  -> 10.180.0.2:80                Masq    1      0          0         ',
        '',
      ].join('\n'),
    );
  });

  it('ipvsadm-save -n', () => {
    const { r } = fixtures();
    expect(formatIpvsadmSave(r)).toBe(
      [
        '-A -t 10.20.30.41:80 -s rr',
        '-a -t 10.20.30.41:80 -r 10.180.0.1:80 -m -w 1',
        '-a -t 10.20.30.41:80 -r 10.180.0.2:80 -m -w 1',
        '-A -t 100.101.102.103:3001 -s rr',
        '-a -t 100.101.102.103:3001 -r 10.180.0.1:80 -m -w 1',
        '-a -t 100.101.102.103:3001 -r 10.180.0.2:80 -m -w 1',
        '',
      ].join('\n'),
    );
  });

  it('ipset save', () => {
    const { r } = fixtures();
    const text = formatIpsetSave(r);
    expect(text).toContain(
      'create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536\nadd KUBE-CLUSTER-IP 10.20.30.41,tcp:80\n',
    );
    expect(text).toContain(
      'create KUBE-NODE-PORT-TCP bitmap:port range 0-65535\nadd KUBE-NODE-PORT-TCP 3001\n',
    );
    expect(text.split('\n').filter((l) => l.startsWith('create ')).length).toBe(17);
  });

  it('iptables-restore input: nat then filter, exactly as writeIptablesRules orders it', () => {
    const { r } = fixtures();
    expect(formatIptablesSave(r.iptables)).toBe(
      [
        '*nat',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-POSTROUTING - [0:0]',
        ':KUBE-NODE-PORT - [0:0]',
        ':KUBE-LOAD-BALANCER - [0:0]',
        ':KUBE-MARK-MASQ - [0:0]',
        '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
        '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
        '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
        '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000',
        'COMMIT',
        '*filter',
        ':KUBE-FORWARD - [0:0]',
        ':KUBE-NODE-PORT - [0:0]',
        ':KUBE-PROXY-FIREWALL - [0:0]',
        ':KUBE-SOURCE-RANGES-FIREWALL - [0:0]',
        ':KUBE-IPVS-FILTER - [0:0]',
        ':KUBE-IPVS-OUT-FILTER - [0:0]',
        '-A KUBE-SOURCE-RANGES-FIREWALL -j DROP',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
        '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN',
        '-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });
});

// pkg/proxy/ipvs/ipset.go NewIPSet: IPv6 names swap "KUBE-" for "KUBE-6-", cut to 31 characters.
describe('ipsetName', () => {
  it.each([
    ['KUBE-CLUSTER-IP', 4, 'KUBE-CLUSTER-IP'],
    ['KUBE-CLUSTER-IP', 6, 'KUBE-6-CLUSTER-IP'],
    ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 6, 'KUBE-6-LOAD-BALANCER-SOURCE-CID'],
    ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 6, 'KUBE-6-NODE-PORT-LOCAL-SCTP-HAS'],
    ['KUBE-LOOP-BACK', 6, 'KUBE-6-LOOP-BACK'],
    ['OTHER-SET', 6, 'OTHER-SET'],
  ] as const)('%s (IPv%d) → %s', (name, family, want) => {
    expect(ipsetName(name, family)).toBe(want);
    expect(want.length).toBeLessThanOrEqual(31);
  });

  it('writes --random-fully on the ipvs MASQUERADE rule when asked', () => {
    const masq = (randomFully: boolean) =>
      formatIptablesSave(
        ipvsRules({
          services: [],
          endpointSlices: [],
          config: { hostname: 'n', nodeIPs: ['10.0.0.1'], randomFully },
        }).iptables,
      )
        .split('\n')
        .find((l) => l.includes('-j MASQUERADE'));
    expect(masq(true)).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    expect(masq(false)).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE',
    );
  });
});
