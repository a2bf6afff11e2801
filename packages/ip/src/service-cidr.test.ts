import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';
import { parsePrefix } from './parse-prefix.ts';
import { serviceCidrLayout, serviceRangeOffset } from './service-cidr-layout.ts';
import { validateDualStack } from './validate-dual-stack.ts';
import { serviceCidrErrors, validateServiceCidr } from './validate-service-cidr.ts';

const P = (t: string) => parsePrefix(t);
const band = (
  b: { first: Parameters<typeof formatAddr>[0]; last: Parameters<typeof formatAddr>[0] } | null,
) => (b === null ? null : `${formatAddr(b.first)}-${formatAddr(b.last)}`);

describe('serviceCidrLayout (KEP-3070, pkg/registry/core/service/ipallocator)', () => {
  // KEP-3070 offsets: min(max(16, size/16), 256), 0 when size <= 16 (reference note §3).
  it.each([
    ['10.0.0.0/28', 0],
    ['10.0.0.0/27', 16],
    ['10.0.0.0/25', 16], // ipallocator_test.go TestAllocateReservedIPAllocator: "/25 = 128; dynamic block size is 16"
    ['10.0.0.0/24', 16],
    ['10.0.0.0/20', 256],
    ['10.0.0.0/16', 256],
    ['10.96.0.0/12', 256],
    ['10.0.0.0/22', 64],
    ['fd00::/108', 256],
    ['fd00::/120', 16],
    ['fd00::/124', 0],
    ['fd00::/64', 256],
    ['0.0.0.0/1', 0], // k8s.io/utils/net RangeSize is 0 for /0 and /1
    ['0.0.0.0/0', 0],
    ['0.0.0.0/2', 256],
    ['::/1', 0],
    ['::/0', 0],
    ['::/2', 256], // RangeSize saturates at MaxInt64 from 63 host bits on
    ['10.0.0.0/26', 16],
    ['10.0.0.0/23', 32],
    ['10.0.0.0/21', 128],
    ['10.0.0.0/19', 256],
    ['fd00::/123', 16],
    ['fd00::/117', 128],
  ])('%s → offset %i', (cidr, offset) => {
    expect(serviceRangeOffset(P(cidr))).toBe(offset);
    expect(serviceCidrLayout(P(cidr)).offset).toBe(offset);
  });

  it('lays out the kubeadm default 10.96.0.0/12', () => {
    const l = serviceCidrLayout(P('10.96.0.0/12'));
    expect(l.size).toBe(1048576n);
    expect(formatAddr(l.kubernetesIp as never)).toBe('10.96.0.1');
    expect(formatAddr(l.dnsIp as never)).toBe('10.96.0.10'); // kubeadm DefaultClusterDNSIP
    expect(band(l.staticBand)).toBe('10.96.0.1-10.96.1.0');
    expect(band(l.dynamicBand)).toBe('10.96.1.1-10.111.255.254');
    expect(band(l.usable)).toBe('10.96.0.1-10.111.255.254');
  });

  it('uses the last address for IPv6 and broadcast-1 for IPv4', () => {
    const v6 = serviceCidrLayout(P('fd00:10:96::/112'));
    expect(band(v6.usable)).toBe('fd00:10:96::1-fd00:10:96::ffff');
    expect(band(v6.dynamicBand)).toBe('fd00:10:96::101-fd00:10:96::ffff');
    expect(formatAddr(v6.dnsIp as never)).toBe('fd00:10:96::a');
    const v4 = serviceCidrLayout(P('10.0.0.0/24'));
    expect(band(v4.usable)).toBe('10.0.0.1-10.0.0.254');
    expect(band(v4.staticBand)).toBe('10.0.0.1-10.0.0.16');
    expect(band(v4.dynamicBand)).toBe('10.0.0.17-10.0.0.254');
  });

  it('accepts CIDR text and rejects junk with a typed error', () => {
    expect(formatAddr(serviceCidrLayout('10.96.0.0/12').dnsIp as never)).toBe('10.96.0.10');
    expect(() => serviceCidrLayout({} as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX' }),
    );
    expect(() => validateServiceCidr('10.0.0.0/8')).toThrowError(
      expect.objectContaining({ code: 'SERVICE_CIDR_TOO_LARGE' }),
    );
  });

  it('handles tiny prefixes', () => {
    const l28 = serviceCidrLayout(P('10.0.0.0/28'));
    expect(l28.staticBand).toBeNull();
    expect(band(l28.dynamicBand)).toBe('10.0.0.1-10.0.0.14');
    expect(formatAddr(l28.dnsIp as never)).toBe('10.0.0.10');
    expect(band(serviceCidrLayout(P('192.168.1.240/30')).usable)).toBe('192.168.1.241-192.168.1.242');
    const l32 = serviceCidrLayout(P('192.168.1.0/32')); // TestAllocateTinyIPAllocator: nothing free
    expect(l32.usable).toBeNull();
    expect(l32.kubernetesIp).toBeNull();
    expect(l32.dnsIp).toBeNull();
    expect(l32.dynamicBand).toBeNull();
    expect(serviceCidrLayout(P('10.0.0.0/29')).dnsIp).toBeNull();
    expect(formatAddr(serviceCidrLayout(P('fd00::/124')).dnsIp as never)).toBe('fd00::a');
    expect(band(serviceCidrLayout(P('10.0.0.0/27')).dynamicBand)).toBe('10.0.0.17-10.0.0.30');
    expect(band(serviceCidrLayout(P('fd00::/123')).dynamicBand)).toBe('fd00::11-fd00::1f');
    expect(serviceCidrLayout(P('::1/128')).usable).toBeNull();
    expect(serviceCidrLayout(P('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128')).usable).toBeNull();
    expect(band(serviceCidrLayout(P('fd00::/127')).usable)).toBe('fd00::1-fd00::1');
    expect(serviceCidrLayout(P('10.0.0.0/31')).usable).toBeNull();
    const all = serviceCidrLayout(P('::/0'));
    expect(all.staticBand).toBeNull();
    expect(band(all.dynamicBand)).toBe('::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(all.size).toBe(2n ** 128n);
    expect(() => serviceRangeOffset(null as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_PREFIX', message: 'service CIDR is not a prefix: null' }),
    );
  });
});

describe('validateServiceCidr (kube-apiserver validateClusterIPFlags, maxCIDRBits = 20)', () => {
  it('accepts IPv4 up to /12 and IPv6 up to /108', () => {
    expect(validateServiceCidr(P('10.96.0.0/12'))).toEqual([]);
    expect(validateServiceCidr(P('fd00::/108'))).toEqual([]);
    expect(validateServiceCidr([P('10.96.0.0/12'), P('fd00::/108')])).toEqual([]);
    expect(serviceCidrErrors(P('10.0.0.0/24'))).toEqual([]);
  });

  it('rejects larger ranges with the upstream message', () => {
    expect(() => validateServiceCidr(P('10.0.0.0/11'))).toThrowError(
      expect.objectContaining({ code: 'SERVICE_CIDR_TOO_LARGE' }),
    );
    expect(() => validateServiceCidr(P('10.0.0.0/11'))).toThrow(
      'specified --service-cluster-ip-range[0] is too large; for 32-bit addresses, the mask must be >= 12',
    );
    expect(() => validateServiceCidr(P('fd00::/107'))).toThrow(
      'for 128-bit addresses, the mask must be >= 108',
    );
    expect(() => validateServiceCidr(P('fd00::/64'))).toThrowError(
      expect.objectContaining({ code: 'SERVICE_CIDR_TOO_LARGE' }),
    );
    expect(validateServiceCidr(P('fd00::/64'), { multiCidrAllocator: true })).toEqual([]);
  });

  it('checks the dual-stack pair and the minimum size', () => {
    expect(serviceCidrErrors([P('10.96.0.0/12'), P('10.112.0.0/12')]).map((e) => e.code)).toEqual([
      'INVALID_DUAL_STACK',
    ]);
    expect(
      serviceCidrErrors([P('10.96.0.0/12'), P('fd00::/108'), P('fd01::/108')]).map((e) => e.code),
    ).toContain('INVALID_DUAL_STACK');
    expect(serviceCidrErrors(P('10.0.0.0/30')).map((e) => e.code)).toEqual(['SERVICE_CIDR_TOO_SMALL']);
    expect(serviceCidrErrors(P('10.0.0.0/29'))).toEqual([]);
    expect(serviceCidrErrors([]).length).toBe(1);
  });
});

describe('validateDualStack (ValidateServiceClusterIPsRelatedFields)', () => {
  const A = parseAddr;
  it('allows one of each family, at most two', () => {
    expect(validateDualStack([])).toEqual([]);
    expect(validateDualStack([A('10.0.0.1')])).toEqual([]);
    expect(validateDualStack([A('10.0.0.1'), A('2000::1')])).toEqual([]);
    expect(validateDualStack([A('2000::1'), A('10.0.0.1')])).toEqual([]);
  });
  it('rejects two of a family and more than two values', () => {
    const same = validateDualStack([A('10.0.0.1'), A('10.0.0.2')]);
    expect(same.map((e) => e.code)).toEqual(['INVALID_DUAL_STACK']);
    expect(same[0]?.message).toContain('may specify no more than one IP for each IP family');
    expect(same[0]?.path).toEqual(['spec', 'clusterIPs']);
    const three = validateDualStack([A('10.0.0.1'), A('2000::1'), A('10.0.0.2')]);
    expect(three[0]?.message).toContain('may only hold up to 2 values');
    const cidrs = validateDualStack([P('10.0.0.0/16'), P('10.1.0.0/16')], ['spec', 'podCIDRs']);
    expect(cidrs[0]?.message).toContain('i.e 192.168.0.0/24 and 2001:db8::/64');
    expect(cidrs[0]?.path).toEqual(['spec', 'podCIDRs']);
  });
});
