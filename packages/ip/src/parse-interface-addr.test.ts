import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { parseInterfaceAddr, safeParseInterfaceAddr } from './parse-interface-addr.ts';

// Cases after Go's net.ParseCIDR tests (src/net/ip_test.go parseCIDRTests) and CNI's
// pkg/types ParseCIDR: the IP keeps its host bits, the network is masked.
describe('parseInterfaceAddr', () => {
  it.each([
    ['135.104.0.0/32', '135.104.0.0', '135.104.0.0/32'],
    ['0.0.0.0/24', '0.0.0.0', '0.0.0.0/24'],
    ['135.104.0.0/24', '135.104.0.0', '135.104.0.0/24'],
    ['135.104.0.1/32', '135.104.0.1', '135.104.0.1/32'],
    ['135.104.0.1/24', '135.104.0.1', '135.104.0.0/24'],
    ['10.244.1.5/24', '10.244.1.5', '10.244.1.0/24'],
    ['::1/128', '::1', '::1/128'],
    ['abcd:2345::/127', 'abcd:2345::', 'abcd:2345::/127'],
    ['abcd:2345::/65', 'abcd:2345::', 'abcd:2345::/65'],
    ['abcd:2345::/64', 'abcd:2345::', 'abcd:2345::/64'],
    ['abcd:2345::/63', 'abcd:2345::', 'abcd:2345::/63'],
    ['abcd:2345::/33', 'abcd:2345::', 'abcd:2345::/33'],
    ['abcd:2345::/32', 'abcd:2345::', 'abcd:2345::/32'],
    ['abcd:2344::/31', 'abcd:2344::', 'abcd:2344::/31'],
    ['abcd:2300::/24', 'abcd:2300::', 'abcd:2300::/24'],
    ['abcd:2345::/24', 'abcd:2345::', 'abcd:2300::/24'],
    ['2001:DB8::1/48', '2001:db8::1', '2001:db8::/48'],
  ])('%s → %s on %s', (text, addr, prefix) => {
    const r = parseInterfaceAddr(text);
    expect(formatAddr(r.addr)).toBe(addr);
    expect(formatPrefix(r.prefix)).toBe(prefix);
    expect(r.prefix.bits).toBe(Number(text.slice(text.lastIndexOf('/') + 1)));
  });

  it.each([
    '192.168.1.1/255.255.255.0',
    '192.168.1.1/35',
    '2001:db8::1/-1',
    '2001:db8::1/-0',
    '-0.0.0.0/32',
    '0.-1.0.0/32',
    '0.0.-2.0/32',
    '0.0.0.-3/32',
    '0.0.0.0/-0',
    '10.0.0.1',
    '',
    'fe80::1%eth0/64',
    '10.0.0.1/08',
  ])('rejects %j with INVALID_PREFIX', (text) => {
    expect(() => parseInterfaceAddr(text)).toThrowError(expect.objectContaining({ code: 'INVALID_PREFIX' }));
    const r = safeParseInterfaceAddr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('invalid interface address');
  });

  it('never throws from the safe variant on junk', () => {
    for (const junk of [null, undefined, 42, [], {}, '/', '//24']) {
      expect(safeParseInterfaceAddr(junk).ok).toBe(false);
    }
    expect(() => parseInterfaceAddr(null as unknown as string)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
  });
  it.each([
    ['10.0.0.1', 'missing "/"'],
    ['10.0.0.1/', 'missing prefix length'],
    ['10.0.0.1/08', 'prefix length "08" has a leading zero'],
    ['192.168.1.1/35', 'prefix length 35 is larger than 32'],
    ['2001:db8::1/129', 'prefix length 129 is larger than 128'],
    ['fe80::1%eth0/64', 'prefixes cannot have a zone'],
    ['127.1/8', 'expected 4 fields, got 2'],
  ])('names %j and the reason', (text, reason) => {
    const message = `invalid interface address ${JSON.stringify(text)}: ${reason}`;
    expect(() => parseInterfaceAddr(text)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX', message, path: [] }),
    );
    const r = safeParseInterfaceAddr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INVALID_PREFIX', message });
  });

  it('names a non-string input', () => {
    const r = safeParseInterfaceAddr(42);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('invalid interface address 42: expected a string, got number');
  });

  it('keeps the whole address, IPv4-mapped included', () => {
    const r = parseInterfaceAddr('::ffff:10.1.2.3/120');
    expect(formatAddr(r.addr)).toBe('::ffff:10.1.2.3');
    expect(formatPrefix(r.prefix)).toBe('::ffff:10.1.2.0/120');
  });
});
