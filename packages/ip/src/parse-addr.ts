import type { Addr } from './addr.ts';
import { describe } from './internal/describe.ts';
import { makeAddr } from './internal/make-addr.ts';
import { scanAddr, scanIPv4 } from './internal/scan.ts';
import { IpError, type Result } from './ip-error.ts';

function addrError(input: unknown, reason: string): IpError {
  return new IpError('INVALID_ADDRESS', `invalid IP address ${describe(input)}: ${reason}`);
}

/**
 * Parses an IPv4 or IPv6 address strictly, and throws an `IpError` with code `INVALID_ADDRESS`
 * otherwise. IPv4 needs exactly four decimal fields without leading zeros (no `127.1`,
 * `010.0.0.1`, `0x7f.0.0.1`); IPv6 follows RFC 4291 §2.2 with an optional `%zone`. IPv4-mapped
 * addresses stay IPv6.
 *
 * @example
 * ```ts
 * parseAddr('10.0.0.1').w3; // 0x0a000001
 * parseAddr('fe80::1%eth0').zone; // 'eth0'
 * parseAddr('127.1'); // throws IpError INVALID_ADDRESS
 * ```
 */
export function parseAddr(text: string): Addr {
  if (typeof text !== 'string') throw addrError(text, `expected a string, got ${typeof text}`);
  const v4 = scanIPv4(text, 0, text.length);
  if (v4 >= 0) return makeAddr(4, 0, 0, 0, v4, '');
  const r = scanAddr(text);
  if (typeof r === 'string') throw addrError(text, r);
  return r;
}

/**
 * Like {@link parseAddr} but never throws: returns `{ ok: true, value }` or `{ ok: false, error }`.
 *
 * @example
 * ```ts
 * const r = safeParseAddr('1.2.3.04');
 * if (!r.ok) r.error.code; // 'INVALID_ADDRESS'
 * ```
 */
export function safeParseAddr(text: unknown): Result<Addr> {
  if (typeof text !== 'string') {
    return { ok: false, error: addrError(text, `expected a string, got ${typeof text}`) };
  }
  const r = scanAddr(text);
  if (typeof r === 'string') return { ok: false, error: addrError(text, r) };
  return { ok: true, value: r };
}
