import { describe, expect, it } from 'vitest';
import { portmapChains } from './portmap-chains.ts';
import type { PortMapping } from './runtime-config-schema.ts';

// containernetworking/plugins plugins/meta/portmap/portmap_iptables_test.go
const containerID =
  'icee6giejonei6sohng6ahngee7laquohquee9shiGo7fohferakah3Feiyoolu2pei7ciPhoh7shaoX6vai3vuf0ahfaeng8yohb9ceu0daez5hashee8ooYai5wa3y';
const mappings: PortMapping[] = [
  { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
  { hostPort: 8081, containerPort: 80, protocol: 'tcp' },
  { hostPort: 8080, containerPort: 81, protocol: 'udp' },
  { hostPort: 8082, containerPort: 82, protocol: 'udp' },
  { hostPort: 8083, containerPort: 83, protocol: 'tcp', hostIP: '192.168.0.2' },
  { hostPort: 8084, containerPort: 84, protocol: 'tcp', hostIP: '0.0.0.0' },
  { hostPort: 8085, containerPort: 85, protocol: 'tcp', hostIP: '2001:db8:a::1' },
  { hostPort: 8086, containerPort: 86, protocol: 'tcp', hostIP: '::' },
];
const conf = { type: 'portmap', snat: true, conditionsV4: ['-a', 'b'], conditionsV6: ['-c', 'd'] };
const comment = `dnat name: "test" id: "${containerID}"`;

describe('portmapChains — portmap_iptables_test.go "generates a correct standard container chain"', () => {
  it('IPv4 10.0.0.2/24', () => {
    const chains = portmapChains(conf, mappings, {
      netName: 'test',
      containerId: containerID,
      containerAddress: '10.0.0.2/24',
    });
    const dn = chains[1]!;
    expect(dn.name).toBe('CNI-DN-67e92b96e692a494b6b85');
    expect(dn.entryChains).toEqual(['CNI-HOSTPORT-DNAT']);
    expect(dn.entryRules).toEqual([
      [
        '-m',
        'comment',
        '--comment',
        comment,
        '-m',
        'multiport',
        '-p',
        'tcp',
        '--destination-ports',
        '8080,8081,8083,8084,8085,8086',
        '-a',
        'b',
      ],
      [
        '-m',
        'comment',
        '--comment',
        comment,
        '-m',
        'multiport',
        '-p',
        'udp',
        '--destination-ports',
        '8080,8082',
        '-a',
        'b',
      ],
    ]);
    expect(dn.rules).toEqual([
      ['-p', 'tcp', '--dport', '8080', '-s', '10.0.0.2/24', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8080', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.0.0.2:80'],
      ['-p', 'tcp', '--dport', '8081', '-s', '10.0.0.2/24', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8081', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8081', '-j', 'DNAT', '--to-destination', '10.0.0.2:80'],
      ['-p', 'udp', '--dport', '8080', '-s', '10.0.0.2/24', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8080', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.0.0.2:81'],
      ['-p', 'udp', '--dport', '8082', '-s', '10.0.0.2/24', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8082', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8082', '-j', 'DNAT', '--to-destination', '10.0.0.2:82'],
      [
        '-p',
        'tcp',
        '--dport',
        '8083',
        '-d',
        '192.168.0.2',
        '-s',
        '10.0.0.2/24',
        '-j',
        'CNI-HOSTPORT-SETMARK',
      ],
      ['-p', 'tcp', '--dport', '8083', '-d', '192.168.0.2', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8083', '-d', '192.168.0.2', '-j', 'DNAT', '--to-destination', '10.0.0.2:83'],
      ['-p', 'tcp', '--dport', '8084', '-s', '10.0.0.2/24', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8084', '-s', '127.0.0.1', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8084', '-j', 'DNAT', '--to-destination', '10.0.0.2:84'],
    ]);
  });

  it('IPv6 2001:db8::2/64', () => {
    const dn = portmapChains(conf, mappings, {
      netName: 'test',
      containerId: containerID,
      containerAddress: '2001:db8::2/64',
    })[1]!;
    expect(dn.rules).toEqual([
      ['-p', 'tcp', '--dport', '8080', '-s', '2001:db8::2/64', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '[2001:db8::2]:80'],
      ['-p', 'tcp', '--dport', '8081', '-s', '2001:db8::2/64', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8081', '-j', 'DNAT', '--to-destination', '[2001:db8::2]:80'],
      ['-p', 'udp', '--dport', '8080', '-s', '2001:db8::2/64', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '[2001:db8::2]:81'],
      ['-p', 'udp', '--dport', '8082', '-s', '2001:db8::2/64', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'udp', '--dport', '8082', '-j', 'DNAT', '--to-destination', '[2001:db8::2]:82'],
      [
        '-p',
        'tcp',
        '--dport',
        '8085',
        '-d',
        '2001:db8:a::1',
        '-s',
        '2001:db8::2/64',
        '-j',
        'CNI-HOSTPORT-SETMARK',
      ],
      [
        '-p',
        'tcp',
        '--dport',
        '8085',
        '-d',
        '2001:db8:a::1',
        '-j',
        'DNAT',
        '--to-destination',
        '[2001:db8::2]:85',
      ],
      ['-p', 'tcp', '--dport', '8086', '-s', '2001:db8::2/64', '-j', 'CNI-HOSTPORT-SETMARK'],
      ['-p', 'tcp', '--dport', '8086', '-j', 'DNAT', '--to-destination', '[2001:db8::2]:86'],
    ]);
    expect(dn.entryRules[0]!.slice(-2)).toEqual(['-c', 'd']);
  });

  it('without snat only DNAT rules remain, and no mark chains', () => {
    const chains = portmapChains({ ...conf, snat: false }, mappings, {
      netName: 'test',
      containerId: containerID,
      containerAddress: '10.0.0.2/24',
    });
    expect(chains.map((c) => c.name)).toEqual(['CNI-HOSTPORT-DNAT', 'CNI-DN-67e92b96e692a494b6b85']);
    expect(chains[1]!.rules).toEqual([
      ['-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.0.0.2:80'],
      ['-p', 'tcp', '--dport', '8081', '-j', 'DNAT', '--to-destination', '10.0.0.2:80'],
      ['-p', 'udp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.0.0.2:81'],
      ['-p', 'udp', '--dport', '8082', '-j', 'DNAT', '--to-destination', '10.0.0.2:82'],
      ['-p', 'tcp', '--dport', '8083', '-d', '192.168.0.2', '-j', 'DNAT', '--to-destination', '10.0.0.2:83'],
      ['-p', 'tcp', '--dport', '8084', '-j', 'DNAT', '--to-destination', '10.0.0.2:84'],
    ]);
  });

  it('generates a correct chain with external mark', () => {
    const dn = portmapChains(
      { type: 'portmap', externalSetMarkChain: 'PLZ-SET-MARK', conditionsV4: ['-a', 'b'] },
      [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      { netName: 'test', containerId: containerID, containerAddress: '10.0.0.2/24' },
    )[1]!;
    expect(dn.rules).toEqual([
      ['-p', 'tcp', '--dport', '8080', '-s', '10.0.0.2/24', '-j', 'PLZ-SET-MARK'],
      ['-p', 'tcp', '--dport', '8080', '-s', '127.0.0.1', '-j', 'PLZ-SET-MARK'],
      ['-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.0.0.2:80'],
    ]);
  });

  it('generates the top-level and mark chains (mark bit 5 → 0x20/0x20)', () => {
    const chains = portmapChains({ type: 'portmap', markMasqBit: 5 }, [], {
      netName: 'n',
      containerId: 'c',
      containerAddress: '10.0.0.2/24',
    });
    expect(chains[0]).toEqual({
      table: 'nat',
      name: 'CNI-HOSTPORT-DNAT',
      entryChains: ['PREROUTING', 'OUTPUT'],
      entryRules: [['-m', 'addrtype', '--dst-type', 'LOCAL']],
      rules: [],
    });
    expect(chains[2]).toEqual({
      table: 'nat',
      name: 'CNI-HOSTPORT-SETMARK',
      entryChains: [],
      entryRules: [],
      rules: [
        [
          '-m',
          'comment',
          '--comment',
          'CNI portfwd masquerade mark',
          '-j',
          'MARK',
          '--set-xmark',
          '0x20/0x20',
        ],
      ],
    });
    expect(chains[3]).toEqual({
      table: 'nat',
      name: 'CNI-HOSTPORT-MASQ',
      entryChains: ['POSTROUTING'],
      entryRules: [['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade']],
      rules: [['-m', 'mark', '--mark', '0x20/0x20', '-j', 'MASQUERADE']],
      prependEntry: true,
    });
    expect(
      portmapChains({ type: 'portmap' }, [], {
        netName: 'n',
        containerId: 'c',
        containerAddress: '10.0.0.2/24',
      })[2]!.rules[0]!.at(-1),
    ).toBe('0x2000/0x2000');
  });
});
