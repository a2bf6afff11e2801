import type { Addr } from '../addr.ts';

/**
 * The single place where Addr objects are created (one object shape for both families, so every
 * consumer stays monomorphic). Words must already be uint32 values. The object is not frozen:
 * `Object.freeze` doubles the cost of parse + contains on the IPv4 hot path; the readonly, branded
 * type is what keeps callers from mutating it.
 */
export function makeAddr(family: 4 | 6, w0: number, w1: number, w2: number, w3: number, zone: string): Addr {
  return { family, w0, w1, w2, w3, zone } as unknown as Addr;
}
