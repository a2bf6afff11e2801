import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { formatResolvConf } from './format-resolv-conf.ts';
import { parseResolvConf, safeParseResolvConf } from './parse-resolv-conf.ts';

const token = fc.stringMatching(/^[a-z0-9][a-z0-9.:-]{0,20}[a-z0-9]$/);

describe('resolv.conf properties', () => {
  test.prop(
    [
      fc.record({
        nameservers: fc.array(token, { maxLength: 4 }),
        searches: fc.array(token, { maxLength: 6 }),
        options: fc.array(token, { maxLength: 4 }),
      }),
    ],
    { numRuns: 200 },
  )('parseResolvConf(formatResolvConf(c)) === c', (conf) => {
    expect(parseResolvConf(formatResolvConf(conf))).toEqual(conf);
  });

  test.prop([fc.string({ maxLength: 200 })], { numRuns: 300 })('safeParseResolvConf never throws', (text) => {
    expect(() => safeParseResolvConf(text)).not.toThrow();
  });

  // Text built from resolv.conf's own pieces, dots and white space included (the fuzzer's
  // `search a.local..` finding): whatever parses must survive format → parse unchanged.
  const piece = fc.constantFrom(
    'nameserver',
    'search',
    'options',
    'domain',
    '#',
    '.',
    '..',
    'a',
    'b.c',
    'ndots:5',
    '10.0.0.1',
    ' ',
    '\t',
    '\r',
    '\u00a0',
  );
  const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(' ').replace(/ (?=[.])/g, ''));
  test.prop([fc.array(line, { maxLength: 6 })], { numRuns: 300 })(
    'format(parse(text)) parses back to the same value for every text that parses',
    (lines) => {
      const r = safeParseResolvConf(lines.join('\n'));
      if (!r.ok) return;
      expect(parseResolvConf(formatResolvConf(r.value))).toEqual(r.value);
    },
  );
});
