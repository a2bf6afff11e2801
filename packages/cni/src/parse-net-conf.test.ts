import { describe, expect, it } from 'vitest';
import { parseNetConf, safeParseNetConf } from './parse-net-conf.ts';

// containernetworking/cni SPEC.md spec-v0.4.0 §"Example configurations" (legacy single-plugin .conf)
const examples = [
  {
    cniVersion: '0.4.0',
    name: 'dbnet',
    type: 'bridge',
    bridge: 'cni0',
    ipam: { type: 'host-local', subnet: '10.1.0.0/16', gateway: '10.1.0.1' },
    dns: { nameservers: ['10.1.0.1'] },
  },
  {
    cniVersion: '0.4.0',
    name: 'pci',
    type: 'ovs',
    bridge: 'ovs0',
    vxlanID: 42,
    ipam: { type: 'dhcp', routes: [{ dst: '10.3.0.0/16' }, { dst: '10.4.0.0/16' }] },
    args: { labels: { appVersion: '1.0' } },
  },
  {
    cniVersion: '0.4.0',
    name: 'wan',
    type: 'macvlan',
    ipam: { type: 'dhcp', routes: [{ dst: '10.0.0.0/8', gw: '10.0.0.1' }] },
    dns: { nameservers: ['10.0.0.1'] },
  },
  // cni.dev content/plugins/current/main/bridge.md
  {
    cniVersion: '1.0.0',
    name: 'mynet',
    type: 'bridge',
    bridge: 'mynet0',
    isDefaultGateway: true,
    forceAddress: false,
    ipMasq: true,
    hairpinMode: true,
    ipam: { type: 'host-local', subnet: '10.10.0.0/16' },
  },
];

describe('parseNetConf', () => {
  for (const mode of ['spec', 'libcni'] as const) {
    it(`accepts the spec and docs examples (${mode})`, () => {
      for (const conf of examples) expect(parseNetConf(JSON.stringify(conf), { mode })).toEqual(conf);
    });
  }

  it('spec mode requires cniVersion, a valid name and type', () => {
    const cases: [unknown, string, (string | number)[]][] = [
      [{ name: 'n', type: 'bridge' }, 'MISSING_FIELD', ['cniVersion']],
      [{ cniVersion: '1.0.0', type: 'bridge' }, 'MISSING_FIELD', ['name']],
      [{ cniVersion: '1.0.0', name: 'bad name', type: 'bridge' }, 'INVALID_NAME', ['name']],
      [{ cniVersion: '1.0.0', name: 'n' }, 'MISSING_FIELD', ['type']],
      [{ cniVersion: '1.0.0', name: 'n', type: 'bridge', vlan: 4095 }, 'INVALID_VLAN', ['vlan']],
      [
        {
          cniVersion: '1.0.0',
          name: 'n',
          type: 'bridge',
          ipam: { type: 'host-local', subnet: '10.0.0.5/24' },
        },
        'HOST_BITS_SET',
        ['ipam', 'subnet'],
      ],
      [{ cniVersion: '9.9.9', name: 'n', type: 'bridge' }, 'UNSUPPORTED_VERSION', ['cniVersion']],
    ];
    for (const [json, code, path] of cases) {
      const r = safeParseNetConf(json);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.path]).toEqual([code, path]);
    }
  });

  it('libcni mode only needs a type (ConfFromBytes)', () => {
    expect(parseNetConf({ type: 'bridge' }, { mode: 'libcni' })).toEqual({ type: 'bridge' });
    const r = safeParseNetConf({ name: 'n' }, { mode: 'libcni' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect([r.error.code, r.error.message]).toEqual([
        'MISSING_FIELD',
        "error parsing configuration: missing 'type'",
      ]);
    expect(safeParseNetConf({ type: 'bridge', name: 7 }, { mode: 'libcni' }).ok).toBe(false);
  });

  it('never throws from the safe form', () => {
    for (const bad of [undefined, null, 3, '{', '[]', [], 'null']) {
      expect(safeParseNetConf(bad).ok).toBe(false);
      expect(safeParseNetConf(bad, { mode: 'libcni' }).ok).toBe(false);
    }
  });
});
