import { describe, expect, it } from 'vitest';
import { cniAdd } from './cni-chain.ts';
import { defaultConflist } from './default-conflist.ts';
import { flannelSubnetEnv } from './flannel-subnet-env.ts';

// flannel-io/flannel dist/sample_subnet.env, Documentation/backends.md (vxlan MTU = iface MTU − 50)
describe('flannelSubnetEnv', () => {
  it('derives subnet.env for vxlan and host-gw', () => {
    expect(flannelSubnetEnv('10.244.0.0/16', '10.244.1.0/24', 'vxlan')).toEqual({
      network: '10.244.0.0/16',
      subnet: '10.244.1.1/24',
      mtu: 1450,
      ipMasq: true,
    });
    expect(flannelSubnetEnv('10.244.0.0/16', '10.244.2.0/24', 'host-gw').mtu).toBe(1500);
    expect(() => flannelSubnetEnv('x', '10.244.2.0/24', 'vxlan')).toThrow();
  });
  it('feeds cniAdd for a flannel node', () => {
    const add = cniAdd(defaultConflist('flannel-vxlan'), {
      containerId: 'c',
      flannel: flannelSubnetEnv('10.244.0.0/16', '10.244.3.0/24', 'vxlan'),
    });
    expect(add.result.ips?.[0]?.address).toBe('10.244.3.2/24');
  });
});
