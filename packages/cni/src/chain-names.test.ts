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
  it('sha512 over several blocks, at the padding boundaries and beyond ASCII', () => {
    // FIPS 180-2 appendix C.2 (two-block message) and NIST's 448-bit example
    expect(
      sha512Hex(
        'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      ),
    ).toBe(
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909',
    );
    expect(sha512Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445',
    );
    // 111 bytes fit one block with the length; 112 and 128 need a second one (digests from `sha512sum`)
    const cases: [string, string][] = [
      [
        'a'.repeat(111),
        'fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2',
      ],
      [
        'a'.repeat(112),
        'c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca',
      ],
      [
        'a'.repeat(128),
        'b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a243667807ed300314b95cacdd579f3e33abdfbe351909519a846d465c59582f321',
      ],
      [
        'x'.repeat(1000),
        'ae13575c5d98bfa689617bb19f0f55efdd52b39397fd620bcd1fbc03fda979e6b69bfba24698176eafe766d31c48b70273b03198064323082e04cc4eb9126310',
      ],
      [
        '日本語😀',
        'c35b84aa8de204db812314a2908f90cce575633019663bb78cdaa01ee33966cc1cdb65b8e656fdb7390ecad31c118d50c41b5426dd460447cc192aff99e76658',
      ],
    ];
    for (const [text, digest] of cases) expect(sha512Hex(text)).toBe(digest);
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
