import { CniError } from './cni-error.ts';
import { emptyHostLocalStore, type HostLocalReservation, type HostLocalStore } from './host-local-store.ts';

/**
 * Releases every address held by a container interface, as host-local does on DEL
 * (`ReleaseByID`: removes the files whose content is `"<containerId>\r\n<ifname>"`). The
 * last-reserved markers stay, so the next allocation continues the round robin rather than reusing
 * the freed address at once. Releasing something that holds nothing is not an error. Returns a new
 * store; the given one is not mutated.
 *
 * @example
 * ```ts
 * const { store } = hostLocalAllocate(ipam, undefined, 'c1', 'eth0');
 * const after = hostLocalRelease(store, 'c1', 'eth0');
 * after.reserved; // {}
 * ```
 */
export function hostLocalRelease(
  store: HostLocalStore | undefined,
  containerId: string,
  ifname: string,
): HostLocalStore {
  if (typeof containerId !== 'string' || typeof ifname !== 'string') {
    throw new CniError('INVALID_ARGUMENT', 'containerId and ifname must be strings');
  }
  const base = store ?? emptyHostLocalStore();
  if (typeof base !== 'object' || base === null) {
    throw new CniError('INVALID_STORE', `host-local store must be an object, got ${typeof base}`);
  }
  const reserved: Record<string, HostLocalReservation> = {};
  const inReserved = base.reserved ?? {};
  for (const key of Object.keys(inReserved).sort()) {
    const entry = inReserved[key];
    if (key === '__proto__' || entry === undefined) continue;
    if (entry.containerId === containerId && entry.ifname === ifname) continue;
    reserved[key] = { containerId: entry.containerId, ifname: entry.ifname };
  }
  const lastReserved: Record<string, string> = {};
  const inLast = base.lastReserved ?? {};
  for (const key of Object.keys(inLast).sort()) {
    const value = inLast[key];
    if (key === '__proto__' || typeof value !== 'string') continue;
    lastReserved[key] = value;
  }
  return { reserved, lastReserved };
}
