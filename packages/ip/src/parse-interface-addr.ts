import type { Addr } from './addr.ts';
import { scanAddr } from './internal/scan.ts';
import { IpError, type Result } from './ip-error.ts';
import { safeParsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';

/**
 * An address together with the prefix of the network it sits on, as `ip addr` shows an interface
 * address (`10.244.1.5/24`): `addr` keeps its host bits, `prefix` is the masked network.
 *
 * @example
 * ```ts
 * const { addr, prefix }: InterfaceAddr = parseInterfaceAddr('10.244.1.5/24');
 * ```
 */
export interface InterfaceAddr {
  readonly addr: Addr;
  readonly prefix: Prefix;
}

function scanInterfaceAddr(text: unknown): Result<InterfaceAddr> {
  const p = safeParsePrefix(text, { strict: false });
  if (!p.ok) {
    const error = new IpError(
      p.error.code,
      `invalid interface address${p.error.message.slice('invalid prefix'.length)}`,
    );
    return { ok: false, error };
  }
  // The prefix parse has already validated the address part (the text before the last "/", no zone).
  const s = text as string;
  const a = scanAddr(s, s.lastIndexOf('/')) as Addr;
  return { ok: true, value: { addr: a, prefix: p.value } };
}

/**
 * Parses `address/length` keeping the host bits, like Go's `net.ParseCIDR` (and CNI's
 * `types.ParseCIDR`), which return both the IP and its network. Same syntax rules as
 * {@link parsePrefix} (no zone, no leading zeros); throws `IpError` `INVALID_PREFIX` otherwise.
 *
 * @example
 * ```ts
 * const { addr, prefix } = parseInterfaceAddr('10.244.1.5/24');
 * formatAddr(addr); // '10.244.1.5'
 * formatPrefix(prefix); // '10.244.1.0/24'
 * parseInterfaceAddr('10.244.1.5'); // throws IpError INVALID_PREFIX
 * ```
 */
export function parseInterfaceAddr(text: string): InterfaceAddr {
  const r = scanInterfaceAddr(text);
  if (!r.ok) throw r.error;
  return r.value;
}

/**
 * Like {@link parseInterfaceAddr} but never throws: returns `{ ok: true, value }` or
 * `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * safeParseInterfaceAddr('fd00::5/64').ok; // true
 * safeParseInterfaceAddr('fd00::5/129').ok; // false
 * ```
 */
export function safeParseInterfaceAddr(text: unknown): Result<InterfaceAddr> {
  return scanInterfaceAddr(text);
}
