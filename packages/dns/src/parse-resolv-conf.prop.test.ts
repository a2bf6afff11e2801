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
});
