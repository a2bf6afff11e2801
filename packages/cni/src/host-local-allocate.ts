import { type Addr, addrEquals, compareAddr, formatAddr } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import {
  type HostLocalOptions,
  type HostLocalRoute,
  loadHostLocalConfig,
  type RangeInternal,
  rangeContains,
  rangeSetToString,
  readHostLocalOptions,
} from './host-local-config.ts';
import { type HostLocalReservation, type HostLocalStore, readHostLocalStore } from './host-local-store.ts';
import { requireString } from './internal/input.ts';
import { nextIp, parseIp } from './internal/ip.ts';
import { parseResolvConf } from './parse-resolv-conf.ts';
import type { CniDns } from './plugin-conf-schema.ts';

/** One address handed out by host-local: `address` in CIDR form (`10.1.0.2/16`) and the range's gateway. */
export interface HostLocalIpConfig {
  readonly address: string;
  readonly gateway: string;
}

/** The IPAM result host-local prints: one IP per range set, in range-set order, plus `ipam.routes`. */
export interface HostLocalResult {
  readonly cniVersion?: string;
  readonly ips: readonly HostLocalIpConfig[];
  readonly routes?: readonly HostLocalRoute[];
  /** From `options.resolvConfText` (host-local's `resolvConf`). */
  readonly dns?: CniDns;
}

/** What {@link hostLocalAllocate} returns: the result and the new store (the old one is untouched). */
export interface HostLocalAllocation {
  readonly result: HostLocalResult;
  readonly store: HostLocalStore;
}

interface MutableStore {
  reserved: Record<string, HostLocalReservation>;
  lastReserved: Record<string, string>;
}

function copyStore(store: HostLocalStore | undefined): MutableStore {
  return readHostLocalStore(store, true);
}

function freezeStore(store: MutableStore): HostLocalStore {
  const reserved: Record<string, HostLocalReservation> = {};
  for (const key of Object.keys(store.reserved).sort()) reserved[key] = store.reserved[key]!;
  const lastReserved: Record<string, string> = {};
  for (const key of Object.keys(store.lastReserved).sort()) lastReserved[key] = store.lastReserved[key]!;
  return { reserved, lastReserved };
}

function rangeFor(set: readonly RangeInternal[], ip: Addr): RangeInternal | undefined {
  return set.find((r) => rangeContains(r, ip));
}

/** Go's `Store.Reserve`: false if the address is taken, else records it and the last reserved IP. */
function reserve(
  store: MutableStore,
  setKey: string,
  ip: Addr,
  containerId: string,
  ifname: string,
): boolean {
  const key = formatAddr(ip);
  if (Object.hasOwn(store.reserved, key)) return false;
  store.reserved[key] = { containerId, ifname };
  store.lastReserved[setKey] = key;
  return true;
}

/**
 * The host-local iterator (`RangeIter`): starts after the last reserved IP when it lies in the set,
 * else at range 0's rangeStart; walks each range to its rangeEnd, then the next range (wrapping);
 * skips the gateway; stops when back at the first candidate, so the last reserved IP comes last.
 */
function* candidates(
  set: readonly RangeInternal[],
  last: Addr | undefined,
): Generator<[Addr, RangeInternal]> {
  let rangeIdx = 0;
  let cur: Addr | undefined;
  let startIp: Addr | undefined;
  if (last !== undefined && rangeFor(set, last) !== undefined) {
    rangeIdx = set.findIndex((r) => rangeContains(r, last));
    cur = last;
  } else {
    startIp = set[0]!.rangeStart;
  }
  for (;;) {
    let r = set[rangeIdx]!;
    if (cur === undefined) {
      cur = r.rangeStart;
      startIp = cur;
      if (!addrEquals(cur, r.gateway)) yield [cur, r];
      continue;
    }
    if (addrEquals(cur, r.rangeEnd)) {
      rangeIdx = (rangeIdx + 1) % set.length;
      r = set[rangeIdx]!;
      cur = r.rangeStart;
    } else {
      cur = nextIp(cur);
    }
    if (startIp === undefined) startIp = cur;
    else if (addrEquals(cur, startIp)) return;
    if (addrEquals(cur, r.gateway)) continue;
    yield [cur, r];
  }
}

function ipConfig(ip: Addr, r: RangeInternal): HostLocalIpConfig {
  return { address: `${formatAddr(ip)}/${r.subnet.bits}`, gateway: formatAddr(r.gateway) };
}

function allocateFromSet(
  store: MutableStore,
  set: readonly RangeInternal[],
  containerId: string,
  ifname: string,
  requested: Addr | undefined,
): HostLocalIpConfig {
  const setKey = rangeSetToString(set);
  if (requested !== undefined) {
    const r = rangeFor(set, requested);
    if (r === undefined) {
      throw new CniError('REQUESTED_IP_NOT_IN_RANGE', `${formatAddr(requested)} not in range set ${setKey}`, [
        'requestedIps',
      ]);
    }
    if (addrEquals(requested, r.gateway)) {
      throw new CniError(
        'REQUESTED_IP_IS_GATEWAY',
        `requested ip ${formatAddr(requested)} is subnet's gateway`,
        ['requestedIps'],
      );
    }
    if (!reserve(store, setKey, requested, containerId, ifname)) {
      throw new CniError(
        'REQUESTED_IP_UNAVAILABLE',
        `requested IP address ${formatAddr(requested)} is not available in range set ${setKey}`,
        ['requestedIps'],
      );
    }
    return ipConfig(requested, r);
  }
  for (const key of Object.keys(store.reserved)) {
    const entry = store.reserved[key]!;
    if (entry.containerId !== containerId || entry.ifname !== ifname) continue;
    const ip = parseIp(key);
    if (ip !== null && rangeFor(set, ip) !== undefined) {
      throw new CniError(
        'DUPLICATE_ALLOCATION',
        `${key} has been allocated to ${containerId}, duplicate allocation is not allowed`,
      );
    }
  }
  const lastText = store.lastReserved[setKey];
  const last = lastText === undefined ? undefined : (parseIp(lastText) ?? undefined);
  for (const [ip, r] of candidates(set, last)) {
    if (reserve(store, setKey, ip, containerId, ifname)) return ipConfig(ip, r);
  }
  throw new CniError('NO_ADDRESSES_AVAILABLE', `no IP addresses available in range set: ${setKey}`);
}

/** host-local needs a container ID and an interface name: non-empty strings, described safely. */
function checkId(value: unknown, name: 'containerId' | 'ifname'): string {
  return requireString(value, name, [name], true);
}

/**
 * Allocates one address per range set for a container interface, exactly as the host-local IPAM
 * plugin does on ADD (`cmdAdd` + `IPAllocator.Get`): round robin from the last reserved address,
 * skipping the gateway, network and IPv4 broadcast; requested addresses (`options.requestedIps`)
 * go to the set containing them. Takes the raw `ipam` JSON object (or its JSON text, or a whole
 * network config whose `ipam`, `cniVersion`, `runtimeConfig.ipRanges`/`ips` and `args.cni.ips` are
 * then read as host-local's `LoadIPAMConfig` reads stdin); `store` is
 * {@link emptyHostLocalStore} or `undefined` to start. Returns a new store and never mutates the
 * given one. Throws {@link CniError}: `NO_ADDRESSES_AVAILABLE`, `DUPLICATE_ALLOCATION` (a second ADD
 * for the same container and interface), and the config errors of {@link parseHostLocalConfig}
 * (`NETWORK_TOO_SMALL`, `HOST_BITS_SET`, `RANGES_OVERLAP`, …).
 *
 * @example
 * ```ts
 * const ipam = { type: 'host-local', subnet: '10.1.0.0/16', routes: [{ dst: '0.0.0.0/0' }] };
 * const a = hostLocalAllocate(ipam, emptyHostLocalStore(), 'c1', 'eth0');
 * a.result.ips;  // [{ address: '10.1.0.2/16', gateway: '10.1.0.1' }]
 * const b = hostLocalAllocate(ipam, a.store, 'c2', 'eth0');
 * b.result.ips;  // [{ address: '10.1.0.3/16', gateway: '10.1.0.1' }]
 * ```
 */
export function hostLocalAllocate(
  ipam: unknown,
  store: HostLocalStore | undefined,
  containerId: string,
  ifname: string,
  options: HostLocalOptions = {},
): HostLocalAllocation {
  checkId(containerId, 'containerId');
  checkId(ifname, 'ifname');
  const opts = readHostLocalOptions(options);
  const config = loadHostLocalConfig(ipam, opts);
  const work = copyStore(store);
  const requested = [...config.requested];
  const ips: HostLocalIpConfig[] = [];
  config.sets.forEach((set, idx) => {
    let wanted: Addr | undefined;
    const at = requested.findIndex((ip) => rangeFor(set, ip) !== undefined);
    if (at >= 0) {
      wanted = requested[at];
      requested.splice(at, 1);
    }
    try {
      ips.push(allocateFromSet(work, set, containerId, ifname, wanted));
    } catch (error) {
      if (error instanceof CniError) {
        throw new CniError(error.code, `failed to allocate for range ${idx}: ${error.message}`, error.path);
      }
      throw error;
    }
  });
  if (requested.length > 0) {
    const list = requested
      .slice()
      .sort(compareAddr)
      .map((ip) => ` ${formatAddr(ip)}`)
      .join('');
    throw new CniError('REQUESTED_IPS_NOT_ALLOCATED', `failed to allocate all requested IPs:${list}`, [
      'requestedIps',
    ]);
  }
  const result: {
    cniVersion?: string;
    ips: HostLocalIpConfig[];
    routes?: readonly HostLocalRoute[];
    dns?: CniDns;
  } = {
    ips,
  };
  if (opts.cniVersion !== undefined) result.cniVersion = opts.cniVersion;
  if (config.routes !== undefined) result.routes = config.routes;
  if (opts.resolvConfText !== undefined) {
    const dns = parseResolvConf(opts.resolvConfText);
    if (Object.keys(dns).length > 0) result.dns = dns;
  }
  return { result, store: freezeStore(work) };
}
