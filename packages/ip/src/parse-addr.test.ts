import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { isIpError } from './ip-error.ts';
import { parseAddr, safeParseAddr } from './parse-addr.ts';

describe('parseAddr', () => {
  it('parses IPv4 into w3 as a uint32', () => {
    const a = parseAddr('10.0.0.1');
    expect(a).toMatchObject({ family: 4, w0: 0, w1: 0, w2: 0, w3: 0x0a000001, zone: '' });
    expect(parseAddr('255.255.255.255').w3).toBe(0xffffffff);
    expect(parseAddr('0.0.0.0').w3).toBe(0);
  });

  it('parses IPv6 into four big-endian words', () => {
    const a = parseAddr('2001:db8::1');
    expect(a).toMatchObject({ family: 6, w0: 0x20010db8, w1: 0, w2: 0, w3: 1, zone: '' });
    expect(parseAddr('::')).toMatchObject({ family: 6, w0: 0, w1: 0, w2: 0, w3: 0 });
    expect(parseAddr('::1').w3).toBe(1);
    expect(parseAddr('1::').w0).toBe(0x00010000);
    expect(parseAddr('FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF')).toMatchObject({
      w0: 0xffffffff,
      w1: 0xffffffff,
      w2: 0xffffffff,
      w3: 0xffffffff,
    });
    expect(parseAddr('1:2:3:4:5:6:7:8')).toMatchObject({
      w0: 0x10002,
      w1: 0x30004,
      w2: 0x50006,
      w3: 0x70008,
    });
    expect(parseAddr('1:2:3:4:5:6:7::').w3).toBe(0x70000);
    expect(parseAddr('::2:3:4:5:6:7:8').w0).toBe(0x2);
    expect(parseAddr('2001:0db8:0000::0001').w0).toBe(0x20010db8);
  });

  it('keeps IPv4-mapped and embedded IPv4 as IPv6', () => {
    const m = parseAddr('::ffff:192.0.2.1');
    expect(m).toMatchObject({ family: 6, w0: 0, w1: 0, w2: 0xffff, w3: 0xc0000201 });
    expect(parseAddr('FFFF::255.255.255.255').w3).toBe(0xffffffff); // ipaddr.js#171
    expect(parseAddr('64:ff9b::192.0.2.33').w3).toBe(0xc0000221);
    expect(parseAddr('1:2:3:4:5:6:1.2.3.4').w3).toBe(0x01020304);
  });

  it('keeps zones on IPv6 as written', () => {
    expect(parseAddr('fe80::1%eth0').zone).toBe('eth0');
    expect(parseAddr('fe80::1%ETH0').zone).toBe('ETH0');
    expect(parseAddr('2001:db8::1%1').zone).toBe('1');
    expect(parseAddr('::ffff:1.2.3.4%z').zone).toBe('z');
  });

  // Go net/netip ParseAddr rejects all of these (golang/go src/net/netip/netip_test.go "invalid" table),
  // plus inet_aton forms accepted by ipaddr.js and netmask (reference §1.3).
  // Each case with the reason our message gives (the part after `invalid IP address "<text>": `).
  const invalid: readonly (readonly [string, string])[] = [
    ['', 'empty string'],
    [' 1.2.3.4', 'unexpected character " " at position 0'],
    ['1.2.3.4 ', 'unexpected character " " at position 7'],
    ['010.0.0.1', 'field "010" has a leading zero'],
    ['1.2.3.04', 'field "04" has a leading zero'],
    ['127.1', 'expected 4 fields, got 2'],
    ['1.2.3', 'expected 4 fields, got 3'],
    ['1.2.3.4.5', 'expected 4 fields, got 5'],
    ['0x7f.0.0.1', 'unexpected character "x" at position 1'],
    ['256.0.0.1', 'field "256" is greater than 255'],
    ['1.2.3.256', 'field "256" is greater than 255'],
    ['1..2.3', 'empty field'],
    ['1.2.3.', 'empty field'],
    ['.1.2.3', 'empty field'],
    ['1.2.3.4.', 'empty field'],
    ['1.2.3.4%eth0', 'IPv4 addresses cannot have a zone'],
    ['1.2.3.4%', 'IPv4 addresses cannot have a zone'],
    ['1.2.3.x%eth0', 'unexpected character "x" at position 6'],
    ['1.2.3.-4', 'unexpected character "-" at position 6'],
    ['::ffff:1.2.3.04', 'invalid embedded IPv4 address: field "04" has a leading zero'],
    ['::ffff:1.2.3', 'invalid embedded IPv4 address: expected 4 fields, got 3'],
    ['::ffff:256.1.1.1', 'invalid embedded IPv4 address: field "256" is greater than 255'],
    ['::1.2.3.4.5', 'invalid embedded IPv4 address: expected 4 fields, got 5'],
    ['1:2:3:4:5:6:1.2.3.4x', 'invalid embedded IPv4 address: unexpected character "x" at position 7'],
    ['1:2:3:4:5:6:7:8:9', 'too many groups'],
    ['1:2:3:4:5:6:7', 'expected 8 groups, got 7'],
    ['1:2:3:4:5:6:7:8::', '"::" must stand for at least one zero group'],
    ['::1:2:3:4:5:6:7:8', '"::" must stand for at least one zero group'],
    ['1:2:3:4:5:6:7:8:1.2.3.4', 'embedded IPv4 address does not fit'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'embedded IPv4 address does not fit'],
    ['1:2:3:4:5:1.2.3.4', 'embedded IPv4 address must hold the last 32 bits'],
    ['1.2.3.4::', 'embedded IPv4 address must hold the last 32 bits'],
    ['1::2::3', 'more than one "::"'],
    [':::', 'unexpected ":"'],
    [':1::', 'unexpected ":"'],
    [':', 'unexpected ":"'],
    ['1:', 'trailing ":"'],
    ['::1:', 'trailing ":"'],
    ['12345::', 'a group has more than 4 hex digits'],
    ['g::', 'unexpected character "g"'],
    ['1:2:x::', 'unexpected character "x"'],
    ['fe80::1%', 'zone must be a non-empty string'],
    ['fe80::1%a/64', 'invalid character "/" in zone'],
    ['fe80::1%a b', 'invalid character " " in zone'],
    ['fe80::1%a%b', 'invalid character "%" in zone'],
    ['fe80::1%a\x7f', 'invalid character "\x7f" in zone'],
    ['fe80::1%a\t', 'invalid character "\\t" in zone'],
    ['::1.2.3.4:5', 'invalid embedded IPv4 address: unexpected character ":" at position 7'],
    ['1.2.3.4/32', 'unexpected character "/" at position 7'],
    ['%eth0', 'empty field'],
  ];
  it.each(invalid)('rejects %j with INVALID_ADDRESS: %s', (text, reason) => {
    const message = `invalid IP address ${JSON.stringify(text)}: ${reason}`;
    expect(() => parseAddr(text)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ADDRESS', message, path: [] }),
    );
    const r = safeParseAddr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(isIpError(r.error)).toBe(true);
      expect(r.error).toMatchObject({ code: 'INVALID_ADDRESS', message, path: [] });
    }
  });

  it.each([
    [null, 'null', 'object'],
    [undefined, 'undefined', 'undefined'],
    [42, '42', 'number'],
    [[], 'an array', 'object'],
    [{}, 'an object', 'object'],
    [1n, '1n', 'bigint'],
  ])('names a non-string input (%s) and its type', (bad, shown, type) => {
    const message = `invalid IP address ${shown}: expected a string, got ${type}`;
    expect(() => parseAddr(bad as unknown as string)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ADDRESS', message }),
    );
    const r = safeParseAddr(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });

  it('zones may hold any character but space, control, "%" and "/"', () => {
    expect(parseAddr('fe80::1%!~').zone).toBe('!~');
    expect(parseAddr('fe80::1%\u00e9').zone).toBe('\u00e9');
  });

  it('never throws a bare TypeError on non-strings', () => {
    for (const bad of [null, undefined, 42, [], {}, Symbol('x'), 1n]) {
      const r = safeParseAddr(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_ADDRESS');
      expect(() => parseAddr(bad as unknown as string)).toThrowError(
        expect.objectContaining({ code: 'INVALID_ADDRESS' }),
      );
    }
  });

  it('gives a reason in the message', () => {
    expect(() => parseAddr('010.0.0.1')).toThrow(/leading zero/);
    expect(() => parseAddr('127.1')).toThrow(/4 fields/);
    expect(() => parseAddr('1::2::3')).toThrow(/more than one/);
  });

  // Accepted at the edges of each rule (digits, hex letters, field values, group counts, "::" positions).
  it.each([
    ['0.0.0.0', 4, [0, 0, 0, 0]],
    ['9.99.199.255', 4, [0, 0, 0, 0x0963c7ff]],
    ['100.10.1.0', 4, [0, 0, 0, 0x640a0100]],
    ['0::', 6, [0, 0, 0, 0]],
    ['9::', 6, [0x90000, 0, 0, 0]],
    ['a::', 6, [0xa0000, 0, 0, 0]],
    ['f::', 6, [0xf0000, 0, 0, 0]],
    ['A::', 6, [0xa0000, 0, 0, 0]],
    ['F::', 6, [0xf0000, 0, 0, 0]],
    ['ffff::', 6, [0xffff0000, 0, 0, 0]],
    ['0000:0000::', 6, [0, 0, 0, 0]],
    ['1::8', 6, [0x10000, 0, 0, 8]],
    ['1:2::7:8', 6, [0x10002, 0, 0, 0x70008]],
    ['1:2:3:4::8', 6, [0x10002, 0x30004, 0, 8]],
    ['1:2:3:4:5:6::8', 6, [0x10002, 0x30004, 0x50006, 8]],
    ['1::3:4:5:6:7:8', 6, [0x10000, 0x30004, 0x50006, 0x70008]],
    ['1:2:3:4:5:6:1.2.3.4', 6, [0x10002, 0x30004, 0x50006, 0x01020304]],
    ['::1.2.3.4', 6, [0, 0, 0, 0x01020304]],
    ['1::1.2.3.4', 6, [0x10000, 0, 0, 0x01020304]],
    ['1:2:3:4:5::1.2.3.4', 6, [0x10002, 0x30004, 0x50000, 0x01020304]],
    ['::1:2', 6, [0, 0, 0, 0x10002]],
    ['1:2::', 6, [0x10002, 0, 0, 0]],
    ['1:2:3:4:5:6:7::', 6, [0x10002, 0x30004, 0x50006, 0x70000]],
    ['::2:3:4:5:6:7:8', 6, [0x2, 0x30004, 0x50006, 0x70008]],
    ['1:0::0:8', 6, [0x10000, 0, 0, 8]],
  ])('accepts %s', (text, family, words) => {
    expect(parseAddr(text)).toMatchObject({
      family,
      w0: words[0],
      w1: words[1],
      w2: words[2],
      w3: words[3],
      zone: '',
    });
    const r = safeParseAddr(text);
    expect(r.ok && r.value.w3).toBe(words[3]);
  });

  it.each([
    ['00.0.0.0', 'field "00" has a leading zero'],
    ['0.1.2.x', 'unexpected character "x" at position 6'],
    ['255.9.2.x', 'unexpected character "x" at position 8'],
    ['1.2.3.:', 'embedded IPv4 address must hold the last 32 bits'],
    ['1.2.3./', 'unexpected character "/" at position 6'],
    ['1.2.3.4%a:b', 'IPv4 addresses cannot have a zone'],
    ['1.2.3.4%', 'IPv4 addresses cannot have a zone'],
    ['`::', 'unexpected character "`"'],
    ['@::', 'unexpected character "@"'],
    ['G::', 'unexpected character "G"'],
    ['/::', 'unexpected character "/"'],
    ['1ffff::', 'a group has more than 4 hex digits'],
    ['::1:2:3:4:5:6:1.2.3.4', '"::" must stand for at least one zero group'],
  ])('rejects %s: %s', (text, reason) => {
    const r = safeParseAddr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`invalid IP address ${JSON.stringify(text)}: ${reason}`);
  });

  it('round-trips canonical text', () => {
    for (const t of ['10.0.0.1', '2001:db8::1', '::', '::1', 'fe80::1%eth0', '::ffff:192.0.2.1']) {
      expect(formatAddr(parseAddr(t))).toBe(t);
    }
  });
});
