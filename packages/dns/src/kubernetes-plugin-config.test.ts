import { describe, expect, it } from 'vitest';
import type { Corefile } from './corefile.ts';
import { DnsError } from './dns-error.ts';
import { kubernetesPluginConfig, normalizeZone } from './kubernetes-plugin-config.ts';

function thrown(f: () => unknown): DnsError {
  try {
    f();
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

/** A one-block Corefile whose kubernetes stanza (for `cluster.local`) holds `options` lines. */
const stanza = (...options: string[]): string =>
  `.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa {\n${options.map((o) => `        ${o}\n`).join('')}    }\n}\n`;

describe('normalizeZone — coredns plugin/normalize.go Host.Normalize', () => {
  it.each([
    // [key, zone]
    ['.', '.'],
    ['', '.'],
    ['.:53', '.'],
    [':53', '.'],
    ['cluster.local', 'cluster.local.'],
    ['cluster.local.', 'cluster.local.'],
    ['CLUSTER.Local.', 'cluster.local.'],
    ['example.org:1053', 'example.org.'],
    ['dns://example.org:53', 'example.org.'],
    ['tls://Example.Org', 'example.org.'],
    ['grpc://.', '.'],
    // IPv4 CIDRs on an octet boundary become reverse zones.
    ['10.0.0.0/8', '10.in-addr.arpa.'],
    ['192.168.0.0/16', '168.192.in-addr.arpa.'],
    ['10.96.5.0/24', '5.96.10.in-addr.arpa.'],
    ['10.96.5.7/32', '7.5.96.10.in-addr.arpa.'],
    ['0.0.0.0/0', 'in-addr.arpa.'],
    ['dns://10.0.0.0/8', '10.in-addr.arpa.'],
    ['in-addr.arpa', 'in-addr.arpa.'],
  ])('%j → %j', (key, zone) => {
    expect(normalizeZone(key)).toBe(zone);
  });

  it('keeps an IPv6 host (more than one colon) whole instead of cutting a "port"', () => {
    expect(normalizeZone('fd00::1')).toBe('fd00::1.');
    expect(normalizeZone('a:b:c')).toBe('a:b:c.');
  });

  it.each([
    '10.0.0.0/12', // not on an octet boundary
    '10.0.0.0/40', // more than 32 bits
    '10.0.0.0/-8', // negative
    '10.0.0.0/8.5', // not an integer
    '10.0.0.0/x',
    'fd00::/8', // not IPv4
    'nonsense/8', // not an address
  ])('does not turn %j into an in-addr.arpa zone', (key) => {
    expect(normalizeZone(key)).not.toMatch(/in-addr\.arpa\.$/);
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [53, '53'],
    [['a'], 'an array'],
  ])('refuses %j with INVALID_INPUT naming the value', (value, named) => {
    const e = thrown(() => normalizeZone(value as never));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(`zone must be a string, got ${named}`);
    expect(e.path).toEqual([]);
  });
});

describe('kubernetesPluginConfig — coredns plugin/kubernetes/setup.go ParseStanza', () => {
  it('takes the zones from the server block keys when the directive has no arguments', () => {
    const cfg = kubernetesPluginConfig('Cluster.Local:53 10.0.0.0/8 {\n  kubernetes\n}\n');
    expect(cfg.zones).toEqual(['cluster.local.', '10.in-addr.arpa.']);
    expect(cfg.line).toBe(2);
  });

  it('prefers the directive arguments over the server block keys', () => {
    const cfg = kubernetesPluginConfig('example.org:53 {\n  kubernetes my.domain\n}\n');
    expect(cfg.zones).toEqual(['my.domain.']);
  });

  it('uses the first server block that has the plugin', () => {
    const text = '.:53 {\n  forward . 8.8.8.8\n}\ncluster.local:53 {\n  errors\n  kubernetes\n}\n';
    const cfg = kubernetesPluginConfig(text);
    expect(cfg.zones).toEqual(['cluster.local.']);
    expect(cfg.line).toBe(6);
  });

  it('defaults every option (setup.go defaults: pods disabled, ttl 5)', () => {
    expect(kubernetesPluginConfig('.:53 {\n  kubernetes cluster.local\n}\n')).toEqual({
      zones: ['cluster.local.'],
      podsMode: 'disabled',
      ttl: 5,
      endpointPodNames: false,
      fallthrough: [],
      exposedNamespaces: [],
      noEndpoints: false,
      ignoreEmptyService: false,
      multicluster: [],
      labels: null,
      namespaceLabels: null,
      line: 2,
    });
  });

  it('reads every option', () => {
    const cfg = kubernetesPluginConfig(
      stanza(
        'endpoint_pod_names',
        'pods verified',
        'namespaces default kube-system',
        'namespaces extra',
        'labels app=web, tier in (a,b)',
        'fallthrough in-addr.arpa',
        'ttl 0',
        'noendpoints',
        'ignore empty_service',
        'multicluster Cluster.Local',
        'endpoint https://10.0.0.1:6443',
        'kubeconfig /etc/kube.conf ctx',
        'startup_timeout 5s',
        'apiserver_qps 10',
        'apiserver_burst 20',
        'apiserver_max_inflight 30',
        'tls cert key cacert',
        'zonal',
      ),
    );
    expect(cfg).toEqual({
      zones: ['cluster.local.', 'in-addr.arpa.'],
      podsMode: 'verified',
      ttl: 0,
      endpointPodNames: true,
      fallthrough: ['in-addr.arpa.'],
      exposedNamespaces: ['default', 'kube-system', 'extra'],
      noEndpoints: true,
      ignoreEmptyService: true,
      multicluster: ['cluster.local.'],
      labels: 'app=web, tier in (a,b)',
      namespaceLabels: null,
      line: 3,
    });
  });

  it.each([
    ['pods disabled', { podsMode: 'disabled' }],
    ['pods insecure', { podsMode: 'insecure' }],
    ['pods verified', { podsMode: 'verified' }],
    ['ttl 3600', { ttl: 3600 }],
    ['ttl 0', { ttl: 0 }],
    ['ttl +7', { ttl: 7 }],
    ['ttl 007', { ttl: 7 }],
    ['namespace_labels istio-injection=enabled', { namespaceLabels: 'istio-injection=enabled' }],
    ['namespace_labels a=b c', { namespaceLabels: 'a=b c' }],
    ['fallthrough', { fallthrough: ['cluster.local.', 'in-addr.arpa.'] }],
    ['fallthrough Example.Org 10.0.0.0/8', { fallthrough: ['example.org.', '10.in-addr.arpa.'] }],
    ['ignore', { ignoreEmptyService: false }],
    ['multicluster', { multicluster: [] }],
  ])('option %j', (option, expected) => {
    expect(kubernetesPluginConfig(stanza(option))).toMatchObject(expected);
  });

  it('a later ttl or fallthrough line replaces an earlier one', () => {
    expect(kubernetesPluginConfig(stanza('ttl 10', 'ttl 20')).ttl).toBe(20);
    expect(kubernetesPluginConfig(stanza('fallthrough a.b', 'fallthrough c.d')).fallthrough).toEqual([
      'c.d.',
    ]);
  });

  it('accepts a parsed Corefile object as well as text', () => {
    const corefile: Corefile = {
      serverBlocks: [{ keys: ['.:53'], directives: [{ name: 'kubernetes', args: ['cluster.local'] }] }],
    };
    const cfg = kubernetesPluginConfig(corefile);
    expect(cfg.zones).toEqual(['cluster.local.']);
    // a hand-built directive has no line: 0
    expect(cfg.line).toBe(0);
  });

  it('an error in a hand-built directive (no line) is reported at line 0', () => {
    const corefile: Corefile = {
      serverBlocks: [
        {
          keys: ['.'],
          directives: [{ name: 'kubernetes', args: ['cluster.local'], block: [{ name: 'bogus', args: [] }] }],
        },
      ],
    };
    const e = thrown(() => kubernetesPluginConfig(corefile));
    expect(e.code).toBe('COREFILE_KUBERNETES');
    expect(e.message).toBe("Corefile:0 - kubernetes: unknown property 'bogus'");
    expect(e.path).toEqual([0]);
  });

  // Line 3 is the kubernetes directive, line 4 the first option (see `stanza`).
  it.each([
    ['endpoint_pod_names x', 4, "Wrong argument count or unexpected line ending after 'endpoint_pod_names'"],
    ['pods', 4, "Wrong argument count or unexpected line ending after 'pods'"],
    ['pods insecure verified', 4, "Wrong argument count or unexpected line ending after 'pods'"],
    ['pods bogus', 4, 'wrong value for pods: bogus,  must be one of: disabled, verified, insecure'],
    ['namespaces', 4, "Wrong argument count or unexpected line ending after 'namespaces'"],
    ['namespace_labels', 4, "Wrong argument count or unexpected line ending after 'namespace_labels'"],
    ['labels', 4, "Wrong argument count or unexpected line ending after 'labels'"],
    ['ttl', 4, "Wrong argument count or unexpected line ending after 'ttl'"],
    ['ttl x', 4, 'strconv.Atoi: parsing "x": invalid syntax'],
    ['ttl 1.5', 4, 'strconv.Atoi: parsing "1.5": invalid syntax'],
    ['ttl 5s', 4, 'strconv.Atoi: parsing "5s": invalid syntax'],
    ['ttl 3601', 4, 'ttl must be in range [0, 3600]: 3601'],
    ['ttl -1', 4, 'ttl must be in range [0, 3600]: -1'],
    ['noendpoints x', 4, "Wrong argument count or unexpected line ending after 'noendpoints'"],
    ['ignore everything', 4, "unable to parse ignore value: 'everything'"],
    ['multicluster other.zone', 4, 'multicluster zone other.zone. must be one of the plugin zones'],
    ['endpoint', 4, "Wrong argument count or unexpected line ending after 'endpoint'"],
    ['kubeconfig', 4, "Wrong argument count or unexpected line ending after 'kubeconfig'"],
    ['startup_timeout', 4, "Wrong argument count or unexpected line ending after 'startup_timeout'"],
    ['apiserver_qps', 4, "Wrong argument count or unexpected line ending after 'apiserver_qps'"],
    ['apiserver_burst', 4, "Wrong argument count or unexpected line ending after 'apiserver_burst'"],
    [
      'apiserver_max_inflight',
      4,
      "Wrong argument count or unexpected line ending after 'apiserver_max_inflight'",
    ],
    ['tls a b', 4, "Wrong argument count or unexpected line ending after 'tls'"],
    ['tls a b c d', 4, "Wrong argument count or unexpected line ending after 'tls'"],
    ['upstream', 4, "unknown property 'upstream'"],
  ])('refuses option %j at its line', (option, line, message) => {
    const e = thrown(() => kubernetesPluginConfig(stanza(option)));
    expect(e.code).toBe('COREFILE_KUBERNETES');
    expect(e.message).toBe(`Corefile:${line} - kubernetes: ${message}`);
    expect(e.path).toEqual([line]);
  });

  it('reports an option error on the option line, not the first one', () => {
    const e = thrown(() => kubernetesPluginConfig(stanza('ttl 30', 'pods insecure', 'ttl 99999')));
    expect(e.path).toEqual([6]);
  });

  it('refuses namespaces together with namespace_labels, at the directive line', () => {
    const e = thrown(() => kubernetesPluginConfig(stanza('namespaces default', 'namespace_labels a=b')));
    expect(e.code).toBe('COREFILE_KUBERNETES');
    expect(e.message).toBe('Corefile:3 - kubernetes: namespaces and namespace_labels cannot both be set');
    expect(e.path).toEqual([3]);
  });

  it.each([
    ['. {\n kubernetes in-addr.arpa ip6.arpa\n}\n'],
    ['10.0.0.0/8 {\n kubernetes\n}\n'],
    ['. {\n kubernetes 0.0.0.0/0 ip6.arpa\n}\n'],
  ])('needs at least one forward zone: %j', (text) => {
    const e = thrown(() => kubernetesPluginConfig(text));
    expect(e.code).toBe('COREFILE_KUBERNETES');
    expect(e.message).toBe('Corefile:2 - kubernetes: non-reverse zone name must be used');
    expect(e.path).toEqual([2]);
  });

  it('one forward zone among reverse ones is enough', () => {
    expect(kubernetesPluginConfig('. {\n kubernetes in-addr.arpa example.org ip6.arpa\n}\n').zones).toEqual([
      'in-addr.arpa.',
      'example.org.',
      'ip6.arpa.',
    ]);
  });

  it.each([null, 42, [], {}, { serverBlocks: 'x' }, { serverBlocks: null }])(
    'refuses %j with INVALID_INPUT',
    (value) => {
      const e = thrown(() => kubernetesPluginConfig(value as never));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe('kubernetesPluginConfig expects Corefile text or parseCorefile() output');
      expect(e.path).toEqual([]);
    },
  );

  it('a Corefile without the plugin: NO_KUBERNETES_PLUGIN', () => {
    for (const text of ['', '.:53 {\n  forward . 8.8.8.8\n}\nexample.org {\n  whoami\n}\n']) {
      const e = thrown(() => kubernetesPluginConfig(text));
      expect(e.code).toBe('NO_KUBERNETES_PLUGIN');
      expect(e.message).toBe('the Corefile has no kubernetes plugin');
      expect(e.path).toEqual([]);
    }
  });

  it('Corefile syntax errors come from parseCorefile', () => {
    expect(thrown(() => kubernetesPluginConfig('.:53 {\n  kubernetes\n')).code).toBe('COREFILE_SYNTAX');
  });
});
