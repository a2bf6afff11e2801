import { describe } from './internal/describe.ts';
import {
  rangesToPrefixes,
  subtract,
  v4FromPrefixes,
  v4Subtract,
  v4ToPrefixes,
  v6MergePrefixes,
  v6RangesFromPrefixes,
} from './internal/range-ops.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';

function asList(value: Prefix | readonly Prefix[], what: string): readonly Prefix[] {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = value[i] as Prefix | null | undefined;
      if (p === null || typeof p !== 'object' || typeof p.bits !== 'number' || typeof p.addr !== 'object') {
        throw new IpError('INVALID_PREFIX', `${what}[${i}] is not a Prefix: ${describe(p)}`, [i]);
      }
    }
    return value;
  }
  const p = value as Prefix | null | undefined;
  if (p === null || typeof p !== 'object' || typeof p.bits !== 'number' || typeof p.addr !== 'object') {
    throw new IpError('INVALID_PREFIX', `${what} is not a Prefix or an array of them: ${describe(p)}`);
  }
  return [p];
}

/**
 * Merges prefixes into the minimal list covering exactly the same addresses, sorted IPv4 before
 * IPv6, then by address. Overlapping, nested and adjacent prefixes coalesce; families never mix
 * (IPv4-mapped IPv6 prefixes stay IPv6). IPv4 is merged on uint32 numbers.
 *
 * @example
 * ```ts
 * mergePrefixes(['10.0.0.0/25', '10.0.0.128/25', '10.0.0.0/26'].map((t) => parsePrefix(t))).map(formatPrefix);
 * // ['10.0.0.0/24']
 * ```
 */
export function mergePrefixes(prefixes: readonly Prefix[]): Prefix[] {
  const list = asList(prefixes, 'prefixes');
  const out: Prefix[] = [];
  v4ToPrefixes(out, v4FromPrefixes(list));
  v6MergePrefixes(out, list);
  return out;
}

/**
 * The addresses of `base` (a prefix or a list) without those of `remove`, as minimal sorted
 * prefixes.
 *
 * @example
 * ```ts
 * excludePrefixes(parsePrefix('10.0.0.0/24'), [parsePrefix('10.0.0.64/26')]).map(formatPrefix);
 * // ['10.0.0.0/26', '10.0.0.128/25']
 * ```
 */
export function excludePrefixes(
  base: Prefix | readonly Prefix[],
  remove: Prefix | readonly Prefix[],
): Prefix[] {
  const b = asList(base, 'base');
  const r = asList(remove, 'remove');
  const out: Prefix[] = [];
  v4ToPrefixes(out, v4Subtract(v4FromPrefixes(b), v4FromPrefixes(r)));
  for (const p of rangesToPrefixes(subtract(v6RangesFromPrefixes(b), v6RangesFromPrefixes(r)))) out.push(p);
  return out;
}
