import { describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { clusterZone } from './cluster-zone.ts';
import { defaultCorefile } from './default-corefile.ts';
import { DnsError } from './dns-error.ts';
import { formatCorefile } from './format-corefile.ts';
import { kubernetesPluginConfig, normalizeZone } from './kubernetes-plugin-config.ts';
import { parseCorefile, safeParseCorefile } from './parse-corefile.ts';

// kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap, rendered for
// DNSDomain=cluster.local (the YAML block's 4-space indent removed, `{{-` trimming applied).
const KUBEADM = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

describe('defaultCorefile — kubeadm manifests.go', () => {
  it('is byte-identical to kubeadm for cluster.local (also the default)', () => {
    expect(defaultCorefile({ clusterDomain: 'cluster.local' })).toBe(KUBEADM);
    expect(defaultCorefile()).toBe(KUBEADM);
  });
  it('puts the domain in the kubernetes zones and the cache exceptions', () => {
    const text = defaultCorefile({ clusterDomain: 'k8s.example' });
    expect(text).toContain('    kubernetes k8s.example in-addr.arpa ip6.arpa {\n');
    expect(text).toContain('       disable success k8s.example\n       disable denial k8s.example\n');
  });
  it('rejects a non-string domain', () => {
    expect(() => defaultCorefile({ clusterDomain: 5 as never })).toThrow(DnsError);
  });
});

describe('parseCorefile', () => {
  it('parses the kubeadm Corefile', () => {
    const c = parseCorefile(KUBEADM);
    expect(c.serverBlocks).toHaveLength(1);
    const b = c.serverBlocks[0]!;
    expect(b.keys).toEqual(['.:53']);
    expect(b.directives.map((d) => d.name)).toEqual([
      'errors',
      'health',
      'ready',
      'kubernetes',
      'prometheus',
      'forward',
      'cache',
      'loop',
      'reload',
      'loadbalance',
    ]);
    const k = b.directives[3]!;
    expect(k).toMatchObject({
      name: 'kubernetes',
      args: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'],
      line: 7,
    });
    expect(k.block).toEqual([
      { name: 'pods', args: ['insecure'] },
      { name: 'fallthrough', args: ['in-addr.arpa', 'ip6.arpa'] },
      { name: 'ttl', args: ['30'] },
    ]);
    expect(b.directives[0]).toEqual({ name: 'errors', args: [] });
  });

  it('several server blocks, keys split on spaces and commas, comments and quotes', () => {
    const c = parseCorefile(
      '# stub domains\nexample.local:53, corp.example {\n  forward . 10.100.0.10:53 # upstream\n}\n\n. {\n  log "{remote} {type}"\n  forward . 8.8.8.8:53\n}\n',
    );
    expect(c.serverBlocks.map((b) => b.keys)).toEqual([['example.local:53', 'corp.example'], ['.']]);
    expect(c.serverBlocks[0]!.directives).toEqual([{ name: 'forward', args: ['.', '10.100.0.10:53'] }]);
    expect(c.serverBlocks[1]!.directives[0]).toEqual({ name: 'log', args: ['{remote} {type}'] });
  });

  it('parsed directives deep-equal plain { name, args, block? } objects (line is not enumerable)', () => {
    const c = parseCorefile('.:53 {\n  cache 30 {\n    disable success cluster.local\n  }\n  errors\n}\n');
    expect(c).toEqual({
      serverBlocks: [
        {
          keys: ['.:53'],
          directives: [
            { name: 'cache', args: ['30'], block: [{ name: 'disable', args: ['success', 'cluster.local'] }] },
            { name: 'errors', args: [] },
          ],
        },
      ],
    });
    expect(JSON.stringify(c)).not.toContain('line');
    expect(c.serverBlocks[0]?.directives[1]?.line).toBe(5);
  });

  it('a single server block may omit its braces', () => {
    expect(parseCorefile('example.org\nwhoami\nlog\n')).toEqual({
      serverBlocks: [
        {
          keys: ['example.org'],
          directives: [
            { name: 'whoami', args: [] },
            { name: 'log', args: [] },
          ],
        },
      ],
    });
  });

  it('empty blocks and nested blocks', () => {
    const c = parseCorefile('. {\n  health {\n  }\n  a {\n    b {\n      c 1\n    }\n  }\n}\n');
    expect(c.serverBlocks[0]!.directives[0]).toEqual({ name: 'health', args: [], block: [] });
    expect(c.serverBlocks[0]!.directives[1]!.block![0]!.block).toEqual([{ name: 'c', args: ['1'] }]);
  });

  it.each([
    ['.:53 {\n  errors\n', 1, 'unclosed'],
    ['.:53 {\n  errors\n}\n}\n', 4, "unexpected '}'"],
    ['{\n  errors\n}\n', 1, 'expected server block keys'],
    ['.:53 {\n  log "oops\n}\n', 2, 'unterminated'],
    ['a,\n', 1, 'expected another'],
    ['.:53 {\n  kubernetes cluster.local {\n    pods insecure\n  \n}\n', 1, 'unclosed'],
    ['a {\n}\nb\nc\n', 3, 'without braces'],
  ])('reports malformed files with the line: %j', (text, line, what) => {
    const r = safeParseCorefile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('COREFILE_SYNTAX');
      expect(r.error.message).toContain(`Corefile:${line} - `);
      expect(r.error.message).toContain(what);
      expect(r.error.path).toEqual([line]);
    }
    expect(() => parseCorefile(text)).toThrow(DnsError);
  });

  it('rejects non-strings', () => {
    expect(safeParseCorefile(null).ok).toBe(false);
    expect(() => parseCorefile(3 as never)).toThrow(DnsError);
  });
});

describe('formatCorefile', () => {
  it('round-trips the kubeadm Corefile (modulo indentation)', () => {
    const c = parseCorefile(KUBEADM);
    const text = formatCorefile(c);
    expect(text.split('\n')[6]).toBe('    kubernetes cluster.local in-addr.arpa ip6.arpa {');
    expect(text.split('\n')[7]).toBe('        pods insecure');
    const strip = (x: typeof c) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'line' ? undefined : v)));
    expect(strip(parseCorefile(text))).toEqual(strip(c));
  });
  it('quotes arguments that need it and separates server blocks', () => {
    const text = formatCorefile({
      serverBlocks: [
        { keys: ['a'], directives: [{ name: 'log', args: ['{remote} x', 'say "hi"', ''] }] },
        { keys: ['.'], directives: [{ name: 'errors', args: [] }] },
      ],
    });
    expect(text).toBe('a {\n    log "{remote} x" "say \\"hi\\"" ""\n}\n\n. {\n    errors\n}\n');
    expect(parseCorefile(text).serverBlocks[0]!.directives[0]!.args).toEqual(['{remote} x', 'say "hi"', '']);
  });
  it('rejects malformed input', () => {
    expect(() => formatCorefile(null as never)).toThrow(DnsError);
    expect(() => formatCorefile({ serverBlocks: [{ keys: [], directives: [] }] })).toThrow(DnsError);
    expect(() =>
      formatCorefile({ serverBlocks: [{ keys: ['.'], directives: [{ name: 5 } as never] }] }),
    ).toThrow(DnsError);
  });
});

describe('kubernetesPluginConfig — coredns plugin/kubernetes/setup.go ParseStanza', () => {
  it('reads the kubeadm stanza', () => {
    expect(kubernetesPluginConfig(KUBEADM)).toEqual({
      zones: ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.'],
      podsMode: 'insecure',
      ttl: 30,
      endpointPodNames: false,
      fallthrough: ['in-addr.arpa.', 'ip6.arpa.'],
      exposedNamespaces: [],
      noEndpoints: false,
      ignoreEmptyService: false,
      multicluster: [],
      labels: null,
      namespaceLabels: null,
      line: 7,
    });
  });

  it('defaults: zones from the server block keys, pods disabled, ttl 5, no fallthrough', () => {
    const cfg = kubernetesPluginConfig('cluster.local:53 {\n  kubernetes\n}\n');
    expect(cfg).toMatchObject({ zones: ['cluster.local.'], podsMode: 'disabled', ttl: 5, fallthrough: [] });
    expect(
      kubernetesPluginConfig('. {\n kubernetes cluster.local {\n  fallthrough\n }\n}\n').fallthrough,
    ).toEqual(['cluster.local.']);
  });

  it('feeds clusterZone', () => {
    const cfg = kubernetesPluginConfig(KUBEADM);
    const zone = clusterZone({
      clusterDomain: 'cluster.local',
      ...cfg,
      pods: [{ metadata: { namespace: 'default' } }],
    });
    const r = answer(zone, { name: '10-244-1-5.default.pod.cluster.local', type: 'A' });
    expect(r.answers).toEqual([
      { name: '10-244-1-5.default.pod.cluster.local.', type: 'A', ttl: 30, data: '10.244.1.5' },
    ]);
  });

  it.each([
    [
      '. {\n kubernetes cluster.local {\n  pods bogus\n }\n}\n',
      'wrong value for pods: bogus,  must be one of: disabled, verified, insecure',
    ],
    ['. {\n kubernetes cluster.local {\n  ttl 3601\n }\n}\n', 'ttl must be in range [0, 3600]: 3601'],
    ['. {\n kubernetes cluster.local {\n  ttl x\n }\n}\n', 'invalid syntax'],
    ['. {\n kubernetes cluster.local {\n  upstream\n }\n}\n', "unknown property 'upstream'"],
    ['. {\n kubernetes cluster.local {\n  resyncperiod 10s\n }\n}\n', "unknown property 'resyncperiod'"],
    ['. {\n kubernetes in-addr.arpa\n}\n', 'non-reverse zone name must be used'],
    [
      '. {\n kubernetes cluster.local {\n  ignore everything\n }\n}\n',
      "unable to parse ignore value: 'everything'",
    ],
    ['. {\n kubernetes cluster.local {\n  endpoint_pod_names x\n }\n}\n', 'Wrong argument count'],
  ])('rejects %j', (text, message) => {
    expect(() => kubernetesPluginConfig(text)).toThrow(
      expect.objectContaining({ code: 'COREFILE_KUBERNETES' }),
    );
    try {
      kubernetesPluginConfig(text);
    } catch (e) {
      expect((e as DnsError).message).toContain(message);
      expect((e as DnsError).message).toMatch(/^Corefile:\d+ - kubernetes: /);
    }
  });

  it('no kubernetes plugin', () => {
    expect(() => kubernetesPluginConfig('. {\n forward . 8.8.8.8\n}\n')).toThrow(
      expect.objectContaining({ code: 'NO_KUBERNETES_PLUGIN' }),
    );
  });

  it('normalizeZone', () => {
    expect(normalizeZone('.:53')).toBe('.');
    expect(normalizeZone('Cluster.Local:53')).toBe('cluster.local.');
    expect(normalizeZone('dns://example.org')).toBe('example.org.');
    expect(normalizeZone('10.0.0.0/8')).toBe('10.in-addr.arpa.');
    expect(normalizeZone('172.16.0.0/16')).toBe('16.172.in-addr.arpa.');
  });
});
