// sortNFTablesTransaction in kubernetes pkg/proxy/nftables/helpers_test.go is the oracle.
import { describe, expect, it } from 'vitest';
import { hashAndTruncate } from './nft-names.ts';
import { sortNftTransaction } from './sort-nft-transaction.ts';

describe('sortNftTransaction', () => {
  it('drops blank and comment lines and orders by object type, then name', () => {
    const text = [
      '# comment',
      'add element ip kube-proxy b { 1 }',
      'add map ip kube-proxy b { type x ; }',
      '',
      'add set ip kube-proxy b { type y ; }',
      'add rule ip kube-proxy b drop',
      'add chain ip kube-proxy b',
      'add table ip kube-proxy { comment "x" ; }',
      'add chain ip kube-proxy a',
      'add element ip kube-proxy a { 2 }',
    ].join('\n');
    expect(sortNftTransaction(text)).toBe(
      [
        'add table ip kube-proxy { comment "x" ; }',
        'add chain ip kube-proxy a',
        'add chain ip kube-proxy b',
        'add rule ip kube-proxy b drop',
        'add set ip kube-proxy b { type y ; }',
        'add map ip kube-proxy b { type x ; }',
        'add element ip kube-proxy a { 2 }',
        'add element ip kube-proxy b { 1 }',
      ].join('\n'),
    );
  });

  it('puts lines without an object name first, keeping their order', () => {
    expect(
      sortNftTransaction('add chain ip kube-proxy a\nflush table ip kube-proxy\nadd table ip kube-proxy'),
    ).toBe('flush table ip kube-proxy\nadd table ip kube-proxy\nadd chain ip kube-proxy a');
  });

  it('keeps rules of one chain in order and sorts other same-name lines textually', () => {
    expect(sortNftTransaction('add rule ip t c b\nadd rule ip t c a\nadd rule ip t c c')).toBe(
      'add rule ip t c b\nadd rule ip t c a\nadd rule ip t c c',
    );
    expect(
      sortNftTransaction('add element ip t m { 2 }\nadd element ip t m { 1 }\nadd element ip t m { 1 }'),
    ).toBe('add element ip t m { 1 }\nadd element ip t m { 1 }\nadd element ip t m { 2 }');
  });

  it('puts unknown verbs after every known object type', () => {
    expect(sortNftTransaction('add xyz ip t a x\nadd element ip t z { 1 }\nadd constructor ip t a x')).toBe(
      'add element ip t z { 1 }\nadd xyz ip t a x\nadd constructor ip t a x',
    );
  });

  it('returns an empty string for non-string input', () => {
    expect(sortNftTransaction(5 as never)).toBe('');
    expect(sortNftTransaction('')).toBe('');
  });
});

// hashAndTruncate in pkg/proxy/nftables/proxier.go: chainNameBaseLengthMax = 256 - 16 = 240.
describe('hashAndTruncate', () => {
  it('keeps names up to 240 characters and truncates longer ones with "..."', () => {
    const fits = hashAndTruncate('x'.repeat(231));
    expect(fits.length).toBe(240);
    expect(fits.endsWith('x'.repeat(231))).toBe(true);
    expect(fits[8]).toBe('-');
    const cut = hashAndTruncate('x'.repeat(232));
    expect(cut.length).toBe(240);
    expect(cut.endsWith('x...')).toBe(true);
    expect(cut.slice(0, 9)).toBe(hashAndTruncate('x'.repeat(232)).slice(0, 9));
    expect(hashAndTruncate('ns1/svc1/tcp/p80')).toBe('ULMVA6XW-ns1/svc1/tcp/p80');
  });
});
