/**
 * The three places where host-local reads addresses differently from `@podnet/ip`'s defaults;
 * everything else (format, compare, contains, network/last address) is `@podnet/ip` itself.
 *
 * @internal
 */
import {
  type Addr,
  addrFromBigInt,
  addrFromUint32,
  addrNext,
  type InterfaceAddr,
  safeParseAddr,
  safeParseInterfaceAddr,
} from '@podnet/ip';

/**
 * An address as Go's `net.ParseIP` reads it, or `null`: `@podnet/ip`'s strict parse, but a
 * `%zone` is refused (`net.ParseIP("fe80::1%eth0")` is nil).
 *
 * @example
 * ```ts
 * parseIp('10.0.0.1')?.w3; // 0x0a000001
 * parseIp('fe80::1%eth0'); // null
 * ```
 */
export function parseIp(text: string): Addr | null {
  const r = safeParseAddr(text);
  return r.ok && r.value.zone === '' ? r.value : null;
}

/**
 * `ip/bits` keeping the host bits, like Go's `types.ParseCIDR`, or `null` when invalid.
 *
 * @example
 * ```ts
 * formatAddr(parseCidr('10.1.2.3/24')!.addr); // '10.1.2.3'
 * ```
 */
export function parseCidr(text: string): InterfaceAddr | null {
  const r = safeParseInterfaceAddr(text);
  return r.ok ? r.value : null;
}

/**
 * The next address, wrapping at the top of the family like the CNI plugins' `ip.NextIP`
 * (`@podnet/ip`'s `addrNext` says `undefined` there instead).
 *
 * @example
 * ```ts
 * formatAddr(nextIp(parseIp('10.0.0.255')!)); // '10.0.1.0'
 * ```
 */
export function nextIp(ip: Addr): Addr {
  const next = addrNext(ip);
  if (next !== undefined) return next;
  return ip.family === 4 ? addrFromUint32(0) : addrFromBigInt(0n, 6);
}
