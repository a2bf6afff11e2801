// What-if: does a /20 pod CIDR fit 300 nodes? Each node takes one block of --node-cidr-mask-size. With the
// default /24 a /20 holds 2^(24-20) = 16 nodes; /28 gives 256 nodes; only /29 (8 addresses, 5 usable pod IPs
// after network, gateway and broadcast) fits 300 — a real cluster would rather widen the pod CIDR.
import { ip } from '@podnet/cluster';
import { describe, expect, it } from 'vitest';

const podCidr = ip.parsePrefix('10.244.0.0/20');

function fits(maskSize: number, nodes: number): boolean {
  const result = (() => {
    try {
      return ip.allocateNodeCidrs(podCidr, maskSize, nodes);
    } catch (error) {
      if (ip.isIpError(error) && error.code === 'CIDR_EXHAUSTED') return null;
      throw error;
    }
  })();
  return result !== null;
}

describe('a /20 pod CIDR for 300 nodes', () => {
  it('does not fit at /24 (16 nodes), /26 (64) or /28 (256)', () => {
    expect(fits(24, 16)).toBe(true);
    expect(fits(24, 17)).toBe(false);
    expect(fits(26, 300)).toBe(false);
    expect(fits(28, 256)).toBe(true);
    expect(fits(28, 300)).toBe(false);
  });

  it('fits at /29, in order from the start of the range', () => {
    const blocks = ip.allocateNodeCidrs(podCidr, 29, 300);
    expect(blocks).toHaveLength(300);
    expect(ip.formatPrefix(blocks[0]!)).toBe('10.244.0.0/29');
    expect(ip.formatPrefix(blocks[299]!)).toBe('10.244.9.88/29');
  });

  it('while widening the pod CIDR to /15 keeps /24 per node for up to 512 nodes', () => {
    expect(ip.allocateNodeCidrs(ip.parsePrefix('10.244.0.0/15'), 24, 300)).toHaveLength(300);
  });
});
