import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
import { parseNetConfList, safeParseNetConfList } from './parse-net-conf-list.ts';

function err(json: unknown, mode: 'spec' | 'libcni' = 'spec') {
  const r = safeParseNetConfList(json, { mode });
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(json)}`);
  return r.error;
}

// containernetworking/cni SPEC.md §1 (spec-v1.1.0) — the "dbnet" example.
const dbnet11 = {
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
};

// SPEC.md spec-v0.4.0 — the list example.
const dbnet04 = {
  cniVersion: '0.4.0',
  name: 'dbnet',
  plugins: [
    {
      type: 'bridge',
      bridge: 'cni0',
      args: { labels: { appVersion: '1.0' } },
      ipam: { type: 'host-local', subnet: '10.1.0.0/16', gateway: '10.1.0.1' },
      dns: { nameservers: ['10.1.0.1'] },
    },
    { type: 'tuning', sysctl: { 'net.core.somaxconn': '500' } },
  ],
};

describe('parseNetConfList — valid spec examples, both modes', () => {
  for (const mode of ['spec', 'libcni'] as const) {
    it(`accepts SPEC 1.1.0 dbnet (${mode}), passing unknown keys through`, () => {
      const list = parseNetConfList(JSON.stringify(dbnet11), { mode });
      expect(list.name).toBe('dbnet');
      expect(list.cniVersion).toBe('1.1.0');
      expect(list.plugins.map((p) => p.type)).toEqual(['bridge', 'tuning', 'portmap']);
      expect(list.plugins[0]!.keyA).toEqual(['some more', 'plugin specific', 'configuration']);
      expect(list.plugins[1]!.sysctl).toEqual({ 'net.core.somaxconn': '500' });
    });
    it(`accepts SPEC 0.4.0 dbnet (${mode})`, () => {
      expect(parseNetConfList(dbnet04, { mode }).plugins).toHaveLength(2);
    });
    it(`accepts the portmap docs example without its trailing comma (${mode})`, () => {
      // cni.dev content/plugins/current/meta/portmap.md
      const list = parseNetConfList(
        {
          cniVersion: '0.3.1',
          name: 'mynet',
          plugins: [
            {
              type: 'ptp',
              ipMasq: true,
              ipam: { type: 'host-local', subnet: '172.16.30.0/24', routes: [{ dst: '0.0.0.0/0' }] },
            },
            { type: 'portmap', capabilities: { portMappings: true } },
          ],
        },
        { mode },
      );
      expect(list.plugins[1]!.capabilities).toEqual({ portMappings: true });
    });
  }

  it('defaults to spec mode', () => {
    expect(() => parseNetConfList({ ...dbnet04, name: 'db net' })).toThrow(CniError);
    expect(parseNetConfList({ ...dbnet04, name: 'db net' }, { mode: 'libcni' }).name).toBe('db net');
  });

  it('the portmap docs snippet as published (trailing comma) is not JSON', () => {
    const text =
      '{"cniVersion":"0.3.1","name":"mynet","plugins":[{"type":"portmap","capabilities":{"portMappings":true},}]}';
    expect(err(text).code).toBe('INVALID_JSON');
    expect(err(text, 'libcni').code).toBe('INVALID_JSON');
  });

  it('does not mutate its input and returns a fresh copy', () => {
    const input = JSON.parse(JSON.stringify(dbnet11));
    const out = parseNetConfList(input);
    expect(input).toEqual(dbnet11);
    expect(out).not.toBe(input);
    expect(out.plugins[0]).not.toBe(input.plugins[0]);
  });
});

describe('parseNetConfList — spec mode errors carry the full key path', () => {
  const base = { cniVersion: '1.0.0', name: 'mynet' };
  it.each([
    [{ ...base, plugins: [{ type: 'bridge', vlan: 5000 }] }, 'INVALID_VLAN', ['plugins', 0, 'vlan']],
    [{ ...base, plugins: [{ type: 'bridge', vlan: -1 }] }, 'INVALID_VLAN', ['plugins', 0, 'vlan']],
    [
      { ...base, plugins: [{ type: 'loopback' }, { type: 'bridge', vlan: 'x' }] },
      'INVALID_TYPE',
      ['plugins', 1, 'vlan'],
    ],
    [{ ...base, plugins: [{ bridge: 'cni0' }] }, 'MISSING_FIELD', ['plugins', 0, 'type']],
    [{ ...base, plugins: [{ type: '' }] }, 'MISSING_FIELD', ['plugins', 0, 'type']],
    [{ ...base, plugins: [{ type: '../bin/evil' }] }, 'INVALID_VALUE', ['plugins', 0, 'type']],
    [{ ...base, plugins: [] }, 'NO_PLUGINS', ['plugins']],
    [{ ...base, plugins: {} }, 'INVALID_TYPE', ['plugins']],
    [{ ...base }, 'MISSING_FIELD', ['plugins']],
    [{ cniVersion: '1.0.0', plugins: [{ type: 'x' }] }, 'MISSING_FIELD', ['name']],
    [{ ...base, name: '', plugins: [{ type: 'x' }] }, 'MISSING_FIELD', ['name']],
    [{ ...base, name: '-bad', plugins: [{ type: 'x' }] }, 'INVALID_NAME', ['name']],
    [{ ...base, name: 'a/b', plugins: [{ type: 'x' }] }, 'INVALID_NAME', ['name']],
    [{ name: 'n', plugins: [{ type: 'x' }] }, 'MISSING_FIELD', ['cniVersion']],
    [{ ...base, cniVersion: '1.0', plugins: [{ type: 'x' }] }, 'INVALID_VERSION', ['cniVersion']],
    [{ ...base, cniVersion: '0.2.0', plugins: [{ type: 'x' }] }, 'UNSUPPORTED_VERSION', ['cniVersion']],
    [{ ...base, disableCheck: 'true', plugins: [{ type: 'x' }] }, 'INVALID_TYPE', ['disableCheck']],
    [
      { ...base, plugins: [{ type: 'x', capabilities: { mac: 'yes' } }] },
      'INVALID_TYPE',
      ['plugins', 0, 'capabilities', 'mac'],
    ],
    [
      { ...base, plugins: [{ type: 'x', ipam: { type: 5 } }] },
      'INVALID_TYPE',
      ['plugins', 0, 'ipam', 'type'],
    ],
    [
      { ...base, plugins: [{ type: 'x', dns: { nameservers: ['dns.example'] } }] },
      'INVALID_ADDRESS',
      ['plugins', 0, 'dns', 'nameservers', 0],
    ],
    [{ ...base, plugins: [{ type: 'x', ipMasq: 'yes' }] }, 'INVALID_TYPE', ['plugins', 0, 'ipMasq']],
    [
      { ...base, cniVersion: '1.1.0', cniVersions: ['1.1.0', '1.0.f'], plugins: [{ type: 'x' }] },
      'INVALID_VERSION',
      ['cniVersions', 1],
    ],
  ])('%j → %s at %j', (json, code, path) => {
    const e = err(json);
    expect(e).toBeInstanceOf(CniError);
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
  });
});

// containernetworking/plugins plugins/main/bridge/bridge.go (loadNetConf, collectVlanTrunk, cmdAdd)
describe('parseNetConfList — bridge plugin checks (spec mode)', () => {
  const withBridge = (bridge: Record<string, unknown>) => ({
    cniVersion: '1.0.0',
    name: 'n',
    plugins: [{ type: 'bridge', ...bridge }],
  });
  it('accepts the cni.dev bridge examples', () => {
    expect(
      safeParseNetConfList(
        withBridge({
          bridge: 'mynet0',
          isDefaultGateway: true,
          forceAddress: false,
          ipMasq: true,
          hairpinMode: true,
          ipam: { type: 'host-local', subnet: '10.10.0.0/16' },
        }),
      ).ok,
    ).toBe(true);
    expect(safeParseNetConfList(withBridge({ ipam: {} })).ok).toBe(true);
    expect(
      safeParseNetConfList(withBridge({ vlanTrunk: [{ id: 101 }, { minID: 200, maxID: 299 }], ipam: {} })).ok,
    ).toBe(true);
  });
  it.each([
    [{ vlanTrunk: [{ id: 0 }] }, ['plugins', 0, 'vlanTrunk', 0, 'id'], 'incorrect trunk id parameter'],
    [
      { vlanTrunk: [{ minID: 300, maxID: 200 }] },
      ['plugins', 0, 'vlanTrunk', 0, 'minID'],
      'minID is greater than maxID in trunk parameter',
    ],
    [
      { vlanTrunk: [{ maxID: 200 }] },
      ['plugins', 0, 'vlanTrunk', 0, 'minID'],
      'minID and maxID should be configured simultaneously, minID is missing',
    ],
    [
      { vlanTrunk: [{ minID: 5000, maxID: 5001 }] },
      ['plugins', 0, 'vlanTrunk', 0, 'minID'],
      'incorrect trunk minID parameter',
    ],
    [
      { vlan: 100, vlanTrunk: [{ id: 101 }] },
      ['plugins', 0, 'vlanTrunk'],
      'cannot set vlan and vlanTrunk at the same time',
    ],
    [
      { hairpinMode: true, promiscMode: true },
      ['plugins', 0, 'promiscMode'],
      'cannot set hairpin mode and promiscuous mode at the same time',
    ],
    [
      { disableContainerInterface: true, ipam: { type: 'host-local', subnet: '10.0.0.0/24' } },
      ['plugins', 0, 'ipam', 'type'],
      'cannot use IPAM when DisableContainerInterface flag is set',
    ],
    [{ mtu: 1500.5 }, ['plugins', 0, 'mtu'], undefined],
  ])('rejects %j', (conf, path, message) => {
    const e = err(withBridge(conf));
    expect(e.path).toEqual(path);
    if (message !== undefined) expect(e.message).toBe(message);
    // libcni does not run plugin checks
    expect(safeParseNetConfList(withBridge(conf), { mode: 'libcni' }).ok).toBe(true);
  });
  it('runs host-local checks on the ipam section with the full path', () => {
    const e = err(
      withBridge({
        ipam: { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24' }, { subnet: '10.0.0.128/25' }]] },
      }),
    );
    expect(e.code).toBe('RANGES_OVERLAP');
    expect(e.path).toEqual(['plugins', 0, 'ipam', 'ranges', 0, 1]);
    const e2 = err(withBridge({ ipam: { type: 'host-local', subnet: '10.0.0.0/31' } }));
    expect(e2.path).toEqual(['plugins', 0, 'ipam', 'subnet']);
  });
});

describe('parseNetConfList — other plugin checks (spec mode)', () => {
  const list = (plugin: Record<string, unknown>) => ({ cniVersion: '0.3.1', name: 'n', plugins: [plugin] });
  it.each([
    [{ type: 'portmap', markMasqBit: 32 }, 'INVALID_VALUE', ['plugins', 0, 'markMasqBit']],
    [
      { type: 'portmap', markMasqBit: 5, externalSetMarkChain: 'X' },
      'CONFLICTING_OPTIONS',
      ['plugins', 0, 'markMasqBit'],
    ],
    [{ type: 'portmap', backend: 'ipvs' }, 'INVALID_VALUE', ['plugins', 0, 'backend']],
    [
      {
        type: 'portmap',
        runtimeConfig: { portMappings: [{ hostPort: 8080, containerPort: 0, protocol: 'tcp' }] },
      },
      'INVALID_PORT',
      ['plugins', 0, 'runtimeConfig', 'portMappings', 0, 'containerPort'],
    ],
    [{ type: 'weave-net', isGateway: true }, 'UNSUPPORTED_FIELD', ['plugins', 0, 'isGateway']],
    [{ type: 'weave-net', ipMasq: true }, 'UNSUPPORTED_FIELD', ['plugins', 0, 'ipMasq']],
    [{ type: 'macvlan', master: 'eth0', mode: 'bogus' }, 'INVALID_VALUE', ['plugins', 0, 'mode']],
    [{ type: 'ptp', ipam: {} }, 'MISSING_FIELD', ['plugins', 0, 'ipam', 'type']],
    [{ type: 'flannel', delegate: 'x' }, 'INVALID_TYPE', ['plugins', 0, 'delegate']],
    [{ type: 'calico', mtu: '1480' }, 'INVALID_TYPE', ['plugins', 0, 'mtu']],
    [
      { type: 'calico', ipam: { type: 'calico-ipam', assign_ipv4: true } },
      'INVALID_VALUE',
      ['plugins', 0, 'ipam', 'assign_ipv4'],
    ],
    [
      { type: 'macvlan', ipam: { type: 'static', addresses: [{ address: '10.10.0.1' }] } },
      'INVALID_CIDR',
      ['plugins', 0, 'ipam', 'addresses', 0, 'address'],
    ],
  ])('%j → %s', (plugin, code, path) => {
    const e = err(list(plugin));
    expect([e.code, e.path]).toEqual([code, path]);
  });
  it('passes unknown plugin types through unchanged', () => {
    const plugin = { type: 'my-plugin', vlan: 99999, anything: { nested: [1, 2] } };
    expect(parseNetConfList(list(plugin)).plugins[0]).toEqual(plugin);
  });
});

// containernetworking/cni libcni/conf_test.go and libcni/conf.go NetworkConfFromBytes
describe('parseNetConfList — libcni mode', () => {
  const plugins = [{ type: 'host-local', subnet: '10.0.0.1/24' }];
  it('reads string booleans (any case) as booleans', () => {
    expect(
      parseNetConfList(
        { name: 'some-network', cniVersion: '0.4.0', disableCheck: 'true', plugins },
        { mode: 'libcni' },
      ).disableCheck,
    ).toBe(true);
    expect(
      parseNetConfList(
        { name: 'some-network', cniVersion: '0.4.0', disableCheck: 'false', plugins },
        { mode: 'libcni' },
      ).disableCheck,
    ).toBe(false);
    expect(parseNetConfList({ name: 'n', disableGC: 'TRUE', plugins }, { mode: 'libcni' }).disableGC).toBe(
      true,
    );
    expect(err({ name: 'n', disableCheck: 'yes', plugins }, 'libcni')).toMatchObject({
      code: 'INVALID_VALUE',
      path: ['disableCheck'],
    });
    expect(err({ name: 'n', disableCheck: 1, plugins }, 'libcni')).toMatchObject({
      code: 'INVALID_TYPE',
      path: ['disableCheck'],
    });
  });
  it.each([
    [{ cniVersions: ['1.1.0', '0.4.0', '1.0.0'] }, '1.1.0'],
    [{ cniVersions: ['99.0.0', '1.1.0', '0.4.0', '1.0.0'] }, '1.1.0'],
    [{ cniVersion: '1.2.3' }, '1.2.3'],
    [{ cniVersion: '1.0.0', cniVersions: ['0.1.0', '0.4.0'] }, '1.0.0'],
    [{ cniVersions: [] }, ''],
    [{}, ''],
  ])('selects the version: %j → %s', (versions, expected) => {
    expect(parseNetConfList({ name: 'n', ...versions, plugins }, { mode: 'libcni' }).cniVersion).toBe(
      expected,
    );
  });
  it('rejects an unparsable cniVersions entry', () => {
    expect(err({ name: 'n', cniVersions: ['1.1.0', '0.4.0', '1.0.f'], plugins }, 'libcni')).toMatchObject({
      code: 'INVALID_VERSION',
      path: ['cniVersions', 2],
    });
  });
  it('handles plugins and loadOnlyInlinedPlugins like NetworkConfFromBytes', () => {
    expect(
      parseNetConfList({ name: 'n', loadOnlyInlinedPlugins: true, plugins }, { mode: 'libcni' }).plugins,
    ).toHaveLength(1);
    expect(parseNetConfList({ name: 'n' }, { mode: 'libcni' }).plugins).toEqual([]);
    expect(err({ name: 'n', loadOnlyInlinedPlugins: true }, 'libcni')).toMatchObject({
      code: 'MISSING_FIELD',
      path: ['plugins'],
    });
    expect(err({ name: 'n', plugins: {} }, 'libcni')).toMatchObject({
      code: 'INVALID_TYPE',
      path: ['plugins'],
    });
    expect(err({ name: 'n', plugins: [] }, 'libcni').message).toBe(
      'error parsing configuration list: no plugins in list',
    );
  });
  it('requires name as a string, tolerates a missing cniVersion', () => {
    expect(err({ plugins }, 'libcni')).toMatchObject({
      code: 'MISSING_FIELD',
      path: ['name'],
      message: 'error parsing configuration list: no name',
    });
    expect(err({ name: 5, plugins }, 'libcni')).toMatchObject({ code: 'INVALID_TYPE', path: ['name'] });
    expect(err({ name: 'n', cniVersion: 1, plugins }, 'libcni')).toMatchObject({
      code: 'INVALID_TYPE',
      path: ['cniVersion'],
    });
  });
  it("checks each plugin's typed fields and type", () => {
    expect(err({ name: 'n', plugins: [{ bridge: 'x' }] }, 'libcni')).toMatchObject({
      code: 'MISSING_FIELD',
      path: ['plugins', 0, 'type'],
    });
    expect(err({ name: 'n', plugins: [{ type: 'x' }, 'x'] }, 'libcni')).toMatchObject({
      code: 'INVALID_TYPE',
      path: ['plugins', 1],
    });
    expect(err({ name: 'n', plugins: [{ type: 'x', capabilities: { a: 1 } }] }, 'libcni')).toMatchObject({
      path: ['plugins', 0, 'capabilities', 'a'],
    });
    expect(err({ name: 'n', plugins: [{ type: 'x', dns: { nameservers: 'x' } }] }, 'libcni')).toMatchObject({
      path: ['plugins', 0, 'dns', 'nameservers'],
    });
    // libcni does not check the IP syntax of nameservers
    expect(
      safeParseNetConfList(
        { name: 'n', plugins: [{ type: 'x', dns: { nameservers: ['dns.example'] } }] },
        { mode: 'libcni' },
      ).ok,
    ).toBe(true);
  });
});

describe('parseNetConfList — hostile input', () => {
  it('never crashes with a TypeError and never pollutes prototypes', () => {
    for (const bad of [
      undefined,
      null,
      0,
      1.5,
      true,
      'x',
      '',
      '[]',
      '{',
      [],
      [{}],
      () => 1,
      Symbol('x'),
      10n,
    ]) {
      for (const mode of ['spec', 'libcni'] as const) {
        const r = safeParseNetConfList(bad, { mode });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toBeInstanceOf(CniError);
      }
    }
    const text =
      '{"cniVersion":"1.0.0","name":"n","__proto__":{"polluted":1},"plugins":[{"type":"x","__proto__":{"polluted":1}}]}';
    for (const mode of ['spec', 'libcni'] as const) {
      const list = parseNetConfList(text, { mode });
      expect((list as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(list.plugins[0])).toBe(Object.prototype);
    }
    const cyclic: Record<string, unknown> = { cniVersion: '1.0.0', name: 'n', plugins: [] };
    (cyclic.plugins as unknown[]).push(cyclic);
    expect(safeParseNetConfList(cyclic).ok).toBe(false);
    expect(
      safeParseNetConfList(
        { cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'x' }] },
        { mode: 'weird' as never },
      ).ok,
    ).toBe(false);
  });
});
