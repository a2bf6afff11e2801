// An independent oracle: Node's own SHA-256 (OpenSSL) over the same UTF-8 bytes.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { base32, sha256Base32PrefixOf2, sha256Hex, utf8Bytes } from './sha256.ts';

// Node's modules, typed here by hand: the package type-checks with `types: []` (no @types/node).
interface NodeHash {
  update(text: string, encoding: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}
interface NodeBytes extends Uint8Array {
  equals(other: Uint8Array): boolean;
}
const { createHash } = (await import('node:crypto' as string)) as {
  createHash(algorithm: 'sha256'): NodeHash;
};
const Buffer = (
  globalThis as unknown as { Buffer: { from(text: string, encoding: 'utf8' | 'hex'): NodeBytes } }
).Buffer;
const nodeHex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('sha256 against node:crypto', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 200 })], { numRuns: 300 })(
    'same digest and same UTF-8 bytes for any well-formed text (BMP, astral, combining marks)',
    (s) => {
      expect(sha256Hex(s)).toBe(nodeHex(s));
      expect(Buffer.from(s, 'utf8').equals(utf8Bytes(s))).toBe(true);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 100 })], { numRuns: 300 })(
    'lone surrogates are encoded as U+FFFD, as Node (and Go, for invalid UTF-8) does',
    (s) => {
      expect(Buffer.from(s, 'utf8').equals(utf8Bytes(s))).toBe(true);
    },
  );

  test.prop([fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 })])(
    'the two-part prefix hashes the concatenation',
    (a, b) => {
      const full = new Uint8Array(Buffer.from(nodeHex(a + b), 'hex'));
      expect(sha256Base32PrefixOf2(a, b, 16)).toBe(base32(full).slice(0, 16));
    },
  );
});
