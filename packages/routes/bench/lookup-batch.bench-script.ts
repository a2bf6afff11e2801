import { addrFromUint32, prefixFrom } from '@podnet/ip';
import { it } from 'vitest';
import { compileLpm } from './index.ts';
import type { Route } from './route.ts';

it('bench', () => {
  let seed = 12345;
  const rnd = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const routes: Route[] = [];
  for (let i = 0; i < 100000; i++) {
    const bits = 8 + (rnd() % 25);
    routes.push({
      type: 'unicast',
      dst: prefixFrom(addrFromUint32(rnd() >>> 0), bits),
      dev: 'eth0',
    } as Route);
  }
  let t = performance.now();
  const lpm = compileLpm(routes, { layout: 'auto' });
  console.log('compile ms', performance.now() - t, lpm.stats);
  const keys = new Uint32Array(1 << 22);
  for (let i = 0; i < keys.length; i++) keys[i] = rnd();
  const out = new Int32Array(keys.length);
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    lpm.lookupBatch(keys, out);
    const ms = performance.now() - t;
    console.log('M lookups/s', keys.length / ms / 1000);
  }
}, 60000);
