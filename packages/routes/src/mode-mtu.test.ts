import { describe, expect, it } from 'vitest';
import { modeMtu } from './mode-mtu.ts';
import { NETWORK_MODES } from './network-mode.ts';

// flannel vxlan.go encapOverhead = 50; Calico MTU table (tigera docs mtu.mdx); WEAVE_MTU 1376.
describe('modeMtu', () => {
  it('follows the plugins: flannel vxlan −50, Calico IPIP −20, VXLAN −50/−70, Weave 1376', () => {
    expect(NETWORK_MODES.map((m) => modeMtu(m))).toEqual([1500, 1500, 1500, 1450, 1376, 1480, 1450]);
    expect(modeMtu('calico-vxlan', 1500, 6)).toBe(1430);
    expect(modeMtu('flannel-vxlan', 9001)).toBe(8951);
    expect(() => modeMtu('weave', 10)).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
