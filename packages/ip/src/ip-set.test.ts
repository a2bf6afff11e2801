import { describe, expect, it } from 'vitest';
import { formatIPRange, parseIPRange } from './ip-range.ts';
import { ipSetContains, ipSetFrom, ipSetOverlaps, ipSetSize } from './ip-set.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';

const A = parseAddr;
const P = (t: string) => parsePrefix(t);

describe('IPSet members and queries', () => {
  it('names a bad member by index', () => {
    const v4 = A('10.0.0.1');
    const v6 = A('::1');
    for (const [bad, shown] of [
      [42, '42'],
      [null, 'null'],
      [{}, 'an object'],
      [{ first: A('10.0.0.2'), last: v4 }, 'an object'],
      [{ first: v4, last: v6 }, 'an object'],
      [{ family: 5 }, 'an object'],
      [{ bits: 8 }, 'an object'],
    ] as const) {
      expect(() => ipSetFrom([P('10.0.0.0/8'), bad as never])).toThrowError(
        expect.objectContaining({
          code: 'INVALID_RANGE',
          message: `member 1 is not an address, prefix or range: ${shown}`,
          path: [1],
        }),
      );
    }
    expect(() => ipSetFrom('10.0.0.0/8' as never)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_RANGE',
        message: 'expected an array of addresses, prefixes or ranges, got "10.0.0.0/8"',
        path: [],
      }),
    );
  });

  it('accepts one-address ranges and drops zones of addresses and range ends', () => {
    const s = ipSetFrom([
      { first: A('fe80::5%eth0'), last: A('fe80::5') } as never,
      A('fe80::7%eth1'),
      parseIPRange('10.0.0.1-10.0.0.1'),
    ]);
    expect(s.ranges.map(formatIPRange)).toEqual(['10.0.0.1-10.0.0.1', 'fe80::5-fe80::5', 'fe80::7-fe80::7']);
    expect(s.ranges.every((r) => r.first.zone === '' && r.last.zone === '')).toBe(true);
  });

  it('finds members across families and at range edges', () => {
    const s = ipSetFrom([P('10.0.0.0/24'), P('10.0.2.0/24'), P('fd00::/120'), P('fd00::200/120')]);
    for (const [m, expected] of [
      ['10.0.0.0', true],
      ['10.0.0.255', true],
      ['10.0.1.0', false],
      ['10.0.2.0', true],
      ['10.0.2.255', true],
      ['10.0.3.0', false],
      ['9.255.255.255', false],
      ['fd00::', true],
      ['fd00::ff', true],
      ['fd00::100', false],
      ['fd00::2ff', true],
      ['fd00::300', false],
      ['::a00:1', false],
      ['::ffff:10.0.0.1', false],
    ] as const) {
      expect([m, ipSetContains(s, A(m))]).toEqual([m, expected]);
    }
    expect(ipSetContains(ipSetFrom([P('fd00::/64')]), A('10.0.0.1'))).toBe(false);
    expect(ipSetContains(ipSetFrom([P('10.0.0.0/8')]), A('::1'))).toBe(false);
    expect(ipSetContains(ipSetFrom([]), A('::1'))).toBe(false);
    expect(ipSetContains(s, parseIPRange('10.0.0.0-10.0.0.255'))).toBe(true);
    expect(ipSetContains(s, parseIPRange('10.0.0.0-10.0.1.0'))).toBe(false);
    expect(ipSetContains(s, parseIPRange('10.0.2.1-10.0.2.254'))).toBe(true);
  });

  it('overlaps with members and with sets', () => {
    const s = ipSetFrom([P('10.0.0.0/24')]);
    expect(ipSetOverlaps(s, A('10.0.0.255'))).toBe(true);
    expect(ipSetOverlaps(s, A('10.0.1.0'))).toBe(false);
    expect(ipSetOverlaps(s, parseIPRange('9.0.0.0-10.0.0.0'))).toBe(true);
    expect(ipSetOverlaps(s, ipSetFrom([A('10.0.1.0')]))).toBe(false);
    expect(ipSetOverlaps(s, ipSetFrom([]))).toBe(false);
  });

  it('counts addresses per family exactly', () => {
    expect(ipSetSize(ipSetFrom([]))).toBe(0n);
    expect(ipSetSize(ipSetFrom([P('0.0.0.0/0')]))).toBe(2n ** 32n);
    expect(ipSetSize(ipSetFrom([P('::/0')]))).toBe(2n ** 128n);
    expect(ipSetSize(ipSetFrom([P('10.0.0.0/24'), A('10.0.1.7'), P('fd00::/126')]))).toBe(256n + 1n + 4n);
    expect(ipSetSize(ipSetFrom([parseIPRange('fd00::ffff:ffff-fd00::1:0:0')]))).toBe(2n);
    expect(ipSetSize(ipSetFrom([parseIPRange('::ffff:ffff:ffff:ffff-::1:0:0:0:0')]))).toBe(2n);
    expect(ipSetSize(ipSetFrom([parseIPRange('0:0:0:ffff:ffff:ffff:ffff:ffff-0:0:1::')]))).toBe(2n);
    expect(ipSetSize(ipSetFrom([parseIPRange('0:ffff:ffff:ffff:ffff:ffff:ffff:ffff-1::')]))).toBe(2n);
  });
});
