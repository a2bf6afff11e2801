import { describe, expect, it } from 'vitest';
import { formatChainName } from './chain-names.ts';
import { cniAdd, cniCheck, cniDel } from './cni-chain.ts';
import type { CniEffect } from './cni-effect.ts';
import { CniError } from './cni-error.ts';
import { defaultConflist } from './default-conflist.ts';
import { parseNetConfList } from './parse-net-conf-list.ts';

const links = (effects: readonly CniEffect[]) =>
  effects.flatMap((e) =>
    e.kind === 'link' ? [`${e.netns === 'host' ? 'host' : 'pod'}:${e.device}:${e.name}`] : [],
  );
const addresses = (effects: readonly CniEffect[], netns: string) =>
  effects.flatMap((e) => (e.kind === 'address' && e.netns === netns ? [`${e.dev} ${e.address}`] : []));
const routes = (effects: readonly CniEffect[], netns: string) =>
  effects.flatMap((e) =>
    e.kind === 'route' && e.netns === netns
      ? [`${e.dst}${e.gw ? ` via ${e.gw}` : ''} dev ${e.dev}${e.proto ? ` proto ${e.proto}` : ''}`]
      : [],
  );

// containernetworking/cni SPEC.md §1 and §3 (spec-v1.1.0): the dbnet example and request derivation.
describe('cniAdd — SPEC 1.1.0 dbnet example', () => {
  const list = parseNetConfList({
    cniVersion: '1.1.0',
    cniVersions: ['0.3.1', '0.4.0', '1.0.0', '1.1.0'],
    name: 'dbnet',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni0',
        keyA: ['some more', 'plugin specific', 'configuration'],
        ipam: {
          type: 'host-local',
          subnet: '10.1.0.0/16',
          gateway: '10.1.0.1',
          routes: [{ dst: '0.0.0.0/0' }],
        },
        dns: { nameservers: ['10.1.0.1'] },
      },
      { type: 'tuning', capabilities: { mac: true }, sysctl: { 'net.core.somaxconn': '500' } },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  });
  const runtime = {
    containerId: 'example',
    netns: '/var/run/netns/example',
    capabilityArgs: {
      mac: '00:11:22:33:44:66',
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' as const }],
    },
  };
  const add = cniAdd(list, runtime);

  it('derives each request config like libcni (name, cniVersion, runtimeConfig, prevResult)', () => {
    const [bridge, tuning, portmap] = add.invocations;
    expect(bridge!.stdin.prevResult).toBeUndefined();
    expect(bridge!.stdin.runtimeConfig).toBeUndefined();
    expect(bridge!.stdin.name).toBe('dbnet');
    expect(bridge!.stdin.cniVersion).toBe('1.1.0');
    expect(tuning!.stdin.runtimeConfig).toEqual({ mac: '00:11:22:33:44:66' });
    expect(tuning!.stdin.capabilities).toEqual({ mac: true }); // libcni does not strip capabilities
    expect(tuning!.stdin.prevResult).toEqual(add.result);
    expect(portmap!.stdin.runtimeConfig).toEqual({
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    });
  });

  it('returns the bridge result: ips on interface 2, interfaces [cni0, veth, eth0 in the sandbox], dns', () => {
    expect(add.result.ips).toEqual([{ interface: 2, address: '10.1.0.2/16', gateway: '10.1.0.1' }]);
    expect(add.result.interfaces?.map((i) => i.name)[0]).toBe('cni0');
    expect(add.result.interfaces?.[1]?.name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(add.result.interfaces?.[2]).toEqual({ name: 'eth0', sandbox: '/var/run/netns/example' });
    expect(add.result.routes).toEqual([{ dst: '0.0.0.0/0' }]);
    expect(add.result.dns).toEqual({ nameservers: ['10.1.0.1'] });
  });

  it('records tuning as opaque and portmap chains as iptables effects', () => {
    expect(add.effects.some((e) => e.kind === 'opaque' && e.type === 'tuning')).toBe(true);
    const chains = add.effects.flatMap((e) => (e.kind === 'iptables' ? [e.chain.name] : []));
    expect(chains).toEqual([
      'CNI-HOSTPORT-DNAT',
      formatChainName('dbnet', 'example', 'DN-'),
      'CNI-HOSTPORT-SETMARK',
      'CNI-HOSTPORT-MASQ',
    ]);
  });

  it('DEL runs portmap, then tuning, then bridge, and releases the address', () => {
    const del = cniDel(list, runtime, add.result, add.store);
    expect(del.invocations.map((i) => i.type)).toEqual(['portmap', 'tuning', 'bridge']);
    expect(del.invocations.every((i) => i.stdin.prevResult !== undefined)).toBe(true);
    expect(del.store.reserved).toEqual({});
    const again = cniAdd(list, runtime, del.store);
    expect(again.result.ips?.[0]?.address).toBe('10.1.0.3/16');
  });

  it('CHECK runs in order and fails once the reservation is gone', () => {
    expect(cniCheck(list, runtime, add.result, add.store).invocations.map((i) => i.type)).toEqual([
      'bridge',
      'tuning',
      'portmap',
    ]);
    const del = cniDel(list, runtime, add.result, add.store);
    expect(() => cniCheck(list, runtime, add.result, del.store)).toThrowError(
      'host-local: Failed to find address added by container example',
    );
  });
});

describe('cniAdd — bridge modes (defaultConflist)', () => {
  const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
  const add = cniAdd(list, { containerId: 'pod1', netns: '/var/run/netns/pod1' });

  it('sets up cni0 with the gateway, a veth pair, the pod address and default route, and ipMasq', () => {
    expect(links(add.effects)).toEqual([
      'host:bridge:cni0',
      'pod:veth:eth0',
      `host:veth:${add.result.interfaces?.[1]?.name}`,
    ]);
    expect(addresses(add.effects, '/var/run/netns/pod1')).toEqual(['eth0 10.244.1.2/24']);
    expect(addresses(add.effects, 'host')).toEqual(['cni0 10.244.1.1/24']);
    expect(routes(add.effects, '/var/run/netns/pod1')).toEqual([
      '10.244.1.0/24 dev eth0 proto kernel',
      '0.0.0.0/0 via 10.244.1.1 dev eth0',
    ]);
    expect(routes(add.effects, 'host')).toEqual(['10.244.1.0/24 dev cni0 proto kernel']);
    const masq = add.effects.find((e) => e.kind === 'iptables');
    expect(masq?.kind === 'iptables' && masq.chain).toEqual({
      table: 'nat',
      name: formatChainName('bridge', 'pod1'),
      entryChains: ['POSTROUTING'],
      entryRules: [['-s', '10.244.1.2', '-m', 'comment', '--comment', 'name: "bridge" id: "pod1"']],
      rules: [
        ['-d', '10.244.1.2/24', '-j', 'ACCEPT', '-m', 'comment', '--comment', 'name: "bridge" id: "pod1"'],
        [
          '!',
          '-d',
          '224.0.0.0/4',
          '-j',
          'MASQUERADE',
          '-m',
          'comment',
          '--comment',
          'name: "bridge" id: "pod1"',
        ],
      ],
    });
    expect(
      add.effects.some((e) => e.kind === 'sysctl' && e.key === 'net.ipv4.ip_forward' && e.value === '1'),
    ).toBe(true);
  });

  it('hands out consecutive addresses to consecutive pods through the store', () => {
    const second = cniAdd(list, { containerId: 'pod2' }, add.store);
    expect(second.result.ips?.[0]?.address).toBe('10.244.1.3/24');
    expect(() => cniAdd(list, { containerId: 'pod1' }, add.store)).toThrow(CniError);
  });

  // containernetworking/plugins plugins/main/bridge/bridge_test.go — expected bridge addresses
  it.each([
    [[['10.1.2.0/24']], ['cni0 10.1.2.1/24']],
    [[['2001:db8::0/64']], ['cni0 2001:db8::1/64']],
    [
      [['192.168.0.0/24'], ['fd00::0/64']],
      ['cni0 192.168.0.1/24', 'cni0 fd00::1/64'],
    ],
  ])('isGateway puts the gateway on the bridge: %j', (sets, expected) => {
    const dual = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'testConfig',
      plugins: [
        {
          type: 'bridge',
          bridge: 'cni0',
          isGateway: true,
          ipam: { type: 'host-local', ranges: sets.map((s) => s.map((subnet) => ({ subnet }))) },
        },
      ],
    });
    expect(addresses(cniAdd(dual, { containerId: 'c' }).effects, 'host')).toEqual(expected);
  });

  it('isDefaultGateway adds one default route per family via the gateway', () => {
    const l = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [
        {
          type: 'bridge',
          isDefaultGateway: true,
          ipam: { type: 'host-local', ranges: [[{ subnet: '10.1.2.0/24' }], [{ subnet: 'fd00::/64' }]] },
        },
      ],
    });
    expect(cniAdd(l, { containerId: 'c' }).result.routes).toEqual([
      { dst: '0.0.0.0/0', gw: '10.1.2.1' },
      { dst: '::/0', gw: 'fd00::1' },
    ]);
  });

  it('L2-only bridge (ipam {}) has no ips', () => {
    const l = parseNetConfList({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'bridge', ipam: {} }] });
    expect(cniAdd(l, { containerId: 'c' }).result.ips).toBeUndefined();
  });
});

describe('cniAdd — flannel, weave, calico', () => {
  it('flannel delegates to bridge with the subnet.env values', () => {
    const list = defaultConflist('flannel-vxlan');
    const add = cniAdd(list, {
      containerId: 'c1',
      flannel: { network: '10.244.0.0/16', subnet: '10.244.1.1/24', mtu: 1450, ipMasq: true },
    });
    expect(add.result.cniVersion).toBe('0.3.1');
    expect(add.result.ips).toEqual([
      { version: '4', interface: 2, address: '10.244.1.2/24', gateway: '10.244.1.1' },
    ]);
    expect(add.result.routes).toEqual([{ dst: '10.244.0.0/16' }, { dst: '0.0.0.0/0', gw: '10.244.1.1' }]);
    const bridge = add.effects.find((e) => e.kind === 'link' && e.device === 'bridge');
    expect(bridge).toMatchObject({ name: 'cni0', mtu: 1450 });
    expect(
      add.effects.some(
        (e) =>
          e.kind === 'iptables' &&
          e.chain.name.startsWith('CNI-') &&
          e.chain.entryChains[0] === 'POSTROUTING' &&
          e.chain.rules.length === 2,
      ),
    ).toBe(false);
    expect(() => cniAdd(list, { containerId: 'c1' })).toThrow(/flannel needs runtime.flannel/);
  });

  it('weave attaches to the weave bridge with an address of the flat range', () => {
    const add = cniAdd(defaultConflist('weave'), {
      containerId: '0123456789abcdef',
      weave: { ipallocRange: '10.32.0.0/12', bridgeAddress: '10.32.0.1/12' },
    });
    expect(add.result.ips?.[0]).toMatchObject({ address: '10.32.0.2/12', gateway: '10.32.0.1' });
    expect(links(add.effects)).toEqual(['host:bridge:weave', 'pod:veth:eth0', 'host:veth:vethwepl0123456']);
  });

  it('calico gives a /32, the 169.254.1.1 routes and a host route to a cali veth', () => {
    const add = cniAdd(defaultConflist('calico-ipip', { nodeName: 'node01' }), {
      containerId: 'c1',
      args: [
        ['K8S_POD_NAMESPACE', 'default'],
        ['K8S_POD_NAME', 'web-1'],
      ],
      calico: { block: '192.168.1.64/26' },
    });
    expect(add.result.ips).toEqual([{ version: '4', interface: 0, address: '192.168.1.64/32' }]);
    const pod = '/var/run/netns/c1';
    expect(routes(add.effects, pod)).toEqual([
      '169.254.1.1/32 dev eth0',
      '0.0.0.0/0 via 169.254.1.1 dev eth0',
    ]);
    const hostRoutes = routes(add.effects, 'host');
    expect(hostRoutes).toHaveLength(1);
    expect(hostRoutes[0]).toMatch(/^192\.168\.1\.64\/32 dev cali[0-9a-f]{11}$/);
  });
});

describe('cniCheck / cniDel rules', () => {
  it('refuses CHECK below 0.4.0 and skips it with disableCheck', () => {
    const old = defaultConflist('flannel-vxlan');
    expect(() => cniCheck(old, { containerId: 'c' }, { cniVersion: '0.3.1' })).toThrow(
      /does not support the CHECK command/,
    );
    const list = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      disableCheck: true,
      plugins: [{ type: 'x' }],
    });
    expect(cniCheck(list, { containerId: 'c' }, { cniVersion: '1.0.0' })).toEqual({
      skipped: true,
      invocations: [],
    });
  });
  it('does not pass prevResult on DEL below 0.4.0', () => {
    const list = defaultConflist('weave');
    const add = cniAdd(list, {
      containerId: 'c',
      weave: { ipallocRange: '10.32.0.0/12', bridgeAddress: '10.32.0.1/12' },
    });
    const del = cniDel(list, { containerId: 'c' }, add.result, add.store);
    expect(del.invocations.map((i) => [i.type, i.stdin.prevResult])).toEqual([
      ['portmap', undefined],
      ['weave-net', undefined],
    ]);
    expect(del.store.reserved).toEqual({});
  });
  it('portmap must be chained', () => {
    const list = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [{ type: 'portmap', capabilities: { portMappings: true } }],
    });
    expect(() => cniAdd(list, { containerId: 'c' })).toThrow(/must be called as chained plugin/);
  });
  it('rejects bad runtime parameters', () => {
    const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
    expect(() => cniAdd(list, { containerId: '' })).toThrow(CniError);
    expect(() => cniAdd(list, { containerId: 'c', ifname: 'a/b' })).toThrow(CniError);
  });
});

describe('cniAdd — bridge MAC sources (bridge.go loadNetConf)', () => {
  it('runtimeConfig.mac (capability) wins over CNI_ARGS MAC', () => {
    const list = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [
        { type: 'bridge', capabilities: { mac: true }, ipam: { type: 'host-local', subnet: '10.0.0.0/24' } },
      ],
    });
    const add = cniAdd(list, {
      containerId: 'c',
      args: [['MAC', '0a:00:00:00:00:01']],
      capabilityArgs: { mac: 'c2:11:22:33:44:55' },
    });
    expect(add.result.interfaces?.[2]).toEqual({
      name: 'eth0',
      mac: 'c2:11:22:33:44:55',
      sandbox: '/var/run/netns/c',
    });
    const viaArgs = cniAdd(list, { containerId: 'c', args: [['MAC', '0a:00:00:00:00:01']] });
    expect(viaArgs.result.interfaces?.[2]?.mac).toBe('0a:00:00:00:00:01');
  });
});

describe('cniAdd — bridge VLAN gateway (bridge.go cmdAdd, ensureVlanInterface)', () => {
  it('puts the gateway on <bridge>.<vlan> and lists it as a 4th interface', () => {
    const list = parseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [
        {
          type: 'bridge',
          bridge: 'br0',
          isGateway: true,
          vlan: 100,
          ipam: { type: 'host-local', subnet: '10.1.2.0/24' },
        },
      ],
    });
    const add = cniAdd(list, { containerId: 'c' });
    expect(add.result.interfaces?.map((i) => i.name)).toEqual([
      'br0',
      expect.stringMatching(/^veth/),
      'eth0',
      'br0.100',
    ]);
    expect(addresses(add.effects, 'host')).toEqual(['br0.100 10.1.2.1/24']);
    expect(add.effects.find((e) => e.kind === 'link' && e.device === 'bridge')).toMatchObject({
      vlanFiltering: true,
    });
  });
});

// Issue #12: junk nested inside a chain's configs or runtime is a coded error, never a TypeError. These
// were found by fuzzing cniAdd with junk at random paths of the default conflists and the runtime.
describe('cniAdd — junk inside configs and the runtime', () => {
  const codeOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(CniError);
      return (error as CniError).code;
    }
    return 'no error';
  };
  it('weave-net with a runtime.weave missing its bridge address', () => {
    expect(
      codeOf(() =>
        cniAdd(defaultConflist('weave'), {
          containerId: 'c1',
          weave: { ipallocRange: '10.32.0.0/12', bridgeAddress: null } as never,
        }),
      ),
    ).toBe('MISSING_RUNTIME');
  });
  it('portmap with a null mapping or a port that is not a number', () => {
    const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
    for (const mapping of [
      null,
      { hostPort: { toString: 1 }, containerPort: 80 },
      { hostPort: '80', containerPort: 80 },
    ]) {
      expect(
        codeOf(() =>
          cniAdd(list, { containerId: 'c1', capabilityArgs: { portMappings: [mapping] as never } }),
        ),
      ).toBe('INVALID_PORT');
    }
  });
  it('static IPAM with an address that is not a string', () => {
    const list = {
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [{ type: 'bridge', ipam: { type: 'static', addresses: [{ address: { toString: 1 } }] } }],
    };
    let caught: unknown;
    try {
      cniAdd(list as never, { containerId: 'c1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'INVALID_CIDR',
      path: ['plugins', 0, 'ipam', 'addresses', 0, 'address'],
    });
  });
  it('a list, runtime or cached result that is not an object, or a plugin without a type', () => {
    const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
    expect(codeOf(() => cniAdd(null as never, { containerId: 'c1' }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cniAdd(list, [] as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cniAdd({ ...list, plugins: [null] } as never, { containerId: 'c1' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => cniAdd(list, { containerId: 'c1', args: 5 } as never))).toBe('INVALID_TYPE');
    expect(codeOf(() => cniDel(list, { containerId: 'c1' }, 5 as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => cniCheck(list, { containerId: 'c1' }, null as never))).toBe('MISSING_RESULT');
    // null as the cached result of DEL reads as none, like undefined
    expect(codeOf(() => cniDel(list, { containerId: 'c1' }, null as never))).toBe('no error');
  });
});

describe('junk plugin fields found by fuzzing the conflist parsers and cniAdd', () => {
  it('a macvlan mode that is an object with a toString key is INVALID_VALUE, not a TypeError', () => {
    const list = {
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [{ type: 'macvlan', master: 'eth0', mode: { toString: 1 } }],
    };
    expect(() => parseNetConfList(list)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_VALUE',
        path: ['plugins', 0, 'mode'],
        message: 'unknown macvlan mode: an object',
      }) as never,
    );
  });
  it('a libcni-mode bridge whose vlan is not a number still runs (no VLAN device)', () => {
    const list = parseNetConfList(
      {
        name: 'n',
        plugins: [
          {
            type: 'bridge',
            isGateway: true,
            vlan: { toString: 1 },
            ipam: { type: 'host-local', subnet: '10.9.0.0/24' },
          },
        ],
      },
      { mode: 'libcni' },
    );
    const add = cniAdd(list, { containerId: 'c1' });
    expect(add.result.ips?.[0]?.address).toBe('10.9.0.2/24');
  });
});
