// ReDoS: every regular expression literal in packages/*/src/**/*.ts (tests excluded) checked with recheck.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(entry.name) && !/\.(test|prop\.test|test-d|bench)\.ts$/.test(entry.name))
      out.push(path);
  }
  return out;
}

/** A regex literal found in source: where, its pattern and flags. */
export interface RegexLiteral {
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly flags: string;
}

/**
 * Finds regular expression literals with a small scanner that skips strings, template literals and comments
 * and decides `/` as regex vs division from the previous significant token.
 */
export function regexLiterals(file: string, text: string): RegexLiteral[] {
  const out: RegexLiteral[] = [];
  // a shebang line is not code
  let i = text.startsWith('#!') ? text.indexOf('\n') : 0;
  if (i < 0) i = text.length;
  let line = 1;
  let prev = ''; // last significant character or word
  const regexAfter =
    /^(?:[(,=:[!&|?{};+\-*%<>~^]|return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await|=>)$/;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let k = i + 1;
      let depth = 0;
      while (k < text.length) {
        const d = text[k]!;
        if (d === '\\') {
          k += 2;
          continue;
        }
        if (d === '\n') line++;
        if (c === '`' && d === '$' && text[k + 1] === '{') depth++;
        if (c === '`' && d === '}' && depth > 0) depth--;
        if (d === c && depth === 0) break;
        k++;
      }
      i = k + 1;
      prev = 'str';
      continue;
    }
    if (c === '/' && (prev === '' || regexAfter.test(prev))) {
      let k = i + 1;
      let inClass = false;
      while (k < text.length && text[k] !== '\n') {
        const d = text[k]!;
        if (d === '\\') {
          k += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        k++;
      }
      const source = text.slice(i + 1, k);
      let f = k + 1;
      while (f < text.length && /[a-z]/.test(text[f]!)) f++;
      out.push({ file, line, source, flags: text.slice(k + 1, f) });
      i = f;
      prev = 'regex';
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 64));
    if (word !== null) {
      prev = word[0];
      i += word[0].length;
      continue;
    }
    prev = c;
    i++;
  }
  return out;
}

const literals = readdirSync(PACKAGES)
  .sort()
  .flatMap((pkg) => {
    try {
      return sourceFiles(join(PACKAGES, pkg, 'src'));
    } catch {
      return [];
    }
  })
  .sort()
  .flatMap((file) => regexLiterals(file.slice(PACKAGES.length), readFileSync(file, 'utf8')));

/**
 * Open findings: literals recheck calls vulnerable (all 2nd-degree polynomial, attack strings of ~55,000
 * characters; see docs/quality.md for whether a public function reaches them). Run with it.fails until fixed.
 */
const OPEN_FINDINGS = new Set<string>([]);

describe('ReDoS (recheck)', () => {
  it('the scanner finds the regex literals of the packages', () => {
    expect(literals.length).toBeGreaterThan(10);
    expect(regexLiterals('x.ts', "const a = b / c; const r = /a[/]b/g; const s = '/not/';")).toEqual([
      { file: 'x.ts', line: 1, source: 'a[/]b', flags: 'g' },
    ]);
  });
  // each distinct pattern once, titled with every place it occurs
  const distinct = new Map<string, RegexLiteral[]>();
  for (const lit of literals) {
    const key = `${lit.flags} ${lit.source}`;
    distinct.set(key, [...(distinct.get(key) ?? []), lit]);
  }
  for (const [, places] of distinct) {
    const lit = places[0]!;
    const where = places.map((p) => `${p.file}:${p.line}`).join(', ');
    const open = places.some((p) => OPEN_FINDINGS.has(`${p.file}:${p.source}`));
    (open ? it.fails : it)(
      `/${lit.source}/${lit.flags} (${where})`,
      () => {
        const diagnostics = checkSync(lit.source, lit.flags, { timeout: 5_000 });
        // 'unknown' (the checker gave up) would show here too: it should not happen for our short patterns
        expect(
          diagnostics.status === 'vulnerable'
            ? `${diagnostics.complexity.summary} attack: ${diagnostics.attack.pattern}`
            : diagnostics.status,
        ).not.toMatch(/attack/);
        expect(diagnostics.status).not.toBe('vulnerable');
      },
      30_000,
    );
  }
});
