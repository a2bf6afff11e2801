import { describe, expect, it } from 'vitest';
import { allocateDualStackNodeCidrs, allocateNodeCidrs } from './allocate-node-cidrs.ts';
import { formatPrefix } from './format-prefix.ts';
import { parsePrefix } from './parse-prefix.ts';

const P = (t: string) => parsePrefix(t);
const F = (list: readonly Parameters<typeof formatPrefix>[0][]) => list.map(formatPrefix);
const fail = (code: string, message: string, path: readonly (string | number)[] = []) =>
  expect.objectContaining({ code, message, path });

describe('allocateNodeCidrs checks', () => {
  it.each([
    [-1, 'invalid node count -1: must be an integer from 0 to 1048576'],
    [1.5, 'invalid node count 1.5: must be an integer from 0 to 1048576'],
    [1_048_577, 'invalid node count 1048577: must be an integer from 0 to 1048576'],
    ['1', 'invalid node count "1": must be an integer from 0 to 1048576'],
    [Number.NaN, 'invalid node count NaN: must be an integer from 0 to 1048576'],
  ])('rejects the count %s with OUT_OF_RANGE', (count, message) => {
    expect(() => allocateNodeCidrs(P('10.0.0.0/16'), 24, count as number)).toThrowError(
      fail('OUT_OF_RANGE', message),
    );
  });

  it('accepts a count of exactly 1048576 (then runs out of blocks), and exactly the free blocks', () => {
    expect(() => allocateNodeCidrs(P('10.0.0.0/16'), 24, 1_048_576)).toThrowError(
      fail(
        'CIDR_EXHAUSTED',
        'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (1048576 nodes need /24 blocks, 10.0.0.0/16 has 256 free)',
      ),
    );
    expect(F(allocateNodeCidrs(P('10.0.0.0/22'), 24, 3, { occupied: [P('10.0.1.0/24')] }))).toEqual([
      '10.0.0.0/24',
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
    expect(() => allocateNodeCidrs(P('10.0.0.0/22'), 24, 4, { occupied: [P('10.0.1.0/24')] })).toThrowError(
      fail(
        'CIDR_EXHAUSTED',
        'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (4 nodes need /24 blocks, 10.0.0.0/22 has 3 free)',
      ),
    );
  });

  it('skips occupied blocks in order', () => {
    expect(
      F(
        allocateNodeCidrs(P('10.0.0.0/21'), 24, 4, {
          occupied: ['10.0.0.0/24', '10.0.2.0/23', '10.0.5.0/24'],
        }),
      ),
    ).toEqual(['10.0.1.0/24', '10.0.4.0/24', '10.0.6.0/24', '10.0.7.0/24']);
  });

  it('ignores Service CIDRs of the other family or outside the cluster CIDR, and bad option shapes', () => {
    const cluster = P('10.0.0.0/22');
    expect(
      F(allocateNodeCidrs(cluster, 24, 1, { serviceCidrs: [P('fd00::/108'), P('10.96.0.0/12')] })),
    ).toEqual(['10.0.0.0/24']);
    expect(F(allocateNodeCidrs(cluster, 24, 1, { serviceCidrs: ['10.0.0.0/24'] }))).toEqual(['10.0.1.0/24']);
    expect(F(allocateNodeCidrs(cluster, 24, 1, { occupied: [P('fd00::/64')] }))).toEqual(['10.0.0.0/24']);
    expect(F(allocateNodeCidrs(cluster, 24, 1, null as never))).toEqual(['10.0.0.0/24']);
    expect(F(allocateNodeCidrs(cluster, 24, 1, 'x' as never))).toEqual(['10.0.0.0/24']);
    expect(F(allocateNodeCidrs(cluster, 24, 1, { serviceCidrs: 'x', occupied: 'y' } as never))).toEqual([
      '10.0.0.0/24',
    ]);
  });

  it('throws for an occupied CIDR of the cluster family outside the cluster CIDR (cidrset Occupy)', () => {
    expect(() =>
      allocateNodeCidrs(P('10.0.0.0/22'), 24, 1, { occupied: [P('192.168.0.0/24')] }),
    ).toThrowError(fail('OUT_OF_RANGE', 'cidr 192.168.0.0/24 is out the range of cluster cidr 10.0.0.0/22'));
  });

  it('names bad Service and occupied CIDRs', () => {
    expect(() => allocateNodeCidrs(P('10.0.0.0/22'), 24, 1, { serviceCidrs: [42 as never] })).toThrowError(
      fail('INVALID_PREFIX', 'service CIDR is not a prefix: 42'),
    );
    expect(() => allocateNodeCidrs(P('10.0.0.0/22'), 24, 1, { occupied: [null as never] })).toThrowError(
      fail('INVALID_PREFIX', 'occupied CIDR is not a prefix: null'),
    );
    expect(() => allocateNodeCidrs(undefined as never, 24, 1)).toThrowError(
      fail('INVALID_PREFIX', 'cluster CIDR is not a prefix: undefined'),
    );
  });
});

describe('allocateDualStackNodeCidrs checks', () => {
  it('rejects a non-list or empty list of cluster CIDRs', () => {
    expect(() => allocateDualStackNodeCidrs([], [], 1)).toThrowError(
      fail('INVALID_PREFIX', 'expected one or two cluster CIDRs, got an array'),
    );
    expect(() => allocateDualStackNodeCidrs(null as never, [24], 1)).toThrowError(
      fail('INVALID_PREFIX', 'expected one or two cluster CIDRs, got null'),
    );
  });

  it('names a bad cluster CIDR by index', () => {
    expect(() => allocateDualStackNodeCidrs(['10.0.0.0/16', 42 as never], [24, 64], 1)).toThrowError(
      fail('INVALID_PREFIX', 'cluster CIDR 1 is not a prefix: 42', [1]),
    );
  });

  it('rejects two CIDRs of one family with the upstream wording', () => {
    expect(() => allocateDualStackNodeCidrs(['10.0.0.0/16', '10.1.0.0/16'], [24, 24], 1)).toThrowError(
      fail(
        'INVALID_DUAL_STACK',
        'cluster-cidr: Invalid value: ["10.0.0.0/16","10.1.0.0/16"]: may specify no more than one IP for each IP family, i.e 192.168.0.0/24 and 2001:db8::/64',
        ['cluster-cidr'],
      ),
    );
  });

  it('wants one mask size per cluster CIDR', () => {
    expect(() => allocateDualStackNodeCidrs(['10.0.0.0/16', 'fd00::/48'], [24], 1)).toThrowError(
      fail('INVALID_MASK_SIZE', 'expected 2 node CIDR mask size(s), one per cluster CIDR, got an array'),
    );
    expect(() => allocateDualStackNodeCidrs(['10.0.0.0/16'], null as never, 1)).toThrowError(
      fail('INVALID_MASK_SIZE', 'expected 1 node CIDR mask size(s), one per cluster CIDR, got null'),
    );
  });

  it('returns no nodes for a count of 0 and passes options to each family', () => {
    expect(allocateDualStackNodeCidrs(['10.0.0.0/16', 'fd00::/48'], [24, 64], 0)).toEqual([]);
    const out = allocateDualStackNodeCidrs(['fd00::/48', '10.0.0.0/16'], [64, 24], 1, {
      occupied: ['10.0.0.0/24', 'fd00::/64'],
    });
    expect(out.map(F)).toEqual([['fd00:0:0:1::/64', '10.0.1.0/24']]);
  });
});
