// Runs the code snippets of the guides in docs/guides/*.md and compares what they print with the output block
// that follows each one, so the guides cannot drift from the code. A snippet is a ```ts block whose info string
// is `ts snippet`; the ```text block right after it is its expected output. Snippets import from @podnet/*
// packages and print with console.log. With UPDATE_GUIDES=1 the output blocks are rewritten instead.
import * as cluster from '@podnet/cluster';
import * as cni from '@podnet/cni';
import * as dns from '@podnet/dns';
import * as ip from '@podnet/ip';
import * as proxy from '@podnet/proxy';
import * as routes from '@podnet/routes';

const MODULES: Readonly<Record<string, unknown>> = {
  '@podnet/cluster': cluster,
  '@podnet/cni': cni,
  '@podnet/dns': dns,
  '@podnet/ip': ip,
  '@podnet/proxy': proxy,
  '@podnet/routes': routes,
};

/** One snippet of a guide: its code, the expected output, and where the output block sits in the file. */
export interface Snippet {
  readonly code: string;
  readonly expected: string | null;
  /** Character offsets of the expected output block's body in the markdown (for rewriting). */
  readonly outputStart: number;
  readonly outputEnd: number;
  readonly line: number;
}

const BLOCK = /```ts snippet\n([\s\S]*?)```\n(?:\n?```text\n([\s\S]*?)```\n)?/g;

/** Finds every snippet of a guide. */
export function findSnippets(markdown: string): Snippet[] {
  const out: Snippet[] = [];
  for (const match of markdown.matchAll(BLOCK)) {
    const code = match[1] ?? '';
    const expected = match[2] ?? null;
    const start = match.index ?? 0;
    const outputStart =
      expected === null
        ? start + match[0].length
        : start + match[0].lastIndexOf('```text\n') + '```text\n'.length;
    out.push({
      code,
      expected,
      outputStart,
      outputEnd: outputStart + (expected?.length ?? 0),
      line: markdown.slice(0, start).split('\n').length,
    });
  }
  return out;
}

/** Runs a snippet: its `import { a, b as c } from '@podnet/x'` lines bind from the real packages. */
export function runSnippet(code: string): string {
  const lines: string[] = [];
  const body = code.replace(
    /^import\s*\{([^}]*)\}\s*from\s*'(@podnet\/[a-z]+)';?$/gm,
    (_all, names: string, from: string) => {
      if (!(from in MODULES)) throw new Error(`snippet imports unknown module ${from}`);
      const bindings = names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .map((n) => n.replace(/^type\s+/, '').replace(/\s+as\s+/, ': '));
      return `const { ${bindings.join(', ')} } = __modules[${JSON.stringify(from)}];`;
    },
  );
  const log = (...args: unknown[]): void => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, null, 2))).join(' '));
  };
  const fn = new Function('__modules', 'console', `'use strict';\n${body}`);
  fn(MODULES, { log });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
