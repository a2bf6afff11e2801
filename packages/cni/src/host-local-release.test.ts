import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
import { hostLocalAllocate } from './host-local-allocate.ts';
import { hostLocalRelease } from './host-local-release.ts';
import { hostLocalAddressesOf } from './host-local-store.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';

// containernetworking/plugins plugins/ipam/host-local/backend/disk/backend.go (ReleaseByID)
describe('hostLocalRelease', () => {
  const ipam = { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24' }], [{ subnet: 'fd00::/64' }]] };
  it('releases every address of the container interface, keeps others and the last-reserved markers', () => {
    let { store } = hostLocalAllocate(ipam, undefined, 'a', 'eth0');
    store = hostLocalAllocate(ipam, store, 'a', 'net1').store;
    store = hostLocalAllocate(ipam, store, 'b', 'eth0').store;
    expect(hostLocalAddressesOf(store, 'a', 'eth0')).toEqual(['10.0.0.2', 'fd00::2']);
    const after = hostLocalRelease(store, 'a', 'eth0');
    expect(hostLocalAddressesOf(after, 'a', 'eth0')).toEqual([]);
    expect(hostLocalAddressesOf(after, 'a', 'net1')).toEqual(['10.0.0.3', 'fd00::3']);
    expect(after.lastReserved).toEqual(store.lastReserved);
  });
  it('is idempotent and tolerates an undefined store', () => {
    const { store } = hostLocalAllocate(ipam, undefined, 'a', 'eth0');
    const once = hostLocalRelease(store, 'a', 'eth0');
    expect(hostLocalRelease(once, 'a', 'eth0')).toEqual(once);
    expect(hostLocalRelease(undefined, 'a', 'eth0')).toEqual({ reserved: {}, lastReserved: {} });
    expect(() => hostLocalRelease(store, 5 as never, 'eth0')).toThrow(CniError);
  });
});

// plugins/ipam/host-local/dns.go parseResolvConf
describe('parseResolvConf', () => {
  it('skips comments and short lines, last domain wins', () => {
    expect(parseResolvConf('# c\n; c\nnameserver\ndomain a\ndomain b\n  nameserver 1.1.1.1  \n')).toEqual({
      nameservers: ['1.1.1.1'],
      domain: 'b',
    });
    expect(parseResolvConf('')).toEqual({});
  });
});
