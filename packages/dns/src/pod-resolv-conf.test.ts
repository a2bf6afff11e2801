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

describe('podDnsConfig — every bad-input branch: code, message, path', () => {
  const base = { clusterDns: ['10.96.0.10'], clusterDomain: 'cluster.local', hostResolvConf: null, pod: {} };
  const withPod = (p: unknown): unknown => ({ ...base, pod: p });
  const withConfig = (c: unknown): unknown => withPod({ spec: { dnsConfig: c } });
  it.each([
    [null, 'podResolvConf expects an object { pod, clusterDns, clusterDomain, hostResolvConf }', []],
    [[], 'podResolvConf expects an object { pod, clusterDns, clusterDomain, hostResolvConf }', []],
    [withPod(null), 'pod must be an object', ['pod']],
    [withPod([]), 'pod must be an object', ['pod']],
    [withPod({ metadata: 'x' }), 'pod.metadata must be an object', ['pod', 'metadata']],
    [withPod({ metadata: [] }), 'pod.metadata must be an object', ['pod', 'metadata']],
    [withPod({ spec: 1 }), 'pod.spec must be an object', ['pod', 'spec']],
    [
      withPod({ metadata: { namespace: 1 } }),
      'pod.metadata.namespace must be a string',
      ['pod', 'metadata', 'namespace'],
    ],
    [
      withPod({ spec: { dnsPolicy: 1 } }),
      'pod.spec.dnsPolicy must be a string',
      ['pod', 'spec', 'dnsPolicy'],
    ],
    [{ ...base, clusterDns: 5 }, 'clusterDns must be an array of strings', ['clusterDns']],
    [
      { ...base, clusterDns: ['10.0.0.1', 5] },
      'clusterDns[1] must be a string, got number',
      ['clusterDns', 1],
    ],
    [{ ...base, clusterDomain: 5 }, 'clusterDomain must be a string', ['clusterDomain']],
    [{ ...base, hostResolvConf: 7 }, 'hostResolvConf must be a string or null', ['hostResolvConf']],
    [{ ...base, nodeIps: '10.0.0.1' }, 'nodeIps must be an array of strings', ['nodeIps']],
    [{ ...base, nodeIps: [null] }, 'nodeIps[0] must be a string, got object', ['nodeIps', 0]],
    [withConfig('x'), 'pod.spec.dnsConfig must be an object', ['pod', 'spec', 'dnsConfig']],
    [withConfig([]), 'pod.spec.dnsConfig must be an object', ['pod', 'spec', 'dnsConfig']],
    [
      withConfig({ options: {} }),
      'pod.spec.dnsConfig.options must be an array',
      ['pod', 'spec', 'dnsConfig', 'options'],
    ],
    [
      withConfig({ options: [{ name: 'a' }, null] }),
      'pod.spec.dnsConfig.options[1] must be an object with a string name',
      ['pod', 'spec', 'dnsConfig', 'options', 1],
    ],
    [
      withConfig({ options: [{ name: 5 }] }),
      'pod.spec.dnsConfig.options[0] must be an object with a string name',
      ['pod', 'spec', 'dnsConfig', 'options', 0],
    ],
    [
      withConfig({ options: [{ name: 'ndots', value: 5 }] }),
      'pod.spec.dnsConfig.options[0].value must be a string',
      ['pod', 'spec', 'dnsConfig', 'options', 0, 'value'],
    ],
    [
      withConfig({ nameservers: 'x' }),
      'pod.spec.dnsConfig.nameservers must be an array of strings',
      ['pod', 'spec', 'dnsConfig', 'nameservers'],
    ],
    [
      withConfig({ searches: ['a', 1] }),
      'pod.spec.dnsConfig.searches[1] must be a string, got number',
      ['pod', 'spec', 'dnsConfig', 'searches', 1],
    ],
  ])('%j', (input, message, path) => {
    let e: unknown;
    try {
      podDnsConfig(input as never);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DnsError);
    expect((e as DnsError).code).toBe('INVALID_INPUT');
    expect((e as DnsError).message).toBe(message);
    expect((e as DnsError).path).toEqual(path);
  });

  it('null metadata, spec, clusterDomain, options, option values and lists read as absent', () => {
    const r = podDnsConfig({
      ...base,
      clusterDomain: null,
      pod: {
        metadata: null,
        spec: {
          dnsConfig: { options: [{ name: 'rotate', value: null }], nameservers: null, searches: null },
        },
      },
    } as never);
    expect(r.conf).toEqual({ nameservers: ['10.96.0.10'], searches: [], options: ['ndots:5', 'rotate'] });
    expect(podDnsConfig({ ...base, pod: { spec: null } } as never).dnsType).toBe('Cluster');
    expect(
      podDnsConfig({ ...base, pod: { spec: { dnsConfig: { options: null } } } } as never).conf.options,
    ).toEqual(['ndots:5']);
  });

  it('a host file error keeps its code, names the field and prefixes the message', () => {
    let e: unknown;
    try {
      podDnsConfig({ ...base, hostResolvConf: 'search a\nnameserver\n' });
    } catch (x) {
      e = x;
    }
    expect((e as DnsError).code).toBe('EMPTY_NAMESERVER');
    expect((e as DnsError).message).toBe(
      'hostResolvConf: resolv.conf line 2: "nameserver" without an address (kubelet: "nameserver list is empty")',
    );
    expect((e as DnsError).path).toEqual(['hostResolvConf']);
  });
});

// kubernetes pkg/kubelet/network/dns/dns.go GetPodDNS / mergeDNSOptions / formDNSSearchFitsLimits.
describe('podDnsConfig — kubelet merging rules', () => {
  const host =
    'nameserver 192.168.1.1\nnameserver 192.168.1.2\nsearch corp.example lab.example\noptions timeout:2 rotate\n';

  it('ClusterFirst: cluster servers, cluster search list then the host one, options replaced by ndots:5', () => {
    const r = podDnsConfig({
      pod: { metadata: { namespace: 'web' } },
      clusterDns: '10.96.0.10',
      clusterDomain: 'cluster.local',
      hostResolvConf: host,
    });
    expect(r).toEqual({
      conf: {
        nameservers: ['10.96.0.10'],
        searches: [
          'web.svc.cluster.local',
          'svc.cluster.local',
          'cluster.local',
          'corp.example',
          'lab.example',
        ],
        options: ['ndots:5'],
      },
      dnsType: 'Cluster',
      events: [],
    });
  });

  it('ClusterFirst with clusterDomain "": cluster servers, the host search list only', () => {
    const r = podDnsConfig({ pod: {}, clusterDns: ['10.96.0.10'], clusterDomain: '', hostResolvConf: host });
    expect(r.conf).toEqual({
      nameservers: ['10.96.0.10'],
      searches: ['corp.example', 'lab.example'],
      options: ['ndots:5'],
    });
  });

  it('Default: the host file as is', () => {
    const r = podDnsConfig({
      pod: { spec: { dnsPolicy: 'Default' } },
      clusterDns: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      hostResolvConf: host,
    });
    expect(r).toEqual({
      conf: {
        nameservers: ['192.168.1.1', '192.168.1.2'],
        searches: ['corp.example', 'lab.example'],
        options: ['timeout:2', 'rotate'],
      },
      dnsType: 'Host',
      events: [],
    });
  });

  it('hostNetwork must be exactly true', () => {
    const r = podDnsConfig({
      pod: { spec: { hostNetwork: 'true' as never } },
      clusterDns: ['10.96.0.10'],
      clusterDomain: 'c',
      hostResolvConf: null,
    });
    expect(r.dnsType).toBe('Cluster');
  });

  it('no cluster DNS: the MissingClusterDNS event word for word, the host file used', () => {
    const r = podDnsConfig({ pod: {}, clusterDns: [], clusterDomain: 'cluster.local', hostResolvConf: host });
    expect(r.events).toEqual([
      'MissingClusterDNS: kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.',
    ]);
    expect(r.conf.nameservers).toEqual(['192.168.1.1', '192.168.1.2']);
    // Default with no cluster DNS has no event
    expect(
      podDnsConfig({
        pod: { spec: { dnsPolicy: 'Default' } },
        clusterDns: [],
        clusterDomain: 'c',
        hostResolvConf: host,
      }).events,
    ).toEqual([]);
  });

  it('no host file: one loopback server per node IP family, search "."', () => {
    const run = (nodeIps: string[]) =>
      podDnsConfig({
        pod: { spec: { dnsPolicy: 'Default' } },
        clusterDns: [],
        clusterDomain: 'c',
        hostResolvConf: null,
        nodeIps,
      }).conf;
    expect(run([])).toEqual({ nameservers: ['127.0.0.1'], searches: ['.'], options: [] });
    expect(run(['fd00::1'])).toEqual({ nameservers: ['::1'], searches: ['.'], options: [] });
    expect(run(['10.0.0.1', '10.0.0.2']).nameservers).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('dnsConfig: servers and searches appended without duplicates, options merged by name', () => {
    const r = podDnsConfig({
      pod: {
        spec: {
          dnsPolicy: 'Default',
          dnsConfig: {
            nameservers: ['192.168.1.2', '9.9.9.9'],
            searches: ['lab.example', 'extra.example', 'extra.example'],
            options: [
              { name: 'timeout', value: '5' },
              { name: 'ndots', value: '1' },
              { name: 'rotate', value: '' },
              { name: 'edns0' },
            ],
          },
        },
      },
      clusterDns: [],
      clusterDomain: 'c',
      hostResolvConf: `${host}options attempts:3 debug\n`,
    });
    expect(r.conf).toEqual({
      nameservers: ['192.168.1.1', '192.168.1.2', '9.9.9.9'],
      searches: ['corp.example', 'lab.example', 'extra.example'],
      options: ['attempts:3', 'debug', 'timeout:5', 'ndots:1', 'rotate', 'edns0'],
    });
  });

  it('an option with a value that holds a colon splits at the first colon', () => {
    const r = podDnsConfig({
      pod: { spec: { dnsPolicy: 'Default', dnsConfig: { options: [{ name: 'x', value: 'y' }] } } },
      clusterDns: [],
      clusterDomain: 'c',
      hostResolvConf: 'options a:b:c :z\n',
    });
    expect(r.conf.options).toEqual(['a:b:c', ':z', 'x:y']);
  });

  it('ClusterFirst with dnsConfig: cluster servers first, ndots overridden', () => {
    const r = podDnsConfig({
      pod: {
        metadata: { namespace: 'ns' },
        spec: {
          dnsConfig: { nameservers: ['10.96.0.10', '1.1.1.1'], options: [{ name: 'ndots', value: '2' }] },
        },
      },
      clusterDns: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      hostResolvConf: null,
    });
    expect(r.conf).toEqual({
      nameservers: ['10.96.0.10', '1.1.1.1'],
      searches: ['ns.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: ['ndots:2'],
    });
  });
});

describe('podDnsConfig — search line limits at their boundaries (formDNSSearchFitsLimits)', () => {
  const run = (searches: string[], legacySearchLimits = false) =>
    podDnsConfig({
      pod: { spec: { dnsPolicy: 'None', dnsConfig: { searches } } },
      clusterDns: [],
      clusterDomain: '',
      hostResolvConf: null,
      legacySearchLimits,
    });

  it('an entry of 253 bytes is kept, 254 dropped', () => {
    const ok = 'a'.repeat(253);
    expect(run([ok]).conf.searches).toEqual([ok]);
    expect(run([ok]).events).toEqual([]);
    const r = run(['x', 'b'.repeat(254), 'y']);
    expect(r.conf.searches).toEqual(['x', 'y']);
    expect(r.events).toEqual([
      'DNSConfigForming: Search Line limits were exceeded, some search paths have been omitted, the applied search line is: x y',
    ]);
  });

  it('lengths count UTF-8 bytes as Go len() does', () => {
    // 127 two-byte characters = 254 bytes: too long
    expect(run(['é'.repeat(127)]).conf.searches).toEqual([]);
    expect(run(['é'.repeat(126)]).conf.searches).toEqual(['é'.repeat(126)]);
  });

  it('cuts as many entries from the end as needed to fit 2048 characters', () => {
    // 9 entries of 250 characters: the joined line is 2258; dropping 1 leaves 2007.
    const nine = Array.from({ length: 9 }, (_, i) => String.fromCharCode(97 + i).repeat(250));
    expect(run(nine).conf.searches).toEqual(nine.slice(0, 8));
    // 10 entries: 2510 → cut two (2258 - 251 = 2007).
    const ten = [...nine, 'z'.repeat(250)];
    expect(run(ten).conf.searches).toEqual(nine.slice(0, 8));
    // a line exactly 2049 long loses its last entry even if it is short
    const line2049 = [
      ...Array.from({ length: 8 }, (_, i) => String.fromCharCode(97 + i).repeat(250)),
      'z'.repeat(41),
    ];
    expect(line2049.join(' ').length).toBe(2049);
    expect(run(line2049).conf.searches).toEqual(line2049.slice(0, 8));
    const line2048 = [...line2049.slice(0, 8), 'z'.repeat(40)];
    expect(run(line2048).conf.searches).toEqual(line2048);
  });

  it('legacy limits: 6 paths and 256 characters', () => {
    expect(run(['a', 'b', 'c', 'd', 'e', 'f']).events).toEqual([]);
    expect(run(['a', 'b', 'c', 'd', 'e', 'f'], true).events).toEqual([]);
    const long = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(54)];
    expect(long.join(' ').length).toBe(256);
    expect(run(long, true).conf.searches).toEqual(long);
    const longer = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(55)];
    expect(run(longer, true).conf.searches).toEqual(longer.slice(0, 2));
    expect(run(longer, false).conf.searches).toEqual(longer);
  });

  it('more than 3 name servers keep the first 3 only (MaxDNSNameservers)', () => {
    const r = podDnsConfig({
      pod: {
        spec: {
          dnsPolicy: 'None',
          dnsConfig: { nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5'] },
        },
      },
      clusterDns: [],
      clusterDomain: '',
      hostResolvConf: null,
    });
    expect(r.conf.nameservers).toEqual(['1.1.1.1', '2.2.2.2', '3.3.3.3']);
    expect(r.events).toHaveLength(1);
  });
});

describe('podResolvConf', () => {
  it('writes podDnsConfig as resolv.conf text', () => {
    expect(
      podResolvConf({
        pod: { metadata: { namespace: 'a' } },
        clusterDns: ['10.96.0.10'],
        clusterDomain: 'cluster.local',
        hostResolvConf: null,
      }),
    ).toBe(
      'search a.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
});
