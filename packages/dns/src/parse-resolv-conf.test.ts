import { describe, expect, it } from 'vitest';
import { DnsError } from './dns-error.ts';
import { formatResolvConf } from './format-resolv-conf.ts';
import { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';

// Every row of kubernetes pkg/kubelet/network/dns/dns_test.go TestParseResolvConf.
const cases: [string, string[], string[], string[], boolean][] = [
  ['', [], [], [], false],
  [' ', [], [], [], false],
  ['\n', [], [], [], false],
  ['\t\n\t', [], [], [], false],
  ['#comment\n', [], [], [], false],
  [' #comment\n', [], [], [], false],
  ['#comment\n#comment', [], [], [], false],
  ['#comment\nnameserver', [], [], [], true],
  ['#comment\nnameserver\nsearch', [], [], [], true],
  ['#comment\nnameserver 1.2.3.4\nsearch', ['1.2.3.4'], [], [], false],
  ['nameserver 1.2.3.4', ['1.2.3.4'], [], [], false],
  [' nameserver 1.2.3.4', ['1.2.3.4'], [], [], false],
  ['\tnameserver 1.2.3.4', ['1.2.3.4'], [], [], false],
  ['nameserver\t1.2.3.4', ['1.2.3.4'], [], [], false],
  ['nameserver \t 1.2.3.4', ['1.2.3.4'], [], [], false],
  ['nameserver 1.2.3.4\nnameserver 5.6.7.8', ['1.2.3.4', '5.6.7.8'], [], [], false],
  ['nameserver 1.2.3.4 #comment', ['1.2.3.4'], [], [], false],
  ['search ', [], [], [], false],
  ['search foo', [], ['foo'], [], false],
  ['search foo bar', [], ['foo', 'bar'], [], false],
  ['search foo. bar', [], ['foo', 'bar'], [], false],
  ['search foo bar bat\n', [], ['foo', 'bar', 'bat'], [], false],
  ['search foo\nsearch bar', [], ['bar'], [], false],
  ['nameserver 1.2.3.4\nsearch foo bar', ['1.2.3.4'], ['foo', 'bar'], [], false],
  [
    'nameserver 1.2.3.4\nsearch foo\nnameserver 5.6.7.8\nsearch bar',
    ['1.2.3.4', '5.6.7.8'],
    ['bar'],
    [],
    false,
  ],
  ['#comment\nnameserver 1.2.3.4\n#comment\nsearch foo\ncomment', ['1.2.3.4'], ['foo'], [], false],
  ['options ', [], [], [], false],
  ['options ndots:5 attempts:2', [], [], ['ndots:5', 'attempts:2'], false],
  ['options ndots:1\noptions ndots:5 attempts:3', [], [], ['ndots:5', 'attempts:3'], false],
  [
    'nameserver 1.2.3.4\nsearch foo\nnameserver 5.6.7.8\nsearch bar\noptions ndots:5 attempts:4',
    ['1.2.3.4', '5.6.7.8'],
    ['bar'],
    ['ndots:5', 'attempts:4'],
    false,
  ],
];

describe('parseResolvConf — kubelet dns_test.go TestParseResolvConf', () => {
  it.each(cases)('%j', (text, nameservers, searches, options, isErr) => {
    const r = safeParseResolvConf(text);
    if (isErr) {
      expect(r.ok).toBe(false);
      expect(() => parseResolvConf(text)).toThrow(DnsError);
      if (!r.ok) expect(r.error.code).toBe('EMPTY_NAMESERVER');
      return;
    }
    expect(r).toEqual({ ok: true, value: { nameservers, searches, options } });
  });

  it('keeps "." (the root) and ignores domain lines and CRLF noise', () => {
    expect(parseResolvConf('domain example.com\r\nsearch . a.\r\n')).toEqual({
      nameservers: [],
      searches: ['.', 'a'],
      options: [],
    });
  });

  it('rejects non-strings without crashing', () => {
    for (const bad of [null, undefined, 42, [], {}]) {
      const r = safeParseResolvConf(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
      expect(() => parseResolvConf(bad as unknown as string)).toThrow(DnsError);
    }
  });

  it('the error names the line', () => {
    const r = safeParseResolvConf('search a\nnameserver\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('line 2');
      expect(r.error.path).toEqual([2]);
    }
  });
});

describe('formatResolvConf — containerd parseDNSOptions order', () => {
  it('search, nameservers, options; empty lines omitted', () => {
    expect(
      formatResolvConf({
        nameservers: ['10.96.0.10', '10.96.0.11'],
        searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
        options: ['ndots:5'],
      }),
    ).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\nnameserver 10.96.0.11\noptions ndots:5\n',
    );
    expect(formatResolvConf({ nameservers: [], searches: [], options: [] })).toBe('');
  });

  it('round-trips through parseResolvConf', () => {
    const conf = { nameservers: ['1.1.1.1'], searches: ['a.b', 'c'], options: ['ndots:2', 'rotate'] };
    expect(parseResolvConf(formatResolvConf(conf))).toEqual(conf);
  });

  it('rejects malformed configs', () => {
    expect(() => formatResolvConf(null as never)).toThrow(DnsError);
    expect(() => formatResolvConf({ nameservers: 'x', searches: [], options: [] } as never)).toThrow(
      /nameservers/,
    );
    expect(() => formatResolvConf({ nameservers: [1], searches: [], options: [] } as never)).toThrow(
      DnsError,
    );
  });
});
