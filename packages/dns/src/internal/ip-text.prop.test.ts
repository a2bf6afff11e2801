import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ipFromReverseName, parseIpText, reverseName } from './ip-text.ts';

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
const v6 = fc
  .array(fc.nat(0xffff), { minLength: 8, maxLength: 8 })
  .map((g) => g.map((x) => x.toString(16)).join(':'));

describe('ip-text properties', () => {
  test.prop([fc.oneof(v4, v6)], { numRuns: 300 })('canonical text is a fixed point', (text) => {
    const ip = parseIpText(text);
    expect(ip).not.toBeNull();
    expect(parseIpText(ip!.text)?.text).toBe(ip!.text);
  });

  test.prop([fc.oneof(v4, v6)], { numRuns: 300 })('reverse names round-trip', (text) => {
    const ip = parseIpText(text)!;
    expect(ipFromReverseName(reverseName(ip))).toBe(ip.text);
  });

  test.prop([fc.string({ maxLength: 50 })], { numRuns: 300 })('never throws on junk', (s) => {
    expect(() => parseIpText(s)).not.toThrow();
  });
});

describe('ip-text agrees with @podnet/ip', () => {
  test.prop([fc.oneof(v4, v6)], { numRuns: 300 })(
    'same canonical text as formatAddr(parseAddr(x))',
    async (text) => {
      const { formatAddr, parseAddr } = await import('@podnet/ip');
      const mine = parseIpText(text)!;
      // IPv4-mapped addresses print differently on purpose (@podnet/ip uses the RFC 5952 §5 mixed form).
      fc.pre(!(mine.family === 6 && mine.text.startsWith('::ffff:')));
      expect(mine.text).toBe(formatAddr(parseAddr(text)));
    },
  );
});
