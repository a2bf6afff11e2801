import { beforeEach, describe, expect, it } from 'vitest';
import { DnsError } from './dns-error.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { searchCandidates } from './search-candidates.ts';

// The kubelet file for a pod in namespace foo (reference note §4.4).
// built before each test (not while the file loads), so a mutant that breaks it fails a test
let conf: ReturnType<typeof parseResolvConf>;
beforeEach(() => {
  conf = parseResolvConf(
    'search foo.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  );
});
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
    // current Go checks avoidDNS per candidate: the bare .onion name is never sent, the
    // search-suffixed ones are
    expect(go('secret.onion')).toEqual([
      'secret.onion.foo.svc.cluster.local.',
      'secret.onion.svc.cluster.local.',
      'secret.onion.cluster.local.',
    ]);
  });
});

function thrown(f: () => unknown): DnsError {
  try {
    f();
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const rc = (searches: string[], options: string[] = []) => ({ nameservers: [], searches, options });

describe('searchCandidates — glibc details (resolv/res_init.c res_setoptions, resolv/res_query.c)', () => {
  it.each([
    // [options, name, expected]
    [['ndots:2'], 'a.b.c', ['a.b.c.', 'a.b.c.s.']],
    [['ndots:3'], 'a.b', ['a.b.s.', 'a.b.']],
    [['ndots:0'], 'host', ['host.', 'host.s.']],
    [['ndots:2', 'ndots:0'], 'host', ['host.', 'host.s.']], // every ndots: applies in turn
    [['ndots:0', 'ndots:2'], 'a', ['a.s.', 'a.']],
    [['ndots: 2'], 'a.b.c', ['a.b.c.', 'a.b.c.s.']], // atoi skips blanks
    [['ndots:\t2'], 'a.b.c', ['a.b.c.', 'a.b.c.s.']],
    [['ndots:x'], 'host', ['host.', 'host.s.']], // atoi("x") = 0
    [['ndots:2x'], 'a.b.c', ['a.b.c.', 'a.b.c.s.']],
    [['ndots:16'], `${'a.'.repeat(15)}b`, [`${'a.'.repeat(15)}b.`, `${'a.'.repeat(15)}b.s.`]],
    [['ndots:16'], `${'a.'.repeat(14)}b`, [`${'a.'.repeat(14)}b.s.`, `${'a.'.repeat(14)}b.`]],
    [['xndots:0'], 'host', ['host.s.', 'host.']], // only options starting with ndots:
  ])('options %j: %s', (options, name, expected) => {
    expect(searchCandidates(name, rc(['s'], options), { resolver: 'glibc' })).toEqual(expected);
  });

  it('search domains: a leading dot is dropped, a trailing dot kept once, "." is the root', () => {
    expect(searchCandidates('h', rc(['.corp', 'lab.', '.', 'x']), { resolver: 'glibc' })).toEqual([
      'h.corp.',
      'h.lab.',
      'h.',
      'h.x.',
    ]);
  });

  it('no-tld-query: a single label with an empty search list is still sent', () => {
    expect(searchCandidates('host', rc([], ['no-tld-query']), { resolver: 'glibc' })).toEqual(['host.']);
    expect(searchCandidates('host', rc([], []), { resolver: 'glibc' })).toEqual(['host.']);
    expect(searchCandidates('ho.st', rc(['a'], ['ndots:5', 'no-tld-query']), { resolver: 'glibc' })).toEqual([
      'ho.st.a.',
      'ho.st.',
    ]);
  });

  it('"" and "." query the root (musl: nothing)', () => {
    for (const name of ['', '.']) {
      expect(searchCandidates(name, rc(['s']))).toEqual(['.']);
      expect(searchCandidates(name, rc(['s']), { resolver: 'go' })).toEqual(['.']);
      expect(searchCandidates(name, rc(['s']), { resolver: 'musl' })).toEqual([]);
    }
  });
});

describe('searchCandidates — musl details (src/network/resolvconf.c, lookup_name.c)', () => {
  const musl = (name: string, searches: string[], options: string[] = []) =>
    searchCandidates(name, rc(searches, options), { resolver: 'musl' });

  it.each([
    [['ndots:2'], 'a.b.c', ['a.b.c.']],
    [['ndots:3'], 'a.b', ['a.b.s.', 'a.b.']],
    [['ndots:0'], 'host', ['host.']],
    [['ndots:3', 'ndots:0'], 'a.b', ['a.b.s.', 'a.b.']], // the first ndots: wins (strstr)
    [['ndots:x', 'ndots:0'], 'host', ['host.s.', 'host.']], // no digit after the first: default 1
    [['xndots:0'], 'host', ['host.']], // strstr finds ndots: inside another word
    [['ndots:99'], `${'a.'.repeat(15)}b`, [`${'a.'.repeat(15)}b.`]],
    [['ndots:99'], `${'a.'.repeat(14)}b`, [`${'a.'.repeat(14)}b.s.`, `${'a.'.repeat(14)}b.`]],
    [[], 'host', ['host.s.', 'host.']],
    [[], 'a.b', ['a.b.']],
  ])('options %j: %s', (options, name, expected) => {
    expect(musl(name, ['s'], options)).toEqual(expected);
  });

  it('reads a search line of up to 254 characters ("search " included)', () => {
    const fits = ['a'.repeat(100), 'b'.repeat(146)]; // "search " + 100 + 1 + 146 = 254
    expect(`search ${fits.join(' ')}`.length).toBe(254);
    expect(musl('h', fits, ['ndots:5'])).toEqual([`h.${'a'.repeat(100)}.`, `h.${'b'.repeat(146)}.`, 'h.']);
    const over = ['a'.repeat(100), 'b'.repeat(147)];
    expect(musl('h', over, ['ndots:5'])).toEqual(['h.']);
  });

  it('skips a search domain that would make the name 255 bytes or longer', () => {
    const name = 'n'.repeat(100);
    // 256 - l - 1 = 155: a domain of 155 is skipped, 154 kept
    expect(musl(name, ['d'.repeat(154)], ['ndots:5'])).toEqual([`${name}.${'d'.repeat(154)}.`, `${name}.`]);
    expect(musl(name, ['d'.repeat(155)], ['ndots:5'])).toEqual([`${name}.`]);
  });

  it('names of 256 characters or more, empty labels at the end: nothing is sent', () => {
    expect(musl('a'.repeat(255), [])).toEqual([`${'a'.repeat(255)}.`]);
    expect(musl('a'.repeat(256), [])).toEqual([]);
    expect(musl(`${'a'.repeat(255)}.`, [])).toEqual([`${'a'.repeat(255)}.`]);
    expect(musl('a..', [])).toEqual([]);
    expect(musl('..', [])).toEqual([]);
  });

  it('a search domain with a trailing dot is sent once-dotted; an empty label stops the search', () => {
    expect(musl('h', ['corp.', 'x'])).toEqual(['h.corp.', 'h.x.', 'h.']);
    expect(musl('h', ['a..b', 'x'])).toEqual([]);
    expect(musl('h', ['x', '.'])).toEqual(['h.x.']);
  });
});

describe('searchCandidates — Go details (net/dnsconfig_unix.go, net/dnsclient_unix.go)', () => {
  const go = (name: string, searches: string[], options: string[] = []) =>
    searchCandidates(name, rc(searches, options), { resolver: 'go' });

  it.each([
    [['ndots:2'], 'a.b.c', ['a.b.c.', 'a.b.c.s.']],
    [['ndots:3'], 'a.b', ['a.b.s.', 'a.b.']],
    [['ndots:0'], 'host', ['host.', 'host.s.']],
    [['ndots:3', 'ndots:0'], 'host', ['host.', 'host.s.']], // the last ndots: wins
    [['ndots:x'], 'host', ['host.', 'host.s.']], // dtoi("x") = 0
    [['ndots:-1'], 'host', ['host.', 'host.s.']],
    [['ndots:3x'], 'a.b', ['a.b.s.', 'a.b.']],
    [['ndots:99'], `${'a.'.repeat(15)}b`, [`${'a.'.repeat(15)}b.`, `${'a.'.repeat(15)}b.s.`]],
    [['ndots:99'], `${'a.'.repeat(14)}b`, [`${'a.'.repeat(14)}b.s.`, `${'a.'.repeat(14)}b.`]],
    [['xndots:0'], 'host', ['host.s.', 'host.']],
    [[], 'host', ['host.s.', 'host.']],
  ])('options %j: %s', (options, name, expected) => {
    expect(go(name, ['s'], options)).toEqual(expected);
  });

  it('search entries get a trailing dot; "." is dropped', () => {
    expect(go('h', ['corp.', '.', 'x'])).toEqual(['h.corp.', 'h.x.', 'h.']);
    expect(go('h', ['.'])).toEqual(['h.']);
  });

  it('254 characters is the longest candidate', () => {
    const rooted254 = `${'a'.repeat(253)}.`;
    expect(go(rooted254, ['s'])).toEqual([rooted254]);
    expect(go(`${'a'.repeat(254)}.`, ['s'])).toEqual([]);
    expect(go('a'.repeat(253), [])).toEqual([`${'a'.repeat(253)}.`]);
    expect(go('a'.repeat(254), [])).toEqual([]);
    // "h." + suffix: a 252-character suffix (with its dot) makes 254
    const s251 = 's'.repeat(251);
    expect(go('h', [s251, `${s251}x`])).toEqual([`h.${s251}.`, 'h.']);
  });

  it('.onion candidates are never sent, in any letter case', () => {
    expect(go('x.onion.', [])).toEqual([]);
    expect(go('x.ONION.', [])).toEqual([]);
    expect(go('x.Onion', ['s'])).toEqual(['x.Onion.s.']);
    expect(go('x', ['onion', 'ok'])).toEqual(['x.ok.', 'x.']);
    expect(go('xonion', [])).toEqual(['xonion.']);
  });
});

describe('searchCandidates — input checks: code, message, path', () => {
  it.each([
    [() => searchCandidates(1 as never, rc([])), 'name must be a string, got 1', ['name']],
    [() => searchCandidates(null as never, rc([])), 'name must be a string, got null', ['name']],
    [
      () => searchCandidates('a', null as never),
      'searchCandidates expects a resolv.conf object { nameservers, searches, options }, got null',
      [],
    ],
    [
      () => searchCandidates('a', [] as never),
      'searchCandidates expects a resolv.conf object { nameservers, searches, options }, got an array',
      [],
    ],
    [
      () => searchCandidates('a', 'search x' as never),
      'searchCandidates expects a resolv.conf object { nameservers, searches, options }, got "search x"',
      [],
    ],
    [
      () => searchCandidates('a', { searches: 'x' } as never),
      'resolv.conf searches must be an array of strings, got "x"',
      ['searches'],
    ],
    [
      () => searchCandidates('a', { nameservers: [], options: ['ok', 5] } as never),
      'resolv.conf options[1] must be a string, got 5',
      ['options', 1],
    ],
    [() => searchCandidates('a', rc([]), 5 as never), 'options must be an object, got 5', ['options']],
    [
      () => searchCandidates('a', rc([]), 'musl' as never),
      'options must be an object, got "musl"',
      ['options'],
    ],
    [
      () => searchCandidates('a', rc([]), { resolver: 'bsd' as never }),
      'resolver must be "glibc", "musl" or "go", got "bsd"',
      ['resolver'],
    ],
  ])('%#', (f, message, path) => {
    const e = thrown(f);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(message);
    expect(e.path).toEqual(path);
  });

  it('null options, a null resolver and missing lists fall back to the defaults', () => {
    expect(searchCandidates('h', rc(['s']), null as never)).toEqual(['h.s.', 'h.']);
    expect(searchCandidates('h', rc(['s']), { resolver: null as never })).toEqual(['h.s.', 'h.']);
    expect(searchCandidates('h', rc(['s']), undefined)).toEqual(['h.s.', 'h.']);
    expect(searchCandidates('h', { nameservers: null, searches: ['s'], options: null } as never)).toEqual([
      'h.s.',
      'h.',
    ]);
  });
});
