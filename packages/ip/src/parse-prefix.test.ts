import { describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { parsePrefix, safeParsePrefix } from './parse-prefix.ts';

describe('parsePrefix', () => {
  it('parses IPv4 and IPv6 prefixes', () => {
    const p = parsePrefix('10.0.0.0/8');
    expect(p.bits).toBe(8);
    expect(p.addr.w3).toBe(0x0a000000);
    expect(formatPrefix(parsePrefix('2001:DB8::/32'))).toBe('2001:db8::/32');
    expect(formatPrefix(parsePrefix('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(formatPrefix(parsePrefix('::/0'))).toBe('::/0');
    expect(formatPrefix(parsePrefix('1.2.3.4/32'))).toBe('1.2.3.4/32');
    expect(formatPrefix(parsePrefix('::ffff:10.0.0.0/104'))).toBe('::ffff:10.0.0.0/104');
  });

  it('rejects host bits unless strict is false', () => {
    expect(() => parsePrefix('10.0.0.1/8')).toThrowError(expect.objectContaining({ code: 'HOST_BITS_SET' }));
    expect(() => parsePrefix('2001:db8::1/32')).toThrowError(
      expect.objectContaining({ code: 'HOST_BITS_SET' }),
    );
    expect(formatPrefix(parsePrefix('10.0.0.1/8', { strict: false }))).toBe('10.0.0.0/8');
    expect(formatPrefix(parsePrefix('2001:db8::1/32', { strict: false }))).toBe('2001:db8::/32');
    expect(() => parsePrefix('10.0.0.1/8', { strict: true })).toThrowError(/10\.0\.0\.1\/8/);
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/08',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '10.0.0.0/8/8',
    '10.0.0.0/ 8',
    '10.0.0.0/8 ',
    '10.0.0.0/1000',
    '::/129',
    'fe80::%eth0/64',
    '/8',
    '127.1/8',
    '010.0.0.0/8',
    '',
  ])('rejects %j with INVALID_PREFIX', (text) => {
    expect(() => parsePrefix(text)).toThrowError(expect.objectContaining({ code: 'INVALID_PREFIX' }));
    const r = safeParsePrefix(text, { strict: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(JSON.stringify(text));
  });

  it('never throws a bare TypeError on non-strings', () => {
    for (const bad of [null, undefined, 42, [], {}]) {
      const r = safeParsePrefix(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_PREFIX');
    }
  });
});
