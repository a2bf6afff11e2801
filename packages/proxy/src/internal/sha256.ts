/**
 * A small synchronous SHA-256 (FIPS 180-4) and RFC 4648 base32 encoder, the one copy used for every
 * kube-proxy name hash: iptables chain names (`portProtoHash`, 16 base32 characters) and nftables
 * object names (`hashAndTruncate`, 8 characters). The library has no Node globals (`types: []`), so
 * `node:crypto` is unavailable. Names are short ASCII, so the hot path hashes one block straight from
 * the string's char codes into reusable buffers and encodes only the characters asked for.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALPHABET_CODES: readonly number[] = Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** The base32 character code of the low 5 bits of `x`. */
function b32(x: number): number {
  return ALPHABET_CODES[x & 31]!;
}

/** The first 16 base32 characters (80 bits) of a digest starting with words `a`, `b`, `c`, as one string. */
function base32First16(a: number, b: number, c: number): string {
  return String.fromCharCode(
    b32(a >>> 27),
    b32(a >>> 22),
    b32(a >>> 17),
    b32(a >>> 12),
    b32(a >>> 7),
    b32(a >>> 2),
    b32((a << 3) | (b >>> 29)),
    b32(b >>> 24),
    b32(b >>> 19),
    b32(b >>> 14),
    b32(b >>> 9),
    b32(b >>> 4),
    b32((b << 1) | (c >>> 31)),
    b32(c >>> 26),
    b32(c >>> 21),
    b32(c >>> 16),
  );
}

/** The first 8 base32 characters (40 bits) of a digest starting with words `a`, `b`, as one string. */
function base32First8(a: number, b: number): string {
  return String.fromCharCode(
    b32(a >>> 27),
    b32(a >>> 22),
    b32(a >>> 17),
    b32(a >>> 12),
    b32(a >>> 7),
    b32(a >>> 2),
    b32((a << 3) | (b >>> 29)),
    b32(b >>> 24),
  );
}

/**
 * UTF-8 encodes a string (no TextEncoder in the ES2022 lib); lone surrogates are encoded as is.
 *
 * @example
 * ```ts
 * utf8Bytes('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
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

/** Reusable working buffers for the hash functions; create one per generator run. */
export interface Sha256Scratch {
  /** The message schedule. */
  readonly w: Uint32Array;
  /** The state; after a hash, the eight digest words. */
  readonly h: Uint32Array;
}

/**
 * Fresh working buffers for {@link sha256} and {@link sha256Base32Prefix}.
 *
 * @example
 * ```ts
 * sha256('abc', sha256Scratch());
 * ```
 */
export function sha256Scratch(): Sha256Scratch {
  return { w: new Uint32Array(64), h: new Uint32Array(8) };
}

function initState(h: Uint32Array): void {
  h[0] = 0x6a09e667;
  h[1] = 0xbb67ae85;
  h[2] = 0x3c6ef372;
  h[3] = 0xa54ff53a;
  h[4] = 0x510e527f;
  h[5] = 0x9b05688c;
  h[6] = 0x1f83d9ab;
  h[7] = 0x5be0cd19;
}

/** Runs the compression function over the 16 message words in `w[0..15]`, updating `h`. */
function compress(w: Uint32Array, h: Uint32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  let a: number = h[0]!;
  let b: number = h[1]!;
  let c: number = h[2]!;
  let d: number = h[3]!;
  let e: number = h[4]!;
  let f: number = h[5]!;
  let g: number = h[6]!;
  let hh: number = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (hh + S1 + ch + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0]! + a) >>> 0;
  h[1] = (h[1]! + b) >>> 0;
  h[2] = (h[2]! + c) >>> 0;
  h[3] = (h[3]! + d) >>> 0;
  h[4] = (h[4]! + e) >>> 0;
  h[5] = (h[5]! + f) >>> 0;
  h[6] = (h[6]! + g) >>> 0;
  h[7] = (h[7]! + hh) >>> 0;
}

/**
 * Hashes an ASCII text of at most 55 characters (one block) straight from its char codes into
 * `scratch.h`, without allocating; false (and `scratch` clobbered) when the text does not qualify.
 */
function hashShortAscii(text: string, scratch: Sha256Scratch): boolean {
  return hashShortAscii2(text, '', scratch);
}

/**
 * {@link hashShortAscii} of `a + b` without building the joined string: the message words are
 * packed straight from both strings' char codes, four bytes at a time.
 */
function hashShortAscii2(a: string, b: string, scratch: Sha256Scratch): boolean {
  const la = a.length;
  const len = la + b.length;
  if (len > 55) return false;
  const w = scratch.w;
  let word = 0;
  for (let i = 0; i < len; i++) {
    const c = i < la ? a.charCodeAt(i) : b.charCodeAt(i - la);
    if (c > 0x7f) return false;
    word = (word << 8) | c;
    if ((i & 3) === 3) {
      w[i >> 2] = word;
      word = 0;
    }
  }
  // The 0x80 end marker after the last byte, then zeros up to the length word.
  const rem = len & 3;
  w[len >> 2] = ((word << 8) | 0x80) << ((3 - rem) * 8);
  for (let j = (len >> 2) + 1; j < 15; j++) w[j] = 0;
  w[15] = len * 8;
  initState(scratch.h);
  compress(w, scratch.h);
  return true;
}

/** Hashes any text (UTF-8) into `scratch.h` (the general, multi-block path). */
function hashAny(text: string, scratch: Sha256Scratch): void {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const msg = ascii ? null : utf8Bytes(text);
  const len = msg === null ? text.length : msg.length;
  const total = ((len + 9 + 63) >> 6) << 6;
  const buf = new Uint8Array(total);
  if (msg === null) for (let i = 0; i < len; i++) buf[i] = text.charCodeAt(i);
  else buf.set(msg);
  buf[len] = 0x80;
  const bitLen = len * 8;
  const hi = Math.floor(bitLen / 0x100000000);
  const lo = bitLen >>> 0;
  buf[total - 8] = hi >>> 24;
  buf[total - 7] = (hi >>> 16) & 255;
  buf[total - 6] = (hi >>> 8) & 255;
  buf[total - 5] = hi & 255;
  buf[total - 4] = lo >>> 24;
  buf[total - 3] = (lo >>> 16) & 255;
  buf[total - 2] = (lo >>> 8) & 255;
  buf[total - 1] = lo & 255;
  const h = scratch.h;
  const w = scratch.w;
  initState(h);
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = ((buf[j]! << 24) | (buf[j + 1]! << 16) | (buf[j + 2]! << 8) | buf[j + 3]!) >>> 0;
    }
    compress(w, h);
  }
}

/**
 * SHA-256 digest (32 bytes) of the UTF-8 bytes of `text` (`scratch` avoids two allocations per call).
 *
 * @example
 * ```ts
 * sha256('abc')[0]; // 0xba
 * ```
 */
export function sha256(text: string, scratch?: Sha256Scratch): Uint8Array {
  const s = scratch ?? sha256Scratch();
  if (!hashShortAscii(text, s)) hashAny(text, s);
  const h = s.h;
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = h[i]!;
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
  let hex = '';
  for (const byte of sha256(text)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * RFC 4648 standard base32 with `=` padding (Go's `base32.StdEncoding`).
 *
 * @example
 * ```ts
 * base32(Uint8Array.from([0x66])); // 'MY======'
 * ```
 */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/**
 * `base32(sha256(text))`, the encoding kube-proxy hashes chain and object names with.
 *
 * @example
 * ```ts
 * sha256Base32('ns1/svc1/tcp/p80').slice(0, 8); // 'ULMVA6XW'
 * ```
 */
export function sha256Base32(text: string): string {
  return base32(sha256(text));
}

/**
 * {@link sha256Base32Prefix} of `a + b` (a chain name's prefix and an endpoint, say) without
 * allocating the joined string when it fits one block.
 *
 * @example
 * ```ts
 * sha256Base32PrefixOf2('ns1/svc1:p80tcp', '10.180.0.1:80', 16); // 'SXIVWICOYRO3J4NJ'
 * ```
 */
export function sha256Base32PrefixOf2(a: string, b: string, chars: number, scratch?: Sha256Scratch): string {
  const s = scratch ?? sha256Scratch();
  if (chars > 51 || !hashShortAscii2(a, b, s)) return sha256Base32Prefix(a + b, chars, s);
  const h = s.h;
  if (chars === 16) return base32First16(h[0]!, h[1]!, h[2]!);
  if (chars === 8) return base32First8(h[0]!, h[1]!);
  return sha256Base32Prefix(a + b, chars, s);
}

/**
 * The first `chars` characters of `base32(sha256(text))`, encoded straight from the digest words
 * (no digest bytes, no full encoding): 8 for nftables names, 16 for iptables chain names. Up to 51
 * characters (255 bits); more falls back to the full encoding.
 *
 * @example
 * ```ts
 * sha256Base32Prefix('ns1/svc1/tcp/p80', 8); // 'ULMVA6XW'
 * sha256Base32Prefix('ns1/svc1:p80tcp', 16); // 'XPGD46QRK7WJZT7O'
 * ```
 */
export function sha256Base32Prefix(text: string, chars: number, scratch?: Sha256Scratch): string {
  if (chars > 51) return sha256Base32(text).slice(0, chars);
  const s = scratch ?? sha256Scratch();
  if (!hashShortAscii(text, s)) hashAny(text, s);
  const h = s.h;
  if (chars === 16) return base32First16(h[0]!, h[1]!, h[2]!);
  if (chars === 8) return base32First8(h[0]!, h[1]!);
  // Character codes first, then one string: appending 16 one-character strings would allocate 16
  // intermediate strings per name.
  const codes: number[] = new Array(chars);
  for (let c = 0, bit = 0; c < chars; c++, bit += 5) {
    const i = bit >>> 5;
    const o = bit & 31;
    const v = o <= 27 ? (h[i]! >>> (27 - o)) & 31 : ((h[i]! << (o - 27)) | (h[i + 1]! >>> (59 - o))) & 31;
    codes[c] = ALPHABET_CODES[v]!;
  }
  return String.fromCharCode.apply(null, codes);
}
