import { describe, expect, it } from 'vitest';
import { findSnippets, runSnippet } from './guide-snippets.ts';

describe('guide snippets', () => {
  it('finds a snippet and its output block', () => {
    const md = "text\n\n```ts snippet\nconsole.log('hi');\n```\n\n```text\nhi\n```\n";
    const [s] = findSnippets(md);
    expect(s?.code).toBe("console.log('hi');\n");
    expect(s?.expected).toBe('hi\n');
    expect(md.slice(s?.outputStart, s?.outputEnd)).toBe('hi\n');
  });

  it('binds podnet imports, including renamed ones', () => {
    const out = runSnippet(
      "import { parsePrefix, formatPrefix as fp } from '@podnet/ip';\nconsole.log(fp(parsePrefix('10.0.0.0/8')));\n",
    );
    expect(out).toBe('10.0.0.0/8\n');
  });

  it('refuses an unknown module', () => {
    expect(() => runSnippet("import { x } from '@podnet/nope';\n")).toThrow(/unknown module/);
  });
});
