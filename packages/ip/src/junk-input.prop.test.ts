import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import * as ip from './index.ts';

/** Junk of every shape: wrong types, near-miss strings, objects with hostile keys. */
const junk = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1n,
    -1n,
    true,
    [],
    {},
    () => 0,
  ),
  fc.string({ maxLength: 40 }),
  fc.stringMatching(/^[0-9a-fA-F:.%/-]{0,45}$/),
  fc.constantFrom('10.0.0.0/8', '10.0.0.1', '::1', 'fe80::1%eth0', '2001:db8::/32', '10.0.0.1-10.0.0.9'),
  fc.constantFrom(
    JSON.parse('{"__proto__": {"x": 1}}'),
    { constructor: 1 },
    { addr: null, bits: 8 },
    { family: 4 },
  ),
  fc.integer(),
);

type Fn = (...args: unknown[]) => unknown;
const entries: [string, number][] = [
  ['parseAddr', 1],
  ['safeParseAddr', 1],
  ['parsePrefix', 2],
  ['safeParsePrefix', 2],
  ['parseAddrOrPrefix', 2],
  ['safeParseAddrOrPrefix', 2],
  ['parseIPRange', 1],
  ['safeParseIPRange', 1],
  ['nthAddr', 2],
  ['subnets', 2],
  ['nthSubnet', 3],
  ['prefixSize', 1],
  ['prefixSizeNumber', 1],
  ['prefixFirst', 1],
  ['prefixLast', 1],
  ['supernet', 2],
  ['rangeToPrefixes', 2],
  ['addrNext', 1],
  ['addrPrev', 1],
  ['addrAdd', 2],
  ['addrFromUint32', 1],
  ['addrFromBigInt', 2],
  ['mergePrefixes', 1],
  ['excludePrefixes', 2],
  ['ipSetFrom', 1],
  ['serviceCidrLayout', 1],
  ['serviceCidrErrors', 2],
  ['validateServiceCidr', 2],
  ['allocateNodeCidrs', 3],
  ['allocateDualStackNodeCidrs', 3],
  ['newCidrSet', 2],
  ['newClusterIpAllocator', 2],
  ['allocateClusterIp', 2],
  ['releaseClusterIp', 2],
  ['cidrSetOccupy', 2],
  ['validateDualStack', 2],
  ['ipRange', 2],
  ['prefixFrom', 2],
  ['addrToUint32', 1],
  ['addrToBigInt', 1],
];

describe('malformed input gives a typed error, never a TypeError', () => {
  for (const [name, arity] of entries) {
    test.prop([fc.array(junk, { minLength: arity, maxLength: arity })], { numRuns: 150 })(name, (args) => {
      const f = (ip as unknown as Record<string, Fn>)[name] as Fn;
      try {
        const out = f(...args);
        // lazily failing iterables must fail typed as well
        if (name === 'subnets') for (const _ of out as Iterable<unknown>) break;
      } catch (e) {
        expect(ip.isIpError(e)).toBe(true);
        expect(typeof (e as ip.IpError).code).toBe('string');
        expect((e as ip.IpError).code.length).toBeGreaterThan(0);
      }
    });
  }
});
