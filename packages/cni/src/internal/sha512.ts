/**
 * SHA-512 (FIPS 180-4) over the UTF-8 bytes of a string, as lower-case hex. Used only for the
 * iptables chain names the plugins derive (`CNI-<hash>`, `CNI-DN-<hash>`); no Node crypto in a
 * library package. Candidate to move into a shared helper. 64-bit words are kept as two int32
 * halves (high, low) in Int32Arrays: no bigint, ~50× faster than a bigint version.
 *
 * @internal
 */

const K_HEX: readonly string[] = [
  '428a2f98d728ae22',
  '7137449123ef65cd',
  'b5c0fbcfec4d3b2f',
  'e9b5dba58189dbbc',
  '3956c25bf348b538',
  '59f111f1b605d019',
  '923f82a4af194f9b',
  'ab1c5ed5da6d8118',
  'd807aa98a3030242',
  '12835b0145706fbe',
  '243185be4ee4b28c',
  '550c7dc3d5ffb4e2',
  '72be5d74f27b896f',
  '80deb1fe3b1696b1',
  '9bdc06a725c71235',
  'c19bf174cf692694',
  'e49b69c19ef14ad2',
  'efbe4786384f25e3',
  '0fc19dc68b8cd5b5',
  '240ca1cc77ac9c65',
  '2de92c6f592b0275',
  '4a7484aa6ea6e483',
  '5cb0a9dcbd41fbd4',
  '76f988da831153b5',
  '983e5152ee66dfab',
  'a831c66d2db43210',
  'b00327c898fb213f',
  'bf597fc7beef0ee4',
  'c6e00bf33da88fc2',
  'd5a79147930aa725',
  '06ca6351e003826f',
  '142929670a0e6e70',
  '27b70a8546d22ffc',
  '2e1b21385c26c926',
  '4d2c6dfc5ac42aed',
  '53380d139d95b3df',
  '650a73548baf63de',
  '766a0abb3c77b2a8',
  '81c2c92e47edaee6',
  '92722c851482353b',
  'a2bfe8a14cf10364',
  'a81a664bbc423001',
  'c24b8b70d0f89791',
  'c76c51a30654be30',
  'd192e819d6ef5218',
  'd69906245565a910',
  'f40e35855771202a',
  '106aa07032bbd1b8',
  '19a4c116b8d2d0c8',
  '1e376c085141ab53',
  '2748774cdf8eeb99',
  '34b0bcb5e19b48a8',
  '391c0cb3c5c95a63',
  '4ed8aa4ae3418acb',
  '5b9cca4f7763e373',
  '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc',
  '78a5636f43172f60',
  '84c87814a1f0ab72',
  '8cc702081a6439ec',
  '90befffa23631e28',
  'a4506cebde82bde9',
  'bef9a3f7b2c67915',
  'c67178f2e372532b',
  'ca273eceea26619c',
  'd186b8c721c0c207',
  'eada7dd6cde0eb1e',
  'f57d4f7fee6ed178',
  '06f067aa72176fba',
  '0a637dc5a2c898a6',
  '113f9804bef90dae',
  '1b710b35131c471b',
  '28db77f523047d84',
  '32caab7b40c72493',
  '3c9ebe0a15c9bebc',
  '431d67c49c100d4c',
  '4cc5d4becb3e42b6',
  '597f299cfc657e2a',
  '5fcb6fab3ad6faec',
  '6c44198c4a475817',
];

const H0_HEX: readonly string[] = [
  '6a09e667f3bcc908',
  'bb67ae8584caa73b',
  '3c6ef372fe94f82b',
  'a54ff53a5f1d36f1',
  '510e527fade682d1',
  '9b05688c2b3e6c1f',
  '1f83d9abfb41bd6b',
  '5be0cd19137e2179',
];

/** Hex words → [hi0, lo0, hi1, lo1, …] as int32. Read-only tables. */
function halves(hex: readonly string[]): Int32Array {
  const out = new Int32Array(hex.length * 2);
  hex.forEach((h, i) => {
    out[2 * i] = Number.parseInt(h.slice(0, 8), 16) | 0;
    out[2 * i + 1] = Number.parseInt(h.slice(8), 16) | 0;
  });
  return out;
}

const K: Int32Array = halves(K_HEX);
const H0: Int32Array = halves(H0_HEX);
const TWO_32 = 4294967296;

/**
 * The UTF-8 bytes of a string (lone surrogates as their own 3-byte sequence, as the string
 * iterator yields them), already padded to whole 128-byte blocks with the bit length at the end.
 */
function paddedUtf8(text: string): Uint8Array {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  const total = Math.ceil((n + 17) / 128) * 128;
  const out = new Uint8Array(total);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 63);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 63);
      out[o++] = 0x80 | (cp & 63);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 63);
      out[o++] = 0x80 | ((cp >> 6) & 63);
      out[o++] = 0x80 | (cp & 63);
    }
  }
  out[o] = 0x80;
  // the message length in bits, big-endian in the last 16 bytes (strings stay far below 2^53 bits)
  const bits = n * 8;
  const hi = Math.floor(bits / TWO_32);
  const lo = bits >>> 0;
  out[total - 8] = hi >>> 24;
  out[total - 7] = (hi >>> 16) & 255;
  out[total - 6] = (hi >>> 8) & 255;
  out[total - 5] = hi & 255;
  out[total - 4] = lo >>> 24;
  out[total - 3] = (lo >>> 16) & 255;
  out[total - 2] = (lo >>> 8) & 255;
  out[total - 1] = lo & 255;
  return out;
}

/** One 128-byte block into the state `h` (8 words as 16 int32 halves); `w` is scratch. */
function compress(h: Int32Array, w: Int32Array, bytes: Uint8Array, off: number): void {
  for (let t = 0; t < 32; t++) {
    const i = off + t * 4;
    w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  for (let t = 32; t < 160; t += 2) {
    // σ0(w[t-15]) = rotr1 ^ rotr8 ^ shr7
    let xh = w[t - 30]!;
    let xl = w[t - 29]!;
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    // σ1(w[t-2]) = rotr19 ^ rotr61 ^ shr6
    xh = w[t - 4]!;
    xl = w[t - 3]!;
    const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
    const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
    const lo = (s0l >>> 0) + (s1l >>> 0) + (w[t - 31]! >>> 0) + (w[t - 13]! >>> 0);
    w[t] = (s0h + s1h + w[t - 32]! + w[t - 14]! + Math.floor(lo / TWO_32)) | 0;
    w[t + 1] = lo | 0;
  }
  let ah = h[0]!;
  let al = h[1]!;
  let bh = h[2]!;
  let bl = h[3]!;
  let ch = h[4]!;
  let cl = h[5]!;
  let dh = h[6]!;
  let dl = h[7]!;
  let eh = h[8]!;
  let el = h[9]!;
  let fh = h[10]!;
  let fl = h[11]!;
  let gh = h[12]!;
  let gl = h[13]!;
  let hh = h[14]!;
  let hl = h[15]!;
  for (let t = 0; t < 160; t += 2) {
    // Σ1(e) = rotr14 ^ rotr18 ^ rotr41
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    const t1lo = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K[t + 1]! >>> 0) + (w[t + 1]! >>> 0);
    const t1h = (hh + S1h + chh + K[t]! + w[t]! + Math.floor(t1lo / TWO_32)) | 0;
    const t1l = t1lo | 0;
    // Σ0(a) = rotr28 ^ rotr34 ^ rotr39
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
    const t2lo = (S0l >>> 0) + (majl >>> 0);
    const t2h = (S0h + majh + Math.floor(t2lo / TWO_32)) | 0;
    const t2l = t2lo | 0;
    hh = gh;
    hl = gl;
    gh = fh;
    gl = fl;
    fh = eh;
    fl = el;
    const elo = (dl >>> 0) + (t1l >>> 0);
    eh = (dh + t1h + Math.floor(elo / TWO_32)) | 0;
    el = elo | 0;
    dh = ch;
    dl = cl;
    ch = bh;
    cl = bl;
    bh = ah;
    bl = al;
    const alo = (t1l >>> 0) + (t2l >>> 0);
    ah = (t1h + t2h + Math.floor(alo / TWO_32)) | 0;
    al = alo | 0;
  }
  const add = (i: number, xh: number, xl: number): void => {
    const lo = (h[i + 1]! >>> 0) + (xl >>> 0);
    h[i] = (h[i]! + xh + Math.floor(lo / TWO_32)) | 0;
    h[i + 1] = lo | 0;
  };
  add(0, ah, al);
  add(2, bh, bl);
  add(4, ch, cl);
  add(6, dh, dl);
  add(8, eh, el);
  add(10, fh, fl);
  add(12, gh, gl);
  add(14, hh, hl);
}

/**
 * Hex SHA-512 of a string's UTF-8 bytes.
 *
 * @example
 * ```ts
 * sha512Hex('abc').slice(0, 16); // 'ddaf35a193617aba'
 * ```
 */
export function sha512Hex(text: string): string {
  const bytes = paddedUtf8(text);
  const h = Int32Array.from(H0);
  const w = new Int32Array(160);
  for (let off = 0; off < bytes.length; off += 128) compress(h, w, bytes, off);
  let out = '';
  for (let i = 0; i < 16; i++) out += (h[i]! >>> 0).toString(16).padStart(8, '0');
  return out;
}
