// Rule lines as iptables-save prints them (iptables/iptables-save.c; `-c` prefixes each rule with
// `[packets:bytes]`) and as kube-proxy writes them (`-I CHAIN N` only in hand-written input).
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { parseIptablesRule, ruleWords } from './parse-iptables-rule.ts';

describe('parseIptablesRule', () => {
  it('drops a leading [packets:bytes] counter (iptables-save -c), and only a leading one', () => {
    const r = parseIptablesRule('  [1234:567890] -A KUBE-X -m comment --comment "[1:2] x" -j DROP ');
    expect(r.raw).toBe('-A KUBE-X -m comment --comment "[1:2] x" -j DROP');
    expect([r.chain, r.comment, r.jump]).toEqual(['KUBE-X', '[1:2] x', 'DROP']);
    expect(parseIptablesRule('[12:34]\t-A Y -j Z').chain).toBe('Y');
  });

  it('reads -I CHAIN with or without a rule number', () => {
    expect(parseIptablesRule('-I INPUT 3 -j KUBE-FIREWALL')).toMatchObject({
      chain: 'INPUT',
      jump: 'KUBE-FIREWALL',
    });
    expect(parseIptablesRule('-I INPUT -j KUBE-FIREWALL')).toMatchObject({
      chain: 'INPUT',
      jump: 'KUBE-FIREWALL',
    });
    // a number after -A is not a rule number: it is read as the next word
    const a = parseIptablesRule('-A INPUT 3 -j X');
    expect([a.chain, a.jump]).toEqual(['INPUT', 'X']);
    // -I followed by a word that is not all digits keeps it
    expect(parseIptablesRule('-I INPUT 3a --comment c').comment).toBe('c');
    expect(parseIptablesRule('-I INPUT 12 --comment c').comment).toBe('c');
  });

  // trailing flags without a value and `!` negation: parse-iptables-save.test.ts ("parseIptablesRule" block)
  it('takes the value after each flag', () => {
    const r = parseIptablesRule(
      '-A KUBE-SEP-X -m statistic --mode random --probability 0.25 -j DNAT --to-destination 10.0.0.1:80',
    );
    expect([r.probability, r.jump, r.dnatDestination]).toEqual(['0.25', 'DNAT', '10.0.0.1:80']);
    expect(parseIptablesRule('-A KUBE-X -g KUBE-Y').gotoChain).toBe('KUBE-Y');
  });

  it('-m takes its module name as a value, so a module named like a flag is not read as one', () => {
    const r = parseIptablesRule('-A X -m comment --comment c -m recent --rcheck -j Y');
    expect([r.comment, r.affinityCheck, r.jump]).toEqual(['c', true, 'Y']);
  });

  it('refuses what is not a string with ProxyError', () => {
    expect(() => parseIptablesRule(null as never)).toThrow(ProxyError);
    expect(() => parseIptablesRule(5 as never)).toThrow('an iptables rule must be a string, got number');
  });
});

// the plain split: parse-iptables-save.test.ts ("splits words on whitespace, quoted strings being one word")
describe('ruleWords', () => {
  it('drops the quotes of a quoted word; an unbalanced quote starts no word', () => {
    expect(ruleWords('"x"')).toEqual(['x']);
    // an unbalanced quote starts no word (parseIptablesSave refuses such a line before)
    expect(ruleWords('"')).toEqual([]);
    expect(ruleWords('a "b')).toEqual(['a']);
  });
});
