/*
 * LSD radix sorts for the set-algebra hot paths (V8's typed-array sort copies to a generic array
 * and is 10× slower on a few thousand keys). Digits of 11/11/10 bits; a pass whose digit is the
 * same for every key is skipped (common: prefixes share their top bits).
 */

const SMALL = 32;

/** Sorts `keys` ascending, permuting `vals` alongside (both length n). */
export function sortPairsU32(keys: Uint32Array, vals: Uint32Array): void {
  const n = keys.length;
  // Stryker disable next-line all: fast path; the radix passes below sort any n the same (stably)
  if (n < SMALL) {
    for (let i = 1; i < n; i++) {
      const k = keys[i] as number;
      const v = vals[i] as number;
      let j = i - 1;
      while (j >= 0 && (keys[j] as number) > k) {
        keys[j + 1] = keys[j] as number;
        vals[j + 1] = vals[j] as number;
        j--;
      }
      keys[j + 1] = k;
      vals[j + 1] = v;
    }
    return;
  }
  let srcK: Uint32Array = keys;
  let srcV: Uint32Array = vals;
  let dstK: Uint32Array = new Uint32Array(n);
  let dstV: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    const mask = shift === 22 ? 1023 : 2047;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((srcK[i] as number) >>> shift) & mask;
      count[d] = (count[d] as number) + 1;
    }
    if (count[((srcK[0] as number) >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = srcK[i] as number;
      const d = (k >>> shift) & mask;
      const at = count[d] as number;
      count[d] = at + 1;
      dstK[at] = k;
      dstV[at] = srcV[i] as number;
    }
    const tk = srcK;
    srcK = dstK;
    dstK = tk;
    const tv = srcV;
    srcV = dstV;
    dstV = tv;
  }
  if (srcK !== keys) {
    keys.set(srcK);
    vals.set(srcV);
  }
}

/**
 * Returns the permutation that sorts n 128-bit keys stored as 4 big-endian uint32 words each
 * (`words[4i] … words[4i+3]`).
 */
export function sortIndexByWords(words: Uint32Array, n: number): Uint32Array {
  let src: Uint32Array = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  // Stryker disable next-line all: fast path; the radix passes below sort any n the same (stably)
  if (n < SMALL) {
    for (let i = 1; i < n; i++) {
      const x = src[i] as number;
      let j = i - 1;
      while (j >= 0 && cmpAt(words, src[j] as number, x) > 0) {
        src[j + 1] = src[j] as number;
        j--;
      }
      src[j + 1] = x;
    }
    return src;
  }
  let dst: Uint32Array = new Uint32Array(n);
  const count = new Uint32Array(2048);
  for (let w = 3; w >= 0; w--) {
    for (let shift = 0; shift < 32; shift += 11) {
      const mask = shift === 22 ? 1023 : 2047;
      count.fill(0);
      for (let i = 0; i < n; i++) {
        const d = ((words[4 * i + w] as number) >>> shift) & mask;
        count[d] = (count[d] as number) + 1;
      }
      if (count[((words[w] as number) >>> shift) & mask] === n) continue;
      let sum = 0;
      for (let d = 0; d <= mask; d++) {
        const c = count[d] as number;
        count[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const idx = src[i] as number;
        const d = ((words[4 * idx + w] as number) >>> shift) & mask;
        const at = count[d] as number;
        count[d] = at + 1;
        dst[at] = idx;
      }
      const t = src;
      src = dst;
      dst = t;
    }
  }
  return src;
}

function cmpAt(words: Uint32Array, a: number, b: number): number {
  for (let w = 0; w < 4; w++) {
    const x = words[4 * a + w] as number;
    const y = words[4 * b + w] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
