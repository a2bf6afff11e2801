import type { Addr } from '../addr.ts';
import { IpError, type PathSegment } from '../ip-error.ts';
import { parseAddr } from '../parse-addr.ts';
import { parsePrefix } from '../parse-prefix.ts';
import type { Prefix } from '../prefix.ts';
import { describe } from './describe.ts';

/**
 * A Prefix from a Prefix or its text (strict parse), for the entry points of the IPAM functions;
 * anything else is an `INVALID_PREFIX` error rather than a TypeError.
 */
export function toPrefix(value: unknown, what: string, path: readonly PathSegment[] = []): Prefix {
  if (typeof value === 'string') return parsePrefix(value);
  if (value !== null && typeof value === 'object') {
    const p = value as { addr?: { family?: unknown }; bits?: unknown };
    if (typeof p.bits === 'number' && p.addr !== null && typeof p.addr === 'object') {
      if (p.addr.family === 4 || p.addr.family === 6) return value as Prefix;
    }
  }
  throw new IpError('INVALID_PREFIX', `${what} is not a prefix: ${describe(value)}`, path);
}

/** An Addr from an Addr or its text; anything else is an `INVALID_ADDRESS` error. */
export function toAddr(value: unknown, what: string, path: readonly PathSegment[] = []): Addr {
  if (typeof value === 'string') return parseAddr(value);
  if (value !== null && typeof value === 'object') {
    const a = value as { family?: unknown; w3?: unknown };
    if ((a.family === 4 || a.family === 6) && typeof a.w3 === 'number') return value as Addr;
  }
  throw new IpError('INVALID_ADDRESS', `${what} is not an address: ${describe(value)}`, path);
}

/** Checks a plain-data state object (allocator, cidr set): its `cidr`/`clusterCidr` must be a Prefix. */
export function checkState<T>(value: T, key: string, listKey: string, what: string): T {
  const v = value as unknown;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const p = o[key] as { bits?: unknown; addr?: { family?: unknown } | null } | null | undefined;
    if (
      p !== null &&
      typeof p === 'object' &&
      typeof p.bits === 'number' &&
      p.addr != null &&
      (p.addr.family === 4 || p.addr.family === 6) &&
      Array.isArray(o[listKey])
    ) {
      return value;
    }
  }
  throw new IpError('INVALID_STATE', `${what} is not a valid state object: ${describe(v)}`);
}
