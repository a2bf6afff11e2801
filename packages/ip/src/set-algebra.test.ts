import { beforeEach, describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { formatIPRange, ipRange, parseIPRange, prefixRange, safeParseIPRange } from './ip-range.ts';
import {
  ipSetComplement,
  ipSetContains,
  ipSetDifference,
  ipSetFrom,
  ipSetIntersection,
  ipSetOverlaps,
  ipSetPrefixes,
  ipSetSize,
  ipSetUnion,
} from './ip-set.ts';
import { excludePrefixes, mergePrefixes } from './merge-prefixes.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { rangeToPrefixes } from './range-to-prefixes.ts';
import { removeFreePrefix } from './remove-free-prefix.ts';
import { supernet } from './supernet.ts';

const P = (t: string) => parsePrefix(t);
const A = parseAddr;
const fmt = (ps: readonly Parameters<typeof formatPrefix>[0][]) => ps.map(formatPrefix);

// The 12 bogons of fast-cidr-tools' benchmark (reference §1.5).
const BOGONS = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
];

describe('mergePrefixes', () => {
  it('coalesces nested, overlapping and adjacent prefixes', () => {
    expect(fmt(mergePrefixes(['10.0.0.0/25', '10.0.0.128/25', '10.0.0.0/26'].map(P)))).toEqual([
      '10.0.0.0/24',
    ]);
    expect(fmt(mergePrefixes(['10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/24'].map(P)))).toEqual([
      '10.0.0.0/23',
      '10.0.2.0/24',
    ]);
    expect(fmt(mergePrefixes([]))).toEqual([]);
    expect(fmt(mergePrefixes(['0.0.0.0/1', '128.0.0.0/1'].map(P)))).toEqual(['0.0.0.0/0']);
    expect(fmt(mergePrefixes(['::/1', '8000::/1'].map(P)))).toEqual(['::/0']);
    expect(fmt(mergePrefixes(['2001:db8:1::/48', '2001:db8::/48', '10.0.0.0/8', '::1/128'].map(P)))).toEqual([
      '10.0.0.0/8',
      '::1/128',
      '2001:db8::/47',
    ]);
  });

  // Hand-computed: adjacent blocks whose join carries from one 32-bit word into the next.
  it.each([
    [['::/96', '::1:0:0/96'], ['::/95']],
    [['::/64', '0:0:0:1::/64'], ['::/63']],
    [['::/32', '0:1::/32'], ['::/31']],
    [
      ['0:0:0:0:ffff:ffff:ffff:ffff/128', '0:0:0:1::/64'],
      ['::ffff:ffff:ffff:ffff/128', '0:0:0:1::/64'],
    ],
    [
      ['0:0:ffff:ffff:ffff:ffff:ffff:ffff/128', '0:1::/32'],
      ['::ffff:ffff:ffff:ffff:ffff:ffff/128', '0:1::/32'],
    ],
    [
      ['::ffff:ffff/128', '::1:0:0/127'],
      ['::ffff:ffff/128', '::1:0:0/127'],
    ],
    [
      ['::ffff:ffff/128', '::1:0:0/128', '::1:0:1/128'],
      ['::ffff:ffff/128', '::1:0:0/127'],
    ],
    [
      ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'],
      ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127'],
    ],
    [['ffff::/16', '8000::/1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'], ['8000::/1']],
    [
      ['::2/127', '::/127', '::1:0:0/96'],
      ['::/126', '::1:0:0/96'],
    ],
    [['::2:0:0/97', '::2:8000:0/97', '::3:0:0/96'], ['::2:0:0/95']],
    [
      ['0:0:0:1::/65', '0:0:0:1:8000::/65', '::ffff:ffff:ffff:ffff/128'],
      ['::ffff:ffff:ffff:ffff/128', '0:0:0:1::/64'],
    ],
    [['255.255.255.254/32', '255.255.255.255/32'], ['255.255.255.254/31']],
    [
      ['127.255.255.255/32', '128.0.0.0/32'],
      ['127.255.255.255/32', '128.0.0.0/32'],
    ],
    [['0.0.0.0/0', '10.0.0.0/8'], ['0.0.0.0/0']],
  ])('merges %j across word boundaries', (input, expected) => {
    expect(fmt(mergePrefixes(input))).toEqual(expected);
    expect(fmt(mergePrefixes([...input].reverse()))).toEqual(expected);
    expect(fmt(ipSetPrefixes(ipSetFrom(input.map(P))))).toEqual(expected);
  });

  it('never merges IPv4-mapped IPv6 with IPv4', () => {
    expect(fmt(mergePrefixes(['::ffff:10.0.0.0/104', '10.0.0.0/8'].map(P)))).toEqual([
      '10.0.0.0/8',
      '::ffff:10.0.0.0/104',
    ]);
  });

  it('rejects non-prefixes with a typed error', () => {
    expect(() => mergePrefixes([null as never])).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => mergePrefixes(42 as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => mergePrefixes(['10.0.0.1/8'])).toThrowError(
      expect.objectContaining({ code: 'HOST_BITS_SET' }),
    );
  });

  it('accepts prefix text as well', () => {
    expect(fmt(mergePrefixes(['10.0.1.0/24', P('10.0.0.0/24')]))).toEqual(['10.0.0.0/23']);
    expect(fmt(excludePrefixes('10.0.0.0/24', ['10.0.0.128/25']))).toEqual(['10.0.0.0/25']);
  });
});

describe('excludePrefixes', () => {
  it('handles the fast-cidr-tools exclude bug case (reference §1.3)', () => {
    expect(excludePrefixes(['10.0.0.0/24', '10.0.2.0/24'].map(P), [P('10.0.0.0/16')])).toEqual([]);
  });

  it('cuts holes', () => {
    expect(fmt(excludePrefixes(P('10.0.0.0/24'), [P('10.0.0.64/26')]))).toEqual([
      '10.0.0.0/26',
      '10.0.0.128/25',
    ]);
    expect(fmt(excludePrefixes(P('10.0.0.0/24'), P('10.0.0.0/24')))).toEqual([]);
    expect(fmt(excludePrefixes(P('10.0.0.0/24'), P('11.0.0.0/24')))).toEqual(['10.0.0.0/24']);
    expect(fmt(excludePrefixes(P('10.0.0.0/24'), P('::/0')))).toEqual(['10.0.0.0/24']);
    expect(fmt(excludePrefixes(P('::/0'), P('::/1')))).toEqual(['8000::/1']);
    expect(fmt(excludePrefixes(P('2001:db8::/32'), P('2001:db8::/34')))).toEqual([
      '2001:db8:4000::/34',
      '2001:db8:8000::/33',
    ]);
  });

  // Hand-computed holes at word boundaries.
  it.each([
    ['::/62', '0:0:0:1::/64', ['::/64', '0:0:0:2::/63']],
    ['::/95', '::1:0:0/96', ['::/96']],
    [
      '::/31',
      '0:0:ffff:ffff:ffff:ffff:ffff:ffff/128',
      ['::/33', '0:0:8000::/34', '0:0:c000::/35', '0:0:e000::/36'],
    ],
    ['0.0.0.0/0', '255.255.255.255/32', ['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4']],
    ['0.0.0.0/0', '0.0.0.0/32', ['0.0.0.1/32', '0.0.0.2/31', '0.0.0.4/30', '0.0.0.8/29']],
    ['10.0.0.0/30', '10.0.0.1/32', ['10.0.0.0/32', '10.0.0.2/31']],
    ['10.0.0.0/30', '10.0.0.2/31', ['10.0.0.0/31']],
  ])('excludes from %s the block %s', (base, remove, head) => {
    expect(fmt(excludePrefixes(base, remove)).slice(0, head.length)).toEqual(head);
    expect(
      fmt(ipSetPrefixes(ipSetDifference(ipSetFrom([P(base)]), ipSetFrom([P(remove)])))).slice(0, head.length),
    ).toEqual(head);
  });

  it('excludes several blocks from several bases', () => {
    expect(
      fmt(
        excludePrefixes(
          ['10.0.0.0/24', '10.0.2.0/24', '10.0.4.0/24'],
          ['10.0.0.0/25', '10.0.2.128/25', '10.0.3.0/24'],
        ),
      ),
    ).toEqual(['10.0.0.128/25', '10.0.2.0/25', '10.0.4.0/24']);
    expect(
      fmt(
        excludePrefixes(
          ['fd00::/120', 'fd00::200/120', 'fd00::400/120'],
          ['fd00::/121', 'fd00::280/121', 'fd00::300/120'],
        ),
      ),
    ).toEqual(['fd00::80/121', 'fd00::200/121', 'fd00::400/120']);
    expect(fmt(excludePrefixes(['10.0.0.0/24'], ['10.0.0.0/26', '10.0.0.128/26']))).toEqual([
      '10.0.0.64/26',
      '10.0.0.192/26',
    ]);
    expect(fmt(excludePrefixes(['fd00::/120'], ['fd00::/122', 'fd00::80/122']))).toEqual([
      'fd00::40/122',
      'fd00::c0/122',
    ]);
  });

  it('excludes the 12 bogons from 0.0.0.0/0', () => {
    const out = excludePrefixes(P('0.0.0.0/0'), BOGONS.map(P));
    // Oracle: Python's ipaddress (address_exclude + collapse_addresses) gives 104 networks,
    // 1.0.0.0/8 first and 224.0.0.0/3 last.
    expect(formatPrefix(out[0] as never)).toBe('1.0.0.0/8');
    expect(formatPrefix(out[out.length - 1] as never)).toBe('224.0.0.0/3');
    expect(out.length).toBe(104);
    const all = ipSetFrom([...out, ...BOGONS.map(P)]);
    expect(fmt(ipSetPrefixes(all))).toEqual(['0.0.0.0/0']);
  });
});

describe('rangeToPrefixes', () => {
  it('splits a range into minimal prefixes', () => {
    expect(fmt(rangeToPrefixes(A('10.0.0.1'), A('10.0.0.6')))).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
    expect(fmt(rangeToPrefixes(A('0.0.0.0'), A('255.255.255.255')))).toEqual(['0.0.0.0/0']);
    expect(fmt(rangeToPrefixes(A('::'), A('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')))).toEqual(['::/0']);
    expect(fmt(rangeToPrefixes(A('::1'), A('::1')))).toEqual(['::1/128']);
    expect(fmt(rangeToPrefixes(A('::1'), A('::6')))).toEqual(['::1/128', '::2/127', '::4/127', '::6/128']);
    expect(fmt(rangeToPrefixes(A('255.255.255.255'), A('255.255.255.255')))).toEqual(['255.255.255.255/32']);
    expect(fmt(rangeToPrefixes(A('0.0.0.1'), A('255.255.255.255'))).length).toBe(32);
  });

  it('rejects mixed families and reversed ranges', () => {
    expect(() => rangeToPrefixes(A('10.0.0.1'), A('::1'))).toThrowError(
      expect.objectContaining({ code: 'FAMILY_MISMATCH' }),
    );
    expect(() => rangeToPrefixes(A('10.0.0.2'), A('10.0.0.1'))).toThrowError(
      expect.objectContaining({ code: 'INVALID_RANGE' }),
    );
  });
});

describe('IPRange', () => {
  it('parses and formats', () => {
    expect(formatIPRange(parseIPRange('10.0.0.1-10.0.0.9'))).toBe('10.0.0.1-10.0.0.9');
    expect(formatIPRange(prefixRange(P('10.0.0.0/24')))).toBe('10.0.0.0-10.0.0.255');
    expect(formatIPRange(ipRange(A('fe80::1%eth0'), A('fe80::2')))).toBe('fe80::1-fe80::2');
    for (const bad of [
      '10.0.0.9-10.0.0.1',
      '10.0.0.1',
      '10.0.0.1-::1',
      '10.0.0.1-x',
      42,
      'fe80::1%a-fe80::2',
    ]) {
      const r = safeParseIPRange(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['INVALID_RANGE', 'FAMILY_MISMATCH']).toContain(r.error.code);
    }
  });
});

describe('IPSet', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let s: ReturnType<typeof ipSetFrom>;
  beforeEach(() => {
    s = ipSetFrom([P('10.0.0.0/25'), P('10.0.0.128/25'), A('10.0.1.0'), parseIPRange('::1-::3')]);
  });

  it('normalizes members', () => {
    expect(s.ranges.map(formatIPRange)).toEqual(['10.0.0.0-10.0.1.0', '::1-::3']);
    expect(fmt(ipSetPrefixes(s))).toEqual(['10.0.0.0/24', '10.0.1.0/32', '::1/128', '::2/127']);
    expect(ipSetSize(s)).toBe(260n);
  });

  it('answers contains and overlaps', () => {
    expect(ipSetContains(s, P('10.0.0.0/24'))).toBe(true);
    expect(ipSetContains(s, P('10.0.0.0/23'))).toBe(false);
    expect(ipSetContains(s, A('10.0.1.0'))).toBe(true);
    expect(ipSetContains(s, A('10.0.1.1'))).toBe(false);
    expect(ipSetContains(s, A('::2'))).toBe(true);
    expect(ipSetContains(s, A('::ffff:10.0.0.1'))).toBe(false);
    expect(ipSetContains(s, parseIPRange('::1-::3'))).toBe(true);
    expect(ipSetOverlaps(s, P('10.0.0.0/8'))).toBe(true);
    expect(ipSetOverlaps(s, P('11.0.0.0/8'))).toBe(false);
    expect(ipSetOverlaps(s, ipSetFrom([A('::3')]))).toBe(true);
  });

  it('does union, intersection, difference and complement', () => {
    const a = ipSetFrom([P('10.0.0.0/8')]);
    const b = ipSetFrom([P('10.1.0.0/16'), P('192.168.0.0/16')]);
    expect(fmt(ipSetPrefixes(ipSetUnion(a, b)))).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    expect(fmt(ipSetPrefixes(ipSetIntersection(a, b)))).toEqual(['10.1.0.0/16']);
    expect(fmt(ipSetPrefixes(ipSetDifference(a, b))).length).toBe(8);
    expect(fmt(ipSetPrefixes(ipSetComplement(ipSetFrom([P('128.0.0.0/1')]), [4])))).toEqual(['0.0.0.0/1']);
    expect(fmt(ipSetPrefixes(ipSetComplement(ipSetFrom([]))))).toEqual(['0.0.0.0/0', '::/0']);
    expect(fmt(ipSetPrefixes(ipSetComplement(ipSetFrom([]), [6])))).toEqual(['::/0']);
    expect(fmt(ipSetPrefixes(ipSetComplement(ipSetFrom([]), [4])))).toEqual(['0.0.0.0/0']);
    expect(fmt(ipSetPrefixes(ipSetComplement(ipSetFrom([P('::/1')]), [])))).toEqual([]);
    expect(() => ipSetFrom([42 as never])).toThrowError(expect.objectContaining({ code: 'INVALID_RANGE' }));
  });

  it('removeFreePrefix takes the best-fitting block first (netipx)', () => {
    const free = ipSetFrom([P('10.0.0.0/16'), P('10.1.0.0/24')]);
    const r = removeFreePrefix(free, 24);
    expect(r && formatPrefix(r.prefix)).toBe('10.1.0.0/24');
    const r2 = removeFreePrefix(r?.set ?? free, 24);
    expect(r2 && formatPrefix(r2.prefix)).toBe('10.0.0.0/24');
    expect(r2 && ipSetContains(r2.set, P('10.0.0.0/24'))).toBe(false);
    expect(removeFreePrefix(free, 15)).toBeUndefined();
    expect(removeFreePrefix(ipSetFrom([P('::/64')]), 80, 4)).toBeUndefined();
    expect(
      formatPrefix(removeFreePrefix(ipSetFrom([P('10.0.0.0/8'), P('fd00::/64')]), 80)?.prefix as never),
    ).toBe('fd00::/80');
  });

  it('supernet', () => {
    expect(formatPrefix(supernet(P('10.1.2.0/24')))).toBe('10.1.2.0/23');
    expect(formatPrefix(supernet(P('10.1.3.0/24')))).toBe('10.1.2.0/23');
    expect(formatPrefix(supernet(P('10.1.2.0/24'), 8))).toBe('10.0.0.0/8');
    expect(formatPrefix(supernet(P('2001:db8::/32'), 16))).toBe('2001::/16');
    expect(() => supernet(P('0.0.0.0/0'))).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(formatAddr(supernet(P('10.1.2.0/24'), 0).addr)).toBe('0.0.0.0');
  });
});
