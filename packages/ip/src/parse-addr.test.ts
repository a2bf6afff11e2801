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
  const invalid = [
    '',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '010.0.0.1',
    '1.2.3.04',
    '127.1',
    '1.2.3',
    '1.2.3.4.5',
    '0x7f.0.0.1',
    '256.0.0.1',
    '1.2.3.256',
    '1..2.3',
    '1.2.3.',
    '.1.2.3',
    '1.2.3.4%eth0',
    '1.2.3.-4',
    '::ffff:1.2.3.04',
    '::ffff:1.2.3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7:8:1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    '1::2::3',
    ':::',
    ':1::',
    '1:',
    '::1:',
    '12345::',
    'g::',
    'fe80::1%',
    'fe80::1%a/64',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '1.2.3.4/32',
    '%eth0',
    ':',
  ];
  it.each(invalid)('rejects %j with INVALID_ADDRESS', (text) => {
    expect(() => parseAddr(text)).toThrowError(expect.objectContaining({ code: 'INVALID_ADDRESS' }));
    const r = safeParseAddr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(isIpError(r.error)).toBe(true);
      expect(r.error.message).toContain(JSON.stringify(text));
    }
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

  it('round-trips canonical text', () => {
    for (const t of ['10.0.0.1', '2001:db8::1', '::', '::1', 'fe80::1%eth0', '::ffff:192.0.2.1']) {
      expect(formatAddr(parseAddr(t))).toBe(t);
    }
  });
});
