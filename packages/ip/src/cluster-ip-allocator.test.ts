import { describe, expect, it } from 'vitest';
import type { Addr } from './addr.ts';
import { addrKey } from './addr-key.ts';
import {
  allocateClusterIp,
  type ClusterIpAllocator,
  newClusterIpAllocator,
  releaseClusterIp,
} from './cluster-ip-allocator.ts';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { prefixContains } from './prefix-contains.ts';

const P = (t: string) => parsePrefix(t);
const A = parseAddr;

function drain(a: ClusterIpAllocator): { ips: Addr[]; allocator: ClusterIpAllocator } {
  const ips: Addr[] = [];
  let cur = a;
  for (;;) {
    try {
      const r = allocateClusterIp(cur);
      ips.push(r.ip);
      cur = r.allocator;
    } catch (e) {
      expect(e).toMatchObject({ code: 'RANGE_FULL' });
      return { ips, allocator: cur };
    }
  }
}

// pkg/registry/core/service/ipallocator/ipallocator_test.go TestAllocateIPAllocator
describe.each([
  {
    name: 'IPv4',
    cidr: '192.168.1.0/24',
    free: 254,
    released: '192.168.1.5',
    outOfRange: ['192.168.0.1', '192.168.1.0', '192.168.1.255', '192.168.2.2'],
    alreadyAllocated: '192.168.1.1',
  },
  {
    name: 'IPv6',
    cidr: '2001:db8:1::/116',
    free: 4095,
    released: '2001:db8:1::5',
    outOfRange: ['2001:db8::1', '2001:db8:1::', '2001:db8:2::2'],
    alreadyAllocated: '2001:db8:1::1',
  },
])('ClusterIP allocator $name (TestAllocateIPAllocator)', (tc) => {
  it('allocates every usable address once, then is full', () => {
    const { ips, allocator } = drain(newClusterIpAllocator(P(tc.cidr), { seed: 7 }));
    expect(ips.length).toBe(tc.free);
    expect(new Set(ips.map(addrKey)).size).toBe(tc.free);
    for (const ip of ips) expect(prefixContains(P(tc.cidr), ip)).toBe(true);
    const released = releaseClusterIp(allocator, A(tc.released));
    expect(released.allocated.length).toBe(tc.free - 1);
    const again = allocateClusterIp(released);
    expect(formatAddr(again.ip)).toBe(tc.released);
    const freed = releaseClusterIp(again.allocator, A(tc.released));
    for (const bad of tc.outOfRange) {
      expect(() => allocateClusterIp(freed, A(bad))).toThrowError(
        expect.objectContaining({ code: 'IP_NOT_IN_RANGE' }),
      );
    }
    expect(() => allocateClusterIp(freed, A(tc.alreadyAllocated))).toThrowError(
      expect.objectContaining({ code: 'IP_ALREADY_ALLOCATED' }),
    );
    expect(allocateClusterIp(freed, A(tc.released)).allocator.allocated.length).toBe(tc.free);
  });
});

describe('ClusterIP allocator', () => {
  it('fills the dynamic band before the static band (TestAllocateReservedIPAllocator)', () => {
    let a = newClusterIpAllocator(P('192.168.1.0/25'), { seed: 3 });
    for (let i = 0; i < 126 - 16; i++) {
      const r = allocateClusterIp(a);
      expect(r.ip.w3 & 0xff).toBeGreaterThanOrEqual(17);
      a = r.allocator;
    }
    for (let i = 1; i <= 16; i++) a = allocateClusterIp(a, A(`192.168.1.${i}`)).allocator;
    expect(() => allocateClusterIp(a)).toThrowError(expect.objectContaining({ code: 'RANGE_FULL' }));
    a = releaseClusterIp(a, A('192.168.1.10'));
    expect(formatAddr(allocateClusterIp(a).ip)).toBe('192.168.1.10');
  });

  it('handles tiny and small ranges (TestAllocateTinyIPAllocator, TestAllocateSmallIPAllocator)', () => {
    expect(() => allocateClusterIp(newClusterIpAllocator(P('192.168.1.0/32')))).toThrowError(
      expect.objectContaining({ code: 'RANGE_FULL' }),
    );
    const { ips } = drain(newClusterIpAllocator(P('192.168.1.240/30')));
    expect(ips.map(formatAddr).sort()).toEqual(['192.168.1.241', '192.168.1.242']);
  });

  it('is reproducible from its seed and plain data', () => {
    const run = (seed: number) => {
      let a = newClusterIpAllocator(P('10.96.0.0/12'), { seed });
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = allocateClusterIp(a);
        out.push(formatAddr(r.ip));
        a = r.allocator;
      }
      return out;
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const a = newClusterIpAllocator(P('10.96.0.0/12'), {
      seed: 9,
      allocated: [A('10.96.0.10'), A('10.96.0.1')],
    });
    expect(a.allocated.map(formatAddr)).toEqual(['10.96.0.1', '10.96.0.10']);
    expect(JSON.parse(JSON.stringify(a)).seed).toBe(9);
  });

  it('works on large IPv6 ranges and rejects too-short IPv6 prefixes', () => {
    const r = allocateClusterIp(newClusterIpAllocator(P('fd00::/64'), { seed: 5 }));
    expect(prefixContains(P('fd00::/64'), r.ip)).toBe(true);
    expect(() => newClusterIpAllocator(P('fd00::/48'))).toThrowError(
      expect.objectContaining({ code: 'SERVICE_CIDR_TOO_LARGE' }),
    );
    expect(() => newClusterIpAllocator(P('10.0.0.0/24'), { allocated: [A('10.0.1.1')] })).toThrowError(
      expect.objectContaining({ code: 'IP_NOT_IN_RANGE' }),
    );
  });

  it('accepts text and rejects junk with typed errors', () => {
    const a = newClusterIpAllocator('10.96.0.0/24', { allocated: ['10.96.0.1'] });
    expect(formatAddr(allocateClusterIp(a, '10.96.0.10').ip)).toBe('10.96.0.10');
    expect(releaseClusterIp(a, '10.96.0.1').allocated).toEqual([]);
    expect(() => allocateClusterIp(a, 42 as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    );
    expect(() => newClusterIpAllocator(undefined as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
  });

  it('releasing an unknown address is a no-op', () => {
    const a = newClusterIpAllocator(P('10.0.0.0/24'));
    expect(releaseClusterIp(a, A('10.0.0.7'))).toBe(a);
  });
});
