import { fc, test } from '@fast-check/vitest';
import { type Addr, addrFromUint32, prefixFirst, prefixFrom, prefixLast } from '@podnet/ip';
import { describe, expect } from 'vitest';
import { compileLpm } from './compile-lpm.ts';
import { anyAddr, selectionRoute } from './internal/arbitraries.ts';
import { buildRoute } from './internal/build-route.ts';
import type { Route } from './route.ts';
import { selectRouteIndex } from './select-route.ts';

// Fixed seeds: @fast-check/vitest names each test `<label> (with seed=N)`, so a random seed renames
// the test on every run and Stryker's per-test coverage can no longer find it to re-run against a mutant.

// Reference: a linear scan over the route array (selectRouteIndex, the core of selectRoute).
function probes(routes: readonly Route[], extra: readonly Addr[]): Addr[] {
  const out: Addr[] = [...extra];
  for (const r of routes) {
    const first = prefixFirst(r.dst);
    const last = prefixLast(r.dst);
    out.push(first, last);
    if (first.family === 4) {
      out.push(
        addrFromUint32(((first.w3 >>> 0) + 0xffffffff) >>> 0),
        addrFromUint32(((last.w3 >>> 0) + 1) >>> 0),
      );
    }
  }
  return out;
}

describe('compileLpm agrees with the linear-scan reference', () => {
  test.prop([fc.array(selectionRoute, { maxLength: 40 }), fc.array(anyAddr, { maxLength: 20 })], {
    numRuns: 200,
    seed: 101,
  })('DIR-16-8-8 and the IPv6 interval table', (routes, extra) => {
    const lpm = compileLpm(routes, { layout: 'dir-16-8-8' });
    const keys: number[] = [];
    const want: number[] = [];
    for (const a of probes(routes, extra)) {
      const ref = selectRouteIndex(routes, a, undefined);
      expect(lpm.lookupIndex(a)).toBe(ref);
      expect(lpm.lookup(a)).toBe(ref < 0 ? undefined : routes[ref]);
      if (a.family === 4) {
        keys.push(a.w3 >>> 0);
        want.push(ref);
      }
    }
    expect(Array.from(lpm.lookupBatch(Uint32Array.from(keys)))).toEqual(want);
  });

  test.prop([fc.array(selectionRoute, { maxLength: 30 }), fc.array(anyAddr, { maxLength: 10 })], {
    numRuns: 10,
    seed: 102,
  })('DIR-24-8', (routes, extra) => {
    const lpm = compileLpm(routes, { layout: 'dir-24-8' });
    expect(lpm.stats.layout).toBe('dir-24-8');
    for (const a of probes(routes, extra)) {
      expect(lpm.lookupIndex(a)).toBe(selectRouteIndex(routes, a, undefined));
    }
  });

  // Hundreds of long prefixes make the group array grow while it is being filled.
  const longV4 = fc
    .tuple(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 17, max: 32 }),
      fc.constantFrom(0x0a000000, 0),
    )
    .map(([n, bits, base]) =>
      buildRoute({ dst: prefixFrom(addrFromUint32((base | (n & 0x00ffffff)) >>> 0), bits), dev: 'x' }),
    );
  test.prop(
    [
      fc.array(longV4, { minLength: 100, maxLength: 300 }),
      fc.constantFrom('dir-16-8-8' as const, 'dir-24-8' as const),
    ],
    { numRuns: 6, seed: 103 },
  )('many long prefixes (group growth)', (routes, layout) => {
    const lpm = compileLpm(routes, { layout });
    const probe = probes(routes, []);
    const got = lpm.lookupBatch(Uint32Array.from(probe, (a) => a.w3 >>> 0));
    probe.forEach((a, i) => {
      expect(got[i]).toBe(selectRouteIndex(routes, a, undefined));
    });
  });

  test.prop([fc.array(selectionRoute, { maxLength: 30 }), fc.array(anyAddr, { maxLength: 10 })], {
    numRuns: 100,
    seed: 104,
  })('a single table on request', (routes, extra) => {
    const lpm = compileLpm(routes, { table: '100', layout: 'dir-16-8-8' });
    for (const a of probes(routes, extra)) {
      expect(lpm.lookupIndex(a)).toBe(selectRouteIndex(routes, a, { table: '100' }));
    }
  });
});
