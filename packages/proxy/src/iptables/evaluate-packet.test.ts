import { describe, expect, it } from 'vitest';
import type { ProxyConfig } from '../service-model/types.ts';
import {
  fakeConfig,
  makeService,
  makeSlice,
  overallServices,
  overallSlices,
  testExternalClient,
  testExternalClientBlocked,
  testNodeIP,
  testNodeIPAlt,
  testNodeIPv6,
  testNodeIPv6Alt,
  testNodeName,
} from '../testing/fixtures.ts';
import { evaluatePacket, type PacketResult } from './evaluate-packet.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import type { Ruleset } from './ruleset.ts';

/** The tracer's output string: endpoints joined by ", ", or the filter verdict, or "". */
function output(result: PacketResult): string {
  if (result.verdict === 'DNAT') return result.candidates.map((c) => c.endpoint).join(', ');
  return result.verdict === 'NONE' ? '' : result.verdict;
}

interface Flow {
  readonly name: string;
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol?: string;
  readonly output: string;
  readonly masq?: boolean;
}

function runFlows(ruleset: Ruleset, flows: readonly Flow[]): void {
  for (const f of flows) {
    const result = evaluatePacket(ruleset, {
      sourceIP: f.sourceIP,
      destIP: f.destIP,
      destPort: f.destPort,
      protocol: f.protocol ?? 'TCP',
    });
    expect({ name: f.name, output: output(result), masq: result.masquerade }).toEqual({
      name: f.name,
      output: f.output,
      masq: f.masq ?? false,
    });
  }
}

const p80 = [{ name: 'p80', port: 80, protocol: 'TCP' }];

describe('evaluatePacket', () => {
  it('traces TestTracePacket (proxier_test.go) on a parsed dump', () => {
    const dump = `*filter
:INPUT - [0:0]
:FORWARD - [0:0]
:OUTPUT - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A INPUT -m comment --comment kubernetes health check service ports -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment kubernetes externally-visible service portals -j KUBE-EXTERNAL-SERVICES
-A FORWARD -m comment --comment kubernetes forwarding rules -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment kubernetes service portals -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment kubernetes externally-visible service portals -j KUBE-EXTERNAL-SERVICES
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment kubernetes service portals -j KUBE-SERVICES
-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
COMMIT
*nat
:PREROUTING - [0:0]
:INPUT - [0:0]
:OUTPUT - [0:0]
:POSTROUTING - [0:0]
:KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]
:KUBE-EXT-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-EXT-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]
:KUBE-FW-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-C6EBXVWJJZMIWKLZ - [0:0]
:KUBE-SEP-I77PXRDZVX7PMWMN - [0:0]
:KUBE-SEP-OYPFS5VJICHGATKP - [0:0]
:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
:KUBE-SEP-UKSFD7AGPMPPLUHC - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
:KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-SVC-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
-A PREROUTING -m comment --comment kubernetes service portals -j KUBE-SERVICES
-A OUTPUT -m comment --comment kubernetes service portals -j KUBE-SERVICES
-A POSTROUTING -m comment --comment kubernetes postrouting rules -j KUBE-POSTROUTING
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
COMMIT
`;
    const ruleset = parseIptablesSave(dump);
    const localIPs = fakeConfig().nodeIPs;
    const flows: Flow[] = [
      { name: 'no match', sourceIP: '10.0.0.2', destIP: '10.0.0.3', destPort: 80, output: '' },
      {
        name: 'single endpoint',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'multiple endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.44',
        destPort: 80,
        output: '10.180.0.4:80, 10.180.0.5:80',
      },
      {
        name: 'LOCAL, KUBE-MARK-MASQ',
        sourceIP: testNodeIP,
        destIP: '192.168.99.22',
        destPort: 80,
        output: '10.180.0.2:80',
        masq: true,
      },
      { name: 'DROP', sourceIP: testExternalClient, destIP: '192.168.99.22', destPort: 80, output: 'DROP' },
      {
        name: 'ACCEPT (NodePortHealthCheck)',
        sourceIP: testNodeIP,
        destIP: testNodeIP,
        destPort: 30000,
        output: 'ACCEPT',
      },
      { name: 'REJECT', sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80, output: 'REJECT' },
    ];
    for (const f of flows) {
      const r = evaluatePacket(ruleset, { ...f, protocol: 'TCP' }, { localIPs });
      expect([f.name, output(r), r.masquerade]).toEqual([f.name, f.output, f.masq ?? false]);
    }
    const multi = evaluatePacket(
      ruleset,
      { sourceIP: '10.0.0.2', destIP: '172.30.0.44', destPort: 80 },
      { localIPs },
    );
    expect(multi.candidates).toEqual([
      { endpoint: '10.180.0.4:80', probability: 0.5 },
      { endpoint: '10.180.0.5:80', probability: 0.5 },
    ]);
  });

  it('agrees with the same flows on the rules we generate for TestOverallIPTablesRules', () => {
    const ruleset = iptablesRules({
      services: overallServices(),
      endpointSlices: overallSlices(),
      config: fakeConfig(),
    });
    runFlows(ruleset, [
      {
        name: 'single endpoint',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'off-cluster to cluster IP',
        sourceIP: testExternalClient,
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'LOCAL via external IP',
        sourceIP: testNodeIP,
        destIP: '192.168.99.22',
        destPort: 80,
        output: '10.180.0.2:80',
        masq: true,
      },
      {
        name: 'eTP Local without local endpoints',
        sourceIP: testExternalClient,
        destIP: '192.168.99.22',
        destPort: 80,
        output: 'DROP',
      },
      { name: 'health check', sourceIP: testNodeIP, destIP: testNodeIP, destPort: 30000, output: 'ACCEPT' },
      { name: 'no endpoints', sourceIP: '10.0.0.2', destIP: '172.30.0.46', destPort: 80, output: 'REJECT' },
      {
        name: 'LB source range allowed',
        sourceIP: testExternalClient,
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.3:80',
        masq: true,
      },
      {
        name: 'LB source range blocked',
        sourceIP: testExternalClientBlocked,
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'nodeport via localhost',
        sourceIP: '127.0.0.1',
        destIP: '127.0.0.1',
        destPort: 3003,
        output: '10.180.0.3:80',
        masq: true,
      },
    ]);
  });

  it('TestNoEndpointsReject: every address of a service without endpoints rejects', () => {
    const ruleset = iptablesRules({
      services: [
        makeService(
          'ns1',
          'svc1',
          {
            type: 'LoadBalancer',
            clusterIP: '172.30.0.41',
            externalIPs: ['192.168.99.11'],
            ports: [{ name: 'p80', protocol: 'TCP', port: 80, nodePort: 3001 }],
          },
          { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
        ),
      ],
      endpointSlices: [],
      config: fakeConfig(),
    });
    runFlows(ruleset, [
      {
        name: 'pod to cluster IP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to external IP',
        sourceIP: testExternalClient,
        destIP: '192.168.99.11',
        destPort: 80,
        output: 'REJECT',
      },
      { name: 'pod to NodePort', sourceIP: '10.0.0.2', destIP: testNodeIP, destPort: 3001, output: 'REJECT' },
      {
        name: 'external to NodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: 'REJECT',
      },
      { name: 'pod to LB IP', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: 'REJECT' },
      {
        name: 'external to LB IP',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ]);
  });

  it('TestClusterIPGeneral: ports, target ports and protocols', () => {
    const ruleset = iptablesRules({
      services: [
        makeService('ns1', 'svc1', {
          clusterIP: '172.30.0.41',
          ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
        }),
        makeService('ns2', 'svc2', {
          clusterIP: '172.30.0.42',
          ports: [
            { name: 'http', port: 80, protocol: 'TCP' },
            { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
            { name: 'dns-udp', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 5353 },
            { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
          ],
        }),
      ],
      endpointSlices: [
        makeSlice(
          'ns1',
          'svc1',
          1,
          [{ addresses: ['10.180.0.1'], nodeName: testNodeName }],
          [{ name: 'http', port: 80, protocol: 'TCP' }],
        ),
        makeSlice(
          'ns2',
          'svc2',
          1,
          [
            { addresses: ['10.180.0.1'], nodeName: testNodeName },
            { addresses: ['10.180.2.1'], nodeName: 'node2' },
          ],
          [
            { name: 'http', port: 80, protocol: 'TCP' },
            { name: 'https', port: 8443, protocol: 'TCP' },
            { name: 'dns-udp', port: 53, protocol: 'UDP' },
            { name: 'dns-tcp', port: 5353, protocol: 'TCP' },
            { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
          ],
        ),
      ],
      config: fakeConfig(),
    });
    runFlows(ruleset, [
      {
        name: 'simple clusterIP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
      },
      {
        name: 'hairpin to cluster IP',
        sourceIP: '10.180.0.1',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'multiple endpoints',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
      },
      {
        name: 'TargetPort',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 443,
        output: '10.180.0.1:8443, 10.180.2.1:8443',
      },
      {
        name: 'TCP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:5353, 10.180.2.1:5353',
      },
      {
        name: 'UDP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        protocol: 'UDP',
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'SCTP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 53,
        protocol: 'SCTP',
        output: '10.180.0.1:53, 10.180.2.1:53',
      },
      {
        name: 'TCP-only port vs UDP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        protocol: 'UDP',
        output: '',
      },
      {
        name: "svc1 does not accept svc2's ports",
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 443,
        output: '',
      },
    ]);
  });

  it('TestLoadBalancer: source ranges, hairpin LB traffic and NodePort bypass', () => {
    const ruleset = iptablesRules({
      services: [
        makeService(
          'ns1',
          'svc1',
          {
            type: 'LoadBalancer',
            clusterIP: '172.30.0.41',
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
            loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'],
          },
          { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] } },
        ),
      ],
      endpointSlices: [makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.180.0.1'] }], p80)],
      config: fakeConfig(),
    });
    const ep = '10.180.0.1:80';
    runFlows(ruleset, [
      { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: ep },
      {
        name: 'external to nodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'nodePort bypasses source ranges',
        sourceIP: testExternalClientBlocked,
        destIP: testNodeIP,
        destPort: 3001,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB1',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'accepted external to LB2',
        sourceIP: testExternalClient,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'blocked external to LB1',
        sourceIP: testExternalClientBlocked,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'blocked external to LB2',
        sourceIP: testExternalClientBlocked,
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      { name: 'pod to LB1 (blocked)', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: 'DROP' },
      { name: 'pod to LB2 (blocked)', sourceIP: '10.0.0.2', destIP: '5.6.7.8', destPort: 80, output: 'DROP' },
      {
        name: 'node to LB1 (allowed)',
        sourceIP: testNodeIP,
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'node to LB2 (allowed)',
        sourceIP: testNodeIP,
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB1, SNATted',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: ep,
        masq: true,
      },
      {
        name: 'same node to LB2, SNATted',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: ep,
        masq: true,
      },
    ]);
  });

  const nodePortCases: readonly {
    name: string;
    family: 'IPv4' | 'IPv6';
    localhostNodePorts: boolean;
    nodePortAddresses: readonly string[];
    allowAltNodeIP: boolean;
    expectFirewall: boolean;
  }[] = [
    {
      name: 'ipv4, localhost-nodeports enabled',
      family: 'IPv4',
      localhostNodePorts: true,
      nodePortAddresses: [],
      allowAltNodeIP: true,
      expectFirewall: true,
    },
    {
      name: 'ipv4, localhost-nodeports disabled',
      family: 'IPv4',
      localhostNodePorts: false,
      nodePortAddresses: [],
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv4, localhost-nodeports disabled, localhost in nodeport-addresses',
      family: 'IPv4',
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '127.0.0.1/32'],
      allowAltNodeIP: false,
      expectFirewall: false,
    },
    {
      name: 'ipv4, multiple nodeport-addresses',
      family: 'IPv4',
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, localhost-nodeports enabled',
      family: 'IPv6',
      localhostNodePorts: true,
      nodePortAddresses: [],
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, localhost-nodeports disabled',
      family: 'IPv6',
      localhostNodePorts: false,
      nodePortAddresses: [],
      allowAltNodeIP: true,
      expectFirewall: false,
    },
    {
      name: 'ipv6, multiple nodeport-addresses',
      family: 'IPv6',
      localhostNodePorts: false,
      nodePortAddresses: ['192.168.0.0/24', '192.168.1.0/24', '2001:db8::/64'],
      allowAltNodeIP: false,
      expectFirewall: false,
    },
  ];

  for (const tc of nodePortCases) {
    it(`TestNodePorts: ${tc.name}`, () => {
      const v4 = tc.family === 'IPv4';
      const svcIP = v4 ? '172.30.0.41' : 'fd00:172:30::41';
      const ep1 = v4 ? '10.180.0.1' : 'fd00:10:180::1';
      const ep2 = v4 ? '10.180.2.1' : 'fd00:10:180::2:1';
      const config: ProxyConfig = fakeConfig({
        ipFamily: tc.family,
        localhostNodePorts: tc.localhostNodePorts,
        nodePortAddresses: tc.nodePortAddresses,
      });
      const ruleset = iptablesRules({
        services: [
          makeService('ns1', 'svc1', {
            type: 'NodePort',
            clusterIP: svcIP,
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
          }),
        ],
        endpointSlices: [
          makeSlice(
            'ns1',
            'svc1',
            1,
            [{ addresses: [ep1] }, { addresses: [ep2], nodeName: testNodeName }],
            p80,
            v4 ? 'IPv4' : 'IPv6',
          ),
        ],
        config,
      });
      const join = (ip: string): string => (v4 ? `${ip}:80` : `[${ip}]:80`);
      const out = `${join(ep1)}, ${join(ep2)}`;
      const podIP = v4 ? '10.0.0.2' : 'fd00:10::2';
      const ext = v4 ? testExternalClient : '2600:5200::1';
      const node = v4 ? testNodeIP : testNodeIPv6;
      const alt = v4 ? testNodeIPAlt : testNodeIPv6Alt;
      const lo = v4 ? '127.0.0.1' : '::1';
      runFlows(ruleset, [
        { name: 'pod to cluster IP', sourceIP: podIP, destIP: svcIP, destPort: 80, output: out },
        {
          name: 'external to nodePort',
          sourceIP: ext,
          destIP: node,
          destPort: 3001,
          output: out,
          masq: true,
        },
        { name: 'node to nodePort', sourceIP: node, destIP: node, destPort: 3001, output: out, masq: true },
        v4 && tc.localhostNodePorts
          ? {
              name: 'localhost to nodePort gets masqueraded',
              sourceIP: lo,
              destIP: lo,
              destPort: 3001,
              output: out,
              masq: true,
            }
          : {
              name: 'localhost to nodePort is ignored',
              sourceIP: lo,
              destIP: lo,
              destPort: 3001,
              output: '',
            },
        tc.allowAltNodeIP
          ? {
              name: 'external to nodePort on secondary IP',
              sourceIP: ext,
              destIP: alt,
              destPort: 3001,
              output: out,
              masq: true,
            }
          : {
              name: 'secondary nodeIP ignores NodePorts',
              sourceIP: ext,
              destIP: alt,
              destPort: 3001,
              output: '',
            },
      ]);
      const hasFirewall = ruleset.tables[0]?.lines.some(
        (l) => l.kind === 'rule' && l.chain === 'KUBE-FIREWALL',
      );
      expect(hasFirewall).toBe(tc.expectFirewall);
    });
  }

  it('TestHealthCheckNodePort: the firewall accepts the health check port', () => {
    const svc = makeService('ns1', 'svc1', {
      type: 'LoadBalancer',
      clusterIP: '172.30.0.42',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 30000,
      ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
    });
    const config = fakeConfig({ nodePortAddresses: ['127.0.0.0/8'] });
    const ruleset = iptablesRules({ services: [svc], endpointSlices: [], config });
    runFlows(ruleset, [
      { name: 'accepts', sourceIP: '1.2.3.4', destIP: testNodeIP, destPort: 30000, output: 'ACCEPT' },
    ]);
    const after = iptablesRules({ services: [], endpointSlices: [], config });
    runFlows(after, [
      { name: 'no longer', sourceIP: '1.2.3.4', destIP: testNodeIP, destPort: 30000, output: '' },
    ]);
  });

  it('TestExternalTrafficPolicyLocal: external traffic only reaches local endpoints, unmasqueraded', () => {
    const ruleset = iptablesRules({
      services: [
        makeService(
          'ns1',
          'svc1',
          {
            type: 'LoadBalancer',
            externalTrafficPolicy: 'Local',
            clusterIP: '172.30.0.41',
            externalIPs: ['192.168.99.11'],
            healthCheckNodePort: 30000,
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001, targetPort: 80 }],
          },
          { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
        ),
      ],
      endpointSlices: [
        makeSlice(
          'ns1',
          'svc1',
          1,
          [{ addresses: ['10.180.0.1'] }, { addresses: ['10.180.2.1'], nodeName: testNodeName }],
          p80,
        ),
      ],
      config: fakeConfig(),
    });
    const both = '10.180.0.1:80, 10.180.2.1:80';
    runFlows(ruleset, [
      { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: both },
      {
        name: 'pod to external IP',
        sourceIP: '10.0.0.2',
        destIP: '192.168.99.11',
        destPort: 80,
        output: both,
      },
      {
        name: 'external to external IP',
        sourceIP: testExternalClient,
        destIP: '192.168.99.11',
        destPort: 80,
        output: '10.180.2.1:80',
      },
      { name: 'pod to LB IP', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: both },
      {
        name: 'external to LB IP',
        sourceIP: testExternalClient,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.2.1:80',
      },
      { name: 'pod to NodePort', sourceIP: '10.0.0.2', destIP: testNodeIP, destPort: 3001, output: both },
      {
        name: 'external to NodePort',
        sourceIP: testExternalClient,
        destIP: testNodeIP,
        destPort: 3001,
        output: '10.180.2.1:80',
      },
    ]);
  });

  it('takes LOCAL addresses from the packet, or infers them from -d … -j KUBE-NODEPORTS rules', () => {
    const generated = iptablesRules({
      services: overallServices(),
      endpointSlices: overallSlices(),
      config: fakeConfig(),
    });
    const parsed = parseIptablesSave(formatIptablesSave(generated));
    const toNodePort = { sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3003 };
    expect(evaluatePacket(parsed, toNodePort).verdict).toBe('NONE');
    expect(output(evaluatePacket(parsed, { ...toNodePort, localIPs: [testNodeIP] }))).toBe('10.180.0.3:80');
    const npa = iptablesRules({
      services: overallServices(),
      endpointSlices: overallSlices(),
      config: fakeConfig({ nodePortAddresses: ['192.168.0.0/24'] }),
    });
    const parsedNpa = parseIptablesSave(formatIptablesSave(npa));
    expect(output(evaluatePacket(parsedNpa, toNodePort))).toBe('10.180.0.3:80');
  });

  it('rejects bad packets and rulesets with codes', () => {
    const ruleset = iptablesRules({ services: [], endpointSlices: [], config: fakeConfig() });
    expect(() => evaluatePacket(ruleset, { sourceIP: 'x', destIP: '1.2.3.4', destPort: 1 })).toThrow(
      /sourceIP/,
    );
    expect(() =>
      evaluatePacket(ruleset, { sourceIP: '1.2.3.4', destIP: '1.2.3.4', destPort: 70000 }),
    ).toThrow(/destPort/);
    expect(() =>
      evaluatePacket(ruleset, { sourceIP: '1.2.3.4', destIP: '1.2.3.4', destPort: 1, protocol: 'ICMP' }),
    ).toThrow(/protocol/);
    expect(() =>
      evaluatePacket(null as unknown as Ruleset, { sourceIP: '1.2.3.4', destIP: '1.2.3.4', destPort: 1 }),
    ).toThrow(/ruleset/);
  });
});
