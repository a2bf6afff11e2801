import { describe, expect, it } from 'vitest';
import { calicoVethName, formatChainComment, formatChainName } from './chain-names.ts';
import { sha1Hex } from './internal/sha1.ts';
import { sha512Hex } from './internal/sha512.ts';

describe('hashes (FIPS 180 test vectors)', () => {
  it('sha512', () => {
    expect(sha512Hex('abc')).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect(sha512Hex('')).toBe(
      'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    );
  });
  it('sha1', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
});

// containernetworking/plugins plugins/meta/portmap/portmap_iptables_test.go
describe('formatChainName', () => {
  const containerID =
    'icee6giejonei6sohng6ahngee7laquohquee9shiGo7fohferakah3Feiyoolu2pei7ciPhoh7shaoX6vai3vuf0ahfaeng8yohb9ceu0daez5hashee8ooYai5wa3y';
  it('derives the portmap DNAT chain names of the upstream test', () => {
    expect(formatChainName('testNetName', containerID, 'DN-')).toBe('CNI-DN-bfd599665540dd91d5d28');
    expect(formatChainName('test', containerID, 'DN-')).toBe('CNI-DN-67e92b96e692a494b6b85');
  });
  it('cuts every name to 28 characters', () => {
    expect(formatChainName('cbr0', 'abc')).toHaveLength(28);
    expect(formatChainName('cbr0', 'abc').startsWith('CNI-')).toBe(true);
  });
  it('formats the comment with Go %q quoting', () => {
    expect(formatChainComment('test', 'c1')).toBe('name: "test" id: "c1"');
  });
  it('names calico veths cali + 11 hex chars', () => {
    const name = calicoVethName('default', 'web-1');
    expect(name).toMatch(/^cali[0-9a-f]{11}$/);
    expect(name).toBe(`cali${sha1Hex('default.web-1').slice(0, 11)}`);
  });
});
