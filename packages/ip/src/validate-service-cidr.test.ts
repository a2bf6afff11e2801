import { describe, expect, it } from 'vitest';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { serviceCidrErrors, validateServiceCidr } from './validate-service-cidr.ts';

const P = (t: string) => parsePrefix(t);
const err = (code: string, message: string, path: readonly (string | number)[]) =>
  expect.objectContaining({ code, message, path });

// cmd/kube-apiserver/app/options/validation.go validateClusterIPFlags (maxCIDRBits = 20)
describe('serviceCidrErrors', () => {
  it('names the flag index, the width and the minimum mask of a too-large range', () => {
    expect(serviceCidrErrors(P('10.0.0.0/11'))).toEqual([
      err(
        'SERVICE_CIDR_TOO_LARGE',
        'specified --service-cluster-ip-range[0] is too large; for 32-bit addresses, the mask must be >= 12 (got 10.0.0.0/11)',
        ['service-cluster-ip-range', 0],
      ),
    ]);
    expect(serviceCidrErrors([P('10.96.0.0/12'), P('fd00::/107')])).toEqual([
      err(
        'SERVICE_CIDR_TOO_LARGE',
        'specified --service-cluster-ip-range[1] is too large; for 128-bit addresses, the mask must be >= 108 (got fd00::/107)',
        ['service-cluster-ip-range', 1],
      ),
    ]);
  });

  it('skips the size limit only when multiCidrAllocator is true', () => {
    expect(serviceCidrErrors(P('10.0.0.0/8'), { multiCidrAllocator: true })).toEqual([]);
    expect(serviceCidrErrors(P('10.0.0.0/8'), { multiCidrAllocator: false }).map((e) => e.code)).toEqual([
      'SERVICE_CIDR_TOO_LARGE',
    ]);
    expect(serviceCidrErrors(P('10.0.0.0/8'), null as never).map((e) => e.code)).toEqual([
      'SERVICE_CIDR_TOO_LARGE',
    ]);
    expect(serviceCidrErrors(P('10.0.0.0/8'), 'x' as never).map((e) => e.code)).toEqual([
      'SERVICE_CIDR_TOO_LARGE',
    ]);
  });

  it('wants at least 8 addresses in each family', () => {
    expect(serviceCidrErrors(P('10.0.0.0/29'))).toEqual([]);
    expect(serviceCidrErrors(P('fd00::/125'))).toEqual([]);
    expect(serviceCidrErrors([P('fd00::/108'), P('10.0.0.0/30')])).toEqual([
      err(
        'SERVICE_CIDR_TOO_SMALL',
        'the service cluster IP range must be at least 8 IP addresses (got 10.0.0.0/30)',
        ['service-cluster-ip-range', 1],
      ),
    ]);
    expect(serviceCidrErrors(P('fd00::/126'))).toEqual([
      err(
        'SERVICE_CIDR_TOO_SMALL',
        'the service cluster IP range must be at least 8 IP addresses (got fd00::/126)',
        ['service-cluster-ip-range', 0],
      ),
    ]);
  });

  it('checks the number and families of the ranges', () => {
    expect(serviceCidrErrors([])).toEqual([
      err('INVALID_PREFIX', '--service-cluster-ip-range must contain at least one valid cidr', []),
    ]);
    expect(serviceCidrErrors([P('10.96.0.0/12'), P('10.112.0.0/12')])).toEqual([
      err(
        'INVALID_DUAL_STACK',
        '--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family',
        ['service-cluster-ip-range'],
      ),
    ]);
    expect(serviceCidrErrors([P('10.96.0.0/12'), P('10.112.0.0/12'), P('10.128.0.0/12')])).toEqual([
      err('INVALID_DUAL_STACK', '--service-cluster-ip-range must not contain more than two entries', [
        'service-cluster-ip-range',
      ]),
    ]);
    expect(serviceCidrErrors(['fd00::/108', '10.96.0.0/12'])).toEqual([]);
    expect(serviceCidrErrors('10.96.0.0/12')).toEqual([]);
  });

  it('throws for an entry that is not a prefix, with its index', () => {
    expect(() => serviceCidrErrors([P('10.96.0.0/12'), 42 as unknown as Prefix])).toThrowError(
      err('INVALID_PREFIX', '--service-cluster-ip-range[1] is not a prefix: 42', [1]),
    );
  });
});

describe('validateServiceCidr', () => {
  it('throws the first error and returns [] when valid', () => {
    expect(validateServiceCidr('10.96.0.0/12')).toEqual([]);
    expect(() => validateServiceCidr([P('10.0.0.0/30'), P('fd00::/64')])).toThrowError(
      err(
        'SERVICE_CIDR_TOO_SMALL',
        'the service cluster IP range must be at least 8 IP addresses (got 10.0.0.0/30)',
        ['service-cluster-ip-range', 0],
      ),
    );
  });
});
