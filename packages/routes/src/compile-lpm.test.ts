import { addrFromUint32, parseAddr, prefixFrom } from '@podnet/ip';
import { beforeEach, describe, expect, it } from 'vitest';
import { compileLpm } from './compile-lpm.ts';
import { buildRoute } from './internal/build-route.ts';
import { parseIpRoute } from './parse-ip-route.ts';
import type { Route } from './route.ts';

// built before each test (not while the file loads), so a mutant that breaks it fails a test
let routes: ReturnType<typeof parseIpRoute>;
beforeEach(() => {
  routes = parseIpRoute(
    [
      'default via 192.168.1.1 dev eth0', // 0
      '10.0.0.0/8 dev a', // 1
      '10.1.0.0/16 dev b', // 2
      '10.1.2.0/24 dev c', // 3
      '10.1.2.128/25 dev d', // 4
      '10.1.2.200 dev e', // 5
      '2001:db8::/32 dev v6a', // 6
      '2001:db8:1::/48 dev v6b', // 7
      'blackhole 10.9.0.0/16', // 8
      '255.255.255.255 dev bcast', // 9
    ].join('\n'),
  );
});

describe.each(['dir-16-8-8', 'dir-24-8'] as const)('compileLpm (%s)', (layout) => {
  // Compiled inside each test (not while the file loads), so per-test coverage sees it.

  it('answers like selectRoute at prefix edges', () => {
    const lpm = compileLpm(routes, { layout });
    const keys = Uint32Array.of(
      0x0a0102c8, // 10.1.2.200 → /32
      0x0a0102c9, // 10.1.2.201 → /25
      0x0a010280, // 10.1.2.128 → /25
      0x0a01027f, // 10.1.2.127 → /24
      0x0a010300, // 10.1.3.0 → /16
      0x0a020000, // 10.2.0.0 → /8
      0x0b000000, // 11.0.0.0 → default
      0x00000000,
      0xffffffff,
      0x0a090101,
    );
    expect(Array.from(lpm.lookupBatch(keys))).toEqual([5, 4, 4, 3, 2, 1, 0, 0, 9, 8]);
  });

  it('looks up single addresses of both families', () => {
    const lpm = compileLpm(routes, { layout });
    expect(lpm.lookup(parseAddr('10.1.2.130'))?.dev).toBe('d');
    expect(lpm.lookup('2001:db8:1:2::1')?.dev).toBe('v6b');
    expect(lpm.lookup('2001:db8:2::1')?.dev).toBe('v6a');
    expect(lpm.lookup('2001:db9::1')).toBeUndefined();
    expect(lpm.lookupIndex('::ffff:10.1.2.200')).toBe(-1);
    expect(lpm.lookupIndex('10.9.0.1')).toBe(8);
  });

  it('writes into a caller-supplied output and reports its layout', () => {
    const lpm = compileLpm(routes, { layout });
    const out = new Int32Array(4).fill(7);
    const res = lpm.lookupBatch(Uint32Array.of(0x0a000001), out);
    expect(res).toBe(out);
    expect(Array.from(out)).toEqual([1, 7, 7, 7]);
    expect(lpm.stats.layout).toBe(layout);
    expect(lpm.size).toBe(routes.length);
    expect(Object.isFrozen(lpm)).toBe(true);
  });
});

describe('compileLpm', () => {
  it('returns -1 everywhere for an empty table and with only IPv6 routes', () => {
    expect(Array.from(compileLpm([]).lookupBatch(Uint32Array.of(0, 1, 0xffffffff)))).toEqual([-1, -1, -1]);
    const v6 = compileLpm(parseIpRoute('::/0 dev eth0'));
    expect(v6.lookupBatch(Uint32Array.of(0x0a000001))[0]).toBe(-1);
    expect(v6.lookup('fe80::1')?.dev).toBe('eth0');
  });

  it('resolves tables and throw at compile time (local → main → default)', () => {
    const t = parseIpRoute(
      [
        'throw 10.5.0.0/16', // 0
        '10.0.0.0/8 dev main8', // 1
        '10.5.0.0/16 dev d table default', // 2
        'local 10.0.0.1 dev lo table local', // 3
        '10.7.0.0/16 dev x table 100', // 4
      ].join('\n'),
    );
    const lpm = compileLpm(t);
    expect(
      Array.from(lpm.lookupBatch(Uint32Array.of(0x0a050101, 0x0a060101, 0x0a000001, 0x0a070001))),
    ).toEqual([2, 1, 3, 1]);
    expect(compileLpm(t, { table: '100' }).lookupIndex('10.7.0.1')).toBe(4);
  });

  it('keeps the lowest metric, then the first, for duplicate prefixes', () => {
    const t = parseIpRoute('10.0.0.0/8 dev a metric 5\n10.0.0.0/8 dev b metric 1\n10.0.0.0/8 dev c metric 1');
    expect(compileLpm(t).lookup('10.1.1.1')?.dev).toBe('b');
  });

  it('keeps DIR-16-8-8 for small tables under auto', () => {
    expect(compileLpm(routes).stats.layout).toBe('dir-16-8-8');
  });

  it('rejects bad input', () => {
    const lpm = compileLpm(routes);
    expect(() => lpm.lookupBatch([1, 2] as unknown as Uint32Array)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => lpm.lookupBatch(Uint32Array.of(1, 2), new Int32Array(1))).toThrow(/at least 2/);
    expect(() => lpm.lookup('x')).toThrow(expect.objectContaining({ code: 'INVALID_ADDRESS' }));
    expect(() => compileLpm('x' as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compileLpm([], { layout: 'bogus' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('compileLpm structure sizes (hand-counted)', () => {
  // DIR-16-8-8: 65,536-entry Int32Array root = 262,144 bytes; DIR-24-8: 2^24 entries = 67,108,864
  // bytes; each group is 256 Int32 entries = 1,024 bytes; each IPv6 interval 16 + 4 bytes.
  it('a /8 fills root slots only: 3 intervals, no group', () => {
    const lpm = compileLpm(parseIpRoute('10.0.0.0/8 dev a'), { layout: 'dir-16-8-8' });
    expect(lpm.stats).toEqual({
      layout: 'dir-16-8-8',
      v4Intervals: 3,
      v4Groups: 0,
      v6Intervals: 1,
      bytes: 262144 + 16 + 4,
    });
  });

  it('a /25 needs two group levels in DIR-16-8-8 and one in DIR-24-8', () => {
    const t = parseIpRoute('10.1.2.128/25 dev d');
    expect(compileLpm(t, { layout: 'dir-16-8-8' }).stats).toMatchObject({
      v4Intervals: 3,
      v4Groups: 2,
      bytes: 262144 + 2 * 1024 + 20,
    });
    expect(compileLpm(t, { layout: 'dir-24-8' }).stats).toMatchObject({
      v4Intervals: 3,
      v4Groups: 1,
      bytes: 67108864 + 1024 + 20,
    });
  });

  it('a /16 split by a /24: 5 intervals; whole /24 blocks are leaves, whole /16s are root entries', () => {
    const t = parseIpRoute('10.1.0.0/16 dev a\n10.1.2.0/24 dev b');
    expect(compileLpm(t, { layout: 'dir-16-8-8' }).stats).toMatchObject({ v4Intervals: 5, v4Groups: 1 });
    expect(compileLpm(t, { layout: 'dir-24-8' }).stats).toMatchObject({ v4Intervals: 5, v4Groups: 0 });
    const wide = parseIpRoute('10.0.0.0/15 dev a\n10.4.0.0/14 dev b');
    expect(compileLpm(wide, { layout: 'dir-16-8-8' }).stats).toMatchObject({ v4Intervals: 5, v4Groups: 0 });
  });

  it('merges neighbouring intervals with the same answer across tables', () => {
    // the default-table /16 never wins inside the main-table /8: one interval, not three
    const t = parseIpRoute('10.0.0.0/8 dev a\n10.1.0.0/16 dev b table default\n2001:db8::/32 dev c');
    const lpm = compileLpm(t);
    expect(lpm.stats).toMatchObject({ v4Intervals: 3, v6Intervals: 3 });
    expect(lpm.lookupIndex('10.1.0.1')).toBe(0);
  });

  it('answers -1 (never NaN) for unrouted addresses at every level', () => {
    const t = parseIpRoute('10.1.2.128/25 dev d');
    for (const layout of ['dir-16-8-8', 'dir-24-8'] as const) {
      const lpm = compileLpm(t, { layout });
      const addrs = ['11.0.0.1', '10.1.3.1', '10.1.2.1', '10.1.2.127', '10.1.2.128', '10.1.2.255'];
      const want = [-1, -1, -1, -1, 0, 0];
      expect(addrs.map((a) => lpm.lookupIndex(a))).toEqual(want);
      expect(
        Array.from(
          lpm.lookupBatch(
            Uint32Array.of(0x0b000001, 0x0a010301, 0x0a010201, 0x0a01027f, 0x0a010280, 0x0a0102ff),
          ),
        ),
      ).toEqual(want);
      expect(lpm.lookup('10.1.2.1')).toBeUndefined();
      expect(lpm.lookup('10.1.2.200')).toBe(t[0]);
    }
  });
});

describe('compileLpm IPv6 interval search compares all four words', () => {
  // built before each test (not while the file loads), so a mutant that breaks it fails a test
  let t: ReturnType<typeof parseIpRoute>;
  beforeEach(() => {
    t = parseIpRoute(
      [
        '2001:db8::/32 dev w0', // 0
        '2001:db8:0:1::/64 dev w1', // 1
        '2001:db8::1:0:0/96 dev w2', // 2
        '2001:db8::1/128 dev w3', // 3
        'fe80::/10 dev ll', // 4
      ].join('\n'),
    );
  });
  it.each([
    ['2001:db8::', 0],
    ['2001:db8::1', 3],
    ['2001:db8::2', 0],
    ['2001:db8::ffff:ffff', 0],
    ['2001:db8::1:0:0', 2],
    ['2001:db8::1:ffff:ffff', 2],
    ['2001:db8::2:0:0', 0],
    ['2001:db8:0:0:ffff:ffff:ffff:ffff', 0],
    ['2001:db8:0:1::', 1],
    ['2001:db8:0:1:ffff:ffff:ffff:ffff', 1],
    ['2001:db8:0:2::', 0],
    ['2001:db8:1::', 0],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 0],
    ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', -1],
    ['2001:db9::', -1],
    ['::', -1],
    ['fe80::1', 4],
    ['febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 4],
    ['fec0::', -1],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', -1],
  ])('%s → route %i', (addr, want) => {
    expect(compileLpm(t).lookupIndex(addr)).toBe(want);
  });

  it('a single IPv6 default covers the whole space', () => {
    const lpm = compileLpm(parseIpRoute('::/0 dev eth0\n::/1 dev low'));
    expect(lpm.lookupIndex('::')).toBe(1);
    expect(lpm.lookupIndex('7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(1);
    expect(lpm.lookupIndex('8000::')).toBe(0);
    expect(lpm.lookupIndex('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(0);
  });
});

describe('compileLpm layout choice', () => {
  const many = (count: number): Route[] =>
    Array.from({ length: count }, (_, i) =>
      buildRoute({ dst: prefixFrom(addrFromUint32(0x0a000000 + i * 256), 24), dev: 'x' }),
    );

  it('auto switches to DIR-24-8 at 16,384 distinct IPv4 prefixes; an explicit layout always wins', () => {
    const below = many(16383);
    // a duplicate prefix does not count twice
    expect(compileLpm([...below, below[0]!]).stats.layout).toBe('dir-16-8-8');
    const at = many(16384);
    const auto = compileLpm(at);
    expect(auto.stats.layout).toBe('dir-24-8');
    expect(auto.lookupIndex('10.63.255.1')).toBe(16383);
    expect(compileLpm(at, { layout: 'dir-16-8-8' }).stats.layout).toBe('dir-16-8-8');
    expect(compileLpm(below, { layout: 'dir-24-8' }).stats.layout).toBe('dir-24-8');
  });

  it('names the bad input', () => {
    const lpm = compileLpm(routes);
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        const { code, message } = e as { code: string; message: string };
        return { code, message };
      }
      throw new Error('no error');
    };
    expect(err(() => compileLpm('x' as never))).toEqual({
      code: 'INVALID_INPUT',
      message: 'expected an array of routes',
    });
    expect(err(() => compileLpm([], { layout: 'bogus' as never }))).toEqual({
      code: 'INVALID_OPTION',
      message: 'unknown LPM layout "bogus"',
    });
    expect(err(() => lpm.lookupBatch([1] as never))).toEqual({
      code: 'INVALID_INPUT',
      message: 'lookupBatch expects a Uint32Array of IPv4 addresses',
    });
    expect(err(() => lpm.lookupBatch(Uint32Array.of(1, 2), new Int32Array(1)))).toEqual({
      code: 'INVALID_INPUT',
      message: 'output must be an Int32Array of at least 2 entries',
    });
    expect(err(() => lpm.lookupBatch(Uint32Array.of(1), new Uint32Array(1) as never)).message).toBe(
      'output must be an Int32Array of at least 1 entries',
    );
    for (const layout of ['auto', 'dir-16-8-8', 'dir-24-8'] as const) {
      expect(compileLpm([], { layout }).size).toBe(0);
    }
  });
});

describe('compileLpm painting edge cases', () => {
  it.each(['dir-16-8-8', 'dir-24-8'] as const)(
    '%s: an interval that starts and ends inside different root slots',
    (layout) => {
      // the /8's answer runs from 10.1.0.128 to 10.2.0.127: partial at both ends, whole slots between
      const t = parseIpRoute('10.0.0.0/8 dev a\n10.1.0.0/25 dev b\n10.2.0.128/25 dev c');
      const lpm = compileLpm(t, { layout });
      const probes: [string, number][] = [
        ['10.1.0.0', 1],
        ['10.1.0.1', 1],
        ['10.1.0.127', 1],
        ['10.1.0.128', 0],
        ['10.1.0.200', 0],
        ['10.1.200.1', 0],
        ['10.2.0.1', 0],
        ['10.2.0.127', 0],
        ['10.2.0.128', 2],
        ['10.2.0.255', 2],
        ['10.2.1.0', 0],
        ['11.0.0.0', -1],
      ];
      expect(probes.map(([a]) => lpm.lookupIndex(a))).toEqual(probes.map(([, i]) => i));
    },
  );

  it.each(['dir-16-8-8', 'dir-24-8'] as const)(
    '%s: nests prefixes with the same start whatever the input order',
    (layout) => {
      for (const text of ['10.0.0.0/16 dev b\n10.0.0.0/8 dev a', '10.0.0.0/8 dev a\n10.0.0.0/16 dev b']) {
        const t = parseIpRoute(text);
        const lpm = compileLpm(t, { layout });
        expect(lpm.lookup('10.0.0.1')?.dev).toBe('b');
        expect(lpm.lookup('10.1.0.1')?.dev).toBe('a');
      }
      const v6 = compileLpm(parseIpRoute('2001:db8::/48 dev b\n2001:db8::/32 dev a'), { layout });
      expect(v6.lookup('2001:db8::1')?.dev).toBe('b');
      expect(v6.lookup('2001:db8:1::1')?.dev).toBe('a');
    },
  );
});

describe('compileLpm painting inside one root slot', () => {
  it.each(['dir-16-8-8', 'dir-24-8'] as const)(
    '%s: a /16 up to a /25 hole: whole /24 leaves, then a partial block',
    (layout) => {
      const lpm = compileLpm(parseIpRoute('10.1.0.0/16 dev a\n10.1.2.128/25 dev b'), { layout });
      const probes: [string, number][] = [
        ['10.1.0.0', 0],
        ['10.1.0.200', 0],
        ['10.1.1.200', 0],
        ['10.1.2.1', 0],
        ['10.1.2.127', 0],
        ['10.1.2.128', 1],
        ['10.1.2.255', 1],
        ['10.1.3.0', 0],
        ['10.1.255.255', 0],
        ['10.2.0.0', -1],
      ];
      expect(probes.map(([a]) => lpm.lookupIndex(a))).toEqual(probes.map(([, i]) => i));
    },
  );
});
