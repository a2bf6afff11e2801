/**
 * A small synchronous SHA-256 (FIPS 180-4) over the UTF-8 bytes of a string. The library has no
 * Node globals (`types: []`), so `node:crypto` is unavailable; chain names only hash short strings.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/**
 * UTF-8 encodes a string (no TextEncoder in the ES2022 lib).
 *
 * @example
 * ```ts
 * utf8Bytes('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Bytes(text: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * The eight 32-bit words of the SHA-256 state after hashing `data`.
 *
 * @example
 * ```ts
 * sha256Words(utf8Bytes('abc'))[0]; // 0xba7816bf | 0
 * ```
 */
export function sha256Words(data: Uint8Array): Int32Array {
  const len = data.length;
  const m = new Int32Array(((len + 9 + 63) >>> 6) * 16);
  for (let i = 0; i < len; i++) {
    m[i >> 2] = (m[i >> 2] as number) | ((data[i] as number) << (24 - ((i & 3) << 3)));
  }
  return compress(m, len);
}

/**
 * SHA-256 state words of an ASCII string (every char code < 0x80), without building a byte array;
 * undefined when the string is not ASCII.
 *
 * @example
 * ```ts
 * sha256AsciiWords('abc')?.[0]; // 0xba7816bf | 0
 * ```
 */
export function sha256AsciiWords(text: string): Int32Array | undefined {
  const len = text.length;
  const m = new Int32Array(((len + 9 + 63) >>> 6) * 16);
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    m[i >> 2] = (m[i >> 2] as number) | (c << (24 - ((i & 3) << 3)));
  }
  return compress(m, len);
}

/**
 * SHA-256 of a short ASCII string (at most 55 bytes, one block) with a single allocation: returns
 * a 64-word array whose first eight words are the digest state, or undefined when the string is
 * longer or not ASCII.
 *
 * @example
 * ```ts
 * sha256ShortAscii('abc')?.[0]; // 0xba7816bf | 0
 * ```
 */
export function sha256ShortAscii(text: string): Int32Array | undefined {
  const len = text.length;
  if (len > 55) return undefined;
  const w = new Int32Array(64);
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    w[i >> 2] = (w[i >> 2] as number) | (c << (24 - ((i & 3) << 3)));
  }
  w[len >> 2] = (w[len >> 2] as number) | (0x80 << (24 - ((len & 3) << 3)));
  w[15] = len * 8;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] as number;
    const b = w[i - 2] as number;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
  }
  let a = 0x6a09e667 | 0;
  let b = 0xbb67ae85 | 0;
  let c = 0x3c6ef372 | 0;
  let d = 0xa54ff53a | 0;
  let e = 0x510e527f | 0;
  let f = 0x9b05688c | 0;
  let g = 0x1f83d9ab | 0;
  let h = 0x5be0cd19 | 0;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  w[0] = (0x6a09e667 + a) | 0;
  w[1] = (0xbb67ae85 + b) | 0;
  w[2] = (0x3c6ef372 + c) | 0;
  w[3] = (0xa54ff53a + d) | 0;
  w[4] = (0x510e527f + e) | 0;
  w[5] = (0x9b05688c + f) | 0;
  w[6] = (0x1f83d9ab + g) | 0;
  w[7] = (0x5be0cd19 + h) | 0;
  return w;
}

/** Pads the message words `m` (holding `len` bytes) and runs the compression function. */
function compress(m: Int32Array, len: number): Int32Array {
  const blocks = m.length >>> 4;
  m[len >> 2] = (m[len >> 2] as number) | (0x80 << (24 - ((len & 3) << 3)));
  const bitLen = len * 8;
  m[blocks * 16 - 2] = Math.floor(bitLen / 0x100000000);
  m[blocks * 16 - 1] = bitLen | 0;
  const h = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Int32Array(64);
  for (let off = 0; off < m.length; off += 16) {
    for (let i = 0; i < 16; i++) w[i] = m[off + i] as number;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15] as number;
      const b = w[i - 2] as number;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
  return h;
}

/**
 * SHA-256 digest (32 bytes) of a byte array.
 *
 * @example
 * ```ts
 * sha256Bytes(utf8Bytes('abc')).length; // 32
 * ```
 */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  const h = sha256Words(data);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = h[i] as number;
    out[i * 4] = v >>> 24;
    out[i * 4 + 1] = (v >>> 16) & 255;
    out[i * 4 + 2] = (v >>> 8) & 255;
    out[i * 4 + 3] = v & 255;
  }
  return out;
}

/**
 * Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
 *
 * @example
 * ```ts
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function sha256Hex(text: string): string {
  const digest = sha256Bytes(utf8Bytes(text));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
