import { fc, test } from '@fast-check/vitest';
import { addrFromReverseName, formatAddr, parseAddr, reverseName } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { parseIpText } from './ip-text.ts';

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
    const back = addrFromReverseName(reverseName(ip.addr));
    expect(back === null ? null : formatAddr(back)).toBe(ip.text);
  });

  test.prop([fc.string({ maxLength: 50 })], { numRuns: 300 })('never throws on junk', (s) => {
    expect(() => parseIpText(s)).not.toThrow();
  });

  test.prop([fc.oneof(v4, v6)], { numRuns: 300 })(
    'same canonical text as formatAddr(parseAddr(x))',
    (text) => {
      expect(parseIpText(text)!.text).toBe(formatAddr(parseAddr(text)));
    },
  );

  it('refuses zones and non-strings like Go net.ParseIP', () => {
    expect(parseIpText('fe80::1%eth0')).toBeNull();
    expect(parseIpText('010.0.0.1')).toBeNull();
    expect(parseIpText(undefined as unknown as string)).toBeNull();
    // miekg/dns prints an IPv4-mapped AAAA as ::ffff:a.b.c.d.
    expect(parseIpText('::ffff:10.0.0.1')?.text).toBe('::ffff:10.0.0.1');
  });
});
