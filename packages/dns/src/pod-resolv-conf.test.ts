import { describe, expect, it } from 'vitest';
import { DnsError } from './dns-error.ts';
import { podDnsConfig, podResolvConf } from './pod-resolv-conf.ts';

const pod = (spec: Record<string, unknown> = {}, namespace = 'testNS') => ({ metadata: { namespace }, spec });
const setOf = (xs: readonly string[]) => new Set(xs);

// kubernetes pkg/kubelet/network/dns/dns_test.go TestGetPodDNSCustom.
describe('podDnsConfig — kubelet dns_test.go TestGetPodDNSCustom', () => {
  const base = {
    clusterDns: ['10.0.0.10'],
    clusterDomain: 'kubernetes.io',
    hostResolvConf: 'nameserver 8.8.8.8\nsearch host.domain\n',
  };
  const dnsConfig = {
    nameservers: ['10.0.0.11'],
    searches: ['my.domain'],
    options: [{ name: 'ndots', value: '3' }, { name: 'debug' }],
  };

  it('DNSNone without DNSConfig should have empty DNS settings', () => {
    const r = podDnsConfig({ ...base, pod: pod({ dnsPolicy: 'None' }) });
    expect(r.conf).toEqual({ nameservers: [], searches: [], options: [] });
    expect(podResolvConf({ ...base, pod: pod({ dnsPolicy: 'None' }) })).toBe('');
  });

  it('DNSNone with DNSConfig should have a merged DNS settings', () => {
    const r = podDnsConfig({
      ...base,
      pod: pod({
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['203.0.113.1'],
          searches: ['my.domain', 'second.domain'],
          options: dnsConfig.options,
        },
      }),
    });
    expect(r.conf.nameservers).toEqual(['203.0.113.1']);
    expect(r.conf.searches).toEqual(['my.domain', 'second.domain']);
    expect(setOf(r.conf.options)).toEqual(setOf(['ndots:3', 'debug']));
  });

  it('DNSClusterFirst with DNSConfig should have a merged DNS settings', () => {
    const r = podDnsConfig({ ...base, pod: pod({ dnsPolicy: 'ClusterFirst', dnsConfig }) });
    expect(r.conf.nameservers).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(r.conf.searches).toEqual([
      'testNS.svc.kubernetes.io',
      'svc.kubernetes.io',
      'kubernetes.io',
      'host.domain',
      'my.domain',
    ]);
    expect(setOf(r.conf.options)).toEqual(setOf(['ndots:3', 'debug']));
  });

  it('DNSClusterFirstWithHostNet with DNSConfig should have a merged DNS settings', () => {
    const r = podDnsConfig({
      ...base,
      pod: pod({ dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true, dnsConfig }),
    });
    expect(r.dnsType).toBe('Cluster');
    expect(r.conf.nameservers).toEqual(['10.0.0.10', '10.0.0.11']);
    expect(r.conf.searches).toEqual([
      'testNS.svc.kubernetes.io',
      'svc.kubernetes.io',
      'kubernetes.io',
      'host.domain',
      'my.domain',
    ]);
  });

  it('DNSDefault with DNSConfig should have a merged DNS settings', () => {
    const r = podDnsConfig({ ...base, pod: pod({ dnsPolicy: 'Default', dnsConfig }) });
    expect(r.conf.nameservers).toEqual(['8.8.8.8', '10.0.0.11']);
    expect(r.conf.searches).toEqual(['host.domain', 'my.domain']);
    expect(setOf(r.conf.options)).toEqual(setOf(['ndots:3', 'debug']));
  });
});

// TestGetPodDNSType + testGetPodDNS (kubelet with --resolv-conf="": 127.0.0.1 and "search .").
describe('podDnsConfig — policy selection (TestGetPodDNSType, testGetPodDNS)', () => {
  const noHost = { clusterDns: ['203.0.113.1'], clusterDomain: 'kubernetes.io', hostResolvConf: null };
  it.each([
    ['ClusterFirst', false, 'Cluster'],
    ['ClusterFirstWithHostNet', true, 'Cluster'],
    ['ClusterFirstWithHostNet', false, 'Cluster'],
    ['Default', false, 'Host'],
    ['Default', true, 'Host'],
    ['ClusterFirst', true, 'Host'],
    ['None', false, 'None'],
    ['invalidPolicy', false, 'Cluster'],
  ])('%s hostNetwork=%s → %s', (dnsPolicy, hostNetwork, type) => {
    expect(podDnsConfig({ ...noHost, pod: pod({ dnsPolicy, hostNetwork }) }).dnsType).toBe(type);
  });

  it('a pod without a namespace gets ".svc.<domain>" first (namespace used as is)', () => {
    const r = podDnsConfig({
      ...noHost,
      pod: { spec: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true } },
    });
    expect(r.conf.nameservers).toEqual(['203.0.113.1']);
    expect(r.conf.searches[0]).toBe('.svc.kubernetes.io');
  });

  it('Default (and ClusterFirst on the host network) with no host file: 127.0.0.1 and search .', () => {
    for (const spec of [{ dnsPolicy: 'Default' }, { dnsPolicy: 'ClusterFirst', hostNetwork: true }]) {
      expect(podResolvConf({ ...noHost, pod: pod(spec) })).toBe('search .\nnameserver 127.0.0.1\n');
    }
    expect(
      podDnsConfig({ ...noHost, nodeIps: ['10.0.0.5', 'fd00::5'], pod: pod({ dnsPolicy: 'Default' }) }).conf
        .nameservers,
    ).toEqual(['127.0.0.1', '::1']);
  });

  it('missing clusterDNS falls back to Default with MissingClusterDNS events', () => {
    const r = podDnsConfig({
      clusterDns: [],
      clusterDomain: 'cluster.local',
      hostResolvConf: 'nameserver 1.1.1.1\n',
      pod: pod(),
    });
    expect(r.dnsType).toBe('Host');
    expect(r.conf.nameservers).toEqual(['1.1.1.1']);
    expect(r.events[0]).toMatch(/^MissingClusterDNS: kubelet does not have ClusterDNS IP configured/);
  });

  it('an empty dnsPolicy is the API default ClusterFirst', () => {
    expect(podDnsConfig({ ...noHost, pod: pod({ hostNetwork: true }) }).dnsType).toBe('Host');
  });
});

describe('podResolvConf — text as the runtime writes it', () => {
  it('the kubeadm default for a pod in "default"', () => {
    expect(
      podResolvConf({
        pod: { metadata: { namespace: 'default' }, spec: { dnsPolicy: 'ClusterFirst' } },
        clusterDns: ['10.96.0.10'],
        clusterDomain: 'cluster.local',
        hostResolvConf: 'nameserver 192.168.1.1\noptions edns0 trust-ad\n',
      }),
    ).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('host search domains follow the cluster ones, duplicates dropped; host options replaced', () => {
    expect(
      podResolvConf({
        pod: pod({}, 'foo'),
        clusterDns: '10.96.0.10',
        clusterDomain: 'cluster.local',
        hostResolvConf: 'search cluster.local corp.example.\nnameserver 192.168.1.1\noptions rotate\n',
      }),
    ).toBe(
      'search foo.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it('clusterDomain "" adds no cluster search entries', () => {
    expect(
      podResolvConf({
        pod: pod({}, 'foo'),
        clusterDns: ['10.96.0.10'],
        clusterDomain: '',
        hostResolvConf: 'search corp\n',
      }),
    ).toBe('search corp\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('dnsConfig options override by name and keep a stable order', () => {
    const text = podResolvConf({
      pod: pod({ dnsConfig: { options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }, 'a'),
      clusterDns: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      hostResolvConf: null,
    });
    expect(text.split('\n')).toContain('options ndots:2 edns0');
  });
});

// TestFormDNSNameserversFitsLimits / TestFormDNSSearchFitsLimits, through the public function.
describe('podDnsConfig — limits', () => {
  const run = (searches: string[], nameservers: string[] = []) =>
    podDnsConfig({
      pod: pod({ dnsPolicy: 'None', dnsConfig: { searches, nameservers } }),
      clusterDns: [],
      clusterDomain: 'TEST',
      hostResolvConf: null,
    });
  // 2048 = 128 + 127 * 15 + 15 spaces (distinct entries: dnsConfig searches are de-duplicated).
  const list2048 = [
    'A'.repeat(128),
    ...Array.from({ length: 15 }, (_, i) => String.fromCharCode(66 + i).repeat(127)),
  ];

  it('3 nameservers kept, 4 trimmed to 3 with an event', () => {
    expect(run([], ['127.0.0.1', '10.0.0.10', '8.8.8.8']).events).toEqual([]);
    const r = run([], ['127.0.0.1', '10.0.0.10', '8.8.8.8', '1.2.3.4']);
    expect(r.conf.nameservers).toEqual(['127.0.0.1', '10.0.0.10', '8.8.8.8']);
    expect(r.events).toEqual([
      'DNSConfigForming: Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 127.0.0.1 10.0.0.10 8.8.8.8',
    ]);
  });

  it('2048 characters fit; 2050 drop from the end', () => {
    expect(run(list2048).conf.searches).toEqual(list2048);
    const r = run([...list2048, 'B']);
    expect(r.conf.searches).toEqual(list2048);
    expect(r.events[0]).toBe(
      `DNSConfigForming: Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${list2048.join(' ')}`,
    );
  });

  it('entries over 253 characters are dropped', () => {
    const r = run(['testNS.svc.TEST', 'svc.TEST', 'TEST', 'AAA', 'B'.repeat(256), 'BBB']);
    expect(r.conf.searches).toEqual(['testNS.svc.TEST', 'svc.TEST', 'TEST', 'AAA', 'BBB']);
    expect(r.events).toEqual([
      'DNSConfigForming: Search Line limits were exceeded, some search paths have been omitted, the applied search line is: testNS.svc.TEST svc.TEST TEST AAA BBB',
    ]);
  });

  it('32 search paths fit, 33 are cut to 32', () => {
    const names = [
      'testNS.svc.TEST',
      'svc.TEST',
      'TEST',
      ...Array.from({ length: 30 }, (_, i) => String(i + 4)),
    ];
    expect(run(names.slice(0, 32)).events).toEqual([]);
    const r = run(names);
    expect(r.conf.searches).toEqual(names.slice(0, 32));
    expect(r.events).toHaveLength(1);
  });

  it('legacy limits: 7 search paths cut to 6', () => {
    const r = podDnsConfig({
      pod: pod({
        dnsPolicy: 'None',
        dnsConfig: { searches: ['testNS.svc.TEST', 'svc.TEST', 'TEST', 'AAA', 'BBB', 'CCC', 'DDD'] },
      }),
      clusterDns: [],
      clusterDomain: 'TEST',
      hostResolvConf: null,
      legacySearchLimits: true,
    });
    expect(r.conf.searches).toEqual(['testNS.svc.TEST', 'svc.TEST', 'TEST', 'AAA', 'BBB', 'CCC']);
  });
});

describe('podDnsConfig — bad input', () => {
  it('throws DnsError with a path, never a TypeError', () => {
    const base = { clusterDns: ['10.96.0.10'], clusterDomain: 'cluster.local', hostResolvConf: null };
    const bads: unknown[] = [
      null,
      42,
      { ...base, pod: null },
      { ...base, pod: { spec: [] } },
      { ...base, pod: { spec: { dnsConfig: { nameservers: 'x' } } } },
      { ...base, pod: { spec: { dnsConfig: { options: [{ value: '1' }] } } } },
      { ...base, pod: {}, clusterDns: 5 },
      { ...base, pod: {}, hostResolvConf: 7 },
    ];
    for (const b of bads) {
      expect(() => podDnsConfig(b as never)).toThrow(DnsError);
    }
    try {
      podDnsConfig({ ...base, pod: { spec: { dnsConfig: { searches: ['ok', 3] } } } } as never);
    } catch (e) {
      expect((e as DnsError).path).toEqual(['pod', 'spec', 'dnsConfig', 'searches', 1]);
    }
  });

  it('a malformed host file is an error (kubelet fails the sandbox)', () => {
    expect(() =>
      podResolvConf({
        pod: {},
        clusterDns: ['10.96.0.10'],
        clusterDomain: 'cluster.local',
        hostResolvConf: 'nameserver\n',
      }),
    ).toThrow(expect.objectContaining({ code: 'EMPTY_NAMESERVER', path: ['hostResolvConf'] }));
  });
});
