import { beforeEach, describe, expect, it } from 'vitest';
import { clusterZone } from './cluster-zone.ts';
import { DnsError } from './dns-error.ts';
import type { DnsRecord } from './dns-record.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import { podResolvConf } from './pod-resolv-conf.ts';
import { resolveName } from './resolve-name.ts';

// Reference note §4.4 worked examples: pod in namespace foo, kubeadm CoreDNS.
// built before each test (not while the file loads), so a mutant that breaks it fails a test
let zone: ReturnType<typeof clusterZone>;
beforeEach(() => {
  zone = clusterZone({
    clusterDomain: 'cluster.local',
    services: [
      {
        metadata: { name: 'kubernetes', namespace: 'default' },
        spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] },
      },
      { metadata: { name: 'svc1', namespace: 'testns' }, spec: { clusterIP: '10.96.3.3' } },
      { metadata: { name: 'nginx', namespace: 'foo' }, spec: { clusterIP: 'None' } },
    ],
    endpointSlices: [
      {
        metadata: { namespace: 'foo', labels: { 'kubernetes.io/service-name': 'nginx' } },
        endpoints: [{ addresses: ['10.244.1.7'], hostname: 'web-0' }],
        ports: null,
      },
    ],
  });
});
// built before each test (not while the file loads), so a mutant that breaks it fails a test
let conf: ReturnType<typeof parseResolvConf>;
beforeEach(() => {
  conf = parseResolvConf(
    podResolvConf({
      pod: { metadata: { namespace: 'foo' } },
      clusterDns: ['10.96.0.10'],
      clusterDomain: 'cluster.local',
      hostResolvConf: 'nameserver 1.1.1.1\n',
    }),
  );
});
// built before each test (not while the file loads), so a mutant that breaks it fails a test
let testnsConf: ReturnType<typeof parseResolvConf>;
beforeEach(() => {
  testnsConf = parseResolvConf(
    'search testns.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n',
  );
});

describe('resolveName — note §4.4 worked examples', () => {
  it('1. kubernetes.default: NXDOMAIN then the answer (2 names, 4 queries)', () => {
    const r = resolveName(zone, conf, 'kubernetes.default');
    expect(r.outcome).toBe('ANSWER');
    expect(r.name).toBe('kubernetes.default.svc.cluster.local.');
    expect(r.answers.map((a) => a.data)).toEqual(['10.96.0.1']);
    expect(r.queries.map((q) => `${q.name} ${q.type} ${q.rcode}`)).toEqual([
      'kubernetes.default.foo.svc.cluster.local. A NXDOMAIN',
      'kubernetes.default.foo.svc.cluster.local. AAAA NXDOMAIN',
      'kubernetes.default.svc.cluster.local. A NOERROR',
      'kubernetes.default.svc.cluster.local. AAAA NOERROR',
    ]);
  });

  it('2. the FQDN without a trailing dot walks three search domains first', () => {
    const r = resolveName(zone, conf, 'kubernetes.default.svc.cluster.local');
    expect(r.outcome).toBe('ANSWER');
    expect(r.queries).toHaveLength(8);
    expect(resolveName(zone, conf, 'kubernetes.default.svc.cluster.local.').queries).toHaveLength(2);
  });

  it('3. an external name ends upstream after 3 NXDOMAIN candidates', () => {
    const r = resolveName(zone, conf, 'www.example.com');
    expect(r.outcome).toBe('UPSTREAM');
    expect(r.name).toBe('www.example.com.');
    expect(r.queries.filter((q) => q.rcode === 'NXDOMAIN')).toHaveLength(6);
    const answered = resolveName(zone, conf, 'www.example.com', {
      upstream: ({ name, type }) =>
        type === 'A'
          ? { rcode: 'NOERROR', answers: [{ name, type, ttl: 60, data: '192.0.2.10' }] }
          : { rcode: 'NOERROR', answers: [] },
    });
    expect(answered).toMatchObject({ outcome: 'ANSWER', name: 'www.example.com.' });
  });

  it('5. "default": glibc continues after NODATA, musl stops', () => {
    const g = resolveName(zone, conf, 'default', { resolver: 'glibc' });
    expect(g.queries.map((q) => `${q.name} ${q.type} ${q.rcode}`).slice(0, 6)).toEqual([
      'default.foo.svc.cluster.local. A NXDOMAIN',
      'default.foo.svc.cluster.local. AAAA NXDOMAIN',
      'default.svc.cluster.local. A NOERROR',
      'default.svc.cluster.local. AAAA NOERROR',
      'default.cluster.local. A NXDOMAIN',
      'default.cluster.local. AAAA NXDOMAIN',
    ]);
    expect(g.outcome).toBe('UPSTREAM');
    const m = resolveName(zone, conf, 'default', { resolver: 'musl' });
    expect(m).toMatchObject({ outcome: 'NODATA', name: 'default.svc.cluster.local.' });
    expect(m.queries).toHaveLength(4);
  });

  it('6. svc1 from testns answers on the first name', () => {
    const r = resolveName(zone, testnsConf, 'svc1');
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'svc1.testns.svc.cluster.local.' });
    expect(r.queries).toHaveLength(2);
  });

  it('7. web-0.nginx from foo finds the StatefulSet pod', () => {
    const r = resolveName(zone, conf, 'web-0.nginx', { family: 4 });
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'web-0.nginx.foo.svc.cluster.local.' });
    expect(r.answers.map((a) => a.data)).toEqual(['10.244.1.7']);
  });

  it('a name that is NXDOMAIN everywhere in the cluster (no search domain outside)', () => {
    const onlyCluster = parseResolvConf('search foo.svc.cluster.local\noptions ndots:1\n');
    const r = resolveName(zone, onlyCluster, 'nope.foo.svc.cluster.local.');
    expect(r).toMatchObject({ outcome: 'NXDOMAIN', answers: [] });
  });

  it('rejects a bad family', () => {
    expect(() => resolveName(zone, conf, 'x', { family: 5 as never })).toThrow(DnsError);
  });
});

// Names outside the cluster zone go upstream; a table stands in for the upstream server so each
// candidate's rcode can be chosen. The stop rules follow glibc resolv/res_query.c
// __res_context_search (continue after NXDOMAIN, NODATA and SERVFAIL; the as-is name tried first
// sets the final error) and musl src/network/lookup_name.c name_from_dns_search (continue after
// NXDOMAIN only).
describe('resolveName — stop rules against a scripted upstream', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let empty: ReturnType<typeof clusterZone>;
  beforeEach(() => {
    empty = clusterZone({ clusterDomain: 'cluster.local' });
  });
  type Reply = {
    rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
    answers: DnsRecord[];
  };
  const NX: Reply = { rcode: 'NXDOMAIN', answers: [] };
  const NODATA: Reply = { rcode: 'NOERROR', answers: [] };
  const FAIL: Reply = { rcode: 'SERVFAIL', answers: [] };
  const a = (name: string, data: string): Reply => ({
    rcode: 'NOERROR',
    answers: [{ name, type: 'A', ttl: 60, data }],
  });
  const script = (table: Record<string, Reply>) => ({
    upstream: ({ name, type }: { name: string; type: 'A' | 'AAAA' }) =>
      table[`${name} ${type}`] ?? table[name] ?? NX,
  });
  const rc = (options: string[] = []) => ({ nameservers: [], searches: ['a.test', 'b.test'], options });

  it('every candidate NXDOMAIN: NXDOMAIN, name of the last candidate, 6 queries', () => {
    const r = resolveName(empty, rc(), 'h', script({}));
    expect(r).toEqual({
      outcome: 'NXDOMAIN',
      name: 'h.',
      answers: [],
      queries: [
        { name: 'h.a.test.', type: 'A', rcode: 'NXDOMAIN', upstream: true },
        { name: 'h.a.test.', type: 'AAAA', rcode: 'NXDOMAIN', upstream: true },
        { name: 'h.b.test.', type: 'A', rcode: 'NXDOMAIN', upstream: true },
        { name: 'h.b.test.', type: 'AAAA', rcode: 'NXDOMAIN', upstream: true },
        { name: 'h.', type: 'A', rcode: 'NXDOMAIN', upstream: true },
        { name: 'h.', type: 'AAAA', rcode: 'NXDOMAIN', upstream: true },
      ],
    });
  });

  it('glibc goes on after NODATA and reports NODATA at the end', () => {
    const r = resolveName(empty, rc(), 'h', script({ 'h.a.test.': NODATA }));
    expect(r).toMatchObject({ outcome: 'NODATA', name: 'h.', answers: [] });
    expect(r.queries).toHaveLength(6);
  });

  it('glibc: SERVFAIL (or any other error rcode) is reported when nothing was NODATA', () => {
    expect(resolveName(empty, rc(), 'h', script({ 'h.b.test.': FAIL })).outcome).toBe('SERVFAIL');
    expect(
      resolveName(empty, rc(), 'h', script({ 'h.b.test.': { rcode: 'REFUSED', answers: [] } })).outcome,
    ).toBe('SERVFAIL');
    expect(resolveName(empty, rc(), 'h', script({ 'h.a.test.': FAIL, 'h.b.test.': NODATA })).outcome).toBe(
      'NODATA',
    );
  });

  it('a candidate is NODATA only when no type was NXDOMAIN', () => {
    const r = resolveName(empty, rc(), 'h', script({ 'h.a.test. A': NODATA, 'h.a.test. AAAA': NX }));
    expect(r.outcome).toBe('NXDOMAIN');
    const s = resolveName(empty, rc(), 'h', script({ 'h.a.test. A': FAIL, 'h.a.test. AAAA': NODATA }));
    expect(s.outcome).toBe('NODATA');
  });

  it('an A answer on a later candidate wins, with that candidate name and its records', () => {
    const r = resolveName(
      empty,
      rc(),
      'h',
      script({ 'h.a.test.': NODATA, 'h.b.test. A': a('h.b.test.', '192.0.2.1') }),
    );
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'h.b.test.' });
    expect(r.answers).toEqual([{ name: 'h.b.test.', type: 'A', ttl: 60, data: '192.0.2.1' }]);
    expect(r.queries).toHaveLength(4);
  });

  it('records that are not A or AAAA are no answer', () => {
    const cname: Reply = {
      rcode: 'NOERROR',
      answers: [{ name: 'h.a.test.', type: 'CNAME', ttl: 5, data: 'x.' }],
    };
    const r = resolveName(empty, rc(), 'h', script({ 'h.a.test.': cname }));
    expect(r.outcome).not.toBe('ANSWER');
    expect(r.queries).toHaveLength(6);
  });

  it('glibc: the name tried as is first (dots >= ndots) sets the final error', () => {
    // 'x.y' has 1 dot >= ndots 1: tried first; its NXDOMAIN is the result even if a later one is NODATA
    expect(resolveName(empty, rc(), 'x.y', script({ 'x.y.a.test.': NODATA })).outcome).toBe('NXDOMAIN');
    expect(resolveName(empty, rc(), 'x.y', script({ 'x.y.a.test.': FAIL })).outcome).toBe('NXDOMAIN');
    expect(resolveName(empty, rc(), 'x.y', script({ 'x.y.': NODATA })).outcome).toBe('NODATA');
    expect(resolveName(empty, rc(), 'x.y', script({ 'x.y.': FAIL, 'x.y.b.test.': NODATA })).outcome).toBe(
      'SERVFAIL',
    );
  });

  it('glibc: a single label tried first (ndots:0) does not set the final error', () => {
    expect(resolveName(empty, rc(['ndots:0']), 'h', script({ 'h.a.test.': NODATA })).outcome).toBe('NODATA');
  });

  it('glibc: a search candidate tried first does not set the final error', () => {
    // ndots:5 — 'x.y' is tried with the search list first: its NXDOMAIN does not hide a later NODATA
    const r = resolveName(empty, rc(['ndots:5']), 'x.y', script({ 'x.y.b.test.': NODATA }));
    expect(r.outcome).toBe('NODATA');
  });

  it('an AAAA-only answer is an answer', () => {
    const aaaa: Reply = {
      rcode: 'NOERROR',
      answers: [{ name: 'h.a.test.', type: 'AAAA', ttl: 60, data: 'fd00::1' }],
    };
    const r = resolveName(empty, rc(), 'h', script({ 'h.a.test. AAAA': aaaa, 'h.a.test. A': NODATA }));
    expect(r).toMatchObject({ outcome: 'ANSWER', name: 'h.a.test.' });
    expect(r.answers.map((x) => x.data)).toEqual(['fd00::1']);
  });

  it('glibc: the as-is name tried last does not set the final error', () => {
    const r = resolveName(empty, rc(['ndots:5']), 'x.y', script({ 'x.y.a.test.': NODATA }));
    expect(r.queries.map((q) => q.name)).toEqual([
      'x.y.a.test.',
      'x.y.a.test.',
      'x.y.b.test.',
      'x.y.b.test.',
      'x.y.',
      'x.y.',
    ]);
    expect(r.outcome).toBe('NODATA');
  });

  it('musl stops at the first NODATA or SERVFAIL and goes on only after NXDOMAIN', () => {
    const musl = { resolver: 'musl' } as const;
    expect(resolveName(empty, rc(), 'h', { ...musl, ...script({ 'h.a.test.': NODATA }) })).toMatchObject({
      outcome: 'NODATA',
      name: 'h.a.test.',
      answers: [],
    });
    const f = resolveName(empty, rc(), 'h', {
      ...musl,
      ...script({ 'h.b.test. AAAA': FAIL, 'h.b.test. A': a('h.b.test.', '192.0.2.1') }),
    });
    expect(f).toMatchObject({ outcome: 'SERVFAIL', name: 'h.b.test.', answers: [] });
    expect(f.queries).toHaveLength(4);
    const ok = resolveName(empty, rc(), 'h', {
      ...musl,
      ...script({ 'h.b.test. A': a('h.b.test.', '192.0.2.1'), 'h.b.test. AAAA': NODATA }),
    });
    expect(ok).toMatchObject({ outcome: 'ANSWER', name: 'h.b.test.' });
    expect(ok.answers.map((x) => x.data)).toEqual(['192.0.2.1']);
    expect(resolveName(empty, rc(), 'h', { ...musl, ...script({}) })).toMatchObject({
      outcome: 'NXDOMAIN',
      name: 'h.',
    });
    // replies are checked A first, then AAAA: the first error rcode decides
    expect(
      resolveName(empty, rc(), 'h', { ...musl, ...script({ 'h.a.test. A': NX, 'h.a.test. AAAA': FAIL }) }),
    ).toMatchObject({
      outcome: 'NXDOMAIN',
      name: 'h.',
    });
    expect(
      resolveName(empty, rc(), 'h', { ...musl, ...script({ 'h.a.test. A': FAIL, 'h.a.test. AAAA': NX }) }),
    ).toMatchObject({
      outcome: 'SERVFAIL',
      name: 'h.a.test.',
    });
    expect(
      resolveName(empty, rc(), 'h', {
        ...musl,
        ...script({ 'h.a.test. A': { rcode: 'REFUSED', answers: [] }, 'h.a.test. AAAA': NX }),
      }),
    ).toMatchObject({ outcome: 'SERVFAIL', name: 'h.a.test.' });
    // an answer for A with AAAA NXDOMAIN: musl goes on
    expect(
      resolveName(empty, rc(), 'h', { ...musl, ...script({ 'h.a.test. A': a('h.a.test.', '192.0.2.9') }) })
        .name,
    ).not.toBe('h.a.test.');
    // one type NXDOMAIN, the other NODATA: musl goes on
    const mixed = resolveName(empty, rc(), 'h', { ...musl, ...script({ 'h.a.test. A': NODATA }) });
    expect(mixed).toMatchObject({ outcome: 'NXDOMAIN', name: 'h.' });
  });

  it('family 4 asks A only, family 6 AAAA only', () => {
    expect(resolveName(empty, rc(), 'h', { family: 4, ...script({}) }).queries.map((q) => q.type)).toEqual([
      'A',
      'A',
      'A',
    ]);
    expect(resolveName(empty, rc(), 'h', { family: 6, ...script({}) }).queries.map((q) => q.type)).toEqual([
      'AAAA',
      'AAAA',
      'AAAA',
    ]);
    expect(resolveName(empty, rc(), 'h', { family: 'any', ...script({}) }).queries).toHaveLength(6);
  });

  it('without an upstream: UPSTREAM at the first name that leaves the cluster', () => {
    const r = resolveName(empty, rc(), 'h', { family: 4 });
    expect(r).toEqual({
      outcome: 'UPSTREAM',
      name: 'h.a.test.',
      answers: [],
      // the zone answers names outside it with REFUSED and upstream: true (the next plugin's turn)
      queries: [{ name: 'h.a.test.', type: 'A', rcode: 'REFUSED', upstream: true }],
    });
  });

  it('the Go resolver uses the Go search order', () => {
    const r = resolveName(empty, { nameservers: [], searches: ['.', 'a.test'], options: [] }, 'h', {
      resolver: 'go',
      family: 4,
      ...script({}),
    });
    expect(r.queries.map((q) => q.name)).toEqual(['h.a.test.', 'h.']);
  });

  it('bad input: code, message, path', () => {
    const catchIt = (f: () => unknown): DnsError => {
      try {
        f();
      } catch (e) {
        return e as DnsError;
      }
      throw new Error('did not throw');
    };
    const e1 = catchIt(() => resolveName(null as never, rc(), 'h'));
    expect([e1.code, e1.message, e1.path]).toEqual([
      'INVALID_INPUT',
      'resolveName expects a zone built by clusterZone(), got null',
      ['zone'],
    ]);
    const e2 = catchIt(() => resolveName({ ...empty } as never, rc(), 'h'));
    expect(e2.message).toBe('resolveName expects a zone built by clusterZone(), got an object');
    const e3 = catchIt(() => resolveName(empty, rc(), 'h', { family: 5 as never }));
    expect([e3.code, e3.message, e3.path]).toEqual([
      'INVALID_INPUT',
      'family must be "any", 4 or 6, got 5',
      ['family'],
    ]);
    const e4 = catchIt(() => resolveName(empty, rc(), 'h', { resolver: 'x' as never }));
    expect(e4.path).toEqual(['resolver']);
  });

  it('null options are the defaults', () => {
    const r = resolveName(empty, rc(), 'h', null as never);
    expect(r.outcome).toBe('UPSTREAM');
    expect(r.queries).toHaveLength(2);
  });
});
