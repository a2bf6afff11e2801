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

describe('modeMtu bounds', () => {
  it('accepts an underlay MTU from 68 (the IPv4 minimum) and names a bad one', () => {
    expect(modeMtu('bridge-static', 68)).toBe(68);
    expect(() => modeMtu('bridge-static', 67)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', message: 'invalid underlay MTU 67' }),
    );
    expect(() => modeMtu('bridge-static', 1500.5)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => modeMtu('bogus' as never)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_MODE', message: 'unknown network mode "bogus"' }),
    );
  });

  it('flannel vxlan subtracts 50 over IPv6 too (vxlan_network.go MTU(): Iface.MTU - encapOverhead)', () => {
    expect(modeMtu('flannel-vxlan', 1500, 6)).toBe(1450);
    expect(modeMtu('calico-ipip', 1500, 6)).toBe(1480);
  });
});
