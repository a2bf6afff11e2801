import { describe, expectTypeOf, it } from 'vitest';
import type { Addr } from './addr.ts';
import type { Result } from './ip-error.ts';
import { type InterfaceAddr, parseInterfaceAddr, safeParseInterfaceAddr } from './parse-interface-addr.ts';
import type { Prefix } from './prefix.ts';
import { addrFromReverseName, reverseName } from './reverse-name.ts';

describe('interface address and reverse name types', () => {
  it('returns branded values', () => {
    expectTypeOf(parseInterfaceAddr('10.0.0.1/24')).toEqualTypeOf<InterfaceAddr>();
    expectTypeOf<InterfaceAddr['addr']>().toEqualTypeOf<Addr>();
    expectTypeOf<InterfaceAddr['prefix']>().toEqualTypeOf<Prefix>();
    expectTypeOf(safeParseInterfaceAddr).parameter(0).toBeUnknown();
    expectTypeOf(safeParseInterfaceAddr('x')).toEqualTypeOf<Result<InterfaceAddr>>();
    expectTypeOf(reverseName).returns.toBeString();
    expectTypeOf(addrFromReverseName).returns.toEqualTypeOf<Addr | null>();
  });

  it('takes parsed addresses only', () => {
    // @ts-expect-error a string is not an Addr
    reverseName('10.0.0.1');
  });
});
