import { describe, expectTypeOf, it } from 'vitest';
import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import type { IpError, Result } from './ip-error.ts';
import { parseAddr, safeParseAddr } from './parse-addr.ts';
import { parsePrefix, safeParsePrefix } from './parse-prefix.ts';
import type { Prefix } from './prefix.ts';
import { prefixContains } from './prefix-contains.ts';
import { prefixSize } from './prefix-size.ts';
import { subnets } from './subnets.ts';

describe('branded value types', () => {
  it('keeps Addr, Prefix and strings apart', () => {
    expectTypeOf(parseAddr('10.0.0.1')).toEqualTypeOf<Addr>();
    expectTypeOf(parsePrefix('10.0.0.0/8')).toEqualTypeOf<Prefix>();
    expectTypeOf<string>().not.toMatchTypeOf<Addr>();
    expectTypeOf<{ family: 4; w0: 0; w1: 0; w2: 0; w3: 1; zone: '' }>().not.toMatchTypeOf<Addr>();
    expectTypeOf<Prefix>().not.toMatchTypeOf<Addr>();
    // @ts-expect-error a string is not an Addr
    formatAddr('10.0.0.1');
  });

  it('has readonly fields and typed results', () => {
    expectTypeOf<Addr['family']>().toEqualTypeOf<4 | 6>();
    expectTypeOf(safeParseAddr('x')).toEqualTypeOf<Result<Addr>>();
    expectTypeOf(safeParsePrefix('x', { strict: false })).toEqualTypeOf<Result<Prefix>>();
    expectTypeOf(prefixSize).returns.toEqualTypeOf<bigint>();
    expectTypeOf(subnets).returns.toEqualTypeOf<Iterable<Prefix>>();
    expectTypeOf(prefixContains).parameter(1).toEqualTypeOf<Addr | Prefix>();
    const r = safeParseAddr('x');
    if (!r.ok) expectTypeOf(r.error).toEqualTypeOf<IpError>();
    const a = parseAddr('10.0.0.1');
    // @ts-expect-error fields are readonly
    a.w3 = 1;
  });
});
