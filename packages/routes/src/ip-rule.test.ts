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
