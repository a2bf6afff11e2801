import { fc, test } from '@fast-check/vitest';
import { compareAddr, prefixContains, prefixFrom } from '@podnet/ip';
import { describe, expect } from 'vitest';
import { CniError } from './cni-error.ts';
import { hostLocalAllocate } from './host-local-allocate.ts';
import { hostLocalRelease } from './host-local-release.ts';
import type { HostLocalStore } from './host-local-store.ts';
import { parseIp } from './internal/ip.ts';

// A small IPv4 /26..30 subnet with an optional rangeStart/rangeEnd window, and a script of
// allocate/release operations on a handful of containers.
const scenario = fc.record({
  bits: fc.integer({ min: 26, max: 30 }),
  base: fc.integer({ min: 0, max: 255 }),
  startOffset: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  ops: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { maxLength: 80 }),
});

describe('hostLocalAllocate properties', () => {
  test.prop([scenario], { numRuns: 200 })(
    'never hands out an address twice, stays in range, skips the gateway, release frees',
    ({ bits, base, startOffset, ops }) => {
      const subnet = `10.${base}.0.0/${bits}`;
      const size = 2 ** (32 - bits);
      const offset = startOffset === undefined ? undefined : 1 + (startOffset % (size - 2));
      const rangeStart = offset === undefined ? undefined : `10.${base}.0.${offset}`;
      const ipam =
        rangeStart === undefined
          ? { type: 'host-local', subnet }
          : { type: 'host-local', subnet, rangeStart };
      const first = parseIp(rangeStart ?? `10.${base}.0.1`)!;
      const last = parseIp(`10.${base}.0.${size - 2}`)!;
      let store: HostLocalStore | undefined;
      const held = new Map<string, string>();
      for (const [allocate, n] of ops) {
        const id = `c${n}`;
        if (allocate) {
          if (held.has(id)) {
            expect(() => hostLocalAllocate(ipam, store, id, 'eth0')).toThrow(CniError);
            continue;
          }
          try {
            const out = hostLocalAllocate(ipam, store, id, 'eth0');
            const address = out.result.ips[0]!.address.split('/')[0]!;
            const ip = parseIp(address)!;
            expect([...held.values()]).not.toContain(address);
            expect(address).not.toBe(`10.${base}.0.1`);
            expect(prefixContains(prefixFrom(parseIp(`10.${base}.0.0`)!, bits), ip)).toBe(true);
            expect(compareAddr(ip, first)).toBeGreaterThanOrEqual(0);
            expect(compareAddr(ip, last)).toBeLessThanOrEqual(0);
            held.set(id, address);
            store = out.store;
          } catch (error) {
            expect((error as CniError).code).toBe('NO_ADDRESSES_AVAILABLE');
            // exhaustion only when every usable address (rangeStart..rangeEnd minus the gateway) is held
            const from = offset ?? 1;
            const usable = size - 2 - from + 1 - (from <= 1 ? 1 : 0);
            expect(held.size).toBe(usable);
          }
        } else {
          store = hostLocalRelease(store, id, 'eth0');
          held.delete(id);
        }
        expect(Object.keys(store?.reserved ?? {}).sort()).toEqual([...held.values()].sort());
      }
    },
  );

  test.prop([fc.integer({ min: 28, max: 30 }), fc.integer({ min: 1, max: 5 })], { numRuns: 100 })(
    'a released address becomes available again once the range wraps',
    (bits, victim) => {
      const ipam = { type: 'host-local', subnet: `192.168.7.0/${bits}` };
      const usable = 2 ** (32 - bits) - 3;
      let store: HostLocalStore | undefined;
      const addresses: string[] = [];
      for (let i = 0; i < usable; i++) {
        const out = hostLocalAllocate(ipam, store, `c${i}`, 'eth0');
        addresses.push(out.result.ips[0]!.address);
        store = out.store;
      }
      expect(() => hostLocalAllocate(ipam, store, 'extra', 'eth0')).toThrow(CniError);
      const k = victim % usable;
      store = hostLocalRelease(store, `c${k}`, 'eth0');
      const again = hostLocalAllocate(ipam, store, 'extra', 'eth0');
      expect(again.result.ips[0]!.address).toBe(addresses[k]);
    },
  );
});

describe('hostLocalAllocate properties — multi-range sets and IPv6', () => {
  const window = fc
    .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
  test.prop([window, window, fc.boolean()], { numRuns: 150 })(
    'walks every address of every range exactly once before exhaustion',
    ([s1, e1], [s2, e2], v6) => {
      const fmt = (net: number, host: number) =>
        v6 ? `fd00:${net}::${host.toString(16)}` : `10.${net}.0.${host}`;
      const subnet = (net: number) => (v6 ? `fd00:${net}::/120` : `10.${net}.0.0/27`);
      const ipam = {
        type: 'host-local',
        ranges: [
          [
            { subnet: subnet(1), rangeStart: fmt(1, s1), rangeEnd: fmt(1, e1) },
            { subnet: subnet(2), rangeStart: fmt(2, s2), rangeEnd: fmt(2, e2) },
          ],
        ],
      };
      // the default gateway (.1 / ::1) is skipped when it falls inside a window
      const expected = e1 - s1 + 1 - (s1 === 1 ? 1 : 0) + (e2 - s2 + 1) - (s2 === 1 ? 1 : 0);
      let store: HostLocalStore | undefined;
      const seen = new Set<string>();
      for (let i = 0; i < 100; i++) {
        let out: ReturnType<typeof hostLocalAllocate>;
        try {
          out = hostLocalAllocate(ipam, store, `c${i}`, 'eth0');
        } catch (error) {
          expect((error as CniError).code).toBe('NO_ADDRESSES_AVAILABLE');
          break;
        }
        const address = out.result.ips[0]!.address;
        expect(seen.has(address)).toBe(false);
        seen.add(address);
        store = out.store;
      }
      expect(seen.size).toBe(expected);
    },
  );
});
