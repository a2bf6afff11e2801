import { describe, expect, it } from 'vitest';
import { parseHostLocalConfig, safeParseHostLocalConfig } from './host-local-config.ts';

function errorOf(ipam: unknown, options = {}) {
  const r = safeParseHostLocalConfig(ipam, options);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

// containernetworking/plugins plugins/ipam/host-local/backend/allocator/range_test.go
describe('parseHostLocalConfig — range_test.go (Range.Canonicalize)', () => {
  const one = (range: Record<string, string>) =>
    parseHostLocalConfig({ type: 'host-local', ranges: [[range]] }).ranges[0]![0];

  it('generates sane defaults for ipv4 with a clean prefix', () => {
    expect(one({ subnet: '192.0.2.0/24' })).toEqual({
      subnet: '192.0.2.0/24',
      rangeStart: '192.0.2.1',
      rangeEnd: '192.0.2.254',
      gateway: '192.0.2.1',
    });
  });
  it('generates sane defaults for a smaller ipv4 subnet', () => {
    expect(one({ subnet: '192.0.2.0/25' })?.rangeEnd).toBe('192.0.2.126');
  });
  it('generates sane defaults for ipv6 with a clean prefix (no broadcast decrement)', () => {
    expect(one({ subnet: '2001:DB8:1::/64' })).toEqual({
      subnet: '2001:db8:1::/64',
      rangeStart: '2001:db8:1::1',
      rangeEnd: '2001:db8:1:0:ffff:ffff:ffff:ffff', // Go prints one zero group uncompressed (RFC 5952)
      gateway: '2001:db8:1::1',
    });
  });
  it.each([
    [
      '192.0.2.12/24',
      'Network has host bits set. For a subnet mask of length 24 the network address is 192.0.2.0',
    ],
    [
      '2001:DB8:1::24:19ff:fee1:c44a/64',
      'Network has host bits set. For a subnet mask of length 64 the network address is 2001:db8:1::',
    ],
    [
      '2001:DB8:24:19ff::/63',
      'Network has host bits set. For a subnet mask of length 63 the network address is 2001:db8:24:19fe::',
    ],
    [
      '192.168.127.0/23',
      'Network has host bits set. For a subnet mask of length 23 the network address is 192.168.126.0',
    ],
  ])('rejects %s with host bits set', (subnet, message) => {
    const error = errorOf({ type: 'host-local', ranges: [[{ subnet }]] });
    expect(error.code).toBe('HOST_BITS_SET');
    expect(error.message).toBe(`invalid range set 0: ${message}`);
    expect(error.path).toEqual(['ranges', 0, 0, 'subnet']);
  });
  it('rejects a network that is too small (/31, /32, /127)', () => {
    const error = errorOf({ type: 'host-local', subnet: '192.0.2.0/31' });
    expect(error.code).toBe('NETWORK_TOO_SMALL');
    expect(error.message).toBe('invalid range set 0: Network 192.0.2.0/31 too small to allocate from');
    expect(error.path).toEqual(['subnet']);
    expect(errorOf({ type: 'host-local', subnet: '10.0.0.1/32' }).code).toBe('NETWORK_TOO_SMALL');
    expect(errorOf({ type: 'host-local', subnet: 'fd00::/127' }).code).toBe('NETWORK_TOO_SMALL');
    expect(parseHostLocalConfig({ type: 'host-local', subnet: '10.0.0.0/30' }).ranges).toHaveLength(1);
  });
  it('rejects invalid RangeStart and RangeEnd specifications', () => {
    let e = errorOf({ type: 'host-local', ranges: [[{ subnet: '192.0.2.0/24', rangeStart: '192.0.3.0' }]] });
    expect(e.message).toBe('invalid range set 0: RangeStart 192.0.3.0 not in network 192.0.2.0/24');
    expect(e.path).toEqual(['ranges', 0, 0, 'rangeStart']);
    e = errorOf({ type: 'host-local', ranges: [[{ subnet: '192.0.2.0/24', rangeEnd: '192.0.4.0' }]] });
    expect(e.message).toBe('invalid range set 0: RangeEnd 192.0.4.0 not in network 192.0.2.0/24');
    expect(e.path).toEqual(['ranges', 0, 0, 'rangeEnd']);
    e = errorOf({
      type: 'host-local',
      ranges: [[{ subnet: '192.0.2.0/24', rangeStart: '192.0.2.50', rangeEnd: '192.0.2.40' }]],
    });
    expect(e.message).toBe('invalid range set 0: RangeStart 192.0.2.50 not in network 192.0.2.0/24');
  });
  it('parses all fields correctly and does not validate the gateway', () => {
    expect(
      one({
        subnet: '192.0.2.0/24',
        rangeStart: '192.0.2.40',
        rangeEnd: '192.0.2.50',
        gateway: '192.0.2.254',
      }),
    ).toEqual({
      subnet: '192.0.2.0/24',
      rangeStart: '192.0.2.40',
      rangeEnd: '192.0.2.50',
      gateway: '192.0.2.254',
    });
  });
  it.each([
    ['non-overlapping', [{ subnet: '10.0.0.0/24' }, { subnet: '10.0.1.0/24' }], false],
    ['Identical', [{ subnet: '10.0.0.0/24' }, { subnet: '10.0.0.0/24' }], true],
    ['Containing', [{ subnet: '10.0.0.0/20' }, { subnet: '10.0.1.0/24' }], true],
    [
      'same subnet, non overlapping start + end',
      [
        { subnet: '10.0.0.0/24', rangeEnd: '10.0.0.127' },
        { subnet: '10.0.0.0/24', rangeStart: '10.0.0.128' },
      ],
      false,
    ],
    [
      'same subnet, overlapping start + end',
      [
        { subnet: '10.0.0.0/24', rangeEnd: '10.0.0.127' },
        { subnet: '10.0.0.0/24', rangeStart: '10.0.0.127' },
      ],
      true,
    ],
  ])('detects overlap: %s', (_name, ranges, overlaps) => {
    const r = safeParseHostLocalConfig({ type: 'host-local', ranges: [ranges] });
    expect(r.ok).toBe(!overlaps);
    if (!r.ok) expect(r.error.code).toBe('RANGES_OVERLAP');
  });
});

// containernetworking/plugins plugins/ipam/host-local/backend/allocator/config_test.go
describe('parseHostLocalConfig — config_test.go (LoadIPAMConfig)', () => {
  it('parses an old-style config', () => {
    const conf = parseHostLocalConfig({
      type: 'host-local',
      subnet: '10.1.2.0/24',
      rangeStart: '10.1.2.9',
      rangeEnd: '10.1.2.20',
      gateway: '10.1.2.30',
    });
    expect(conf.ranges).toEqual([
      [{ subnet: '10.1.2.0/24', rangeStart: '10.1.2.9', rangeEnd: '10.1.2.20', gateway: '10.1.2.30' }],
    ]);
    expect(conf.dataDir).toBe('/var/lib/cni/networks');
  });
  it('parses a mixed config with runtime args: ipRanges first, then legacy, then ranges', () => {
    const conf = parseHostLocalConfig(
      {
        type: 'host-local',
        subnet: '10.1.2.0/24',
        rangeStart: '10.1.2.9',
        rangeEnd: '10.1.2.20',
        gateway: '10.1.2.30',
        ranges: [
          [{ subnet: '11.1.2.0/24', rangeStart: '11.1.2.9', rangeEnd: '11.1.2.20', gateway: '11.1.2.30' }],
        ],
      },
      { cniVersion: '0.3.1', ipRanges: [[{ subnet: '12.1.3.0/24' }]] },
    );
    expect(conf.ranges.map((s) => s[0]!.subnet)).toEqual(['12.1.3.0/24', '10.1.2.0/24', '11.1.2.0/24']);
    expect(conf.ranges[0]![0]).toEqual({
      subnet: '12.1.3.0/24',
      rangeStart: '12.1.3.1',
      rangeEnd: '12.1.3.254',
      gateway: '12.1.3.1',
    });
  });
  it('parses requested IPs, dropping prefixes', () => {
    const conf = parseHostLocalConfig(
      { type: 'host-local', subnet: '10.1.2.0/24' },
      { requestedIps: ['192.168.0.1', '192.168.0.5/24', '2001:db8::1/64'] },
    );
    expect(conf.requestedIps).toEqual(['192.168.0.1', '192.168.0.5', '2001:db8::1']);
  });
  it('detects overlap between range sets', () => {
    const e = errorOf({
      type: 'host-local',
      ranges: [
        [{ subnet: '10.1.2.0/24' }, { subnet: '10.2.2.0/24' }],
        [
          { subnet: '10.1.4.0/24' },
          { subnet: '10.1.6.0/24' },
          { subnet: '10.1.8.0/24' },
          { subnet: '10.1.2.0/24' },
        ],
      ],
    });
    expect(e.message).toBe('range set 0 overlaps with 1');
    expect(e.code).toBe('RANGE_SETS_OVERLAP');
    expect(e.path).toEqual(['ranges', 1]);
  });
  it('detects overlap within a range set', () => {
    const e = errorOf({
      type: 'host-local',
      ranges: [[{ subnet: '10.1.0.0/22' }, { subnet: '10.1.2.0/24' }]],
    });
    expect(e.message).toBe(
      'invalid range set 0: subnets 10.1.0.1-10.1.3.254 and 10.1.2.1-10.1.2.254 overlap',
    );
  });
  it('errors on range sets with different families', () => {
    const e = errorOf({
      type: 'host-local',
      ranges: [[{ subnet: '10.1.0.0/22' }, { subnet: '2001:db8:5::/64' }]],
    });
    expect(e.message).toBe('invalid range set 0: mixed address families');
    expect(e.code).toBe('MIXED_ADDRESS_FAMILIES');
    expect(e.path).toEqual(['ranges', 0, 1]);
  });
  it('errors on too many ranges per family for 0.2.0 and allows one v4 + one v6', () => {
    const ipam = { type: 'host-local', ranges: [[{ subnet: '10.1.2.0/24' }], [{ subnet: '11.1.2.0/24' }]] };
    expect(errorOf(ipam, { cniVersion: '0.2.0' }).message).toBe(
      'CNI version 0.2.0 does not support more than 1 address per family',
    );
    expect(
      safeParseHostLocalConfig(
        { type: 'host-local', ranges: [[{ subnet: '10.1.2.0/24' }], [{ subnet: '2001:db8:1::/48' }]] },
        { cniVersion: '0.2.0' },
      ).ok,
    ).toBe(true);
    expect(safeParseHostLocalConfig(ipam, { cniVersion: '0.3.1' }).ok).toBe(true);
  });
  it('errors without ranges and on bad input types, with paths', () => {
    expect(errorOf({ type: 'host-local' }).message).toBe('no IP ranges specified');
    expect(errorOf(undefined).code).toBe('MISSING_IPAM');
    expect(errorOf({ type: 'host-local', ranges: [[]] }).code).toBe('EMPTY_RANGE_SET');
    expect(errorOf({ type: 'host-local', ranges: [[{ subnet: 'nope' }]] }).path).toEqual([
      'ranges',
      0,
      0,
      'subnet',
    ]);
    expect(errorOf({ type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24', gateway: 5 }]] }).path).toEqual([
      'ranges',
      0,
      0,
      'gateway',
    ]);
    expect(errorOf({ type: 'host-local', subnet: '10.0.0.0/24', routes: [{ dst: 'x' }] }).path).toEqual([
      'routes',
      0,
      'dst',
    ]);
    expect(errorOf({ type: 'host-local', ranges: 'x' }).path).toEqual(['ranges']);
  });
  it('parses the cni.dev host-local docs example (two range sets, dual-stack, routes)', () => {
    const conf = parseHostLocalConfig({
      type: 'host-local',
      ranges: [
        [
          {
            subnet: '10.10.0.0/16',
            rangeStart: '10.10.1.20',
            rangeEnd: '10.10.3.50',
            gateway: '10.10.0.254',
          },
          { subnet: '172.16.5.0/24' },
        ],
        [
          {
            subnet: '3ffe:ffff:0:01ff::/64',
            rangeStart: '3ffe:ffff:0:01ff::0010',
            rangeEnd: '3ffe:ffff:0:01ff::0020',
          },
        ],
      ],
      routes: [
        { dst: '0.0.0.0/0' },
        { dst: '192.168.0.0/16', gw: '10.10.5.1' },
        { dst: '3ffe:ffff:0:01ff::1/64' },
      ],
      dataDir: '/run/my-orchestrator/container-ipam-state',
    });
    expect(conf.ranges[1]).toEqual([
      {
        subnet: '3ffe:ffff:0:1ff::/64',
        rangeStart: '3ffe:ffff:0:1ff::10',
        rangeEnd: '3ffe:ffff:0:1ff::20',
        gateway: '3ffe:ffff:0:1ff::1',
      },
    ]);
    // routes are validated and copied as given (the result's routes are the ipam.routes)
    expect(conf.routes).toEqual([
      { dst: '0.0.0.0/0' },
      { dst: '192.168.0.0/16', gw: '10.10.5.1' },
      { dst: '3ffe:ffff:0:01ff::1/64' },
    ]);
    expect(conf.dataDir).toBe('/run/my-orchestrator/container-ipam-state');
  });
});

// plugins/ipam/host-local/backend/allocator/config.go LoadIPAMConfig reads the whole network config
describe('parseHostLocalConfig — whole network config input', () => {
  it('reads ipam, cniVersion, runtimeConfig and args around it (config_test.go inputs)', () => {
    const conf = parseHostLocalConfig({
      cniVersion: '0.3.1',
      name: 'mynet',
      type: 'ipvlan',
      master: 'foo0',
      runtimeConfig: { irrelevant: 'a', ipRanges: [[{ subnet: '12.1.3.0/24' }]], ips: ['192.168.0.5/24'] },
      args: { cni: { ips: ['10.1.2.11'] } },
      ipam: { type: 'host-local', subnet: '10.1.2.0/24' },
    });
    expect(conf.ranges.map((s) => s[0]!.subnet)).toEqual(['12.1.3.0/24', '10.1.2.0/24']);
    expect(conf.requestedIps).toEqual(['10.1.2.11', '192.168.0.5']);
    const r = safeParseHostLocalConfig({
      cniVersion: '0.2.0',
      ipam: { type: 'host-local', ranges: [[{ subnet: '10.1.2.0/24' }], [{ subnet: '11.1.2.0/24' }]] },
    });
    expect(r.ok).toBe(false);
    const bad = safeParseHostLocalConfig({ name: 'n', ipam: { type: 'host-local', subnet: '10.1.2.0/31' } });
    if (!bad.ok) expect(bad.error.path).toEqual(['ipam', 'subnet']);
    expect(safeParseHostLocalConfig('{"type":"host-local","subnet":"10.0.0.0/24"}').ok).toBe(true);
    expect(safeParseHostLocalConfig('{').ok).toBe(false);
  });
});
