import { describe, expect, it } from 'vitest';
import { DnsError } from './dns-error.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { searchCandidates } from './search-candidates.ts';

// The kubelet file for a pod in namespace foo (reference note §4.4).
const conf = parseResolvConf(
  'search foo.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
);
const glibc = (name: string, c = conf) => searchCandidates(name, c, { resolver: 'glibc' });
const musl = (name: string, c = conf) => searchCandidates(name, c, { resolver: 'musl' });

describe('searchCandidates — glibc __res_context_search', () => {
  it('short names walk the search list, then the name itself', () => {
    expect(glibc('kubernetes.default')).toEqual([
      'kubernetes.default.foo.svc.cluster.local.',
      'kubernetes.default.svc.cluster.local.',
      'kubernetes.default.cluster.local.',
      'kubernetes.default.',
    ]);
    expect(glibc('www.example.com')).toEqual([
      'www.example.com.foo.svc.cluster.local.',
      'www.example.com.svc.cluster.local.',
      'www.example.com.cluster.local.',
      'www.example.com.',
    ]);
    expect(glibc('kubernetes.default.svc.cluster.local')).toEqual([
      'kubernetes.default.svc.cluster.local.foo.svc.cluster.local.',
      'kubernetes.default.svc.cluster.local.svc.cluster.local.',
      'kubernetes.default.svc.cluster.local.cluster.local.',
      'kubernetes.default.svc.cluster.local.',
    ]);
  });

  it('a trailing dot queries only the name', () => {
    expect(glibc('kubernetes.default.svc.cluster.local.')).toEqual(['kubernetes.default.svc.cluster.local.']);
  });

  it('dots >= ndots: the name first, then the search list', () => {
    expect(glibc('a.b.c.d.e.f')).toEqual([
      'a.b.c.d.e.f.',
      'a.b.c.d.e.f.foo.svc.cluster.local.',
      'a.b.c.d.e.f.svc.cluster.local.',
      'a.b.c.d.e.f.cluster.local.',
    ]);
  });

  it('default ndots is 1; "search ." is the root and suppresses the final query', () => {
    const c = parseResolvConf('search corp.example\nnameserver 1.1.1.1\n');
    expect(glibc('host', c)).toEqual(['host.corp.example.', 'host.']);
    expect(glibc('www.example.com', c)).toEqual(['www.example.com.', 'www.example.com.corp.example.']);
    const root = parseResolvConf('search .\nnameserver 127.0.0.1\n');
    expect(glibc('host', root)).toEqual(['host.']);
  });

  it('ndots is capped at 15; no-tld-query skips the bare single label', () => {
    const c = parseResolvConf('search a\noptions ndots:99\n');
    expect(glibc('x.y.z', c)).toEqual(['x.y.z.a.', 'x.y.z.']);
    const ntq = parseResolvConf('search a\noptions no-tld-query\n');
    expect(glibc('host', ntq)).toEqual(['host.a.']);
    expect(glibc('ho.st', ntq)).toEqual(['ho.st.', 'ho.st.a.']);
  });
});

describe('searchCandidates — musl name_from_dns_search', () => {
  it('short names: search list then the name', () => {
    expect(musl('default')).toEqual([
      'default.foo.svc.cluster.local.',
      'default.svc.cluster.local.',
      'default.cluster.local.',
      'default.',
    ]);
  });

  it('dots >= ndots or a trailing dot: only the name', () => {
    expect(musl('a.b.c.d.e.f')).toEqual(['a.b.c.d.e.f.']);
    expect(musl('svc1.')).toEqual(['svc1.']);
  });

  it("a search line longer than musl's line buffer is ignored", () => {
    const long = Array.from({ length: 30 }, (_, i) => `domain${i}.example.com`);
    const c = { nameservers: [], searches: long, options: ['ndots:5'] };
    expect(musl('web', c)).toEqual(['web.']);
    expect(glibc('web', c)).toHaveLength(31);
  });

  it('"search ." makes musl build "name.." and give up', () => {
    expect(musl('host', parseResolvConf('search .\n'))).toEqual([]);
  });
});

describe('searchCandidates — input checks', () => {
  it('rejects bad input with DnsError', () => {
    expect(() => searchCandidates(1 as never, conf)).toThrow(DnsError);
    expect(() => searchCandidates('a', null as never)).toThrow(DnsError);
    expect(() => searchCandidates('a', conf, { resolver: 'bsd' as never })).toThrow(DnsError);
  });
  it('defaults to glibc', () => {
    expect(searchCandidates('svc1', conf)[0]).toBe('svc1.foo.svc.cluster.local.');
  });
});

describe('searchCandidates — Go nameList (net/dnsclient_unix.go)', () => {
  const go = (name: string, c = conf) => searchCandidates(name, c, { resolver: 'go' });
  it('short names: search list then the name; long ones: the name first', () => {
    expect(go('kubernetes.default')).toEqual(glibc('kubernetes.default'));
    expect(go('a.b.c.d.e.f')).toEqual(glibc('a.b.c.d.e.f'));
    expect(go('svc1.')).toEqual(['svc1.']);
  });
  it('skips names over 254 characters and .onion', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}`;
    expect(go(long)).toEqual([`${long}.`]);
    expect(glibc(long)).toHaveLength(4);
    expect(go('secret.onion')).toEqual([]);
  });
});
