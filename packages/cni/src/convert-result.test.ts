import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
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

// Hardening finding (test/corpus/parse-result-deep-json.json): `interfaces` nested 100,000 deep used to
// overflow the stack (RangeError) while the value was walked/described; now the same depth guard as
// parseNetConfList refuses it first.
describe('deeply nested and non-JSON results are refused with INVALID_VALUE', () => {
  const deepArray = (n: number): unknown => {
    let v: unknown = [];
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  const deepText = `{"cniVersion":"1.0.0","interfaces":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

  it('parseResult: JSON text and JS object nested 100000 deep', () => {
    for (const input of [deepText, { cniVersion: '1.0.0', interfaces: deepArray(100_000) }]) {
      let caught: unknown;
      try {
        parseResult(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CniError);
      expect((caught as CniError).code).toBe('INVALID_VALUE');
      expect((caught as CniError).message).toBe('circular or too deeply nested value');
      expect((caught as CniError).path.slice(0, 3)).toEqual(['interfaces', 0, 0]);
    }
  });
  it('safeParseResult and convertResult do not throw a RangeError either', () => {
    const r = safeParseResult(deepText);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_VALUE');
    expect(() =>
      convertResult({ cniVersion: '1.0.0', interfaces: deepArray(100_000) } as never, '0.4.0'),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_VALUE' }) as never);
    // 100 levels is still over the 64-level limit; a flat result is unaffected
    expect(safeParseResult({ cniVersion: '1.0.0', interfaces: deepArray(100) }).ok).toBe(false);
    expect(parseResult({ cniVersion: '1.0.0', interfaces: [{ name: 'eth0' }] })).toEqual({
      cniVersion: '1.0.0',
      interfaces: [{ name: 'eth0' }],
    });
  });
  it('a throwing getter, a bigint or a cycle is a coded error, not a TypeError', () => {
    const getter = Object.defineProperty({ cniVersion: '1.0.0' }, 'ips', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => parseResult(getter)).toThrowError(
      expect.objectContaining({ code: 'INVALID_VALUE', path: ['ips'] }) as never,
    );
    expect(() => parseResult({ cniVersion: '1.0.0', ips: [1n] })).toThrowError(
      expect.objectContaining({ code: 'INVALID_VALUE', path: ['ips', 0] }) as never,
    );
    const cycle: Record<string, unknown> = { cniVersion: '1.0.0' };
    cycle.dns = cycle;
    expect(safeParseResult(cycle).ok).toBe(false);
    expect(() => convertResult(getter as never, '0.4.0')).toThrowError(CniError);
  });
  it('convertResult checks the types it relies on, with the path', () => {
    expect(() => convertResult({ cniVersion: '1.0.0', ips: 'x' } as never, '0.4.0')).toThrowError(
      expect.objectContaining({ code: 'INVALID_TYPE', path: ['ips'] }) as never,
    );
    expect(() =>
      convertResult({ cniVersion: '1.0.0', dns: { nameservers: { toString: 1 } } } as never, '0.2.0'),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_TYPE', path: ['dns', 'nameservers'] }) as never);
    expect(() => convertResult({ cniVersion: '1.0.0' }, Symbol('v') as never)).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', path: ['toVersion'] }) as never,
    );
    // null where an optional block goes reads as absent, as Go's json.Unmarshal does
    expect(convertResult({ cniVersion: '0.2.0', ip4: null, dns: null } as never, '1.0.0')).toEqual({
      cniVersion: '1.0.0',
    });
  });
});
