// Run: pnpm vitest bench --run bench/ (from packages/routes). Not part of the test suite.
// 100,000 random IPv4 routes (/8–/32), 1 Mi random uint32 keys per call: hz × 2^20 = lookups/s.
import { addrFromUint32, prefixFrom } from '@podnet/ip';
import { bench, describe } from 'vitest';
import { compileLpm } from '../src/compile-lpm.ts';
import type { Route } from '../src/route.ts';

let seed = 0x9e3779b9;
const rnd = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const routes: Route[] = [];
for (let i = 0; i < 100_000; i++) {
  routes.push({ type: 'unicast', dst: prefixFrom(addrFromUint32(rnd()), 8 + (rnd() % 25)), dev: 'eth0' });
}
const keys = new Uint32Array(1 << 20);
for (let i = 0; i < keys.length; i++) keys[i] = rnd();
const out = new Int32Array(keys.length);
const dir24 = compileLpm(routes, { layout: 'dir-24-8' });
const dir16 = compileLpm(routes, { layout: 'dir-16-8-8' });

describe('lookupBatch, 100k routes, 1 Mi random keys per call', () => {
  bench('DIR-24-8', () => {
    dir24.lookupBatch(keys, out);
  });
  bench('DIR-16-8-8', () => {
    dir16.lookupBatch(keys, out);
  });
});
