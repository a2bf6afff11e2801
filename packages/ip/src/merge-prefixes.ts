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
import { parsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';

/** A prefix, parsed or as text (text is parsed strictly with {@link parsePrefix}). */
export type PrefixInput = Prefix | string;

function isPrefixLike(p: unknown): p is Prefix {
  if (p === null || typeof p !== 'object') return false;
  const q = p as { bits?: unknown; addr?: { family?: unknown } | null };
  return typeof q.bits === 'number' && q.addr != null && (q.addr.family === 4 || q.addr.family === 6);
}

function asList(value: PrefixInput | readonly PrefixInput[], what: string): readonly Prefix[] {
  if (Array.isArray(value)) {
    let out: Prefix[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const p = value[i] as unknown;
      if (typeof p === 'string') {
        out ??= value.slice(0, i) as Prefix[];
        out.push(parsePrefix(p));
        continue;
      }
      if (!isPrefixLike(p)) {
        throw new IpError('INVALID_PREFIX', `${what}[${i}] is not a Prefix: ${describe(p)}`, [i]);
      }
      out?.push(p);
    }
    return out ?? (value as readonly Prefix[]);
  }
  if (typeof value === 'string') return [parsePrefix(value)];
  if (!isPrefixLike(value)) {
    throw new IpError('INVALID_PREFIX', `${what} is not a Prefix or an array of them: ${describe(value)}`);
  }
  return [value];
}

function hasV6(list: readonly Prefix[]): boolean {
  for (let i = 0; i < list.length; i++) if ((list[i] as Prefix).addr.family === 6) return true;
  return false;
}

/**
 * Merges prefixes into the minimal list covering exactly the same addresses, sorted IPv4 before
 * IPv6, then by address. Overlapping, nested and adjacent prefixes coalesce; families never mix
 * (IPv4-mapped IPv6 prefixes stay IPv6). IPv4 is merged on uint32 numbers, IPv6 on uint32 words.
 * Text items are parsed strictly (`INVALID_PREFIX`, `HOST_BITS_SET`).
 *
 * @example
 * ```ts
 * mergePrefixes(['10.0.0.0/25', '10.0.0.128/25', '10.0.0.0/26'].map((t) => parsePrefix(t))).map(formatPrefix);
 * // ['10.0.0.0/24']
 * ```
 */
export function mergePrefixes(prefixes: readonly PrefixInput[]): Prefix[] {
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
  base: PrefixInput | readonly PrefixInput[],
  remove: PrefixInput | readonly PrefixInput[],
): Prefix[] {
  const b = asList(base, 'base');
  const r = asList(remove, 'remove');
  const out: Prefix[] = [];
  v4ToPrefixes(out, v4Subtract(v4FromPrefixes(b), v4FromPrefixes(r)));
  if (hasV6(b)) {
    for (const p of rangesToPrefixes(subtract(v6RangesFromPrefixes(b), v6RangesFromPrefixes(r)))) out.push(p);
  }
  return out;
}
