import { describe, expect, it } from 'vitest';
import { ProxyError } from '../proxy-error.ts';
import { resolveProxyConfig } from './resolve-proxy-config.ts';
import type { ProxyConfig } from './types.ts';

function thrown(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProxyError) return error;
    throw error;
  }
  throw new Error('expected a ProxyError');
}

const base = { hostname: 'n', nodeIPs: ['192.168.0.2'] };
const resolve = (extra: Record<string, unknown>) =>
  resolveProxyConfig({ ...base, ...extra } as unknown as ProxyConfig);

describe('resolveProxyConfig defaults', () => {
  it('applies kube-proxy defaults when only hostname and nodeIPs are given', () => {
    expect(resolveProxyConfig(base)).toEqual({
      hostname: 'n',
      ipFamily: 'IPv4',
      nodeIPs: ['192.168.0.2'],
      allNodeIPs: ['192.168.0.2'],
      primaryNodeIP: '192.168.0.2',
      localDetector: { mode: 'None' },
      masqueradeAll: false,
      masqueradeBit: 14,
      masqueradeMark: '0x4000',
      nodePortAddresses: [],
      nodePortsMatchAll: true,
      nodePortIPs: [],
      localhostNodePorts: true,
      zone: '',
      preferSameNode: true,
      nfacct: true,
      randomFully: false,
      dropInvalid: true,
    });
  });

  it('treats a missing hostname, nodeIPs and zone as empty', () => {
    const c = resolveProxyConfig({} as ProxyConfig);
    expect([c.hostname, c.nodeIPs, c.allNodeIPs, c.primaryNodeIP, c.zone]).toEqual(['', [], [], '', '']);
  });

  it('passes every boolean option through', () => {
    const c = resolve({
      masqueradeAll: true,
      preferSameNode: false,
      nfacct: false,
      randomFully: true,
      dropInvalid: false,
      localhostNodePorts: false,
      zone: 'zone-a',
    });
    expect([c.masqueradeAll, c.preferSameNode, c.nfacct, c.randomFully, c.dropInvalid]).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(c.localhostNodePorts).toBe(false);
    expect(c.zone).toBe('zone-a');
  });

  it('keeps only node IPs of the proxier family, in order, re-printed as Go prints them', () => {
    const v4 = resolve({ nodeIPs: ['2001:DB8::1', '192.168.0.2', '10.0.0.1'] });
    expect(v4.nodeIPs).toEqual(['192.168.0.2', '10.0.0.1']);
    expect(v4.allNodeIPs).toEqual(['2001:db8::1', '192.168.0.2', '10.0.0.1']);
    expect(v4.primaryNodeIP).toBe('192.168.0.2');
    const v6 = resolve({ ipFamily: 'IPv6', nodeIPs: ['192.168.0.2', '2001:DB8::1'] });
    expect(v6.ipFamily).toBe('IPv6');
    expect(v6.nodeIPs).toEqual(['2001:db8::1']);
    expect(v6.primaryNodeIP).toBe('2001:db8::1');
    // IPv6 never gets localhost NodePorts (pkg/proxy/iptables/proxier.go: only for IPv4).
    expect(v6.localhostNodePorts).toBe(false);
  });

  it.each([
    [0, '0x1'],
    [1, '0x2'],
    [14, '0x4000'],
    [15, '0x8000'],
    [30, '0x40000000'],
    [31, '0x80000000'],
  ])('masqueradeBit %d gives mark %s', (bit, mark) => {
    const c = resolve({ masqueradeBit: bit });
    expect(c.masqueradeBit).toBe(bit);
    expect(c.masqueradeMark).toBe(mark);
  });
});

describe('resolveProxyConfig nodePortAddresses (pkg/proxy/util/nodeport_addresses.go)', () => {
  it('matches all addresses and allows localhost NodePorts when empty', () => {
    const c = resolve({ nodePortAddresses: [] });
    expect([c.nodePortsMatchAll, c.nodePortAddresses, c.nodePortIPs, c.localhostNodePorts]).toEqual([
      true,
      [],
      [],
      true,
    ]);
  });

  it('matches all when only CIDRs of the other family are given', () => {
    const c = resolve({ nodePortAddresses: ['2001:db8::/64'] });
    expect([c.nodePortsMatchAll, c.nodePortAddresses, c.localhostNodePorts]).toEqual([true, [], true]);
  });

  it('matches all on a zero-length CIDR, wherever it is', () => {
    for (const list of [['0.0.0.0/0'], ['10.0.0.0/8', '0.0.0.0/0'], ['0.0.0.0/0', '10.0.0.0/8']]) {
      const c = resolve({ nodePortAddresses: list });
      expect([c.nodePortsMatchAll, c.nodePortAddresses, c.nodePortIPs, c.localhostNodePorts]).toEqual([
        true,
        [],
        [],
        true,
      ]);
    }
  });

  it('keeps this family`s CIDRs (trimmed, canonical) and the local addresses inside them', () => {
    const c = resolve({
      nodeIPs: ['192.168.0.2', '2001:db8::1', '192.168.0.2', '10.1.2.3'],
      nodePortAddresses: [' 192.168.0.0/16 ', '2001:db8::/64'],
    });
    expect(c.nodePortsMatchAll).toBe(false);
    expect(c.nodePortAddresses).toEqual(['192.168.0.0/16']);
    expect(c.nodePortIPs).toEqual(['192.168.0.2']);
    expect(c.localhostNodePorts).toBe(false);
  });

  it.each([
    // [cidr, contains 127.0.0.1 or is a loopback address]
    ['127.0.0.0/8', true],
    ['127.0.0.1/32', true],
    ['127.0.0.2/32', true], // the address is loopback though 127.0.0.1 is outside
    ['126.0.0.0/7', true], // not a loopback address, but contains 127.0.0.1
    ['128.0.0.0/8', false],
    ['10.0.0.0/8', false],
  ])('nodePortAddresses [%s] allows localhost NodePorts: %s', (cidr, loopback) => {
    const c = resolve({ nodePortAddresses: [cidr] });
    expect(c.nodePortsMatchAll).toBe(false);
    expect(c.localhostNodePorts).toBe(loopback);
    expect(c.nodePortIPs.includes('127.0.0.1')).toBe(cidr !== '127.0.0.2/32' && loopback);
  });

  it('localhostNodePorts false wins over a loopback CIDR', () => {
    expect(
      resolve({ nodePortAddresses: ['127.0.0.0/8'], localhostNodePorts: false }).localhostNodePorts,
    ).toBe(false);
  });

  it('lists node IPs then loopback for IPv6 and never enables localhost NodePorts', () => {
    const c = resolve({
      ipFamily: 'IPv6',
      nodeIPs: ['10.0.0.1', '2001:db8::1'],
      nodePortAddresses: ['2001:db8::/64', '::1/128', '10.0.0.0/8'],
    });
    expect(c.nodePortAddresses).toEqual(['2001:db8::/64', '::1/128']);
    expect(c.nodePortIPs).toEqual(['2001:db8::1', '::1']);
    expect(c.localhostNodePorts).toBe(false);
  });

  it("reads 'primary' as the primary node IP of the family", () => {
    const v4 = resolve({
      nodeIPs: ['2001:db8::1', '192.168.0.2', '192.168.1.2'],
      nodePortAddresses: ['primary'],
    });
    expect(v4.nodePortAddresses).toEqual(['192.168.0.2/32']);
    expect(v4.nodePortIPs).toEqual(['192.168.0.2']);
    const v6 = resolve({
      ipFamily: 'IPv6',
      nodeIPs: ['192.168.0.2', '2001:db8::1', '2001:db8::2'],
      nodePortAddresses: ['primary'],
    });
    expect(v6.nodePortAddresses).toEqual(['2001:db8::1/128']);
    expect(v6.nodePortIPs).toEqual(['2001:db8::1']);
    // No node IP of the family: 'primary' adds nothing, so every address matches.
    const none = resolve({ nodeIPs: ['2001:db8::1'], nodePortAddresses: ['primary'] });
    expect([none.nodePortsMatchAll, none.nodePortAddresses]).toEqual([true, []]);
  });
});

describe('resolveProxyConfig local detector', () => {
  it.each([
    [{ clusterCIDR: '10.0.0.0/8' }, { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }],
    [{ clusterCIDR: ' 10.0.0.0/8 , fd00::/64' }, { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }],
    [{ clusterCIDR: '10.0.0.0/8,10.1.0.0/16' }, { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }],
    [{ clusterCIDR: 'fd00::/64' }, { mode: 'None' }],
    [{ clusterCIDR: '' }, { mode: 'None' }],
    [{ clusterCIDR: null }, { mode: 'None' }],
    [
      { ipFamily: 'IPv6', clusterCIDR: '10.0.0.0/8,fd00::/64' },
      { mode: 'ClusterCIDR', cidr: 'fd00::/64' },
    ],
    [{ localDetector: { mode: 'None' }, clusterCIDR: '10.0.0.0/8' }, { mode: 'None' }],
    [
      { localDetector: { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' } },
      { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
    ],
    [
      { localDetector: { mode: 'NodeCIDR', cidr: '10.244.1.0/24' } },
      { mode: 'NodeCIDR', cidr: '10.244.1.0/24' },
    ],
    [{ localDetector: { mode: 'NodeCIDR', cidr: 'fd00::/64' } }, { mode: 'None' }],
    [
      { localDetector: { mode: 'BridgeInterface', interface: 'cbr0' } },
      { mode: 'BridgeInterface', interface: 'cbr0' },
    ],
    [
      { localDetector: { mode: 'InterfaceNamePrefix', prefix: 'veth' } },
      { mode: 'InterfaceNamePrefix', prefix: 'veth' },
    ],
    [
      { localDetector: { mode: 'BridgeInterface', interface: 'br0' }, detectLocalMode: 'NodeCIDR' },
      { mode: 'BridgeInterface', interface: 'br0' },
    ],
    [
      { detectLocalMode: 'ClusterCIDR', clusterCIDR: '10.0.0.0/8' },
      { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' },
    ],
    [{ detectLocalMode: 'NodeCIDR', nodeCIDR: 'fd00::/64' }, { mode: 'None' }],
    [
      { detectLocalMode: 'NodeCIDR', nodeCIDR: '10.244.1.0/24', clusterCIDR: '10.0.0.0/8' },
      { mode: 'NodeCIDR', cidr: '10.244.1.0/24' },
    ],
  ])('%j resolves to %j', (extra, detector) => {
    expect(resolve(extra).localDetector).toEqual(detector);
  });
});

describe('resolveProxyConfig rejects bad config', () => {
  it.each([
    ['null', null, 'INVALID_CONFIG', 'config must be an object', ['config']],
    ['an array', [], 'INVALID_CONFIG', 'config must be an object', ['config']],
    ['a string', 'x', 'INVALID_CONFIG', 'config must be an object', ['config']],
  ])('config %s', (_name, config, code, message, path) => {
    const e = thrown(() => resolveProxyConfig(config as never));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
  });

  it.each([
    [{ hostname: 5 }, 'INVALID_CONFIG', 'config.hostname must be a string', ['config', 'hostname']],
    [
      { ipFamily: 'IPv5' },
      'INVALID_CONFIG',
      `config.ipFamily must be 'IPv4' or 'IPv6', got "IPv5"`,
      ['config', 'ipFamily'],
    ],
    [
      { nodeIPs: '1.2.3.4' },
      'INVALID_CONFIG',
      'config.nodeIPs must be an array of addresses',
      ['config', 'nodeIPs'],
    ],
    [{ nodeIPs: ['1.2.3.4', 'nope'] }, 'INVALID_ADDRESS', 'invalid node IP "nope"', ['config', 'nodeIPs', 1]],
    [
      { masqueradeBit: 32 },
      'INVALID_CONFIG',
      'config.masqueradeBit must be an integer in [0, 31], got 32',
      ['config', 'masqueradeBit'],
    ],
    [
      { masqueradeBit: -1 },
      'INVALID_CONFIG',
      'config.masqueradeBit must be an integer in [0, 31], got -1',
      ['config', 'masqueradeBit'],
    ],
    [
      { masqueradeBit: 1.5 },
      'INVALID_CONFIG',
      'config.masqueradeBit must be an integer in [0, 31], got 1.5',
      ['config', 'masqueradeBit'],
    ],
    [
      { masqueradeBit: '14' },
      'INVALID_CONFIG',
      'config.masqueradeBit must be an integer in [0, 31], got "14"',
      ['config', 'masqueradeBit'],
    ],
    [
      { nodePortAddresses: '0.0.0.0/0' },
      'INVALID_CONFIG',
      'config.nodePortAddresses must be an array of CIDRs',
      ['config', 'nodePortAddresses'],
    ],
    [
      { nodePortAddresses: ['10.0.0.0/8', '10.0.0.0/33'] },
      'INVALID_CIDR',
      'invalid nodePortAddresses CIDR "10.0.0.0/33"',
      ['config', 'nodePortAddresses', 1],
    ],
    [
      { nodePortAddresses: [7] },
      'INVALID_CIDR',
      'invalid nodePortAddresses CIDR 7',
      ['config', 'nodePortAddresses', 0],
    ],
    [{ zone: 1 }, 'INVALID_CONFIG', 'config.zone must be a string', ['config', 'zone']],
    [
      { masqueradeAll: 'yes' },
      'INVALID_CONFIG',
      'config.masqueradeAll must be a boolean, got "yes"',
      ['config', 'masqueradeAll'],
    ],
    [
      { localhostNodePorts: 1 },
      'INVALID_CONFIG',
      'config.localhostNodePorts must be a boolean, got 1',
      ['config', 'localhostNodePorts'],
    ],
    [
      { preferSameNode: null },
      'INVALID_CONFIG',
      'config.preferSameNode must be a boolean, got null',
      ['config', 'preferSameNode'],
    ],
    [
      { nfacct: 'true' },
      'INVALID_CONFIG',
      'config.nfacct must be a boolean, got "true"',
      ['config', 'nfacct'],
    ],
    [
      { randomFully: 0 },
      'INVALID_CONFIG',
      'config.randomFully must be a boolean, got 0',
      ['config', 'randomFully'],
    ],
    [
      { dropInvalid: [] },
      'INVALID_CONFIG',
      'config.dropInvalid must be a boolean, got []',
      ['config', 'dropInvalid'],
    ],
    [
      { clusterCIDR: 8 },
      'INVALID_CONFIG',
      'config.clusterCIDR must be a CIDR string',
      ['config', 'clusterCIDR'],
    ],
    [
      { clusterCIDR: '10.0.0.0/8,x' },
      'INVALID_CIDR',
      'invalid CIDR "x" in config.clusterCIDR',
      ['config', 'clusterCIDR'],
    ],
    [
      { localDetector: 'None' },
      'INVALID_CONFIG',
      'config.localDetector must be an object with a mode',
      ['config', 'localDetector'],
    ],
    [
      { localDetector: [] },
      'INVALID_CONFIG',
      'config.localDetector must be an object with a mode',
      ['config', 'localDetector'],
    ],
    [
      { localDetector: {} },
      'INVALID_CONFIG',
      'config.localDetector must be an object with a mode',
      ['config', 'localDetector'],
    ],
    [
      { localDetector: { mode: 'Magic' } },
      'INVALID_CONFIG',
      'unknown local detector mode "Magic"',
      ['config', 'localDetector', 'mode'],
    ],
    [
      { localDetector: { mode: 'NodeCIDR', cidr: 'bad' } },
      'INVALID_CIDR',
      'invalid CIDR "bad" in config.localDetector.cidr',
      ['config', 'localDetector', 'cidr'],
    ],
    [
      { localDetector: { mode: 'BridgeInterface', interface: '' } },
      'INVALID_CONFIG',
      'config.localDetector.interface must be a non-empty string',
      ['config', 'localDetector', 'interface'],
    ],
    [
      { localDetector: { mode: 'BridgeInterface' } },
      'INVALID_CONFIG',
      'config.localDetector.interface must be a non-empty string',
      ['config', 'localDetector', 'interface'],
    ],
    [
      { localDetector: { mode: 'InterfaceNamePrefix', prefix: '' } },
      'INVALID_CONFIG',
      'config.localDetector.prefix must be a non-empty string',
      ['config', 'localDetector', 'prefix'],
    ],
    [
      { localDetector: { mode: 'InterfaceNamePrefix', prefix: 3 } },
      'INVALID_CONFIG',
      'config.localDetector.prefix must be a non-empty string',
      ['config', 'localDetector', 'prefix'],
    ],
    [
      { detectLocalMode: 'NodeCIDR' },
      'INVALID_CONFIG',
      'config.nodeCIDR is required for detectLocalMode NodeCIDR',
      ['config', 'nodeCIDR'],
    ],
    [
      { detectLocalMode: 'NodeCIDR', nodeCIDR: '' },
      'INVALID_CONFIG',
      'config.nodeCIDR is required for detectLocalMode NodeCIDR',
      ['config', 'nodeCIDR'],
    ],
    [
      { detectLocalMode: 'BridgeInterface', bridgeInterface: '' },
      'INVALID_CONFIG',
      'config.bridgeInterface is required for detectLocalMode BridgeInterface',
      ['config', 'bridgeInterface'],
    ],
    [
      { detectLocalMode: 'InterfaceNamePrefix', interfaceNamePrefix: 1 },
      'INVALID_CONFIG',
      'config.interfaceNamePrefix is required for detectLocalMode InterfaceNamePrefix',
      ['config', 'interfaceNamePrefix'],
    ],
    [
      { detectLocalMode: 'Nope' },
      'INVALID_CONFIG',
      'unknown detectLocalMode "Nope"',
      ['config', 'detectLocalMode'],
    ],
    [
      { detectLocalMode: 'NodeCIDR', nodeCIDR: '10.0.0.0' },
      'INVALID_CIDR',
      'invalid CIDR "10.0.0.0" in config.nodeCIDR',
      ['config', 'nodeCIDR'],
    ],
  ])('%j', (extra, code, message, path) => {
    const e = thrown(() => resolve(extra));
    expect([e.code, e.message, e.path]).toEqual([code, message, path]);
  });
});
