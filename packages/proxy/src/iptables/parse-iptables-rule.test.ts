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

  it('takes the value after each flag, and a trailing flag without a value is skipped', () => {
    const r = parseIptablesRule(
      '-A KUBE-SEP-X -m statistic --mode random --probability 0.25 -j DNAT --to-destination 10.0.0.1:80',
    );
    expect([r.probability, r.jump, r.dnatDestination]).toEqual(['0.25', 'DNAT', '10.0.0.1:80']);
    expect(parseIptablesRule('-A KUBE-X -g KUBE-Y').gotoChain).toBe('KUBE-Y');
    const end = parseIptablesRule('-A X --comment');
    expect([end.chain, end.comment]).toEqual(['X', undefined]);
    expect(parseIptablesRule('-A X -m').chain).toBe('X');
    expect(parseIptablesRule('-A X -j').jump).toBeUndefined();
    expect(parseIptablesRule('-A X --probability').probability).toBeUndefined();
    expect(parseIptablesRule('-A X --to-destination').dnatDestination).toBeUndefined();
    expect(parseIptablesRule('-A X -g').gotoChain).toBeUndefined();
    expect(parseIptablesRule('-A').chain).toBe('');
  });

  it('-m takes its module name as a value, so a module named like a flag is not read as one', () => {
    const r = parseIptablesRule('-A X -m comment --comment c -m recent --rcheck -j Y');
    expect([r.comment, r.affinityCheck, r.jump]).toEqual(['c', true, 'Y']);
    expect(parseIptablesRule('-A X ! --rcheck').affinityCheck).toBe(false);
    // `! -s` negates only the next value
    const n = parseIptablesRule('-A X ! -s 10.0.0.0/8 -d 10.1.0.0/16');
    expect(n.source).toEqual({ negated: true, value: '10.0.0.0/8' });
    expect(n.destination).toEqual({ negated: false, value: '10.1.0.0/16' });
  });

  it('refuses what is not a string with ProxyError', () => {
    expect(() => parseIptablesRule(null as never)).toThrow(ProxyError);
    expect(() => parseIptablesRule(5 as never)).toThrow('an iptables rule must be a string, got number');
  });
});

describe('ruleWords', () => {
  it('splits on spaces, keeps a quoted string as one word without its quotes', () => {
    expect(ruleWords('-A X -m comment --comment "a b" -j Y')).toEqual([
      '-A',
      'X',
      '-m',
      'comment',
      '--comment',
      'a b',
      '-j',
      'Y',
    ]);
    expect(ruleWords('"x"')).toEqual(['x']);
    // an unbalanced quote starts no word (parseIptablesSave refuses such a line before)
    expect(ruleWords('"')).toEqual([]);
    expect(ruleWords('a "b')).toEqual(['a']);
  });
});
