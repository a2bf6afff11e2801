import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSnippets, runSnippet } from './guide-snippets.ts';

const dir = new URL('../../docs/guides/', import.meta.url);
const update = process.env.UPDATE_GUIDES === '1';

for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
  describe(`docs/guides/${file}`, () => {
    const path = new URL(file, dir);
    const markdown = readFileSync(path, 'utf8');
    const snippets = findSnippets(markdown);

    it('has runnable snippets', () => {
      expect(snippets.length).toBeGreaterThan(0);
    });

    if (update) {
      it('rewrites its output blocks', () => {
        let text = markdown;
        for (const s of [...snippets].reverse()) {
          const output = runSnippet(s.code);
          text =
            s.expected === null
              ? `${text.slice(0, s.outputStart)}\n\`\`\`text\n${output}\`\`\`\n${text.slice(s.outputStart)}`
              : text.slice(0, s.outputStart) + output + text.slice(s.outputEnd);
        }
        writeFileSync(path, text);
      });
      return;
    }

    for (const s of snippets) {
      it(`snippet at line ${s.line} prints its documented output`, () => {
        expect(s.expected, 'each snippet is followed by a ```text output block').not.toBeNull();
        expect(runSnippet(s.code)).toBe(s.expected);
      });
    }
  });
}
