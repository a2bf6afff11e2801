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
  const reserved = store.reserved ?? {};
  const out: string[] = [];
  for (const ip of Object.keys(reserved)) {
    const entry = reserved[ip];
    if (entry && entry.containerId === containerId && entry.ifname === ifname) out.push(ip);
  }
  return out;
}
