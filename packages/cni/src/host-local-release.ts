import { type HostLocalReservation, type HostLocalStore, readHostLocalStore } from './host-local-store.ts';
import { requireString } from './internal/input.ts';

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
  requireString(containerId, 'containerId', ['containerId']);
  requireString(ifname, 'ifname', ['ifname']);
  const base = readHostLocalStore(store, true);
  const reserved: Record<string, HostLocalReservation> = {};
  for (const key of Object.keys(base.reserved)) {
    const entry = base.reserved[key]!;
    if (entry.containerId === containerId && entry.ifname === ifname) continue;
    reserved[key] = entry;
  }
  const lastReserved: Record<string, string> = {};
  for (const key of Object.keys(base.lastReserved)) lastReserved[key] = base.lastReserved[key]!;
  return { reserved, lastReserved };
}
