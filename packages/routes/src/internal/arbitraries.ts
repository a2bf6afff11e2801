import { fc } from '@fast-check/vitest';
import { type Addr, addrFromBigInt, addrFromUint32, type Prefix, prefixFrom } from '@podnet/ip';
import type { Route, RouteType } from '../route.ts';
import { buildRoute } from './build-route.ts';

/** @internal Test-only arbitraries (never exported from the package). */

// Addresses cluster on a few high bits so that prefixes overlap and nest often.
const v4Addr: fc.Arbitrary<Addr> = fc
  .tuple(
    fc.constantFrom(0x0a000000, 0x0af40000, 0xc0a80100, 0x00000000, 0xffffff00),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([base, noise, keep]) => {
    // the top `keep` bits come from the base, the rest is noise
    const low = keep >= 32 ? 0 : -1 >>> keep;
    return addrFromUint32(((base & ~low) | (noise & low)) >>> 0);
  });

const v6Addr: fc.Arbitrary<Addr> = fc
  .tuple(
    fc.constantFrom(0x20010db8n << 96n, 0xfd00n << 112n, 0xffffn << 32n, 0n),
    fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(([base, noise, keep]) => {
    const lowMask = (1n << BigInt(128 - keep)) - 1n;
    return addrFromBigInt((base & ~lowMask) | (noise & lowMask), 6, '');
  });

export const anyAddr: fc.Arbitrary<Addr> = fc.oneof(v4Addr, v6Addr);

const prefixOf = (a: Addr, bitsSeed: number): Prefix => {
  const width = a.family === 4 ? 32 : 128;
  // favour typical lengths
  const choices =
    a.family === 4 ? [0, 8, 16, 24, 26, 32, bitsSeed % 33] : [0, 48, 64, 96, 104, 128, bitsSeed % 129];
  return prefixFrom(a, Math.min(width, choices[bitsSeed % choices.length] as number));
};

export const anyPrefix: fc.Arbitrary<Prefix> = fc
  .tuple(anyAddr, fc.integer({ min: 0, max: 1000 }))
  .map(([a, s]) => prefixOf(a, s));

const types: RouteType[] = [
  'unicast',
  'unicast',
  'unicast',
  'unicast',
  'blackhole',
  'unreachable',
  'local',
  'throw',
];

/** Routes for selection tests: random tables (mostly main), types, metrics. */
export const selectionRoute: fc.Arbitrary<Route> = fc
  .record({
    dst: anyPrefix,
    type: fc.constantFrom(...types),
    metric: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    table: fc.constantFrom(undefined, undefined, undefined, 'main', 'local', 'default', '100'),
    dev: fc.constantFrom('eth0', 'eth1', 'cni0'),
  })
  .map((r) => buildRoute(r));

/** Routes for round-trip tests: every printable field. */
export const printableRoute: fc.Arbitrary<Route> = fc
  .record({
    dst: anyPrefix,
    type: fc.constantFrom<RouteType>(
      'unicast',
      'blackhole',
      'local',
      'broadcast',
      'unreachable',
      'prohibit',
      'throw',
      'anycast',
      'multicast',
    ),
    dev: fc.option(fc.constantFrom('eth0', 'cni0', 'flannel.1', 'vxlan.calico', 'cali1234567890a'), {
      nil: undefined,
    }),
    table: fc.option(fc.constantFrom('local', 'main', '100', 'default'), { nil: undefined }),
    proto: fc.option(fc.constantFrom('kernel', 'boot', 'static', 'bird', '80', 'dhcp', 'ra'), {
      nil: undefined,
    }),
    scope: fc.option(fc.constantFrom('link', 'host', 'global', '200'), { nil: undefined }),
    metric: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
    onlink: fc.option(fc.constant(true as const), { nil: undefined }),
    mtu: fc.option(fc.integer({ min: 68, max: 9000 }), { nil: undefined }),
    advmss: fc.option(fc.integer({ min: 0, max: 9000 }), { nil: undefined }),
    rto_min: fc.option(fc.constantFrom('5ms', '200ms', '1.5s'), { nil: undefined }),
    congctl: fc.option(fc.constantFrom('bbr', 'cubic'), { nil: undefined }),
    hoplimit: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    locked: fc.option(fc.constant(['mtu'] as const), { nil: undefined }),
    pref: fc.option(fc.constantFrom('low' as const, 'medium' as const, 'high' as const), { nil: undefined }),
    viaSeed: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
    srcSeed: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
  })
  .map(({ viaSeed, srcSeed, locked, ...r }) => {
    const fam = r.dst.addr.family;
    const mk = (seed: number): Addr =>
      fam === 4 ? addrFromUint32(seed >>> 0) : addrFromBigInt((0xfe80n << 112n) | BigInt(seed), 6, '');
    return buildRoute({
      ...r,
      ...(locked !== undefined && r.mtu !== undefined ? { locked } : {}),
      ...(viaSeed === undefined ? {} : { via: mk(viaSeed) }),
      ...(srcSeed === undefined ? {} : { src: mk(srcSeed) }),
    });
  });
