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

describe('ClusterIP allocator checks and messages', () => {
  const fail = (code: string, message: string) => expect.objectContaining({ code, message, path: [] });

  it('rejects IPv6 Service CIDRs shorter than /64 (ipallocator.go), accepts /64 and any IPv4 size', () => {
    expect(() => newClusterIpAllocator(P('fd00::/63'))).toThrowError(
      fail(
        'SERVICE_CIDR_TOO_LARGE',
        'shortest allowed prefix length for service CIDR is 64, got 63 (fd00::/63)',
      ),
    );
    expect(newClusterIpAllocator(P('fd00::/64')).allocated).toEqual([]);
    expect(newClusterIpAllocator(P('10.0.0.0/8')).seed).toBe(0);
    expect(() => newClusterIpAllocator(null as never)).toThrowError(
      fail('INVALID_PREFIX', 'service CIDR is not a prefix: null'),
    );
  });

  it('checks the seed and keeps it as a uint32', () => {
    expect(() => newClusterIpAllocator(P('10.0.0.0/24'), { seed: 1.5 })).toThrowError(
      fail('OUT_OF_RANGE', 'invalid seed 1.5: must be an integer'),
    );
    expect(() => newClusterIpAllocator(P('10.0.0.0/24'), { seed: '1' as never })).toThrowError(
      fail('OUT_OF_RANGE', 'invalid seed "1": must be an integer'),
    );
    expect(newClusterIpAllocator(P('10.0.0.0/24'), { seed: -1 }).seed).toBe(0xffffffff);
    expect(newClusterIpAllocator(P('10.0.0.0/24'), null as never).seed).toBe(0);
    expect(newClusterIpAllocator(P('10.0.0.0/24'), 7 as never).seed).toBe(0);
  });

  it('checks pre-allocated addresses: usable, same family, no zone; duplicates count once', () => {
    const a = newClusterIpAllocator(P('10.0.0.0/24'), { allocated: ['10.0.0.254', '10.0.0.1', '10.0.0.1'] });
    expect(a.allocated.map(formatAddr)).toEqual(['10.0.0.1', '10.0.0.254']);
    for (const bad of ['10.0.0.0', '10.0.0.255', '::ffff:10.0.0.5', '10.0.1.1']) {
      expect(() => newClusterIpAllocator(P('10.0.0.0/24'), { allocated: [bad] })).toThrowError(
        fail(
          'IP_NOT_IN_RANGE',
          `the provided IP (${bad}) is not in the valid range. The range of valid IPs is 10.0.0.0/24`,
        ),
      );
    }
    expect(() => newClusterIpAllocator(P('fd00::/64'), { allocated: ['fd00::5%eth0'] })).toThrowError(
      fail(
        'IP_NOT_IN_RANGE',
        'the provided IP (fd00::5%eth0) is not in the valid range. The range of valid IPs is fd00::/64',
      ),
    );
    expect(
      newClusterIpAllocator(P('fd00::/64'), { allocated: ['fd00::ffff:ffff:ffff:ffff'] }).allocated,
    ).toHaveLength(1);
    expect(() => newClusterIpAllocator(P('10.0.0.0/24'), { allocated: [42 as never] })).toThrowError(
      fail('INVALID_ADDRESS', 'allocated IP is not an address: 42'),
    );
    expect(newClusterIpAllocator(P('10.0.0.0/24'), { allocated: 'x' as never }).allocated).toEqual([]);
  });

  it('reserves a requested address next to taken ones, and names a taken one', () => {
    const a = newClusterIpAllocator(P('10.96.0.0/24'), { allocated: ['10.96.0.5', '10.96.0.7'] });
    expect(allocateClusterIp(a, '10.96.0.6').allocator.allocated.map(formatAddr)).toEqual([
      '10.96.0.5',
      '10.96.0.6',
      '10.96.0.7',
    ]);
    expect(allocateClusterIp(a, '10.96.0.8').allocator.allocated.map(formatAddr)).toEqual([
      '10.96.0.5',
      '10.96.0.7',
      '10.96.0.8',
    ]);
    expect(allocateClusterIp(a, '10.96.0.4').allocator.seed).toBe(a.seed);
    expect(() => allocateClusterIp(a, '10.96.0.7')).toThrowError(
      fail('IP_ALREADY_ALLOCATED', 'provided IP is already allocated: 10.96.0.7 in 10.96.0.0/24'),
    );
    expect(() => allocateClusterIp(a, '10.96.1.7')).toThrowError(
      fail(
        'IP_NOT_IN_RANGE',
        'the provided IP (10.96.1.7) is not in the valid range. The range of valid IPs is 10.96.0.0/24',
      ),
    );
    expect(() => allocateClusterIp(a, null as never)).toThrowError(
      fail('INVALID_ADDRESS', 'requested ClusterIP is not an address: null'),
    );
  });

  it('says which range is full', () => {
    expect(() => allocateClusterIp(newClusterIpAllocator(P('192.168.1.0/31')))).toThrowError(
      fail('RANGE_FULL', 'range is full: no free ClusterIP left in 192.168.1.0/31'),
    );
  });

  // The generator is mulberry32 (its first output for state 0 is 1144304738 = 0.2664292… · 2^32); the
  // expected addresses come from an independent implementation: dynamic band first + (output mod band size).
  it('picks dynamic addresses from a mulberry32 stream, 1 word per pick below 2^32 addresses, else 2 or 4', () => {
    let a = newClusterIpAllocator(P('10.96.0.0/12'), { seed: 0 });
    const ips: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = allocateClusterIp(a);
      ips.push(formatAddr(r.ip));
      a = r.allocator;
    }
    expect(ips).toEqual(['10.105.0.233', '10.101.158.58', '10.107.245.45']);
    expect(a.seed).toBe(1199730143);
    const r42 = allocateClusterIp(newClusterIpAllocator(P('10.96.0.0/12'), { seed: 42 }));
    expect(formatAddr(r42.ip)).toBe('10.107.161.185');
    const v6 = allocateClusterIp(newClusterIpAllocator(P('fd00::/64'), { seed: 5 }));
    expect(formatAddr(v6.ip)).toBe('fd00::b095:16ac:c5d2:81d0');
    expect(formatAddr(allocateClusterIp(v6.allocator).ip)).toBe('fd00::3842:637e:9f88:a6b6');
    // a hand-made state with a /48 (newClusterIpAllocator refuses it) draws 4 words
    const wide = allocateClusterIp({ cidr: P('fd00::/48'), allocated: [], seed: 0 } as ClusterIpAllocator);
    expect(formatAddr(wide.ip)).toBe('fd00::9c37:396c:d3f1:3bcf:971a');
    expect(wide.allocator.seed).toBe(3031295956);
  });

  it('takes the next free address after a taken one, wrapping to the start of the band', () => {
    // seed 0 starts at 10.105.0.233 in 10.96.0.0/12; block it and its neighbour
    const a = newClusterIpAllocator(P('10.96.0.0/12'), {
      seed: 0,
      allocated: ['10.105.0.233', '10.105.0.234'],
    });
    expect(formatAddr(allocateClusterIp(a).ip)).toBe('10.105.0.235');
    // in a /28 (no static band) with every address but the first taken, any start wraps to it
    const small = newClusterIpAllocator(P('10.0.0.0/28'), {
      seed: 11,
      allocated: Array.from({ length: 13 }, (_, i) => `10.0.0.${i + 2}`),
    });
    expect(formatAddr(allocateClusterIp(small).ip)).toBe('10.0.0.1');
    const lastFree = newClusterIpAllocator(P('10.0.0.0/28'), {
      seed: 11,
      allocated: Array.from({ length: 13 }, (_, i) => `10.0.0.${i + 1}`),
    });
    expect(formatAddr(allocateClusterIp(lastFree).ip)).toBe('10.0.0.14');
  });

  it('checks the state and the released address', () => {
    expect(() => allocateClusterIp(null as never)).toThrowError(
      fail('INVALID_STATE', 'ClusterIP allocator is not a valid state object: null'),
    );
    expect(() => releaseClusterIp({ cidr: P('10.0.0.0/24') } as never, '10.0.0.1')).toThrowError(
      fail('INVALID_STATE', 'ClusterIP allocator is not a valid state object: an object'),
    );
    const a = newClusterIpAllocator(P('10.0.0.0/24'), {
      seed: 3,
      allocated: ['10.0.0.1', '10.0.0.2', '10.0.0.3'],
    });
    expect(() => releaseClusterIp(a, 42 as never)).toThrowError(
      fail('INVALID_ADDRESS', 'released ClusterIP is not an address: 42'),
    );
    const r = releaseClusterIp(a, '10.0.0.2');
    expect(r.allocated.map(formatAddr)).toEqual(['10.0.0.1', '10.0.0.3']);
    expect(r.seed).toBe(3);
    expect(r.cidr).toBe(a.cidr);
  });
});
