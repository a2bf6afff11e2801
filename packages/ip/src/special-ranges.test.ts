import { describe, expect, it } from 'vitest';
import { formatPrefix } from './format-prefix.ts';
import { parseAddr } from './parse-addr.ts';
import {
  addrKind,
  isDocumentation,
  isGlobalUnicast,
  isLinkLocal,
  isLoopback,
  isMulticast,
  isPrivate,
  isSharedAddress,
  isUnspecified,
  SPECIAL_RANGES,
  specialRange,
} from './special-ranges.ts';

const A = parseAddr;

describe('special-purpose ranges (IANA registries)', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.0', 'global'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['127.0.0.53', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.19.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this-network'],
    ['192.0.0.9', 'anycast'],
    ['8.8.8.8', 'global'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:10.0.0.1', 'ipv4-mapped'],
    ['64:ff9b::1.2.3.4', 'translation'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'tunnel'],
    ['2002::1', 'tunnel'],
    ['fd00::1', 'unique-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2606:4700::1111', 'global'],
  ])('%s → %s', (addr, kind) => {
    expect(addrKind(A(addr))).toBe(kind);
  });

  it('picks the most specific block', () => {
    expect(specialRange(A('192.0.0.9'))?.name).toBe('Port Control Protocol Anycast');
    expect(specialRange(A('192.0.0.100'))?.name).toBe('IETF Protocol Assignments');
    expect(specialRange(A('8.8.8.8'))).toBeUndefined();
    expect(SPECIAL_RANGES.filter((r) => r.kind === 'private').map((r) => formatPrefix(r.prefix))).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
  });

  it('answers the predicates like Go netip', () => {
    expect(isLoopback(A('127.0.0.1'))).toBe(true);
    expect(isLoopback(A('::ffff:127.0.0.1'))).toBe(true); // Go unmaps first
    expect(isPrivate(A('fc00::1'))).toBe(true);
    expect(isPrivate(A('100.64.0.1'))).toBe(false);
    expect(isSharedAddress(A('100.127.255.255'))).toBe(true);
    expect(isLinkLocal(A('fe80::1%eth0'))).toBe(true);
    expect(isMulticast(A('ff00::1'))).toBe(true);
    expect(isUnspecified(A('0.0.0.0'))).toBe(true);
    expect(isUnspecified(A('::'))).toBe(true);
    expect(isDocumentation(A('192.0.2.255'))).toBe(true);
    expect(isGlobalUnicast(A('10.0.0.1'))).toBe(true);
    expect(isGlobalUnicast(A('2000::1'))).toBe(true);
    expect(isGlobalUnicast(A('255.255.255.255'))).toBe(false);
    expect(isGlobalUnicast(A('fe80::1'))).toBe(false);
    expect(isGlobalUnicast(A('::'))).toBe(false);
    expect(isGlobalUnicast(A('224.0.0.1'))).toBe(false);
  });
  it('answers false just outside each range, and looks through IPv4-mapped addresses and zones', () => {
    expect(isLoopback(A('128.0.0.0'))).toBe(false);
    expect(isLoopback(A('::1%lo'))).toBe(true);
    expect(isLoopback(A('::2'))).toBe(false);
    expect(isPrivate(A('10.0.0.1'))).toBe(true);
    expect(isPrivate(A('::ffff:192.168.1.1'))).toBe(true);
    expect(isPrivate(A('8.8.8.8'))).toBe(false);
    expect(isPrivate(A('fe00::1'))).toBe(false);
    expect(isSharedAddress(A('100.128.0.0'))).toBe(false);
    expect(isLinkLocal(A('169.254.0.0'))).toBe(true);
    expect(isLinkLocal(A('fec0::1'))).toBe(false);
    expect(isMulticast(A('::ffff:224.0.0.1'))).toBe(true);
    expect(isMulticast(A('223.255.255.255'))).toBe(false);
    expect(isDocumentation(A('192.0.3.0'))).toBe(false);
    expect(isDocumentation(A('2001:db8::1%eth0'))).toBe(true);
  });

  // netip.Addr.IsUnspecified: only 0.0.0.0 and ::
  it.each(['::1', '1::', '0:0:1::', '0:0:0:0:1::', '::1:0', '0.0.0.1'])('%s is not unspecified', (t) => {
    expect(isUnspecified(A(t))).toBe(false);
  });

  // netip.Addr.IsGlobalUnicast (go/src/net/netip/netip.go): unmaps first; rejects 0.0.0.0 and
  // 255.255.255.255 (IPv4 only), ::, loopback, multicast and link-local; private addresses count.
  it.each([
    ['::ffff:255.255.255.255', false],
    ['::ffff:0.0.0.0', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', true],
    ['255.255.255.254', true],
    ['2001:db8::ffff:ffff', true],
    ['127.0.0.1', false],
    ['169.254.1.1', false],
    ['::1', false],
    ['ff02::1', false],
    ['fd00::1', true],
  ])('isGlobalUnicast(%s) is %s', (t, expected) => {
    expect(isGlobalUnicast(A(t))).toBe(expected);
  });

  it('prefers the longest matching block', () => {
    expect(specialRange(A('224.0.0.1'))?.name).toBe('Local Network Control Block');
    expect(specialRange(A('224.0.1.1'))?.name).toBe('Multicast');
    expect(specialRange(A('2001:1::1'))?.name).toBe('Port Control Protocol Anycast');
    expect(specialRange(A('2001::1'))?.name).toBe('TEREDO');
    expect(specialRange(A('2001:1ff::1'))?.name).toBe('IETF Protocol Assignments');
    expect(specialRange(A('0.0.0.0'))?.name).toBe('"This host on this network"');
  });
});
