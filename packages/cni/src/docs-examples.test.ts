import { describe, expect, it } from 'vitest';
import {
  cniAdd,
  cniDel,
  cniJsonSchema,
  convertResult,
  defaultConflist,
  emptyHostLocalStore,
  hostLocalAllocate,
  hostLocalRelease,
  negotiateCniVersion,
  parseCniEnv,
  parseNetConfList,
  safeParseNetConfList,
  safeParseResult,
} from './index.ts';

// The examples of README.md and docs/cni.md, checked.
describe('documented examples', () => {
  it('parsing', () => {
    const list = parseNetConfList(
      '{"cniVersion":"1.0.0","name":"mynet","plugins":[{"type":"bridge","bridge":"cni0","isGateway":true,"ipam":{"type":"host-local","subnet":"10.244.1.0/24"}},{"type":"portmap","capabilities":{"portMappings":true}}]}',
    );
    expect(list.plugins[0]?.type).toBe('bridge');
    const bad = safeParseNetConfList({
      cniVersion: '1.0.0',
      name: 'n',
      plugins: [{ type: 'bridge', vlan: 5000 }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatchObject({
        code: 'INVALID_VLAN',
        path: ['plugins', 0, 'vlan'],
        message: 'invalid VLAN ID 5000 (must be between 0 and 4094)',
      });
    }
    expect(
      parseNetConfList({ name: 'n', disableCheck: 'TRUE', plugins: [{ type: 'x' }] }, { mode: 'libcni' })
        .disableCheck,
    ).toBe(true);
    expect(
      parseNetConfList(
        { name: 'n', cniVersions: ['99.0.0', '1.1.0', '0.4.0'], plugins: [{ type: 'x' }] },
        { mode: 'libcni' },
      ).cniVersion,
    ).toBe('1.1.0');
    expect(cniJsonSchema('conflist', '1.1.0').required).toEqual(['cniVersion', 'name', 'plugins']);
  });

  it('host-local', () => {
    const ipam = { type: 'host-local', subnet: '10.244.1.0/24', routes: [{ dst: '0.0.0.0/0' }] };
    const a = hostLocalAllocate(ipam, emptyHostLocalStore(), 'pod-a', 'eth0');
    expect(a.result).toEqual({
      ips: [{ address: '10.244.1.2/24', gateway: '10.244.1.1' }],
      routes: [{ dst: '0.0.0.0/0' }],
    });
    const b = hostLocalAllocate(ipam, a.store, 'pod-b', 'eth0');
    expect(b.result.ips[0]?.address).toBe('10.244.1.3/24');
    const freed = hostLocalRelease(b.store, 'pod-a', 'eth0');
    expect(hostLocalAllocate(ipam, freed, 'pod-c', 'eth0').result.ips[0]?.address).toBe('10.244.1.4/24');
    expect(() => hostLocalAllocate(ipam, b.store, 'pod-a', 'eth0')).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_ALLOCATION' }),
    );
  });

  it('README', () => {
    const { result, store } = hostLocalAllocate(
      { type: 'host-local', subnet: '10.244.1.0/24' },
      undefined,
      'pod-a',
      'eth0',
    );
    expect(result.ips).toEqual([{ address: '10.244.1.2/24', gateway: '10.244.1.1' }]);
    const add = cniAdd(
      defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' }),
      { containerId: 'pod-b' },
      store,
    );
    expect(add.result.ips?.[0]?.address).toBe('10.244.1.3/24');
  });

  it('chain model', () => {
    const list = defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' });
    const add = cniAdd(list, {
      containerId: 'web-1',
      netns: '/var/run/netns/web-1',
      capabilityArgs: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] },
    });
    expect(add.result.ips).toEqual([{ interface: 2, address: '10.244.1.2/24', gateway: '10.244.1.1' }]);
    const chains = add.effects.flatMap((e) =>
      e.kind === 'iptables' ? [e.chain.name.replace(/[0-9a-f]{20,}$/, '<hash>')] : [],
    );
    expect(chains).toEqual([
      'CNI-<hash>',
      'CNI-HOSTPORT-DNAT',
      'CNI-DN-<hash>',
      'CNI-HOSTPORT-SETMARK',
      'CNI-HOSTPORT-MASQ',
    ]);
    expect(
      cniDel(list, { containerId: 'web-1' }, add.result, add.store).invocations.map((i) => i.type),
    ).toEqual(['portmap', 'bridge']);
  });

  it('runtime, versions, results', () => {
    expect(() => parseCniEnv({ CNI_COMMAND: 'ADD' })).toThrow(
      'required env variables [CNI_CONTAINERID,CNI_NETNS,CNI_IFNAME,CNI_PATH] missing',
    );
    expect(
      negotiateCniVersion({ cniVersion: '1.0.0', cniVersions: ['0.4.0', '1.0.0', '1.1.0'] }, [
        '0.3.1',
        '0.4.0',
        '1.0.0',
      ]),
    ).toBe('1.0.0');
    expect(convertResult({ cniVersion: '1.0.0', ips: [{ address: '10.1.0.5/16' }] }, '0.4.0')).toEqual({
      cniVersion: '0.4.0',
      ips: [{ version: '4', address: '10.1.0.5/16' }],
    });
  });

  it('bad input', () => {
    const ipam = { type: 'host-local', subnet: '10.244.1.0/24' };
    expect(() => hostLocalAllocate(ipam, undefined, 1n as never, 'eth0')).toThrowError(
      expect.objectContaining({
        name: 'CniError',
        code: 'INVALID_ARGUMENT',
        path: ['containerId'],
        message: 'containerId must be a string, got 1n',
      }) as never,
    );
    const r = safeParseResult(
      `{"cniVersion":"1.0.0","interfaces":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_VALUE');
      expect(r.error.message).toBe('circular or too deeply nested value');
    }
  });
});
