/** FNV-1a, 32 bits, over UTF-16 code units: a stable seed for deterministic "random" choices. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` lower-case hex digits of a stable hash of `text` (n ≤ 16). */
export function hexHash(text: string, n: number): string {
  let a = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
  if (n === 8) return hex8(a);
  const b = Math.imul(a ^ 35, 0x01000193) >>> 0;
  return (hex8(a) + hex8(b)).slice(0, n);
}

/** Two lower-case hex digits per byte value. */
const HEX_BYTE: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16)),
);

function hex8(n: number): string {
  return (
    (HEX_BYTE[n >>> 24] as string) +
    (HEX_BYTE[(n >>> 16) & 255] as string) +
    (HEX_BYTE[(n >>> 8) & 255] as string) +
    (HEX_BYTE[n & 255] as string)
  );
}

/** `n` characters from Kubernetes' random-suffix alphabet (`bcdfghjklmnpqrstvwxz2456789`), stable per text. */
export function k8sSuffix(text: string, n: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = fnv1a(text);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h + i + 1) >>> 0;
  }
  return out;
}
