import { describe, expect, it } from 'vitest';
import { defaultCorefile } from './default-corefile.ts';
import { DnsError } from './dns-error.ts';

describe('defaultCorefile — kubeadm manifests.go CoreDNSConfigMap', () => {
  it('an empty cluster domain leaves the cache block without exceptions', () => {
    const text = defaultCorefile({ clusterDomain: '' });
    expect(text).toContain('    kubernetes  in-addr.arpa ip6.arpa {\n');
    expect(text).toContain('    cache 30\n    loop\n');
    expect(text).not.toContain('disable');
  });

  it('null options and a null domain are the defaults', () => {
    expect(defaultCorefile(null as never)).toBe(defaultCorefile());
    expect(defaultCorefile({ clusterDomain: null as never })).toBe(
      defaultCorefile({ clusterDomain: 'cluster.local' }),
    );
    expect(defaultCorefile({})).toContain('disable success cluster.local\n');
  });

  it.each([
    [5, 'number'],
    [true, 'boolean'],
    [{}, 'object'],
  ])('refuses the domain %j, naming its type', (domain, kind) => {
    let e: unknown;
    try {
      defaultCorefile({ clusterDomain: domain as never });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DnsError);
    expect([(e as DnsError).code, (e as DnsError).message, (e as DnsError).path]).toEqual([
      'INVALID_INPUT',
      `clusterDomain must be a string, got ${kind}`,
      ['clusterDomain'],
    ]);
  });
});
