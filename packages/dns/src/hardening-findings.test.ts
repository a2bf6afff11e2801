// Regression tests for the hardening findings in test/corpus/ (one describe per corpus case).
import { beforeEach, describe, expect, it } from 'vitest';
import { answer } from './answer.ts';
import { checkHostResolvConf } from './check-host-resolv-conf.ts';
import { clusterZone } from './cluster-zone.ts';
import type { CorefileDirective } from './corefile.ts';
import { DnsError } from './dns-error.ts';
import { formatCorefile } from './format-corefile.ts';
import { formatResolvConf } from './format-resolv-conf.ts';
import { describeValue } from './internal/describe.ts';
import { normalizeZone } from './kubernetes-plugin-config.ts';
import { COREFILE_MAX_DEPTH, parseCorefile, safeParseCorefile } from './parse-corefile.ts';
import { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';
import { podDnsConfig, podResolvConf } from './pod-resolv-conf.ts';
import { resolveName } from './resolve-name.ts';
import { searchCandidates } from './search-candidates.ts';
import { zoneRecords } from './zone-records.ts';

function thrown(f: () => unknown): DnsError {
  try {
    f();
  } catch (e) {
    if (e instanceof DnsError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const nested = (depth: number): string => `.:53 {\n${'a {\n'.repeat(depth - 1)}${'}\n'.repeat(depth - 1)}}\n`;

describe('corefile-blocks-nested-100000: deep { } nesting', () => {
  it('refuses 100,000 nested blocks with COREFILE_TOO_DEEP and the line, not a RangeError', () => {
    const e = thrown(() => parseCorefile(nested(100_000)));
    expect(e.code).toBe('COREFILE_TOO_DEEP');
    // The server block's brace is level 1, so the brace that opens level 65 is on line 65.
    expect(e.path).toEqual([COREFILE_MAX_DEPTH + 1]);
    expect(e.message).toBe(`Corefile:65 - blocks nested more than ${COREFILE_MAX_DEPTH} deep`);
    const r = safeParseCorefile(nested(100_000));
    expect(r.ok).toBe(false);
  });
  it('accepts exactly COREFILE_MAX_DEPTH levels and refuses one more', () => {
    expect(safeParseCorefile(nested(COREFILE_MAX_DEPTH)).ok).toBe(true);
    expect(thrown(() => parseCorefile(nested(COREFILE_MAX_DEPTH + 1))).code).toBe('COREFILE_TOO_DEEP');
  });
  it('formatCorefile refuses a hand-built value nested too deep, and a cycle', () => {
    let d: CorefileDirective = { name: 'a', args: [] };
    for (let i = 0; i < 100_000; i++) d = { name: 'a', args: [], block: [d] };
    const e = thrown(() => formatCorefile({ serverBlocks: [{ keys: ['.'], directives: [d] }] }));
    expect(e.code).toBe('COREFILE_TOO_DEEP');
    expect(e.path.slice(0, 4)).toEqual(['serverBlocks', 0, 'directives', 0]);
    const cyclic: { name: string; args: string[]; block: unknown[] } = { name: 'a', args: [], block: [] };
    cyclic.block.push(cyclic);
    const c = thrown(() =>
      formatCorefile({ serverBlocks: [{ keys: ['.'], directives: [cyclic as CorefileDirective] }] }),
    );
    expect(c.code).toBe('COREFILE_TOO_DEEP');
  });
  it('the deepest parseable file formats and parses back', () => {
    const c = parseCorefile(nested(COREFILE_MAX_DEPTH));
    expect(parseCorefile(formatCorefile(c, { indent: 0 }))).toEqual(c);
  });
  it('formatCorefile refuses a bad indent with a coded error', () => {
    const c = parseCorefile('.:53 {\n  errors\n}\n');
    for (const indent of [-1, 1.5, 17, '2', 10n]) {
      const e = thrown(() => formatCorefile(c, { indent: indent as never }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path).toEqual(['indent']);
    }
  });
});

describe('resolv-conf-search-double-trailing-dot: parse → format → parse', () => {
  it('refuses a search entry left with an empty last label after the dot is stripped', () => {
    const e = thrown(() => parseResolvConf('nameserver 1.1.1.1\nsearch ok a.local..\n'));
    expect(e.code).toBe('INVALID_SEARCH_DOMAIN');
    expect(e.path).toEqual([2]);
    expect(e.message).toContain('"a.local.."');
    expect(safeParseResolvConf(`search svc.cluster.local${'.'.repeat(19_999)}\n`).ok).toBe(false);
  });
  it('keeps the stable cases: one trailing dot, `.` and `..` (both the root)', () => {
    for (const text of ['search a.local.\n', 'search .\n', 'search ..\n', 'search a..b\n']) {
      const once = parseResolvConf(text);
      expect(parseResolvConf(formatResolvConf(once))).toEqual(once);
    }
    expect(parseResolvConf('search .. a.\n').searches).toEqual(['.', 'a']);
  });
  it("podDnsConfig and checkHostResolvConf still read a host file as kubelet does (entry kept as 'a.local.')", () => {
    const r = podDnsConfig({
      pod: {},
      clusterDns: [],
      clusterDomain: '',
      hostResolvConf: 'search a.local..\n',
    });
    expect(r.conf.searches).toEqual(['a.local.']);
    expect(checkHostResolvConf('search a.local..\n', { clusterDomain: 'cluster.local' })).toEqual([]);
  });
});

const conf = { nameservers: ['10.96.0.10'], searches: ['a'], options: ['ndots:5'] };

describe('search-candidates-null-search-entry / non-string-option: ResolvConf values from callers', () => {
  const bad: [string, unknown, (string | number)[]][] = [
    ['null search entry', { ...conf, searches: [null] }, ['searches', 0]],
    ['option [1]', { ...conf, options: [[1]] }, ['options', 0]],
    ['bigint nameserver', { ...conf, nameservers: ['1.1.1.1', 10n] }, ['nameservers', 1]],
    ['symbol search', { ...conf, searches: ['a', Symbol('x')] }, ['searches', 1]],
    ['number options', { ...conf, options: 5 }, ['options']],
  ];
  for (const [title, c, path] of bad) {
    it(`${title} → INVALID_INPUT at ${path.join('.')}`, () => {
      for (const resolver of ['glibc', 'musl', 'go'] as const) {
        const e = thrown(() => searchCandidates('web.default', c as never, { resolver }));
        expect(e.code).toBe('INVALID_INPUT');
        expect(e.path).toEqual(path);
      }
      expect(thrown(() => formatResolvConf(c as never)).code).toBe('INVALID_INPUT');
    });
  }
  it('a bad resolver or name is described without JSON.stringify (bigint, symbol)', () => {
    const e = thrown(() => searchCandidates('a', conf, { resolver: 10n as never }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('10n');
    expect(thrown(() => searchCandidates(Symbol('n') as never, conf)).path).toEqual(['name']);
    expect(thrown(() => searchCandidates('a', 7 as never)).code).toBe('INVALID_INPUT');
  });
  it('missing lists read as empty', () => {
    expect(searchCandidates('web', { searches: ['a'] } as never)).toEqual(['web.a.', 'web.']);
  });
  it('describeValue never throws', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect([10n, Symbol('s'), null, undefined, cyclic, {}, 'x"y', () => 1, 1.5].map(describeValue)).toEqual([
      '10n',
      'a symbol',
      'null',
      'undefined',
      'an array',
      'an object',
      '"x\\"y"',
      'a function',
      '1.5',
    ]);
  });
});

describe('other functions taking caller objects give coded errors, never a TypeError', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let zone: ReturnType<typeof clusterZone>;
  beforeEach(() => {
    zone = clusterZone({ clusterDomain: 'cluster.local' });
  });
  const values: unknown[] = [null, undefined, 1n, Symbol('s'), 5, 'x', [], {}];
  it('answer: zone and question fields', () => {
    for (const v of values) {
      expect(thrown(() => answer(v as never, { name: 'a.', type: 'A' })).code).toBe('INVALID_INPUT');
      if (typeof v === 'string') continue;
      expect(thrown(() => answer(zone, { name: v, type: 'A' } as never)).path).toEqual(['name']);
      expect(thrown(() => answer(zone, { name: 'a.', type: v } as never)).path).toEqual(['type']);
      if (typeof v !== 'object' || v === null)
        expect(thrown(() => answer(zone, v as never)).code).toBe('INVALID_INPUT');
    }
    // A copy of a zone is not a zone built by clusterZone().
    expect(thrown(() => answer({ ...zone }, { name: 'a.', type: 'A' })).code).toBe('INVALID_INPUT');
    expect(thrown(() => zoneRecords({ ...zone, zones: 5 } as never)).code).toBe('INVALID_INPUT');
    expect(thrown(() => resolveName({ ...zone }, conf, 'a')).code).toBe('INVALID_INPUT');
  });
  it('clusterZone: zones / fallthrough that are not arrays', () => {
    for (const v of [5, 'x', 1n, Symbol('s'), {}, true]) {
      expect(thrown(() => clusterZone({ clusterDomain: 'c', zones: v as never })).path).toEqual(['zones']);
      expect(thrown(() => clusterZone({ clusterDomain: 'c', fallthrough: v as never })).path).toEqual([
        'fallthrough',
      ]);
    }
    expect(thrown(() => clusterZone({ clusterDomain: 'c', zones: [1n] as never })).path).toEqual([
      'zones',
      0,
    ]);
  });
  it('podResolvConf: non-strings where strings go', () => {
    for (const v of [1n, Symbol('s'), 5]) {
      const base = {
        pod: {},
        clusterDns: ['10.96.0.10'],
        clusterDomain: 'cluster.local',
        hostResolvConf: null,
      };
      expect(thrown(() => podResolvConf({ ...base, clusterDomain: v } as never)).code).toBe('INVALID_INPUT');
      expect(thrown(() => podResolvConf({ ...base, clusterDns: [v] } as never)).path).toEqual([
        'clusterDns',
        0,
      ]);
      expect(thrown(() => podResolvConf({ ...base, hostResolvConf: v } as never)).code).toBe('INVALID_INPUT');
      expect(
        thrown(() => podResolvConf({ ...base, pod: { metadata: { namespace: v } } } as never)).path,
      ).toEqual(['pod', 'metadata', 'namespace']);
    }
  });
  it('normalizeZone: a non-string', () => {
    for (const v of [null, 1n, Symbol('s'), 5])
      expect(thrown(() => normalizeZone(v as never)).code).toBe('INVALID_INPUT');
  });
});
