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
  // The reason after `invalid prefix "<text>": ` for each bad input.
  it.each([
    ['', 'missing "/"'],
    ['10.0.0.0', 'missing "/"'],
    ['10.0.0.0/', 'missing prefix length'],
    ['10.0.0.0/08', 'prefix length "08" has a leading zero'],
    ['::/00', 'prefix length "00" has a leading zero'],
    ['10.0.0.0/33', 'prefix length 33 is larger than 32'],
    ['10.0.0.0/99', 'prefix length 99 is larger than 32'],
    ['::/129', 'prefix length 129 is larger than 128'],
    ['::ffff:1.2.3.4/129', 'prefix length 129 is larger than 128'],
    ['10.0.0.0/-1', 'invalid prefix length "-1"'],
    ['10.0.0.0/+8', 'invalid prefix length "+8"'],
    ['10.0.0.0/ 8', 'invalid prefix length " 8"'],
    ['10.0.0.0/8 ', 'invalid prefix length "8 "'],
    ['1.2.3.4/8x', 'invalid prefix length "8x"'],
    ['::/x', 'invalid prefix length "x"'],
    ['::/1x8', 'invalid prefix length "1x8"'],
    ['10.0.0.0/1000', 'invalid prefix length "1000"'],
    ['a/12345', 'invalid prefix length "12345"'],
    ['10.0.0.0/8/8', 'unexpected character "/" at position 8'],
    ['fe80::%eth0/64', 'prefixes cannot have a zone'],
    ['/8', 'empty string'],
    ['127.1/8', 'expected 4 fields, got 2'],
    ['10/8', 'expected 4 fields, got 1'],
    ['010.0.0.0/8', 'field "010" has a leading zero'],
    ['1::2::3/64', 'more than one "::"'],
  ])('reports %j as INVALID_PREFIX: %s', (text, reason) => {
    const message = `invalid prefix ${JSON.stringify(text)}: ${reason}`;
    expect(() => parsePrefix(text)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX', message, path: [] }),
    );
    const r = safeParsePrefix(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_PREFIX', message, path: [] });
  });

  it.each(['10.0.0.1/8', '2001:db8::1/32', '::ffff:10.0.0.1/104', '0.0.0.1/0', '::1/0'])(
    'reports host bits in %j with HOST_BITS_SET and the fix',
    (text) => {
      const message = `invalid prefix ${JSON.stringify(text)}: host bits are set (use { strict: false } to mask them)`;
      expect(() => parsePrefix(text)).toThrowError(
        expect.objectContaining({ code: 'HOST_BITS_SET', message, path: [] }),
      );
      const r = safeParsePrefix(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'HOST_BITS_SET', message });
    },
  );

  it('masks host bits at every boundary when strict is false', () => {
    expect(formatPrefix(parsePrefix('0.0.0.1/0', { strict: false }))).toBe('0.0.0.0/0');
    expect(formatPrefix(parsePrefix('255.255.255.255/31', { strict: false }))).toBe('255.255.255.254/31');
    expect(formatPrefix(parsePrefix('255.255.255.255/32', { strict: false }))).toBe('255.255.255.255/32');
    expect(formatPrefix(parsePrefix('::1/0', { strict: false }))).toBe('::/0');
    expect(formatPrefix(parsePrefix('ffff::ffff/17', { strict: false }))).toBe('ffff::/17');
  });

  it('is strict unless options is an object with strict: false', () => {
    const host = '10.0.0.1/8';
    for (const options of [undefined, null, {}, { strict: true }, { strict: undefined }, 'x', 0, false]) {
      const r = safeParsePrefix(host, options as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('HOST_BITS_SET');
      expect(() => parsePrefix(host, options as never)).toThrowError(
        expect.objectContaining({ code: 'HOST_BITS_SET' }),
      );
    }
    const r = safeParsePrefix(host, { strict: false });
    expect(r.ok && formatPrefix(r.value)).toBe('10.0.0.0/8');
  });

  it.each([
    [null, 'null', 'object'],
    [undefined, 'undefined', 'undefined'],
    [42, '42', 'number'],
    [[], 'an array', 'object'],
    [{}, 'an object', 'object'],
  ])('names a non-string input (%s) and its type', (bad, shown, type) => {
    const r = safeParsePrefix(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({
        code: 'INVALID_PREFIX',
        message: `invalid prefix ${shown}: expected a string, got ${type}`,
      });
    }
    expect(() => parsePrefix(bad as unknown as string)).toThrowError(
      expect.objectContaining({ message: `invalid prefix ${shown}: expected a string, got ${type}` }),
    );
  });
});
