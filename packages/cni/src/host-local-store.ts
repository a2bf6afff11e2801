import { CniError } from './cni-error.ts';
import { describeValue, isArraySafe } from './internal/input.ts';

/** Who holds a reserved address: host-local writes `"<containerId>\r\n<ifname>"` into the IP's file. */
export interface HostLocalReservation {
  readonly containerId: string;
  readonly ifname: string;
}

/**
 * The state host-local keeps on disk, as plain JSON-serialisable data.
 *
 * - `reserved`: one entry per reserved address (the files `<dataDir>/<net>/<ip>`), keyed by the
 *   address as Go prints it (`10.1.0.2`, `2001:db8::2`).
 * - `lastReserved`: the last address reserved from each range set (the files
 *   `last_reserved_ip.<index>`). Because one store may serve several `ipam` configs (for example
 *   one per node), the key is the range set itself as host-local prints it in its errors
 *   (`10.244.1.1-10.244.1.254`), so configs never disturb each other's round robin.
 *
 * Functions never mutate a store; they return a new one.
 */
export interface HostLocalStore {
  readonly reserved: { readonly [ip: string]: HostLocalReservation };
  readonly lastReserved: { readonly [rangeSet: string]: string };
}

/**
 * A store with nothing reserved: the state of a fresh `dataDir`.
 *
 * @example
 * ```ts
 * const store = emptyHostLocalStore();
 * // { reserved: {}, lastReserved: {} }
 * ```
 */
export function emptyHostLocalStore(): HostLocalStore {
  return { reserved: {}, lastReserved: {} };
}

/**
 * Lists the addresses reserved for a container interface, in address-key order.
 *
 * @example
 * ```ts
 * hostLocalAddressesOf(store, 'c1', 'eth0'); // ['10.244.1.2']
 * ```
 */
export function hostLocalAddressesOf(
  store: HostLocalStore | undefined,
  containerId: string,
  ifname: string,
): readonly string[] {
  if (store === undefined || store === null || typeof store !== 'object') return [];
  const { reserved } = readHostLocalStore(store);
  const out: string[] = [];
  for (const ip of Object.keys(reserved)) {
    const entry = reserved[ip]!;
    if (entry.containerId === containerId && entry.ifname === ifname) out.push(ip);
  }
  return out;
}

function storeError(message: string, path: readonly (string | number)[]): CniError {
  return new CniError('INVALID_STORE', message, path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isArraySafe(value);
}

/**
 * @internal A checked plain copy of a store (`undefined`/`null` is the empty store): `reserved`
 * entries must be `{ containerId, ifname }` strings (anything else is `INVALID_STORE` with its
 * path), `lastReserved` non-string values and `__proto__` keys are skipped; keys keep their order,
 * or are sorted with `sortKeys`.
 * Only these two levels are read, so depth cannot hurt; a getter or proxy trap that throws is
 * `INVALID_STORE` too.
 *
 * @example
 * ```ts
 * readHostLocalStore({ reserved: { '10.1.0.2': { containerId: 'c1', ifname: 'eth0' } } }).lastReserved; // {}
 * readHostLocalStore({ reserved: { '10.1.0.2': null } }); // throws INVALID_STORE at ['reserved', '10.1.0.2']
 * ```
 */
export function readHostLocalStore(
  store: unknown,
  sortKeys = false,
): {
  reserved: Record<string, HostLocalReservation>;
  lastReserved: Record<string, string>;
} {
  if (store === undefined || store === null) return { reserved: {}, lastReserved: {} };
  if (!isRecord(store)) {
    throw storeError(`host-local store must be an object, got ${describeValue(store)}`, []);
  }
  try {
    return readStoreFields(store, sortKeys);
  } catch (error) {
    if (error instanceof CniError) throw error;
    throw storeError('could not read the host-local store: a getter or proxy trap threw', []);
  }
}

function readStoreFields(
  store: Record<string, unknown>,
  sortKeys: boolean,
): {
  reserved: Record<string, HostLocalReservation>;
  lastReserved: Record<string, string>;
} {
  const inReserved = store.reserved ?? {};
  const inLast = store.lastReserved ?? {};
  if (!isRecord(inReserved)) {
    throw storeError(`store.reserved must be an object, got ${describeValue(inReserved)}`, ['reserved']);
  }
  if (!isRecord(inLast)) {
    throw storeError(`store.lastReserved must be an object, got ${describeValue(inLast)}`, ['lastReserved']);
  }
  const reserved: Record<string, HostLocalReservation> = {};
  const reservedKeys = Object.keys(inReserved);
  if (sortKeys) reservedKeys.sort();
  for (const key of reservedKeys) {
    if (key === '__proto__') continue;
    const entry = inReserved[key];
    if (entry === undefined) continue;
    const containerId = isRecord(entry) ? entry.containerId : undefined;
    const ifname = isRecord(entry) ? entry.ifname : undefined;
    if (typeof containerId !== 'string' || typeof ifname !== 'string') {
      throw storeError(
        `store.reserved["${key}"] must be { containerId, ifname } strings, got ${describeValue(entry)}`,
        ['reserved', key],
      );
    }
    reserved[key] = { containerId, ifname };
  }
  const lastReserved: Record<string, string> = {};
  const lastKeys = Object.keys(inLast);
  if (sortKeys) lastKeys.sort();
  for (const key of lastKeys) {
    if (key === '__proto__') continue;
    const value = inLast[key];
    if (typeof value === 'string') lastReserved[key] = value;
  }
  return { reserved, lastReserved };
}
