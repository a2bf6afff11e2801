import { DnsError } from '../dns-error.ts';
import type { ResolvConf } from '../resolv-conf.ts';
import { describeValue } from './describe.ts';

const KEYS = ['nameservers', 'searches', 'options'] as const;

/**
 * Checks a `ResolvConf` that came from a caller: an object whose `nameservers`, `searches` and
 * `options` are arrays of strings (a missing or null list reads as empty). Throws `DnsError`
 * `INVALID_INPUT` with the `path` of the first bad value (e.g. `['searches', 0]`); returns a
 * conf whose three lists are real arrays.
 *
 * @example
 * ```ts
 * checkResolvConf({ searches: ['a'], options: [] }, 'searchCandidates'); // { nameservers: [], searches: ['a'], options: [] }
 * ```
 */
export function checkResolvConf(conf: unknown, fn: string): ResolvConf {
  if (conf === null || typeof conf !== 'object' || Array.isArray(conf)) {
    throw new DnsError(
      'INVALID_INPUT',
      `${fn} expects a resolv.conf object { nameservers, searches, options }, got ${describeValue(conf)}`,
    );
  }
  const c = conf as Record<string, unknown>;
  const out: Record<string, readonly string[]> = {};
  for (const key of KEYS) {
    const list = c[key];
    if (list === undefined || list === null) {
      out[key] = [];
      continue;
    }
    if (!Array.isArray(list)) {
      throw new DnsError(
        'INVALID_INPUT',
        `resolv.conf ${key} must be an array of strings, got ${describeValue(list)}`,
        [key],
      );
    }
    for (let i = 0; i < list.length; i++) {
      const v: unknown = list[i];
      if (typeof v !== 'string') {
        throw new DnsError(
          'INVALID_INPUT',
          `resolv.conf ${key}[${i}] must be a string, got ${describeValue(v)}`,
          [key, i],
        );
      }
    }
    out[key] = list as readonly string[];
  }
  return out as unknown as ResolvConf;
}
