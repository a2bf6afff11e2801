// The native C reference for longest-prefix match: the bench writes src/native/dir24-8.c into a temp dir,
// compiles it with the machine's gcc, and runs it on the same routes and keys as the JavaScript rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOURCE = new URL('../native/dir24-8.c', import.meta.url);
let compiled;

/** Compiles the reference once per process; returns `{ bin, dir, flags }` or `{ missing }`. */
export function compileNative() {
  if (compiled) return compiled;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'podnet-bench-'));
  const src = path.join(dir, 'dir24-8.c');
  writeFileSync(src, readFileSync(SOURCE));
  const bin = path.join(dir, 'dir24-8');
  for (const flags of [['-O3', '-march=native'], ['-O2']]) {
    const r = spawnSync('gcc', [...flags, '-o', bin, src], { encoding: 'utf8' });
    if (r.error) {
      compiled = { missing: `native reference skipped: gcc not found (${r.error.code})` };
      return compiled;
    }
    if (r.status === 0) {
      compiled = { bin, dir, flags: flags.join(' ') };
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
      return compiled;
    }
  }
  compiled = { missing: 'native reference skipped: gcc failed to compile src/native/dir24-8.c' };
  return compiled;
}

/**
 * Runs the reference on `pairs` (uint32 address, length per route) and `keys`.
 * @returns {{ nsPerLookup: number, buildNs: number, out: Int32Array, flags: string } | { missing: string }}
 */
export function runNative(pairs, keys, tag) {
  const c = compileNative();
  if (c.missing) return c;
  const rf = path.join(c.dir, `routes-${tag}.bin`);
  const kf = path.join(c.dir, `keys-${tag}.bin`);
  const of = path.join(c.dir, `out-${tag}.bin`);
  writeFileSync(rf, new Uint8Array(pairs.buffer, pairs.byteOffset, pairs.byteLength));
  writeFileSync(kf, new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength));
  const r = spawnSync(c.bin, [rf, kf, of], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0)
    return {
      missing: `native reference failed: ${(r.stderr || r.error?.message || '').trim().slice(0, 100)}`,
    };
  const info = JSON.parse(r.stdout.trim());
  const buf = readFileSync(of);
  const out = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  rmSync(of, { force: true });
  rmSync(kf, { force: true });
  return { ...info, out, flags: c.flags };
}
