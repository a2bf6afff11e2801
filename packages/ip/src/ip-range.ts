import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { toAddr } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { scanAddr } from './internal/scan.ts';
import { cmpWords, fillAddr, stripZone } from './internal/words.ts';
import { IpError, type Result } from './ip-error.ts';
import type { Prefix } from './prefix.ts';

declare const ipRangeBrand: unique symbol;

/** The brand that makes an {@link IPRange} nominal. */
export type IPRangeBrand = typeof ipRangeBrand;

/**
 * An inclusive range of addresses of one family, `first <= last`, without zones.
 *
 * @example
 * ```ts
 * const r = ipRange(parseAddr('10.0.0.1'), parseAddr('10.0.0.9'));
 * formatIPRange(r); // '10.0.0.1-10.0.0.9'
 * ```
 */
export interface IPRange {
  readonly [ipRangeBrand]: true;
  readonly first: Addr;
  readonly last: Addr;
}

/** @internal No checks: `first <= last`, same family, no zones. */
export function makeRange(first: Addr, last: Addr): IPRange {
  return { first, last } as unknown as IPRange;
}

function checkRange(first: Addr, last: Addr): IPRange | IpError {
  if (first.family !== last.family) {
    return new IpError(
      'FAMILY_MISMATCH',
      `invalid range ${formatAddr(first)}-${formatAddr(last)}: the ends are of different families`,
    );
  }
  if (cmpWords(first, last) > 0) {
    return new IpError(
      'INVALID_RANGE',
      `invalid range ${formatAddr(first)}-${formatAddr(last)}: the first address is after the last`,
    );
  }
  return makeRange(stripZone(first), stripZone(last));
}

/**
 * An inclusive range from two addresses of the same family (zones are dropped). Throws
 * `FAMILY_MISMATCH` for mixed families and `INVALID_RANGE` when `first > last`.
 *
 * @example
 * ```ts
 * formatIPRange(ipRange(parseAddr('::1'), parseAddr('::ff'))); // '::1-::ff'
 * ```
 */
export function ipRange(first: Addr, last: Addr): IPRange {
  const r = checkRange(toAddr(first, 'first address'), toAddr(last, 'last address'));
  if (r instanceof IpError) throw r;
  return r;
}

/**
 * The range a prefix covers.
 *
 * @example
 * ```ts
 * formatIPRange(prefixRange(parsePrefix('10.0.0.0/24'))); // '10.0.0.0-10.0.0.255'
 * ```
 */
export function prefixRange(prefix: Prefix): IPRange {
  return makeRange(prefix.addr, fillAddr(prefix.addr, prefix.bits));
}

/**
 * Formats a range as `first-last`.
 *
 * @example
 * ```ts
 * formatIPRange(parseIPRange('10.0.0.1-10.0.0.9')); // '10.0.0.1-10.0.0.9'
 * ```
 */
export function formatIPRange(range: IPRange): string {
  return `${formatAddr(range.first)}-${formatAddr(range.last)}`;
}

/**
 * Like {@link parseIPRange} but never throws.
 *
 * @example
 * ```ts
 * safeParseIPRange('10.0.0.9-10.0.0.1').ok; // false
 * ```
 */
export function safeParseIPRange(text: unknown): Result<IPRange> {
  if (typeof text !== 'string') {
    return {
      ok: false,
      error: new IpError('INVALID_RANGE', `invalid range ${describe(text)}: expected a string`),
    };
  }
  const dash = text.indexOf('-');
  if (dash < 0)
    return { ok: false, error: new IpError('INVALID_RANGE', `invalid range ${describe(text)}: missing "-"`) };
  const a = scanAddr(text.slice(0, dash));
  const b = scanAddr(text.slice(dash + 1));
  if (typeof a === 'string' || typeof b === 'string') {
    const reason = typeof a === 'string' ? a : (b as string);
    return { ok: false, error: new IpError('INVALID_RANGE', `invalid range ${describe(text)}: ${reason}`) };
  }
  if (a.zone !== '' || b.zone !== '') {
    return {
      ok: false,
      error: new IpError('INVALID_RANGE', `invalid range ${describe(text)}: ranges cannot have a zone`),
    };
  }
  const r = checkRange(a, b);
  return r instanceof IpError ? { ok: false, error: r } : { ok: true, value: r };
}

/**
 * Parses `first-last` (for example `10.0.0.1-10.0.0.9`, the form ip-masq-agent and host-local
 * use); both ends strict addresses of one family, `first <= last`. Throws `INVALID_RANGE` or
 * `FAMILY_MISMATCH`.
 *
 * @example
 * ```ts
 * parseIPRange('10.0.0.1-10.0.0.9').last; // Addr 10.0.0.9
 * ```
 */
export function parseIPRange(text: string): IPRange {
  const r = safeParseIPRange(text);
  if (!r.ok) throw r.error;
  return r.value;
}
