import { parseAddr } from '@podnet/ip';
import { describe, expect, it } from 'vitest';
import { compileLpm } from './compile-lpm.ts';
import { parseIpRoute } from './parse-ip-route.ts';

const routes = parseIpRoute(
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

describe.each(['dir-16-8-8', 'dir-24-8'] as const)('compileLpm (%s)', (layout) => {
  const lpm = compileLpm(routes, { layout });

  it('answers like selectRoute at prefix edges', () => {
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
    expect(lpm.lookup(parseAddr('10.1.2.130'))?.dev).toBe('d');
    expect(lpm.lookup('2001:db8:1:2::1')?.dev).toBe('v6b');
    expect(lpm.lookup('2001:db8:2::1')?.dev).toBe('v6a');
    expect(lpm.lookup('2001:db9::1')).toBeUndefined();
    expect(lpm.lookupIndex('::ffff:10.1.2.200')).toBe(-1);
    expect(lpm.lookupIndex('10.9.0.1')).toBe(8);
  });

  it('writes into a caller-supplied output and reports its layout', () => {
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
