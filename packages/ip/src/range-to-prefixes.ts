import type { Addr } from './addr.ts';
import { toAddr } from './internal/coerce.ts';
import { appendRangePrefixes } from './internal/range-ops.ts';
import { ipRange } from './ip-range.ts';
import type { Prefix } from './prefix.ts';

/**
 * The minimal sorted list of prefixes that covers exactly the inclusive range `first`–`last`
 * (like netipx `IPRange.Prefixes` and Python's `summarize_address_range`). Throws
 * `FAMILY_MISMATCH` for mixed families and `INVALID_RANGE` when `first > last`.
 *
 * @example
 * ```ts
 * rangeToPrefixes(parseAddr('10.0.0.1'), parseAddr('10.0.0.6')).map(formatPrefix);
 * // ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']
 * ```
 */
export function rangeToPrefixes(first: Addr, last: Addr): Prefix[] {
  const r = ipRange(toAddr(first, 'first address'), toAddr(last, 'last address'));
  const out: Prefix[] = [];
  appendRangePrefixes(out, r.first, r.last);
  return out;
}
