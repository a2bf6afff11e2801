import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addrFromBigInt } from './addr-bigint.ts';
import { addrFromUint32 } from './addr-uint32.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';
import { addrFromReverseName, reverseName } from './reverse-name.ts';

// Cases from miekg/dns ReverseAddr tests and CoreDNS plugin/pkg/dnsutil/reverse_test.go
// (TestExtractAddressFromReverse).
describe('reverseName', () => {
  it.each([
    ['10.96.0.10', '10.0.96.10.in-addr.arpa.'],
    ['127.0.0.1', '1.0.0.127.in-addr.arpa.'],
    ['255.255.255.255', '255.255.255.255.in-addr.arpa.'],
    ['::1', `1.${'0.'.repeat(31)}ip6.arpa.`],
    ['2001:db8::567:89ab', 'b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.'],
    ['fe80::1%eth0', `1.${'0.'.repeat(27)}0.8.e.f.ip6.arpa.`],
  ])('%s → %s', (text, name) => {
    expect(reverseName(parseAddr(text))).toBe(name);
  });
});

describe('addrFromReverseName', () => {
  it.each([
    ['54.119.58.176.in-addr.arpa.', '176.58.119.54'],
    ['10.0.96.10.in-addr.arpa.', '10.96.0.10'],
    ['b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', '2001:db8::567:89ab'],
    ['B.A.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa.', '2001:db8::567:89ab'],
    [
      'f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.F.E.D.C.B.A.9.8.7.6.5.4.3.2.1.0.ip6.arpa.',
      '123:4567:89ab:cdef:123:4567:89ab:cdef',
    ],
    [`${'0.'.repeat(31)}0.ip6.arpa.`, '::'],
    [`${'f.'.repeat(31)}f.ip6.arpa.`, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['0.0.0.0.in-addr.arpa.', '0.0.0.0'],
    ['4.3.2.1.in-addr.arpa.', '1.2.3.4'],
  ])('%s → %s', (name, text) => {
    const a = addrFromReverseName(name);
    expect(a === null ? null : formatAddr(a)).toBe(text);
  });

  it.each([
    '.58.176.in-addr.arpa.',
    '119.58.176.in-addr.arpa.',
    '1.54.119.58.176.in-addr.arpa.',
    '256.0.0.10.in-addr.arpa.',
    '01.0.0.10.in-addr.arpa.',
    '10.0.96.10.in-addr.arpa',
    'example.com.',
    '0.8.b.d.0.1.0.0.2.ip6.arpa.',
    `g.${'0.'.repeat(31)}ip6.arpa.`,
    `10.${'0.'.repeat(30)}ip6.arpa.`,
    `${'0.'.repeat(33)}ip6.arpa.`,
    `${'0.'.repeat(31)}:.ip6.arpa.`,
    `${'0.'.repeat(31)}/.ip6.arpa.`,
    `${'0.'.repeat(31)}@.ip6.arpa.`,
    `${'0.'.repeat(31)}G.ip6.arpa.`,
    `${'0.'.repeat(31)}\`.ip6.arpa.`,
    `${'0.'.repeat(31)}g.ip6.arpa.`,
    `0x${'0.'.repeat(30)}0.ip6.arpa.`,
    `${'0.'.repeat(15)}0x${'0.'.repeat(15)}0.ip6.arpa.`,
    `${'0.'.repeat(32)}ip6.arpa`,
    '1.0.0.10.ip6.arpa.',
    '10.0.96.10.ip6.arpa.',
    '',
  ])('%j is not a complete reverse name', (name) => {
    expect(addrFromReverseName(name)).toBeNull();
  });

  it('returns null for non-strings', () => {
    expect(addrFromReverseName(undefined as unknown as string)).toBeNull();
    expect(addrFromReverseName(42 as unknown as string)).toBeNull();
  });

  test.prop([fc.nat(0xffffffff)], { numRuns: 200 })('IPv4 round-trips', (n) => {
    const a = addrFromUint32(n);
    expect(addrFromReverseName(reverseName(a))).toEqual(a);
  });

  test.prop([fc.bigInt({ min: 0n, max: (1n << 128n) - 1n })], { numRuns: 200 })('IPv6 round-trips', (n) => {
    const a = addrFromBigInt(n, 6);
    expect(addrFromReverseName(reverseName(a))).toEqual(a);
  });
});
