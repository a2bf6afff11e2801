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
  const a = fnv1a(text).toString(16).padStart(8, '0');
  const b = fnv1a(`${text}#`).toString(16).padStart(8, '0');
  return (a + b).slice(0, n);
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
