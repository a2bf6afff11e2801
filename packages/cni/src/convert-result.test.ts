import { describe, expect, it } from 'vitest';
import { convertResult, parseResult, safeParseResult } from './convert-result.ts';
import type { CniResult } from './result-schema.ts';

// containernetworking/cni pkg/types/100/types_test.go — the 1.1.0 acceptance example.
const res110: CniResult = {
  cniVersion: '1.1.0',
  interfaces: [
    {
      name: 'eth0',
      mac: '00:11:22:33:44:55',
      mtu: 1500,
      sandbox: '/proc/3553/ns/net',
      pciID: '8086:9a01',
      socketPath: '/path/to/vhost/fd',
    },
  ],
  ips: [
    { interface: 0, address: '1.2.3.30/24', gateway: '1.2.3.1' },
    { interface: 0, address: 'abcd:1234:ffff::cdde/64', gateway: 'abcd:1234:ffff::1' },
  ],
  routes: [
    { dst: '15.5.6.0/24', gw: '15.5.6.8' },
    { dst: '1111:dddd::/80', gw: '1111:dddd::aaaa' },
  ],
  dns: {
    nameservers: ['1.2.3.4', '1::cafe'],
    domain: 'acompany.com',
    search: ['somedomain.com', 'otherdomain.net'],
    options: ['foo', 'bar'],
  },
};

describe('parseResult', () => {
  it('accepts the types_test.go 1.1.0 result and keeps Go field order', () => {
    const parsed = parseResult(JSON.stringify(res110));
    expect(parsed).toEqual(res110);
  });
  it('validates against the result version: 0.4.0 needs ips[].version, 1.0.0 has no interface mtu', () => {
    expect(safeParseResult({ cniVersion: '0.4.0', ips: [{ address: '10.0.0.2/24' }] }).ok).toBe(false);
    expect(safeParseResult({ cniVersion: '0.4.0', ips: [{ version: '4', address: '10.0.0.2/24' }] }).ok).toBe(
      true,
    );
    const bad = safeParseResult({ cniVersion: '1.0.0', ips: [{ address: 'nope' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.path).toEqual(['ips', 0, 'address']);
    expect(safeParseResult({ cniVersion: '7.0.0' }).ok).toBe(false);
  });
});

// pkg/types/100/types.go convertTo04x / pkg/types/040/types.go convertTo02x and convertFrom02x
describe('convertResult', () => {
  it('1.1.0 → 0.4.0 adds ips[].version and drops the 1.1 interface fields', () => {
    expect(convertResult(res110, '0.4.0')).toEqual({
      cniVersion: '0.4.0',
      interfaces: [{ name: 'eth0', mac: '00:11:22:33:44:55', sandbox: '/proc/3553/ns/net' }],
      ips: [
        { version: '4', interface: 0, address: '1.2.3.30/24', gateway: '1.2.3.1' },
        { version: '6', interface: 0, address: 'abcd:1234:ffff::cdde/64', gateway: 'abcd:1234:ffff::1' },
      ],
      routes: res110.routes,
      dns: res110.dns,
    });
    expect(JSON.stringify(convertResult(res110, '0.3.1'))).toContain(
      '"ips":[{"version":"4","interface":0,"address"',
    );
  });
  it('0.4.0 → 1.0.0 drops version', () => {
    const r = convertResult(
      {
        cniVersion: '0.4.0',
        ips: [{ version: '4', address: '10.1.0.5/16', gateway: '10.1.0.1', interface: 2 }],
      },
      '1.0.0',
    );
    expect(r).toEqual({
      cniVersion: '1.0.0',
      ips: [{ interface: 2, address: '10.1.0.5/16', gateway: '10.1.0.1' }],
    });
  });
  it('→ 0.2.0 keeps the first address per family and splits routes by family', () => {
    const r = convertResult(
      {
        ...res110,
        ips: [...(res110.ips ?? []), { address: '1.2.3.31/24' }],
      },
      '0.2.0',
    );
    expect(r).toEqual({
      cniVersion: '0.2.0',
      ip4: { ip: '1.2.3.30/24', gateway: '1.2.3.1', routes: [{ dst: '15.5.6.0/24', gw: '15.5.6.8' }] },
      ip6: {
        ip: 'abcd:1234:ffff::cdde/64',
        gateway: 'abcd:1234:ffff::1',
        routes: [{ dst: '1111:dddd::/80', gw: '1111:dddd::aaaa' }],
      },
      dns: res110.dns,
    });
  });
  it('0.2.0 → 1.0.0 lists ip4 then ip6, and round-trips', () => {
    const old = {
      cniVersion: '0.2.0',
      ip4: { ip: '10.0.0.2/24', gateway: '10.0.0.1', routes: [{ dst: '0.0.0.0/0' }] },
    };
    const up = convertResult(old, '1.0.0');
    expect(up).toEqual({
      cniVersion: '1.0.0',
      ips: [{ address: '10.0.0.2/24', gateway: '10.0.0.1' }],
      routes: [{ dst: '0.0.0.0/0' }],
    });
    expect(convertResult(up, '0.2.0')).toEqual(old);
  });
  it('drops an empty dns and rejects unknown versions', () => {
    expect(convertResult({ cniVersion: '1.0.0', dns: {} }, '1.1.0')).toEqual({ cniVersion: '1.1.0' });
    expect(() => convertResult({ cniVersion: '1.0.0' }, '2.0.0')).toThrowError(
      'cannot convert version 1.0.0 to 2.0.0',
    );
  });
});
