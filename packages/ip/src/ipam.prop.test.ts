import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Addr } from './addr.ts';
import { addrFromBigInt } from './addr-bigint.ts';
import { addrKey } from './addr-key.ts';
import { allocateNodeCidrs } from './allocate-node-cidrs.ts';
import { allocateClusterIp, newClusterIpAllocator, releaseClusterIp } from './cluster-ip-allocator.ts';
import { compareAddr } from './compare-addr.ts';
import { nthAddr } from './nth-addr.ts';
import { type Prefix, prefixFrom } from './prefix.ts';
import { prefixContains } from './prefix-contains.ts';
import { prefixesOverlap } from './prefixes-overlap.ts';
import { serviceCidrLayout } from './service-cidr-layout.ts';

const cidr: fc.Arbitrary<Prefix> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 24, max: 32 }))
    .map(([n, bits]) => prefixFrom(addrFromBigInt(BigInt(n), 4), bits)),
  fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 118, max: 128 }))
    .map(([n, bits]) => prefixFrom(addrFromBigInt(n, 6), bits)),
);

type Op = { kind: 'next' } | { kind: 'request'; index: number } | { kind: 'release'; index: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'next' } as const), weight: 4 },
  { arbitrary: fc.nat(1100).map((index) => ({ kind: 'request', index }) as const), weight: 2 },
  { arbitrary: fc.nat(1100).map((index) => ({ kind: 'release', index }) as const), weight: 1 },
);

describe('ClusterIP allocation never returns an address in use or out of range', () => {
  test.prop([cidr, fc.array(op, { maxLength: 60 }), fc.nat()], { numRuns: 200 })(
    'random operations',
    (p, ops, seed) => {
      const usable = serviceCidrLayout(p).usable;
      const inRange = (ip: Addr): boolean =>
        usable !== null && compareAddr(ip, usable.first) >= 0 && compareAddr(ip, usable.last) <= 0;
      let a = newClusterIpAllocator(p, { seed });
      const inUse = new Set<string>();
      const size = Number(serviceCidrLayout(p).size);
      for (const o of ops) {
        if (o.kind === 'next') {
          try {
            const r = allocateClusterIp(a);
            expect(inRange(r.ip)).toBe(true);
            expect(inUse.has(addrKey(r.ip))).toBe(false);
            inUse.add(addrKey(r.ip));
            a = r.allocator;
          } catch (e) {
            expect(e).toMatchObject({ code: 'RANGE_FULL' });
            // full means every usable address is in use
            const count = usable === null ? 0 : size - (p.addr.family === 4 ? 2 : 1);
            expect(inUse.size).toBe(Math.max(0, count));
          }
        } else {
          const ip = nthAddr(p, o.index % size);
          if (o.kind === 'release') {
            a = releaseClusterIp(a, ip);
            inUse.delete(addrKey(ip));
          } else {
            try {
              a = allocateClusterIp(a, ip).allocator;
              expect(inRange(ip)).toBe(true);
              expect(inUse.has(addrKey(ip))).toBe(false);
              inUse.add(addrKey(ip));
            } catch (e) {
              const code = (e as { code?: string }).code;
              if (code === 'IP_NOT_IN_RANGE') expect(inRange(ip)).toBe(false);
              else {
                expect(code).toBe('IP_ALREADY_ALLOCATED');
                expect(inUse.has(addrKey(ip))).toBe(true);
              }
            }
          }
        }
        expect(a.allocated.map(addrKey).sort()).toEqual([...inUse].sort());
      }
    },
  );
});

describe('node CIDR allocation', () => {
  test.prop(
    [
      fc.integer({ min: 8, max: 24 }),
      fc.integer({ min: 0, max: 8 }),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 0xffffffff }),
    ],
    { numRuns: 100 },
  )('blocks are disjoint, inside the cluster CIDR and of the node size', (bits, extra, count, base) => {
    const cluster = prefixFrom(addrFromBigInt(BigInt(base), 4), bits);
    const mask = Math.min(32, bits + extra);
    const max = 2 ** (mask - bits);
    if (count > max) {
      expect(() => allocateNodeCidrs(cluster, mask, count)).toThrowError(
        expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
      );
      return;
    }
    const out = allocateNodeCidrs(cluster, mask, count);
    expect(out.length).toBe(count);
    for (let i = 0; i < out.length; i++) {
      const c = out[i] as Prefix;
      expect(c.bits).toBe(mask);
      expect(prefixContains(cluster, c)).toBe(true);
      if (i > 0) expect(prefixesOverlap(c, out[i - 1] as Prefix)).toBe(false);
      if (i > 0) expect(compareAddr((out[i - 1] as Prefix).addr, c.addr)).toBeLessThan(0);
    }
  });
});
