import { describe, expect, it } from 'vitest';
import { formatProbability } from '../internal/probability.ts';
import { chainName, hash16, hash16Of2 } from './chain-name.ts';

// Pairs asserted in kubernetes/kubernetes pkg/proxy/iptables/proxier_test.go (TestOverallIPTablesRules,
// TestBadIPs, TestSyncProxyRulesLargeClusterMode, …) and real clusters (issue #34006).
const SERVICE_CHAINS: readonly [string, string, string][] = [
  ['ns1/svc1:p80', 'TCP', 'XPGD46QRK7WJZT7O'],
  ['ns2/svc2:p80', 'TCP', 'GNZBNJ2PO5MGZ6GT'],
  ['ns3/svc3:p80', 'TCP', 'X27LE4BHSL4DOUIK'],
  ['ns4/svc4:p80', 'TCP', '4SW47YFZTEDKD3PK'],
  ['ns5/svc5:p80', 'TCP', 'NUKIZ6OKUXPJNT4C'],
  ['ns2/svc2:p8080', 'TCP', '2VJB64SDSIJUP5T6'],
  ['ns4/svc4:p8082', 'TCP', 'EBDQOQU5SJFXRIL3'],
  ['default/kubernetes:https', 'TCP', 'NPX46M4PTMTKRN6Y'],
  ['kube-system/kube-dns:dns', 'UDP', 'TCOU7JCQXEZGVUNU'],
  ['kube-system/kube-dns:dns-tcp', 'TCP', 'ERIFXISQEP7F7OF4'],
  ['ns1/svc1', 'TCP', 'AQI2S6QIMU7PVVRP'],
];

const ENDPOINT_CHAINS: readonly [string, string, string][] = [
  ['ns1/svc1:p80', '10.180.0.1:80', 'SXIVWICOYRO3J4NJ'],
  ['ns2/svc2:p80', '10.180.0.2:80', 'RS4RBKLTHTF2IUXJ'],
  ['ns3/svc3:p80', '10.180.0.3:80', 'OYPFS5VJICHGATKP'],
  ['ns4/svc4:p80', '10.180.0.4:80', 'UKSFD7AGPMPPLUHC'],
  ['ns4/svc4:p80', '10.180.0.5:80', 'C6EBXVWJJZMIWKLZ'],
  ['ns5/svc5:p80', '10.180.0.3:80', 'I77PXRDZVX7PMWMN'],
  ['ns1/svc1:p80', '10.0.1.1:80', 'SNQ3ZNILQDEJNDQO'],
  ['ns2/svc2:p8080', '10.0.2.1:8080', 'UHEGFW77JX3KXTOV'],
  ['ns3/svc3:p80', '10.0.3.1:80', 'BSWRHOQ77KEXZLNL'],
  ['ns3/svc3:p80', '10.0.3.2:80', 'DKCFIS26GWF2WLWC'],
  ['ns3/svc3:p80', '10.0.3.3:80', 'JVVZVJ7BSEPPRNBS'],
  ['ns4/svc4:p80', '10.0.4.1:80', 'AYCN5HPXMIRJNJXU'],
  ['ns1/svc1:p80', '10.0.0.0:80', 'DKGQUZGBKLTPAR56'],
  ['ns3/svc3:p8081', '203.0.113.4:8081', 'RUVVH7YV3PHQBDOS'],
  ['ns4/svc4:p8082', '10.4.0.1:8082', 'SU5STNODRYEWJAUF'],
];

describe('chainName', () => {
  it('hashes service chains like portProtoHash (all four kinds share the hash)', () => {
    for (const [name, proto, hash] of SERVICE_CHAINS) {
      expect(chainName('KUBE-SVC', name, proto)).toBe(`KUBE-SVC-${hash}`);
      expect(chainName('KUBE-SVL', name, proto)).toBe(`KUBE-SVL-${hash}`);
      expect(chainName('KUBE-EXT', name, proto)).toBe(`KUBE-EXT-${hash}`);
      expect(chainName('KUBE-FW', name, proto)).toBe(`KUBE-FW-${hash}`);
    }
  });

  it('hashes endpoint chains like servicePortEndpointChainName', () => {
    for (const [name, endpoint, hash] of ENDPOINT_CHAINS) {
      expect(chainName('KUBE-SEP', name, 'TCP', endpoint)).toBe(`KUBE-SEP-${hash}`);
    }
    expect(chainName('KUBE-SEP', 'ns1/svc1:p80', 'tcp', '[fd00::1]:80')).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
  });

  it('rejects bad kinds, protocols and missing endpoints', () => {
    expect(() => chainName('KUBE-XXX' as 'KUBE-SVC', 'a/b', 'TCP')).toThrow(/chain kind/);
    expect(() => chainName('KUBE-SVC', 'a/b', 'ICMP')).toThrow(/protocol/);
    expect(() => chainName('KUBE-SEP', 'a/b', 'TCP')).toThrow(/endpoint/);
  });
});

describe('formatProbability (TestComputeProbability)', () => {
  it('prints Go %0.10f of 1/n', () => {
    const table: [number, string][] = [
      [1, '1.0000000000'],
      [2, '0.5000000000'],
      [3, '0.3333333333'],
      [10, '0.1000000000'],
      [100, '0.0100000000'],
      [1000, '0.0010000000'],
      [2048, '0.0004882812'],
      [10000, '0.0001000000'],
      [100000, '0.0000100000'],
      [100001, '0.0000099999'],
    ];
    for (const [n, s] of table) expect(formatProbability(n)).toBe(s);
  });

  it('strictly increases as n falls from 100000 to 2', () => {
    let prev = Number(formatProbability(100000));
    let violations = 0;
    for (let n = 99999; n >= 2; n--) {
      const p = Number(formatProbability(n));
      if (!(p > prev)) violations++;
      prev = p;
    }
    expect(violations).toBe(0);
  });
});

describe('hash16Of2', () => {
  it('hashes the two parts as one text', () => {
    expect(hash16Of2('ns1/svc1:p80tcp', '10.180.0.1:80')).toBe(hash16('ns1/svc1:p80tcp10.180.0.1:80'));
    expect(`KUBE-SEP-${hash16Of2('ns1/svc1:p80tcp', '10.180.0.1:80')}`).toBe(
      chainName('KUBE-SEP', 'ns1/svc1:p80', 'TCP', '10.180.0.1:80'),
    );
  });
});

describe('chainName input errors', () => {
  const err = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      const x = e as { code: string; message: string; path: unknown };
      return [x.code, x.message, x.path];
    }
    return undefined;
  };
  it.each([
    [['KUBE-XXX', 'a/b', 'TCP'], 'INVALID_CHAIN_KIND', 'unknown chain kind "KUBE-XXX"'],
    [[5, 'a/b', 'TCP'], 'INVALID_CHAIN_KIND', 'unknown chain kind 5'],
    [['KUBE-SVC', 7, 'TCP'], 'INVALID_SERVICE_PORT_NAME', 'service port name must be a string, got 7'],
    [['KUBE-SVC', 'a/b', 'ICMP'], 'INVALID_PROTOCOL', 'protocol must be TCP, UDP or SCTP, got "ICMP"'],
    [['KUBE-SVC', 'a/b', 6], 'INVALID_PROTOCOL', 'protocol must be TCP, UDP or SCTP, got 6'],
    [['KUBE-SEP', 'a/b', 'TCP'], 'MISSING_ENDPOINT', 'KUBE-SEP chain names need an endpoint "ip:port"'],
    [['KUBE-SEP', 'a/b', 'TCP', ''], 'MISSING_ENDPOINT', 'KUBE-SEP chain names need an endpoint "ip:port"'],
  ])('%j', (args, code, message) => {
    expect(err(() => (chainName as (...a: unknown[]) => string)(...args))).toEqual([code, message, []]);
  });

  it('accepts the protocol in any case and ignores an endpoint for service chains', () => {
    expect(chainName('KUBE-SVC', 'ns1/svc1:p80', 'tcp')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(chainName('KUBE-SVC', 'ns1/svc1:p80', 'Tcp', '10.0.0.1:80')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(chainName('KUBE-SEP', 'ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(chainName('KUBE-SVC', 'ns1/svc1:p80', 'UDP')).not.toBe(
      chainName('KUBE-SVC', 'ns1/svc1:p80', 'SCTP'),
    );
  });
});
