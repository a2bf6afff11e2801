// The bad-input corpus: one JSON file per case under packages/<folder>/test/corpus/, read by corpus.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What a corpus case must do. */
export type CorpusExpect =
  /** throw the package's own error (parse*) or return `{ ok: false }` with it (safeParse*) */
  | 'coded-error'
  /** return a value or throw the package's own coded error — never a TypeError/RangeError */
  | 'value-or-coded-error'
  /** parse without error, and no `\r` anywhere in the parsed value */
  | 'no-cr'
  /** parse → `format` (another export, named by the case) → parse gives the same value */
  | 'round-trip';

/** One corpus case as stored on disk. */
export interface CorpusCase {
  readonly file: string;
  readonly folder: string;
  /** the function called, an export of the package */
  readonly function: string;
  /** the first argument (JSON); see inputKind for values JSON cannot hold */
  readonly input?: unknown;
  /**
   * `json` (default): input as is; `undefined`; `null-prototype`: Object.create(null) with input's keys;
   * `repeat`: input is `[text, times][]`, concatenated (for huge inputs kept small on disk)
   */
  readonly inputKind?: 'json' | 'undefined' | 'null-prototype' | 'repeat';
  /** further arguments (JSON) */
  readonly args?: readonly unknown[];
  /** for `round-trip`: the export that formats the parsed value back to text */
  readonly format?: string;
  readonly expect: CorpusExpect;
  /** `open`: a known bug, tested with it.fails until the package is fixed; `ok`: a regression guard */
  readonly status: 'open' | 'ok';
  /** what happened when the case was found */
  readonly finding?: string;
}

const ROOT = fileURLToPath(new URL('../../packages/', import.meta.url));

/** Every corpus case of every package, sorted by folder and file. */
export function loadCorpus(): CorpusCase[] {
  const out: CorpusCase[] = [];
  for (const folder of readdirSync(ROOT).sort()) {
    let files: string[];
    try {
      files = readdirSync(`${ROOT}${folder}/test/corpus`);
    } catch {
      continue;
    }
    for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(readFileSync(`${ROOT}${folder}/test/corpus/${file}`, 'utf8')) as Omit<
        CorpusCase,
        'file' | 'folder'
      >;
      out.push({ ...data, file, folder });
    }
  }
  return out;
}

/** The first argument a case describes. */
export function corpusInput(c: CorpusCase): unknown {
  if (c.inputKind === 'undefined') return undefined;
  if (c.inputKind === 'null-prototype') return Object.assign(Object.create(null), c.input);
  if (c.inputKind === 'repeat') {
    return (c.input as readonly (readonly [string, number])[])
      .map(([text, times]) => text.repeat(times))
      .join('');
  }
  return c.input;
}
