import { describe, expect, it } from 'vitest';
import { defaultIpRules, formatIpRule, parseIpRule, safeParseIpRule } from './ip-rule.ts';

// `ip rule show` as iproute2 print_rule prints it; the wg-quick rules are the classic
// policy-routing example (ip-rule(8): suppress_prefixlength, not, fwmark).
const WG = [
  '0:\tfrom all lookup local',
  '32764:\tfrom all lookup main suppress_prefixlength 0',
  '32765:\tnot from all fwmark 0xca6c lookup 51820',
  '32766:\tfrom all lookup main',
  '32767:\tfrom all lookup default',
].join('\n');

describe('ip rule text', () => {
  it('round-trips ip rule show output', () => {
    for (const text of [
      WG,
      '100:\tfrom 10.244.1.0/24 to 10.0.0.1 fwmark 0x200/0xf00 iif cni0 lookup 100',
      '200:\tfrom all unreachable',
      '300:\tfrom all goto 32766',
    ]) {
      expect(formatIpRule(parseIpRule(text))).toBe(`${text}\n`);
    }
    expect(formatIpRule(defaultIpRules())).toBe(
      '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n',
    );
    expect(defaultIpRules(6).map((r) => r.table)).toEqual(['local', 'main']);
  });

  it('reports bad rules with a code and the token', () => {
    for (const [text, code, token] of [
      ['from all lookup main', 'MISSING_PRIORITY', 'from all'],
      ['1: from all frobnicate', 'UNKNOWN_KEYWORD', '"frobnicate"'],
      ['1: from all lookup main lookup local', 'DUPLICATE_KEYWORD', '"lookup"'],
      ['1: from 10.0.0.1/40 lookup main', 'INVALID_PREFIX', '"10.0.0.1/40"'],
      ['1: from all', 'MISSING_ACTION', 'from all'],
      ['1: from all fwmark 0xzz lookup 1', 'INVALID_NUMBER', '"0xzz"'],
    ] as const) {
      const r = safeParseIpRule(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toContain(token);
      }
    }
    expect(safeParseIpRule(42).ok).toBe(false);
  });
});

/** Code, full message and path of a rule parse failure. */
function failure(text: string): { code: string; message: string; path: unknown } {
  const r = safeParseIpRule(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  expect(() => parseIpRule(text)).toThrow(r.error.message);
  return { code: r.error.code, message: r.error.message, path: r.error.path };
}

describe('ip rule errors name the value, the keyword and the line', () => {
  const cases: [string, string, string][] = [
    ['x0:\tfrom all lookup main', 'MISSING_PRIORITY', 'rule without "PRIORITY:" prefix'],
    ['1:\tfrom', 'MISSING_VALUE', 'keyword "from" needs a value'],
    ['1:\tfrom all lookup', 'MISSING_VALUE', 'keyword "lookup" needs a value'],
    ['1:\tfrom all table main lookup local', 'DUPLICATE_KEYWORD', 'repeated keyword "lookup"'],
    ['1:\tfrom 10.0.0.x lookup main', 'INVALID_PREFIX', 'invalid from "10.0.0.x"'],
    ['1:\tfrom fe80::1%eth0 lookup main', 'INVALID_PREFIX', 'invalid from "fe80::1%eth0"'],
    ['1:\tfrom all to 10.0.0.0/33 lookup main', 'INVALID_PREFIX', 'invalid to "10.0.0.0/33"'],
    ['1:\tfrom all to x lookup main', 'INVALID_PREFIX', 'invalid to "x"'],
    ['1:\tfrom all fwmark 0x1g lookup 1', 'INVALID_NUMBER', 'invalid fwmark "0x1g"'],
    ['1:\tfrom all fwmark ab0x5 lookup 1', 'INVALID_NUMBER', 'invalid fwmark "ab0x5"'],
    ['1:\tfrom all fwmark 01 lookup 1', 'INVALID_NUMBER', 'invalid fwmark "01"'],
    ['1:\tfrom all fwmark 4294967296 lookup 1', 'INVALID_NUMBER', 'invalid fwmark "4294967296"'],
    ['1:\tfrom all fwmark 0x1/0xfffffffff lookup 1', 'INVALID_NUMBER', 'invalid fwmark mask "0xfffffffff"'],
    ['1:\tfrom all lookup a!b', 'INVALID_VALUE', 'invalid table "a!b"'],
    ['1:\tfrom all goto x', 'INVALID_NUMBER', 'invalid goto "x"'],
    [
      '1:\tfrom all lookup main suppress_prefixlength -1',
      'INVALID_NUMBER',
      'invalid suppress_prefixlength "-1"',
    ],
    ['1:\tfrom all', 'MISSING_ACTION', 'rule without an action'],
    ['1:', 'MISSING_ACTION', 'rule without an action'],
    ['1:\tfrom all frobnicate', 'UNKNOWN_KEYWORD', 'unknown keyword "frobnicate"'],
    ['99999999999:\tfrom all lookup main', 'INVALID_NUMBER', 'invalid priority "99999999999"'],
  ];
  it.each(cases)('%j → %s', (text, code, message) => {
    expect(failure(text)).toEqual({
      code,
      message: `line 1: ${message} in ${JSON.stringify(text)}`,
      path: [0],
    });
  });

  it('counts lines from 1 in the message and from 0 in the path; quotes the line trimmed, cut after 157 characters', () => {
    expect(failure('0:\tfrom all lookup local\n\n  7: from all bogus  ')).toEqual({
      code: 'UNKNOWN_KEYWORD',
      message: 'line 3: unknown keyword "bogus" in "7: from all bogus"',
      path: [2],
    });
    const at160 = `1:\tfrom all bogus${' x'.repeat(71)}z`;
    expect(at160).toHaveLength(160);
    expect(failure(at160).message).toBe(`line 1: unknown keyword "bogus" in ${JSON.stringify(at160)}`);
    const at161 = `${at160}y`;
    expect(failure(at161).message).toBe(
      `line 1: unknown keyword "bogus" in ${JSON.stringify(`${at161.slice(0, 157)}...`)}`,
    );
  });

  it('rejects non-string text and non-array rules', () => {
    expect(() => parseIpRule(5 as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'expected ip rule text as a string, got 5' }),
    );
    const r = safeParseIpRule(null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('expected ip rule text as a string, got null');
    expect(safeParseIpRule('0:\tfrom all lookup local')).toEqual({
      ok: true,
      value: parseIpRule('0:\tfrom all lookup local'),
    });
    expect(() => formatIpRule('x' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: 'expected an array of rules' }),
    );
  });
});

describe('ip rule fields', () => {
  it('reads every selector and action into exactly the fields it names', () => {
    const [r] = parseIpRule(
      '  100:\tnot from 10.0.0.0/8 to 10.1.2.3 tos 0x10 fwmark 0x10/0xff iif cni0 oif eth0 table 200 suppress_prefixlength 0 proto kernel  ',
    );
    expect(Object.keys(r!)).toEqual([
      'priority',
      'not',
      'from',
      'to',
      'tos',
      'fwmark',
      'fwmask',
      'iif',
      'oif',
      'action',
      'table',
      'suppressPrefixlength',
      'proto',
    ]);
    expect(r).toMatchObject({
      priority: 100,
      not: true,
      tos: '0x10',
      fwmark: 16,
      fwmask: 255,
      iif: 'cni0',
      oif: 'eth0',
      action: 'lookup',
      table: '200',
      suppressPrefixlength: 0,
      proto: 'kernel',
    });
    expect(r?.to?.bits).toBe(32);
    const [all] = parseIpRule('5:\tfrom all to all goto 7');
    expect(all).toStrictEqual({ priority: 5, action: 'goto', goto: 7 });
    expect(parseIpRule('6:\tfrom 2001:db8::1 lookup main')[0]?.from?.bits).toBe(128);
  });

  it('reads numbers in decimal or 0x hex up to 0xffffffff; blanks of every kind separate tokens', () => {
    const one = (text: string) => parseIpRule(text)[0]!;
    expect(one('1:\tfrom all fwmark 0xCA6C lookup 1').fwmark).toBe(0xca6c);
    expect(one('1:\tfrom all fwmark 4294967295 lookup 1').fwmark).toBe(4294967295);
    expect(one('1:\tfrom all fwmark 0/0xffffffff lookup 1')).toMatchObject({ fwmark: 0, fwmask: 4294967295 });
    expect(one('1:\vfrom\fall\rlookup  \t main')).toStrictEqual({
      priority: 1,
      action: 'lookup',
      table: 'main',
    });
    expect(parseIpRule('\n  \t\n1:\tfrom all nop\n\n')).toEqual([{ priority: 1, action: 'nop' }]);
  });

  it('prints each field as iproute2 print_rule does', () => {
    // iproute2 ip/iprule.c print_rule: host selectors without /32, fwmark %#x and /%#x unless the
    // mask is 0xffffffff, `lookup` (main when unset), then proto.
    const text = [
      '10:\tfrom 10.0.0.0/8 to 10.1.2.3 tos 0x10 fwmark 0x10/0xff oif eth0 lookup main proto kernel',
      '11:\tfrom 10.1.2.3 to 2001:db8::/32 fwmark 0x1 lookup 5',
      '12:\tfrom all to 2001:db8::1 goto 10',
      '13:\tfrom all prohibit',
    ].join('\n');
    expect(formatIpRule(parseIpRule(text))).toBe(`${text}\n`);
    expect(formatIpRule(parseIpRule('1:\tfrom all fwmark 0x1/0xffffffff lookup 1'))).toBe(
      '1:\tfrom all fwmark 0x1 lookup 1\n',
    );
    expect(
      formatIpRule([
        { priority: 1, action: 'lookup' },
        { priority: 2, action: 'goto' },
      ]),
    ).toBe('1:\tfrom all lookup main\n2:\tfrom all goto 0\n');
  });
});
