import {
  type Addr,
  type PathSegment,
  type Prefix,
  prefixFrom,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import { RoutesError } from '../routes-error.ts';
import { describe } from './describe.ts';

/** @internal Accepts an Addr or its text; throws INVALID_ADDRESS (at `path`) otherwise. */
export function toAddr(value: unknown, what = 'address', path: readonly PathSegment[] = []): Addr {
  if (typeof value === 'string') {
    const r = safeParseAddr(value);
    if (r.ok) return r.value;
    throw new RoutesError('INVALID_ADDRESS', `invalid ${what} ${describe(value)}`, path);
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    ((value as Addr).family === 4 || (value as Addr).family === 6) &&
    typeof (value as Addr).w3 === 'number'
  ) {
    return value as Addr;
  }
  throw new RoutesError('INVALID_ADDRESS', `invalid ${what} ${describe(value)}`, path);
}

/** @internal Accepts a Prefix or its text (`default` too when a family is given); throws at `path` otherwise. */
export function toPrefix(
  value: unknown,
  what: string,
  family?: 4 | 6,
  path: readonly PathSegment[] = [],
): Prefix {
  if (typeof value === 'string') {
    if (value === 'default' && family !== undefined) {
      const zero = safeParsePrefix(family === 4 ? '0.0.0.0/0' : '::/0');
      if (zero.ok) return zero.value;
    }
    if (!value.includes('/')) {
      const a = safeParseAddr(value);
      if (a.ok && a.value.zone === '') return prefixFrom(a.value, a.value.family === 4 ? 32 : 128);
    }
    const r = safeParsePrefix(value);
    if (r.ok) return r.value;
    throw new RoutesError(
      r.error.code === 'HOST_BITS_SET' ? 'HOST_BITS_SET' : 'INVALID_PREFIX',
      `invalid ${what} ${describe(value)}`,
      path,
    );
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Prefix).bits === 'number' &&
    typeof (value as Prefix).addr === 'object'
  ) {
    return value as Prefix;
  }
  throw new RoutesError('INVALID_PREFIX', `invalid ${what} ${describe(value)}`, path);
}
