import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Addr } from './addr.ts';
import { addrFromBigInt, addrToBigInt } from './addr-bigint.ts';
import { addrFromUint32 } from './addr-uint32.ts';
import { compareAddr } from './compare-addr.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { parseAddr, safeParseAddr } from './parse-addr.ts';
import { parsePrefix, safeParsePrefix } from './parse-prefix.ts';
import { prefixFrom } from './prefix.ts';
import { prefixContains } from './prefix-contains.ts';

const v4 = fc.integer({ min: 0, max: 0xffffffff }).map(addrFromUint32);
const v6 = fc
  .tuple(
    fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
    fc.constantFrom('', '', '', 'eth0', '1', 'Z'),
    fc.constantFrom('any', 'mapped', 'sparse'),
  )
  .map(([n, zone, shape]) => {
    let v = n;
    if (shape === 'mapped') v = (0xffffn << 32n) | (n & 0xffffffffn);
    if (shape === 'sparse') v = n & 0xffff0000ffff00000000ffff0000ffffn;
    return addrFromBigInt(v, 6, zone);
  });
const addr: fc.Arbitrary<Addr> = fc.oneof(v4, v6);

describe('parse(format(x)) = x', () => {
  test.prop([addr], { numRuns: 500 })('addresses', (a) => {
    const text = formatAddr(a);
    expect(compareAddr(parseAddr(text), a)).toBe(0);
  });

  test.prop([addr, fc.integer({ min: 0, max: 128 })], { numRuns: 500 })('prefixes', (a, n) => {
    const bits = a.family === 4 ? n % 33 : n;
    const p = prefixFrom(a.family === 6 ? addrFromBigInt(addrToBigInt(a), 6) : a, bits);
    const back = parsePrefix(formatPrefix(p));
    expect(back.bits).toBe(p.bits);
    expect(compareAddr(back.addr, p.addr)).toBe(0);
    expect(prefixContains(p, back)).toBe(true);
  });

  test.prop([fc.string({ maxLength: 50 })], { numRuns: 500 })('arbitrary strings never crash', (s) => {
    const r = safeParseAddr(s);
    if (r.ok) expect(typeof formatAddr(r.value)).toBe('string');
    else expect(r.error.code).toBe('INVALID_ADDRESS');
    const q = safeParsePrefix(s);
    if (!q.ok) expect(['INVALID_PREFIX', 'HOST_BITS_SET']).toContain(q.error.code);
  });

  test.prop([fc.stringMatching(/^[0-9a-fA-F:.%]{0,45}$/)], { numRuns: 500 })(
    'address-like strings round-trip',
    (s) => {
      const r = safeParseAddr(s);
      if (r.ok) expect(compareAddr(parseAddr(formatAddr(r.value)), r.value)).toBe(0);
    },
  );
});
