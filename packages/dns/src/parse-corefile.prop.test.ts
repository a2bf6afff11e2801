import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CorefileDirective } from './corefile.ts';
import { formatCorefile } from './format-corefile.ts';
import { parseCorefile, safeParseCorefile } from './parse-corefile.ts';

const word = fc.stringMatching(/^[a-z_.:/0-9-]{1,10}$/);
const arg = fc.oneof(
  word,
  fc.string({ maxLength: 8 }).filter((s) => !s.includes('\\')),
);
const leaf: fc.Arbitrary<CorefileDirective> = fc.record({
  name: word,
  args: fc.array(arg, { maxLength: 3 }),
});
const directive: fc.Arbitrary<CorefileDirective> = fc.oneof(
  leaf,
  fc.record({ name: word, args: fc.array(arg, { maxLength: 2 }), block: fc.array(leaf, { maxLength: 3 }) }),
);
const corefile = fc.record({
  serverBlocks: fc.array(
    fc.record({
      keys: fc.array(word, { minLength: 1, maxLength: 2 }),
      directives: fc.array(directive, { maxLength: 4 }),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
});

function stripLines(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'line' ? undefined : v)));
}

describe('Corefile properties', () => {
  test.prop([corefile], { numRuns: 200 })('parseCorefile(formatCorefile(c)) === c', (c) => {
    const keysOk = c.serverBlocks.every((b) => b.keys.every((k) => !k.includes(',')));
    fc.pre(keysOk);
    expect(stripLines(parseCorefile(formatCorefile(c)))).toEqual(stripLines(c));
  });

  test.prop([fc.string({ maxLength: 120 })], { numRuns: 300 })('safeParseCorefile never throws', (text) => {
    expect(() => safeParseCorefile(text)).not.toThrow();
  });
});
