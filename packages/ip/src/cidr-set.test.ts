import { describe, expect, it } from 'vitest';
import { allocateDualStackNodeCidrs, allocateNodeCidrs } from './allocate-node-cidrs.ts';
import { type CidrSet, cidrSetAllocateNext, cidrSetOccupy, cidrSetRelease, newCidrSet } from './cidr-set.ts';
import { formatPrefix } from './format-prefix.ts';
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { nthSubnet } from './subnets.ts';

// Upstream tests parse with ParseCIDRSloppy, which masks host bits.
const P = (t: string) => parsePrefix(t, { strict: false });

function allocN(set: CidrSet, n: number): { cidrs: Prefix[]; set: CidrSet } {
  const cidrs: Prefix[] = [];
  let s = set;
  for (let i = 0; i < n; i++) {
    const r = cidrSetAllocateNext(s);
    cidrs.push(r.cidr);
    s = r.set;
  }
  return { cidrs, set: s };
}

// pkg/controller/nodeipam/ipam/cidrset/cidr_set_test.go
describe('cidrset', () => {
  it('TestCIDRSetFullyAllocated', () => {
    for (const cidr of ['127.123.234.0/30', 'beef:1234::/30']) {
      const s = newCidrSet(P(cidr), 30);
      const a = cidrSetAllocateNext(s);
      expect(formatPrefix(a.cidr)).toBe(cidr);
      expect(() => cidrSetAllocateNext(a.set)).toThrowError(
        expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
      );
      const b = cidrSetAllocateNext(cidrSetRelease(a.set, a.cidr));
      expect(formatPrefix(b.cidr)).toBe(cidr);
      expect(() => cidrSetAllocateNext(b.set)).toThrow(
        'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
      );
    }
  });

  it.each([
    ['127.123.3.0/16', 24, 0, '127.123.0.0/24'],
    ['127.123.0.0/16', 24, 15, '127.123.15.0/24'],
    ['192.168.5.219/28', 32, 5, '192.168.5.213/32'],
    ['2001:0db8:1234:3::/48', 64, 0, '2001:db8:1234::/64'],
    ['2001:0db8:1234::/48', 64, 15, '2001:db8:1234:f::/64'],
    ['2001:0db8:85a3::8a2e:0370:7334/50', 63, 6425, '2001:db8:85a3:3232::/63'],
    ['2001:0db8::/32', 48, 0, '2001:db8::/48'],
    ['2001:0db8::/32', 48, 15, '2001:db8:f::/48'],
    ['2001:0db8:85a3::8a2e:0370:7334/32', 48, 6425, '2001:db8:1919::/48'],
    ['2001:0db8:1234:ff00::/56', 72, 0, '2001:db8:1234:ff00::/72'],
    ['2001:0db8:1234:ff00::/56', 72, 15, '2001:db8:1234:ff00:f00::/72'],
    ['2001:0db8:1234:ff00::0370:7334/56', 72, 6425, '2001:db8:1234:ff19:1900::/72'],
    ['2001:0db8:1234:0:1234::/80', 96, 0, '2001:db8:1234:0:1234::/96'],
    ['2001:0db8:1234:0:1234::/80', 96, 15, '2001:db8:1234:0:1234:f::/96'],
    ['2001:0db8:1234:ff00::0370:7334/80', 96, 6425, '2001:db8:1234:ff00:0:1919::/96'],
  ])('TestIndexToCIDRBlock %s /%i #%i → %s', (cluster, mask, index, block) => {
    newCidrSet(P(cluster), mask);
    expect(formatPrefix(nthSubnet(P(cluster), mask, index))).toBe(block);
  });

  it('TestCIDRSet_RandomishAllocation and TestCIDRSet_AllocationOccupied', () => {
    for (const cluster of ['127.123.234.0/16', 'beef:1234::/16']) {
      const first = allocN(newCidrSet(P(cluster), 24), 256);
      expect(() => cidrSetAllocateNext(first.set)).toThrowError(
        expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
      );
      let s = first.set;
      for (const c of first.cidrs) s = cidrSetRelease(s, c);
      const again = allocN(s, 256);
      expect(again.cidrs.map(formatPrefix)).toEqual(first.cidrs.map(formatPrefix));
      // occupy the last 128 (twice for the first of them), then allocate the first 128 again
      s = again.set;
      for (const c of first.cidrs) s = cidrSetRelease(s, c);
      for (const c of first.cidrs.slice(128)) s = cidrSetOccupy(s, c);
      s = cidrSetOccupy(s, first.cidrs[128] as Prefix);
      const rest = allocN(s, 128);
      expect(() => cidrSetAllocateNext(rest.set)).toThrowError(
        expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
      );
      expect([...rest.cidrs, ...first.cidrs.slice(128)].map(formatPrefix)).toEqual(
        first.cidrs.map(formatPrefix),
      );
    }
  });

  it('TestDoubleOccupyRelease', () => {
    let s = newCidrSet(P('10.42.0.0/16'), 24);
    const ops: [string, 'occupy' | 'release', number][] = [
      ['10.42.5.0/24', 'occupy', 1],
      ['10.42.9.0/24', 'occupy', 2],
      ['10.42.8.0/22', 'occupy', 5],
      ['10.42.9.0/24', 'occupy', 5],
      ['10.42.9.0/24', 'release', 4],
      ['10.42.9.0/24', 'release', 4],
      ['10.42.4.0/22', 'release', 3],
    ];
    for (const [cidr, op, n] of ops) {
      s = op === 'occupy' ? cidrSetOccupy(s, P(cidr)) : cidrSetRelease(s, P(cidr));
      expect(s.used.length).toBe(n);
    }
    const r = allocN(s, 256 - 3);
    expect(() => cidrSetAllocateNext(r.set)).toThrowError(
      expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
    );
  });

  it.each([
    ['127.0.0.0/8', 16, '127.0.0.0/8', 0, 255],
    ['2001:beef:1200::/40', 48, '2001:beef:1200::/40', 0, 255],
    ['127.0.0.0/8', 16, '127.0.0.0/2', 0, 255],
    ['2001:beef:1200::/40', 48, '2001:beef:1234::/34', 0, 255],
    ['127.0.0.0/8', 16, '127.0.0.0/16', 0, 0],
    ['2001:beef:1200::/40', 48, '2001:beef:1200::/48', 0, 0],
    ['127.0.0.0/8', 32, '127.0.0.0/16', 0, 65535],
    ['2001:beef:1200::/48', 64, '2001:beef:1200::/48', 0, 65535],
    ['127.0.0.0/7', 16, '127.0.0.0/15', 256, 257],
    ['2001:beef:7f00::/39', 48, '2001:beef:7f00::/47', 256, 257],
    ['127.0.0.0/7', 15, '127.0.0.0/15', 128, 128],
    ['2001:beef:7f00::/39', 47, '2001:beef:7f00::/47', 128, 128],
    ['127.0.0.0/7', 18, '127.0.0.0/15', 1024, 1031],
    ['2001:beef:7f00::/39', 50, '2001:beef:7f00::/47', 1024, 1031],
  ])('TestOccupy %s /%i occupy %s → bits %i..%i', (cluster, mask, cidr, begin, end) => {
    const s = cidrSetOccupy(newCidrSet(P(cluster), mask), P(cidr));
    expect(s.used.length).toBe(end - begin + 1);
    expect(s.used[0]).toBe(begin);
    expect(s.used[s.used.length - 1]).toBe(end);
  });

  it.each([
    ['127.0.0.0/8', 16, '127.123.0.0/16', 123],
    ['be00::/8', 16, 'beef::/16', 0xef],
    ['192.168.0.0/16', 24, '192.168.151.0/24', 151],
    ['beef::/16', 24, 'beef:9700::/24', 0x97],
  ])('TestGetBitforCIDR %s /%i %s → %i', (cluster, mask, cidr, bit) => {
    expect(cidrSetOccupy(newCidrSet(P(cluster), mask), P(cidr)).used).toEqual([bit]);
  });

  it('TestGetBitforCIDR errors: out of the cluster range', () => {
    expect(() => cidrSetOccupy(newCidrSet(P('192.168.0.0/16'), 24), P('127.168.224.0/24'))).toThrow(
      'cidr 127.168.224.0/24 is out the range of cluster cidr 192.168.0.0/16',
    );
    expect(() => cidrSetOccupy(newCidrSet(P('beef::/16'), 24), P('2001:db00::/24'))).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
  });

  it('TestCIDRSetv6', () => {
    expect(allocN(newCidrSet(P('127.0.0.0/8'), 32), 2).cidrs.map(formatPrefix)).toEqual([
      '127.0.0.0/32',
      '127.0.0.1/32',
    ]);
    expect(() => newCidrSet(P('beef:1234::/32'), 49)).toThrow(
      'New CIDR set failed; the node CIDR size is too big',
    );
    expect(allocN(newCidrSet(P('2001:beef:1234:369b::/60'), 64), 2).cidrs.map(formatPrefix)).toEqual([
      '2001:beef:1234:3690::/64',
      '2001:beef:1234:3691::/64',
    ]);
  });

  it('is round-robin: a released block is not reused before the others (AllocateNext nextCandidate)', () => {
    const a = allocN(newCidrSet(P('10.0.0.0/16'), 24), 3);
    const s = cidrSetRelease(a.set, a.cidrs[0] as Prefix);
    expect(formatPrefix(cidrSetAllocateNext(s).cidr)).toBe('10.0.3.0/24');
  });
});

describe('allocateNodeCidrs', () => {
  it('returns node blocks in order', () => {
    expect(allocateNodeCidrs(P('10.244.0.0/16'), 24, 3).map(formatPrefix)).toEqual([
      '10.244.0.0/24',
      '10.244.1.0/24',
      '10.244.2.0/24',
    ]);
    expect(allocateNodeCidrs(P('fd00:10:244::/56'), 64, 2).map(formatPrefix)).toEqual([
      'fd00:10:244::/64',
      'fd00:10:244:1::/64',
    ]);
    expect(allocateNodeCidrs(P('10.244.0.0/16'), 24, 0)).toEqual([]);
    expect(allocateNodeCidrs(P('10.244.0.0/16'), 24, 256).length).toBe(256);
  });

  it('accepts CIDR text and rejects non-prefixes with a typed error', () => {
    expect(allocateNodeCidrs('10.244.0.0/16', 24, 1).map(formatPrefix)).toEqual(['10.244.0.0/24']);
    expect(() => allocateNodeCidrs(null as never, 24, 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => allocateNodeCidrs('10.244.0.1/16', 24, 1)).toThrowError(
      expect.objectContaining({ code: 'HOST_BITS_SET' }),
    );
  });

  it('throws on exhaustion (kubernetes#85866: a /24 cluster CIDR with /24 per node)', () => {
    expect(allocateNodeCidrs(P('10.0.0.0/24'), 24, 1).map(formatPrefix)).toEqual(['10.0.0.0/24']);
    expect(() => allocateNodeCidrs(P('10.0.0.0/24'), 24, 2)).toThrowError(
      expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
    );
  });

  it('checks mask sizes like kube-controller-manager', () => {
    // node_ipam_controller.go: "mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size"
    expect(() => allocateNodeCidrs(P('10.0.0.0/26'), 24, 1)).toThrow(
      'mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size',
    );
    expect(() => allocateNodeCidrs(P('10.0.0.0/16'), 33, 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(() => allocateNodeCidrs(P('fd00::/48'), 129, 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(() => allocateNodeCidrs(P('fd00::/47'), 64, 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(allocateNodeCidrs(P('fd00::/48'), 64, 1).map(formatPrefix)).toEqual(['fd00::/64']);
    expect(() => allocateNodeCidrs(P('10.0.0.0/16'), 24.5, 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(() => allocateNodeCidrs(P('10.0.0.0/16'), 24, -1)).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE' }),
    );
  });

  it('skips the Service CIDR when it overlaps (range_allocator filterOutServiceRange)', () => {
    expect(
      allocateNodeCidrs(P('10.0.0.0/16'), 24, 2, { serviceCidrs: [P('10.0.0.0/23')] }).map(formatPrefix),
    ).toEqual(['10.0.2.0/24', '10.0.3.0/24']);
    // node_ipam_controller_test.go "invalid_serviceCIDR_contains_clusterCIDR"
    expect(() =>
      allocateNodeCidrs(P('10.0.0.0/16'), 24, 1, { serviceCidrs: [P('10.0.0.0/8')] }),
    ).toThrowError(expect.objectContaining({ code: 'CIDR_EXHAUSTED' }));
    expect(
      allocateNodeCidrs(P('10.0.0.0/16'), 24, 1, { occupied: [P('10.0.0.0/24')] }).map(formatPrefix),
    ).toEqual(['10.0.1.0/24']);
  });
});

describe('allocateDualStackNodeCidrs', () => {
  it('gives every node one block per family, in cluster-CIDR order', () => {
    const out = allocateDualStackNodeCidrs([P('10.244.0.0/16'), P('fd00:10:244::/56')], [24, 64], 2);
    expect(out.map((c) => c.map(formatPrefix))).toEqual([
      ['10.244.0.0/24', 'fd00:10:244::/64'],
      ['10.244.1.0/24', 'fd00:10:244:1::/64'],
    ]);
    expect(allocateDualStackNodeCidrs(['fd00::/48'], [64], 1).map((c) => c.map(formatPrefix))).toEqual([
      ['fd00::/64'],
    ]);
  });

  it('rejects two CIDRs of one family, missing masks and exhaustion', () => {
    expect(() => allocateDualStackNodeCidrs([P('10.0.0.0/16'), P('10.1.0.0/16')], [24, 24], 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_DUAL_STACK' }),
    );
    expect(() => allocateDualStackNodeCidrs([P('10.0.0.0/16'), P('fd00::/48')], [24], 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_MASK_SIZE' }),
    );
    expect(() => allocateDualStackNodeCidrs([P('10.0.0.0/24'), P('fd00::/48')], [24, 64], 2)).toThrowError(
      expect.objectContaining({ code: 'CIDR_EXHAUSTED' }),
    );
    expect(() => allocateDualStackNodeCidrs([], [], 1)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
  });
});

describe('cidrset checks and bookkeeping', () => {
  const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

  it.each([
    ['10.0.0.0/16', 33, 'invalid node CIDR mask size 33 for 10.0.0.0/16: must be an integer up to 32'],
    ['10.0.0.0/16', 24.5, 'invalid node CIDR mask size 24.5 for 10.0.0.0/16: must be an integer up to 32'],
    ['10.0.0.0/16', '24', 'invalid node CIDR mask size "24" for 10.0.0.0/16: must be an integer up to 32'],
    ['fd00::/112', 129, 'invalid node CIDR mask size 129 for fd00::/112: must be an integer up to 128'],
    [
      '10.0.0.0/16',
      15,
      'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family (cluster CIDR 10.0.0.0/16, node mask /15)',
    ],
    [
      '0.0.0.0/0',
      -1,
      'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family (cluster CIDR 0.0.0.0/0, node mask /-1)',
    ],
    [
      'beef::/32',
      49,
      'New CIDR set failed; the node CIDR size is too big (cluster CIDR beef::/32, node mask /49: at most 16 bits longer for IPv6)',
    ],
    [
      '10.0.0.0/7',
      32,
      "node CIDR mask /32 is more than 24 bits longer than the cluster CIDR 10.0.0.0/7 (over 16M node blocks; podnet's limit, kube-controller-manager has none for IPv4)",
    ],
  ])('newCidrSet(%s, %s) throws INVALID_MASK_SIZE', (cluster, mask, message) => {
    expect(() => newCidrSet(P(cluster), mask as number)).toThrowError(fail('INVALID_MASK_SIZE', message));
  });

  it('accepts the limits: the cluster mask itself, 16 bits for IPv6, 24 bits for IPv4', () => {
    expect(newCidrSet(P('10.0.0.0/16'), 16)).toMatchObject({
      maxCidrs: 1,
      nodeMaskSize: 16,
      used: [],
      nextCandidate: 0,
    });
    expect(newCidrSet(P('10.0.0.0/16'), 32).maxCidrs).toBe(65536);
    expect(newCidrSet(P('beef::/32'), 48).maxCidrs).toBe(65536);
    expect(newCidrSet(P('10.0.0.0/8'), 25).maxCidrs).toBe(2 ** 17);
    expect(newCidrSet(P('10.0.0.0/8'), 32).maxCidrs).toBe(2 ** 24);
    expect(newCidrSet('10.0.0.0/8', 16).clusterCidr).toEqual(P('10.0.0.0/8'));
    expect(() => newCidrSet(null as never, 24)).toThrowError(
      fail('INVALID_PREFIX', 'cluster CIDR is not a prefix: null'),
    );
  });

  it('reports exhaustion with the cluster CIDR and the node mask', () => {
    const a = cidrSetAllocateNext(newCidrSet(P('127.123.234.0/30'), 30));
    expect(() => cidrSetAllocateNext(a.set)).toThrowError(
      fail(
        'CIDR_EXHAUSTED',
        'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range (cluster CIDR 127.123.234.0/30, /30 per node)',
      ),
    );
  });

  it('goes round-robin and wraps to the first free block', () => {
    const full = allocN(newCidrSet(P('10.0.0.0/28'), 30), 4);
    expect(full.cidrs.map(formatPrefix)).toEqual([
      '10.0.0.0/30',
      '10.0.0.4/30',
      '10.0.0.8/30',
      '10.0.0.12/30',
    ]);
    expect(full.set.nextCandidate).toBe(0);
    // free blocks 0 and 1; the next search starts at 0
    let s = cidrSetRelease(cidrSetRelease(full.set, P('10.0.0.4/30')), P('10.0.0.0/30'));
    expect(s.used).toEqual([2, 3]);
    const first = cidrSetAllocateNext(s);
    expect(formatPrefix(first.cidr)).toBe('10.0.0.0/30');
    expect(first.set.nextCandidate).toBe(1);
    // start at a used block near the end: skip 2 and 3, wrap to 0, then find 1
    s = { ...cidrSetRelease(first.set, P('10.0.0.0/30')), nextCandidate: 2 };
    const wrapped = cidrSetAllocateNext(s);
    expect(formatPrefix(wrapped.cidr)).toBe('10.0.0.0/30');
    expect(wrapped.set.used).toEqual([0, 2, 3]);
    const last = cidrSetAllocateNext({ ...s, used: [0, 2, 3], nextCandidate: 3 });
    expect(formatPrefix(last.cidr)).toBe('10.0.0.4/30');
    expect(last.set.used).toEqual([0, 1, 2, 3]);
  });

  it('occupy merges ranges without duplicates; release frees exactly the touched blocks', () => {
    let s = newCidrSet(P('10.42.0.0/16'), 24);
    s = cidrSetOccupy(s, P('10.42.5.0/24'));
    s = cidrSetOccupy(s, P('10.42.20.0/24'));
    s = cidrSetOccupy(s, P('10.42.9.0/24'));
    expect(s.used).toEqual([5, 9, 20]);
    s = cidrSetOccupy(s, P('10.42.8.0/22'));
    expect(s.used).toEqual([5, 8, 9, 10, 11, 20]);
    s = cidrSetOccupy(s, '10.42.11.0/24');
    expect(s.used).toEqual([5, 8, 9, 10, 11, 20]);
    expect(cidrSetRelease(s, P('10.42.9.0/24')).used).toEqual([5, 8, 10, 11, 20]);
    expect(cidrSetRelease(s, P('10.42.8.0/24')).used).toEqual([5, 9, 10, 11, 20]);
    expect(cidrSetRelease(s, P('10.42.11.0/24')).used).toEqual([5, 8, 9, 10, 20]);
    expect(cidrSetRelease(s, '10.42.8.0/23').used).toEqual([5, 10, 11, 20]);
    expect(cidrSetRelease(s, P('10.0.0.0/8')).used).toEqual([]);
    expect(cidrSetOccupy(s, P('10.42.8.128/25')).used).toEqual([5, 8, 9, 10, 11, 20]);
    expect(cidrSetOccupy(newCidrSet(P('10.42.0.0/16'), 24), P('10.42.7.128/25')).used).toEqual([7]);
    expect(s.nextCandidate).toBe(0);
  });

  it('finds IPv6 block indexes in every word', () => {
    expect(cidrSetOccupy(newCidrSet(P('fd00::/112'), 120), P('fd00::ab00/120')).used).toEqual([0xab]);
    expect(cidrSetOccupy(newCidrSet(P('fd00::/80'), 96), P('fd00::1234:0:0/96')).used).toEqual([0x1234]);
    expect(cidrSetOccupy(newCidrSet(P('fd00::/48'), 64), P('fd00:0:0:ff::/64')).used).toEqual([0xff]);
    expect(cidrSetOccupy(newCidrSet(P('fd00::/48'), 64), P('fd00:0:0:ff::/68')).used).toEqual([0xff]);
    expect(cidrSetOccupy(newCidrSet(P('fd00::/48'), 64), P('fd00:0:0:fe::/63')).used).toEqual([0xfe, 0xff]);
  });

  it('rejects CIDRs outside the cluster CIDR or of the other family', () => {
    const s = newCidrSet(P('10.0.0.0/16'), 24);
    expect(() => cidrSetOccupy(s, P('::/0'))).toThrowError(
      fail('OUT_OF_RANGE', 'cidr ::/0 is out the range of cluster cidr 10.0.0.0/16'),
    );
    expect(() => cidrSetRelease(s, P('10.1.0.0/24'))).toThrowError(
      fail('OUT_OF_RANGE', 'cidr 10.1.0.0/24 is out the range of cluster cidr 10.0.0.0/16'),
    );
    expect(() => cidrSetOccupy(newCidrSet(P('::/64'), 72), P('0.0.0.0/0'))).toThrowError(
      fail('OUT_OF_RANGE', 'cidr 0.0.0.0/0 is out the range of cluster cidr ::/64'),
    );
    expect(() => cidrSetOccupy(s, 42 as never)).toThrowError(
      fail('INVALID_PREFIX', 'CIDR is not a prefix: 42'),
    );
  });

  it.each([
    [null, 'null'],
    [42, '42'],
    [{ used: [] }, 'an object'],
    [{ clusterCidr: null, used: [] }, 'an object'],
    [{ clusterCidr: 'x', used: [] }, 'an object'],
    [{ clusterCidr: { bits: '8', addr: { family: 4 } }, used: [] }, 'an object'],
    [{ clusterCidr: { bits: 8, addr: null }, used: [] }, 'an object'],
    [{ clusterCidr: { bits: 8 }, used: [] }, 'an object'],
    [{ clusterCidr: { bits: 8, addr: { family: 5 } }, used: [] }, 'an object'],
    [{ clusterCidr: { bits: 8, addr: { family: 4 } }, used: 'x' }, 'an object'],
  ])('rejects the state %j with INVALID_STATE', (state, shown) => {
    const message = `CIDR set is not a valid state object: ${shown}`;
    expect(() => cidrSetAllocateNext(state as never)).toThrowError(fail('INVALID_STATE', message));
    expect(() => cidrSetOccupy(state as never, P('10.0.0.0/24'))).toThrowError(
      fail('INVALID_STATE', message),
    );
    expect(() => cidrSetRelease(state as never, P('10.0.0.0/24'))).toThrowError(
      fail('INVALID_STATE', message),
    );
  });

  it('accepts a state object of either family', () => {
    const v6 = { ...newCidrSet(P('fd00::/64'), 64) };
    expect(formatPrefix(cidrSetAllocateNext(v6).cidr)).toBe('fd00::/64');
  });
});
