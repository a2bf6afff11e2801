import { type IPSet, ipSetDifference, ipSetFrom, ipSetPrefixes } from './ip-set.ts';
import { makePrefix, type Prefix } from './prefix.ts';

/** What {@link removeFreePrefix} returns when a prefix was found. */
export interface FreePrefix {
  readonly prefix: Prefix;
  readonly set: IPSet;
}

/**
 * Allocation as a pure function (netipx `IPSet.RemoveFreePrefix`): finds a prefix of length `bits`
 * wholly inside `set` — taken from the smallest block of the set's minimal prefixes that can hold
 * it, the first such block on ties — and returns it with the set that remains. `undefined` when
 * nothing fits. `family` limits the search to one family.
 *
 * @example
 * ```ts
 * const free = ipSetFrom([parsePrefix('10.0.0.0/16')]);
 * const r = removeFreePrefix(free, 24)!;
 * formatPrefix(r.prefix); // '10.0.0.0/24'
 * ipSetContains(r.set, r.prefix); // false
 * ```
 */
export function removeFreePrefix(set: IPSet, bits: number, family?: 4 | 6): FreePrefix | undefined {
  let best: Prefix | undefined;
  for (const p of ipSetPrefixes(set)) {
    if (family !== undefined && p.addr.family !== family) continue;
    if (p.bits > bits || bits > (p.addr.family === 4 ? 32 : 128)) continue;
    if (best === undefined || p.bits > best.bits) {
      best = p;
      if (p.bits === bits) break;
    }
  }
  if (best === undefined) return undefined;
  const prefix = makePrefix(best.addr, bits);
  return { prefix, set: ipSetDifference(set, ipSetFrom([prefix])) };
}
