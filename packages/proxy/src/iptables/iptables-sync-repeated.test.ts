import { describe, expect, it } from 'vitest';
import { fakeConfig, makeService, makeSlice } from '../testing/fixtures.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesPartialSync, iptablesSync } from './iptables-sync.ts';
import { normalizeIptablesSave } from './normalize-iptables-save.ts';

// kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go TestSyncProxyRulesRepeated (commit
// 531be812): the restore input of each partial sync, compared after sortIPTablesRules.

const FILTER_STATIC = `-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;
const FILTER_CHAINS = `*filter
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]`;
const NAT_STATIC = `-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE`;
const LAST =
  '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS';
const cip = (ns: string, port: number, ip: string, chain: string): string =>
  `-A KUBE-SERVICES -m comment --comment "${ns}:p${port} cluster IP" -m tcp -p tcp -d ${ip} --dport ${port} -j ${chain}`;

function expected(
  filterRules: string[],
  natChains: string[],
  services: string[],
  natRules: string[],
  deletes: string[] = [],
): string {
  return `${[
    FILTER_CHAINS,
    ...filterRules,
    FILTER_STATIC,
    'COMMIT',
    '*nat',
    ':KUBE-NODEPORTS - [0:0]',
    ':KUBE-SERVICES - [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ...natChains.map((c) => `:${c} - [0:0]`),
    ...services,
    LAST,
    NAT_STATIC,
    ...natRules,
    ...deletes.map((c) => `-X ${c}`),
    'COMMIT',
  ].join('\n')}\n`;
}

const config = fakeConfig();
const p = (name: string, port: number) => [{ name, port, protocol: 'TCP' }];
const svc1 = makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: p('p80', 80) });
const svc2 = makeService('ns2', 'svc2', { clusterIP: '172.30.0.42', ports: p('p8080', 8080) });
const svc3 = makeService('ns3', 'svc3', { clusterIP: '172.30.0.43', ports: p('p80', 80) });
const svc4 = makeService('ns4', 'svc4', { clusterIP: '172.30.0.44', ports: p('p80', 80) });
const eps1 = makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.0.1.1'] }], p('p80', 80));
const eps2 = makeSlice('ns2', 'svc2', 1, [{ addresses: ['10.0.2.1'] }], p('p8080', 8080));
const eps3 = makeSlice('ns3', 'svc3', 1, [{ addresses: ['10.0.3.1'] }], p('p80', 80));
const eps3b = makeSlice('ns3', 'svc3', 1, [{ addresses: ['10.0.3.2'] }], p('p80', 80));
const eps3c = makeSlice(
  'ns3',
  'svc3',
  1,
  [{ addresses: ['10.0.3.2'] }, { addresses: ['10.0.3.3'] }],
  p('p80', 80),
);
const eps4 = makeSlice('ns4', 'svc4', 1, [{ addresses: ['10.0.4.1'] }], p('p80', 80));

describe('TestSyncProxyRulesRepeated (proxier_test.go)', () => {
  it('writes exactly the chains kube-proxy rewrites on each partial sync', () => {
    const s1 = iptablesSync({ services: [svc1, svc2], endpointSlices: [eps1, eps2], config });
    expect(normalizeIptablesSave(formatIptablesSave(s1.restore))).toBe(
      expected(
        [],
        [
          'KUBE-SEP-SNQ3ZNILQDEJNDQO',
          'KUBE-SEP-UHEGFW77JX3KXTOV',
          'KUBE-SVC-2VJB64SDSIJUP5T6',
          'KUBE-SVC-XPGD46QRK7WJZT7O',
        ],
        [
          cip('ns1/svc1', 80, '172.30.0.41', 'KUBE-SVC-XPGD46QRK7WJZT7O'),
          cip('ns2/svc2', 8080, '172.30.0.42', 'KUBE-SVC-2VJB64SDSIJUP5T6'),
        ],
        [
          '-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -s 10.0.1.1 -j KUBE-MARK-MASQ',
          '-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80',
          '-A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -s 10.0.2.1 -j KUBE-MARK-MASQ',
          '-A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -m tcp -p tcp -j DNAT --to-destination 10.0.2.1:8080',
          '-A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
          '-A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 -> 10.0.2.1:8080" -j KUBE-SEP-UHEGFW77JX3KXTOV',
          '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
          '-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO',
        ],
      ),
    );

    // Add a new service and its endpoints: only its SVC and SEP chains are written.
    const s2 = iptablesPartialSync(s1.state, { upsertServices: [svc3], upsertEndpointSlices: [eps3] });
    const svc3Rules = (ep: string, sep: string): string[] => [
      `-A ${sep} -m comment --comment ns3/svc3:p80 -s ${ep} -j KUBE-MARK-MASQ`,
      `-A ${sep} -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination ${ep}:80`,
    ];
    const svc3Masq =
      '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ';
    expect(normalizeIptablesSave(formatIptablesSave(s2.restore))).toBe(
      expected(
        [],
        ['KUBE-SEP-BSWRHOQ77KEXZLNL', 'KUBE-SVC-X27LE4BHSL4DOUIK'],
        [
          cip('ns1/svc1', 80, '172.30.0.41', 'KUBE-SVC-XPGD46QRK7WJZT7O'),
          cip('ns2/svc2', 8080, '172.30.0.42', 'KUBE-SVC-2VJB64SDSIJUP5T6'),
          cip('ns3/svc3', 80, '172.30.0.43', 'KUBE-SVC-X27LE4BHSL4DOUIK'),
        ],
        [
          ...svc3Rules('10.0.3.1', 'KUBE-SEP-BSWRHOQ77KEXZLNL'),
          svc3Masq,
          '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.1:80" -j KUBE-SEP-BSWRHOQ77KEXZLNL',
        ],
      ),
    );

    // Delete a service: its chains are flushed and deleted.
    const s3 = iptablesPartialSync(s2.state, { deleteServices: ['ns2/svc2'] });
    const base13 = [
      cip('ns1/svc1', 80, '172.30.0.41', 'KUBE-SVC-XPGD46QRK7WJZT7O'),
      cip('ns3/svc3', 80, '172.30.0.43', 'KUBE-SVC-X27LE4BHSL4DOUIK'),
    ];
    expect(normalizeIptablesSave(formatIptablesSave(s3.restore))).toBe(
      expected(
        [],
        ['KUBE-SEP-UHEGFW77JX3KXTOV', 'KUBE-SVC-2VJB64SDSIJUP5T6'],
        base13,
        [],
        ['KUBE-SEP-UHEGFW77JX3KXTOV', 'KUBE-SVC-2VJB64SDSIJUP5T6'],
      ),
    );

    // Add a service without endpoints: only the REJECT rule.
    const s4 = iptablesPartialSync(s3.state, { upsertServices: [svc4] });
    expect(normalizeIptablesSave(formatIptablesSave(s4.restore))).toBe(
      expected(
        [
          '-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j REJECT',
        ],
        [],
        base13,
        [],
      ),
    );

    // Then its endpoints.
    const s5 = iptablesPartialSync(s4.state, { upsertEndpointSlices: [eps4] });
    const base134 = [...base13, cip('ns4/svc4', 80, '172.30.0.44', 'KUBE-SVC-4SW47YFZTEDKD3PK')];
    expect(normalizeIptablesSave(formatIptablesSave(s5.restore))).toBe(
      expected([], ['KUBE-SEP-AYCN5HPXMIRJNJXU', 'KUBE-SVC-4SW47YFZTEDKD3PK'], base134, [
        '-A KUBE-SEP-AYCN5HPXMIRJNJXU -m comment --comment ns4/svc4:p80 -s 10.0.4.1 -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-AYCN5HPXMIRJNJXU -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.4.1:80',
        '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.0.4.1:80" -j KUBE-SEP-AYCN5HPXMIRJNJXU',
      ]),
    );

    // Change an endpoint: SVC and SEP rewritten, the old SEP deleted.
    const s6 = iptablesPartialSync(s5.state, { upsertEndpointSlices: [eps3b] });
    expect(normalizeIptablesSave(formatIptablesSave(s6.restore))).toBe(
      expected(
        [],
        ['KUBE-SEP-BSWRHOQ77KEXZLNL', 'KUBE-SEP-DKCFIS26GWF2WLWC', 'KUBE-SVC-X27LE4BHSL4DOUIK'],
        base134,
        [
          ...svc3Rules('10.0.3.2', 'KUBE-SEP-DKCFIS26GWF2WLWC'),
          svc3Masq,
          '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.2:80" -j KUBE-SEP-DKCFIS26GWF2WLWC',
        ],
        ['KUBE-SEP-BSWRHOQ77KEXZLNL'],
      ),
    );

    // Add an endpoint.
    const s7 = iptablesPartialSync(s6.state, { upsertEndpointSlices: [eps3c] });
    expect(normalizeIptablesSave(formatIptablesSave(s7.restore))).toBe(
      expected(
        [],
        ['KUBE-SEP-DKCFIS26GWF2WLWC', 'KUBE-SEP-JVVZVJ7BSEPPRNBS', 'KUBE-SVC-X27LE4BHSL4DOUIK'],
        base134,
        [
          ...svc3Rules('10.0.3.2', 'KUBE-SEP-DKCFIS26GWF2WLWC'),
          ...svc3Rules('10.0.3.3', 'KUBE-SEP-JVVZVJ7BSEPPRNBS'),
          svc3Masq,
          '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-DKCFIS26GWF2WLWC',
          '-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.3:80" -j KUBE-SEP-JVVZVJ7BSEPPRNBS',
        ],
      ),
    );

    // A sync with no changes rewrites no service chains.
    const s8 = iptablesPartialSync(s7.state, {});
    expect(normalizeIptablesSave(formatIptablesSave(s8.restore))).toBe(expected([], [], [...base134], []));
  });
});
