import type { ClusterZone } from '../cluster-zone.ts';
import { DnsError } from '../dns-error.ts';
import { describeValue } from './describe.ts';

/**
 * Non-enumerable mark `clusterZone` puts on the zones it builds, so functions that take a zone
 * can tell a real one from a look-alike (a spread copy does not carry it).
 *
 * @example
 * ```ts
 * (clusterZone({ clusterDomain: 'cluster.local' }) as { [ZONE_MARK]?: true })[ZONE_MARK]; // true
 * ```
 */
export const ZONE_MARK: unique symbol = Symbol('podnet.dns.clusterZone');

/**
 * Throws `DnsError` `INVALID_INPUT` unless `zone` was built by `clusterZone`.
 *
 * @example
 * ```ts
 * checkZone(clusterZone({ clusterDomain: 'cluster.local' }), 'answer');
 * ```
 */
export function checkZone(zone: unknown, fn: string): asserts zone is ClusterZone {
  if (zone === null || typeof zone !== 'object' || (zone as { [ZONE_MARK]?: unknown })[ZONE_MARK] !== true) {
    throw new DnsError(
      'INVALID_INPUT',
      `${fn} expects a zone built by clusterZone(), got ${describeValue(zone)}`,
      ['zone'],
    );
  }
}
