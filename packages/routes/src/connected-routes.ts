import { type Addr, addrFromUint32, type Prefix, prefixFrom, safeParseAddr } from '@podnet/ip';
import { buildRoute, compareRoutesForDump as compare } from './internal/build-route.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * An address configured on an interface, as `ip addr add ADDRESS/BITS dev DEV` takes it.
 * `address` is `'10.244.1.1/24'` text, or an address with a separate `bits`.
 *
 * @example
 * ```ts
 * const a: InterfaceAddress = { dev: 'cni0', address: '10.244.1.1/24' };
 * ```
 */
export interface InterfaceAddress {
  readonly dev: string;
  readonly address: string | Addr;
  /** Prefix length when `address` has none (default: /32 or /128). */
  readonly bits?: number;
}

/**
 * Options for {@link connectedRoutes}.
 *
 * @example
 * ```ts
 * const o: ConnectedRoutesOptions = { table: 'all' };
 * ```
 */
export interface ConnectedRoutesOptions {
  /** Which kernel routes to return: the `main` table (default), the `local` table, or `all`. */
  readonly table?: 'main' | 'local' | 'all';
}

/** @internal An interface address split into its address and prefix length. */
export function splitInterfaceAddress(ia: InterfaceAddress, index: number): { addr: Addr; bits: number } {
  if (ia === null || typeof ia !== 'object' || typeof ia.dev !== 'string' || ia.dev === '') {
    throw new RoutesError('INVALID_INTERFACE', `interface address ${index} needs a dev`, [index]);
  }
  let addr: Addr;
  let bits: number | undefined = ia.bits;
  if (typeof ia.address === 'string') {
    const slash = ia.address.indexOf('/');
    // Stryker disable next-line EqualityOperator: at slash 0 the address part is empty or "/…", invalid either way
    const text = slash < 0 ? ia.address : ia.address.slice(0, slash);
    const r = safeParseAddr(text);
    if (!r.ok) {
      throw new RoutesError('INVALID_ADDRESS', `invalid interface address ${describe(ia.address)}`, [
        index,
        'address',
      ]);
    }
    addr = r.value;
    // Stryker disable next-line EqualityOperator: slash 0 (an empty address) was rejected above
    if (slash >= 0) {
      const lenText = ia.address.slice(slash + 1);
      if (!/^(0|[1-9][0-9]*)$/.test(lenText)) {
        throw new RoutesError('INVALID_PREFIX', `invalid prefix length in ${describe(ia.address)}`, [
          index,
          'address',
        ]);
      }
      bits = Number(lenText);
    }
  } else {
    addr = toAddr(ia.address, 'interface address', [index, 'address']);
  }
  const width = addr.family === 4 ? 32 : 128;
  bits ??= width;
  if (!Number.isInteger(bits) || bits < 0 || bits > width) {
    throw new RoutesError('INVALID_PREFIX', `invalid prefix length ${describe(bits)}`, [index, 'bits']);
  }
  return { addr, bits };
}

/**
 * The routes the kernel adds by itself when addresses are configured (`proto kernel`), in kernel
 * dump order per table:
 *
 * - main: `NETWORK/BITS dev DEV proto kernel scope link src ADDR` for IPv4 (none for a /32), and
 *   `NETWORK/BITS dev DEV proto kernel metric 256 pref medium` for IPv6 (none for a /128);
 * - local: `local ADDR dev DEV table local proto kernel scope host src ADDR` and, for IPv4 below
 *   /31, `broadcast LAST dev DEV table local proto kernel scope link src ADDR`; for IPv6
 *   `local ADDR … metric 0 pref medium` and the subnet-router `anycast NETWORK …`.
 *
 * @example
 * ```ts
 * formatIpRoute(connectedRoutes([{ dev: 'cni0', address: '10.244.1.1/24' }]));
 * // '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n'
 * ```
 */
export function connectedRoutes(
  addresses: readonly InterfaceAddress[],
  options?: ConnectedRoutesOptions,
): Route[] {
  if (!Array.isArray(addresses)) {
    throw new RoutesError('INVALID_INPUT', 'expected an array of interface addresses');
  }
  const which = options?.table ?? 'main';
  const main: Route[] = [];
  const local: Route[] = [];
  addresses.forEach((ia, index) => {
    const { addr, bits } = splitInterfaceAddress(ia, index);
    const net: Prefix = prefixFrom(addr, bits);
    const width = addr.family === 4 ? 32 : 128;
    const host = prefixFrom(addr, width);
    if (addr.family === 4) {
      if (bits < 32) {
        main.push(buildRoute({ dst: net, dev: ia.dev, proto: 'kernel', scope: 'link', src: addr }));
      }
      local.push(
        buildRoute({
          type: 'local',
          dst: host,
          dev: ia.dev,
          table: 'local',
          proto: 'kernel',
          scope: 'host',
          src: addr,
        }),
      );
      if (bits < 31) {
        const last = ((net.addr.w3 >>> 0) + 2 ** (32 - bits) - 1) >>> 0;
        local.push(
          buildRoute({
            type: 'broadcast',
            dst: prefixFrom(addrFromUint32(last), 32),
            dev: ia.dev,
            table: 'local',
            proto: 'kernel',
            scope: 'link',
            src: addr,
          }),
        );
      }
    } else {
      if (bits < 128) {
        main.push(buildRoute({ dst: net, dev: ia.dev, proto: 'kernel', metric: 256, pref: 'medium' }));
      }
      local.push(
        buildRoute({
          type: 'local',
          dst: host,
          dev: ia.dev,
          table: 'local',
          proto: 'kernel',
          metric: 0,
          pref: 'medium',
        }),
      );
      if (bits < 127) {
        local.push(
          buildRoute({
            type: 'anycast',
            dst: prefixFrom(net.addr, 128),
            dev: ia.dev,
            table: 'local',
            proto: 'kernel',
            metric: 0,
            pref: 'medium',
          }),
        );
      }
    }
  });
  const order = (a: Route, b: Route): number => compare(a, b);
  // A second address in the same subnet on the same device adds no second prefix route.
  const seen = new Set<string>();
  const mainUnique = main.filter((r) => {
    const key = `${r.dev} ${r.dst.addr.w0}.${r.dst.addr.w1}.${r.dst.addr.w2}.${r.dst.addr.w3}/${r.dst.bits}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  mainUnique.sort(order);
  local.sort(order);
  if (which === 'main') return mainUnique;
  if (which === 'local') return local;
  return [...mainUnique, ...local];
}
