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

describe('parseResolvConf — bad input and limits', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [42, '42'],
    [[], 'an array'],
    [{}, 'an object'],
    [true, 'true'],
  ])('names the non-string %j in the error', (value, named) => {
    const message = `resolv.conf must be a string, got ${named}`;
    const r = safeParseResolvConf(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toBe(message);
      expect(r.error.path).toEqual([]);
    }
    let e: unknown;
    try {
      parseResolvConf(value as never);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DnsError);
    expect((e as DnsError).code).toBe('INVALID_INPUT');
    expect((e as DnsError).message).toBe(message);
  });

  // kubelet pkg/kubelet/network/dns/dns.go: maxResolveConfLength = 10 * 1 << 20, read with
  // k8s.io/utils/io ReadAtMost, which fails once that many bytes are read (N <= 0).
  it('refuses a file of 10 MiB (bytes) or more, accepts one byte less', () => {
    const limit = 10 * 1024 * 1024;
    const below = `nameserver 1.1.1.1\n${' '.repeat(limit - 20)}`;
    expect(below.length).toBe(limit - 1);
    expect(parseResolvConf(below).nameservers).toEqual(['1.1.1.1']);
    const at = `${below} `;
    const r = safeParseResolvConf(at);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RESOLV_CONF_TOO_LONG');
      expect(r.error.message).toBe(
        `resolv.conf is ${limit} bytes long; kubelet refuses a file that reaches its limit of ${limit} bytes (ReadAtMost: "the read limit is reached")`,
      );
      expect(r.error.path).toEqual([]);
    }
    expect(() => parseResolvConf(at)).toThrow(expect.objectContaining({ code: 'RESOLV_CONF_TOO_LONG' }));
  });

  it('the size limit counts UTF-8 bytes, not UTF-16 units', () => {
    const limit = 10 * 1024 * 1024;
    // 'é' is 2 bytes: half the limit in characters reaches it
    const twoByte = 'é'.repeat(limit / 2);
    const r = safeParseResolvConf(twoByte);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(`is ${limit} bytes long`);
    expect(safeParseResolvConf('é'.repeat(limit / 2 - 1)).ok).toBe(true);
    // a 3-byte character: a third of the limit (rounded up) reaches it
    expect(safeParseResolvConf('€'.repeat(Math.ceil(limit / 3))).ok).toBe(false);
    expect(safeParseResolvConf('€'.repeat(Math.floor(limit / 3))).ok).toBe(true);
  });

  it('the bare-nameserver error names the line and quotes kubelet', () => {
    const r = safeParseResolvConf('search a\n\nnameserver \n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('EMPTY_NAMESERVER');
      expect(r.error.message).toBe(
        'resolv.conf line 3: "nameserver" without an address (kubelet: "nameserver list is empty")',
      );
      expect(r.error.path).toEqual([3]);
    }
  });

  it('a search domain with an empty last label is refused, naming it and its line', () => {
    const r = safeParseResolvConf('nameserver 1.1.1.1\nsearch ok a.local..\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_SEARCH_DOMAIN');
      expect(r.error.message).toBe('resolv.conf line 2: search domain "a.local.." ends in an empty label');
      expect(r.error.path).toEqual([2]);
    }
  });

  // kubelet splits lines with Go's strings.Fields, i.e. on unicode.IsSpace (Unicode White_Space).
  it('splits fields on Go white space (tab, VT, FF, CR, U+0085, U+00A0) but not on other characters', () => {
    expect(parseResolvConf('nameserver\t1.1.1.1\u000b\nsearch a\u000cb\u0085c\u00a0d\r\n')).toEqual({
      nameservers: ['1.1.1.1'],
      searches: ['a', 'b', 'c', 'd'],
      options: [],
    });
    expect(
      parseResolvConf('search a!b\u0008c\u000ed\u001fe\u007ff\u0084g\u00a1h\u200bi\ufeffj\n').searches,
    ).toEqual(['a!b\u0008c\u000ed\u001fe\u007ff\u0084g\u00a1h\u200bi\ufeffj']);
  });

  it.each([0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000])(
    'splits fields on the non-Latin-1 White_Space character (code point %d)',
    (c) => {
      const sp = String.fromCharCode(c);
      expect(parseResolvConf(`search${sp}a${sp}${sp}b${sp}\nnameserver${sp}1.1.1.1\n`)).toEqual({
        nameservers: ['1.1.1.1'],
        searches: ['a', 'b'],
        options: [],
      });
    },
  );

  it('the last search and options lines win; nameservers accumulate', () => {
    expect(
      parseResolvConf(
        'nameserver 1.1.1.1\nsearch a b\noptions x\nnameserver 2.2.2.2 # c\nsearch c\noptions y z\n',
      ),
    ).toEqual({ nameservers: ['1.1.1.1', '2.2.2.2'], searches: ['c'], options: ['y', 'z'] });
    expect(parseResolvConf('search a\nsearch\n').searches).toEqual([]);
  });
});
