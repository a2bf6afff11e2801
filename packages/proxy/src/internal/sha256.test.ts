import { describe, expect, it } from 'vitest';
import {
  base32,
  base32 as base32Std,
  sha256,
  sha256Base32,
  sha256Base32Prefix,
  sha256Base32PrefixOf2,
  sha256Hex,
  sha256Scratch,
  utf8Bytes,
} from './sha256.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 / NIST test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1000))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    );
  });

  it('hashes padding boundaries (55, 56, 64 bytes) and UTF-8 text', () => {
    expect(sha256Hex('a'.repeat(55))).toBe(
      '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318',
    );
    expect(sha256Hex('a'.repeat(56))).toBe(
      'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a',
    );
    expect(sha256Hex('a'.repeat(64))).toBe(
      'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb',
    );
    expect(Array.from(utf8Bytes('é€😀'))).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });
});

describe('base32Std', () => {
  it('matches the RFC 4648 §10 vectors', () => {
    const enc = (s: string): string => base32Std(utf8Bytes(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('MY======');
    expect(enc('fo')).toBe('MZXQ====');
    expect(enc('foo')).toBe('MZXW6===');
    expect(enc('foob')).toBe('MZXW6YQ=');
    expect(enc('fooba')).toBe('MZXW6YTB');
    expect(enc('foobar')).toBe('MZXW6YTBOI======');
  });

  it('encodes a 32-byte digest to 56 characters', () => {
    expect(base32Std(sha256('x'))).toHaveLength(56);
  });
});

describe('sha256Base32Prefix one-block fast path (chain names)', () => {
  it('agrees with the full encoding for every length up to 70, both sides of the one-block limit, and UTF-8 text', () => {
    for (let n = 0; n <= 70; n++) {
      const text = 'ns1/svc1:p80tcp10.180.0.1:80-abcdefghijklmnopqrstuvwxyz0123456789xxxxxxx'.slice(0, n);
      expect(sha256Base32Prefix(text, 16)).toBe(sha256Base32(text).slice(0, 16));
    }
    for (const chars of [1, 7, 13, 26, 50, 51, 52, 56]) {
      expect(sha256Base32Prefix('abc', chars)).toBe(sha256Base32('abc').slice(0, chars));
    }
    expect(sha256Base32Prefix('é', 16)).toBe(sha256Base32('é').slice(0, 16));
  });
});

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

describe('sha256Base32Prefix 8- and 16-character encoders', () => {
  it('agree with the full encoding for many digests', () => {
    for (let n = 0; n < 300; n++) {
      const text = `ns${n}/svc${n * 7}:p${n % 13}tcp10.${n & 255}.0.${n >> 3}:${8000 + n}`;
      const full = sha256Base32(text);
      expect(sha256Base32Prefix(text, 16)).toBe(full.slice(0, 16));
      expect(sha256Base32Prefix(text, 8)).toBe(full.slice(0, 8));
    }
  });
});

describe('sha256Base32PrefixOf2', () => {
  it('equals the prefix of the joined text, on both sides of the one-block limit and for UTF-8', () => {
    const long = 'ns1/svc1:p80tcp10.180.0.1:80-abcdefghijklmnopqrstuvwxyz0123456789xxxxxxx';
    for (let n = 0; n <= 70; n++) {
      for (const cut of [0, 1, 5, 15, n]) {
        const a = long.slice(0, Math.min(cut, n));
        const b = long.slice(Math.min(cut, n), n);
        for (const chars of [8, 16, 20]) {
          expect(sha256Base32PrefixOf2(a, b, chars)).toBe(sha256Base32(a + b).slice(0, chars));
        }
      }
    }
    expect(sha256Base32PrefixOf2('é', 'x', 16)).toBe(sha256Base32('éx').slice(0, 16));
    expect(sha256Base32PrefixOf2('ns1/svc1:p80tcp', '10.180.0.1:80', 16)).toBe('SXIVWICOYRO3J4NJ');
  });
});
