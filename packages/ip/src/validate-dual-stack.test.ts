import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { validateDualStack } from './validate-dual-stack.ts';

const A = parseAddr;
const P = (t: string) => parsePrefix(t);
const fail = (code: string, message: string, path: readonly (string | number)[]) =>
  expect.objectContaining({ code, message, path });

// Wording from pkg/apis/core/validation ValidateServiceClusterIPsRelatedFields / validateDualStackIPs.
describe('validateDualStack', () => {
  it('accepts one value, or one value of each family, as addresses, prefixes or text', () => {
    expect(validateDualStack([A('2000::1')])).toEqual([]);
    expect(validateDualStack(['10.0.0.1', 'fd00::1'])).toEqual([]);
    expect(validateDualStack(['fd00::/64', '10.0.0.0/8'])).toEqual([]);
    expect(validateDualStack([P('10.0.0.0/8'), A('fd00::1')])).toEqual([]);
  });

  it('names both values of one family, with the CIDR hint only for prefixes first', () => {
    expect(validateDualStack([A('10.0.0.1'), A('10.0.0.2')])).toEqual([
      fail(
        'INVALID_DUAL_STACK',
        'spec.clusterIPs: Invalid value: ["10.0.0.1","10.0.0.2"]: may specify no more than one IP for each IP family',
        ['spec', 'clusterIPs'],
      ),
    ]);
    expect(validateDualStack(['fd00::/64', 'fd01::/64'], ['spec', 'podCIDRs'])).toEqual([
      fail(
        'INVALID_DUAL_STACK',
        'spec.podCIDRs: Invalid value: ["fd00::/64","fd01::/64"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64',
        ['spec', 'podCIDRs'],
      ),
    ]);
    expect(validateDualStack(['10.0.0.1', '10.0.0.0/8'])[0]?.message).toBe(
      'spec.clusterIPs: Invalid value: ["10.0.0.1","10.0.0.0/8"]: may specify no more than one IP for each IP family',
    );
  });

  it('rejects more than two values (only that error)', () => {
    expect(validateDualStack([A('10.0.0.1'), A('10.0.0.2'), A('10.0.0.3')])).toEqual([
      fail(
        'INVALID_DUAL_STACK',
        'spec.clusterIPs: Invalid value: ["10.0.0.1","10.0.0.2","10.0.0.3"]: may only hold up to 2 values',
        ['spec', 'clusterIPs'],
      ),
    ]);
  });

  it('throws for a non-list, and for a bad item with its index in the path', () => {
    expect(() => validateDualStack(null as never)).toThrowError(
      fail('INVALID_DUAL_STACK', 'expected a list of addresses or prefixes, got null', [
        'spec',
        'clusterIPs',
      ]),
    );
    expect(() => validateDualStack('10.0.0.1' as never, ['status', 'podIPs'])).toThrowError(
      fail('INVALID_DUAL_STACK', 'expected a list of addresses or prefixes, got "10.0.0.1"', [
        'status',
        'podIPs',
      ]),
    );
    expect(() => validateDualStack([A('10.0.0.1'), 42 as unknown as Addr])).toThrowError(
      fail('INVALID_ADDRESS', 'spec.clusterIPs[1] is not an address: 42', ['spec', 'clusterIPs', 1]),
    );
    expect(() => validateDualStack([null as unknown as Addr])).toThrowError(
      fail('INVALID_ADDRESS', 'spec.clusterIPs[0] is not an address: null', ['spec', 'clusterIPs', 0]),
    );
    expect(() => validateDualStack([{ bits: 8 } as unknown as Addr], ['x'])).toThrowError(
      fail('INVALID_PREFIX', 'x[0] is not a prefix: an object', ['x', 0]),
    );
    expect(() => validateDualStack(['10.0.0.1', '10.0.0.300'], ['x'])).toThrowError(
      fail('INVALID_ADDRESS', 'invalid IP address "10.0.0.300": field "300" is greater than 255', ['x', 1]),
    );
    expect(() => validateDualStack(['10.0.0.1/8'], ['x'])).toThrowError(
      expect.objectContaining({ code: 'HOST_BITS_SET', path: ['x', 0] }),
    );
  });

  it('uses the default path when path is not a list', () => {
    expect(validateDualStack([A('10.0.0.1'), A('10.0.0.2')], 'x' as never)[0]?.path).toEqual([
      'spec',
      'clusterIPs',
    ]);
  });
});
