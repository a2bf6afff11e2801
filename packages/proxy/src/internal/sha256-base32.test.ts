import { describe, expect, it } from 'vitest';
import { base32, sha256, sha256Base32, sha256Base32Prefix, sha256Scratch } from './sha256.ts';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256 / base32', () => {
  it('matches FIPS 180-4 test vectors', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256('a'.repeat(1000), sha256Scratch()))).toBe(hex(sha256('a'.repeat(1000))));
  });

  it('base32 is RFC 4648 standard with padding', () => {
    expect(base32(Uint8Array.from([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72]))).toBe('MZXW6YTBOI======');
    expect(base32(Uint8Array.from([0x66]))).toBe('MY======');
  });

  it('reproduces kube-proxy nftables name hashes (TestOverallNFTablesRules)', () => {
    expect(sha256Base32('ns1/svc1/tcp/p80').slice(0, 8)).toBe('ULMVA6XW');
    expect(sha256Base32Prefix('ns4/svc4/tcp/p80__10.180.0.5/80', 8)).toBe('5RFCDDV7');
    expect(sha256Base32Prefix('ns1/svc1:p80tcp', 16)).toBe('XPGD46QRK7WJZT7O');
  });
});

describe('sha256Base32Prefix fast path', () => {
  it('agrees with the full digest for ASCII names of every length up to 70', () => {
    const scratch = sha256Scratch();
    for (let n = 0; n <= 70; n++) {
      const text = 'ns1/svc1/tcp/p80__10.180.0.1/80xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'.slice(
        0,
        n,
      );
      expect(sha256Base32Prefix(text, 8, scratch)).toBe(sha256Base32(text).slice(0, 8));
    }
    expect(sha256Base32Prefix('é/ns', 8)).toBe(sha256Base32('é/ns').slice(0, 8));
  });
});
