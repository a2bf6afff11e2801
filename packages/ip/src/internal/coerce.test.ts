import { describe, expect, it } from 'vitest';
import { addrNext } from '../addr-arith.ts';
import { nthAddr } from '../nth-addr.ts';

describe('argument checks shared by the IPAM functions', () => {
  it.each([
    [{ bits: 8, addr: null }],
    [{ bits: 8, addr: 'x' }],
    [{ bits: 8 }],
    [{ bits: '8', addr: { family: 4 } }],
    [{ bits: 8, addr: { family: 5 } }],
  ])('rejects the prefix-like object %j', (value) => {
    expect(() => nthAddr(value as never, 0)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_PREFIX',
        message: 'prefix is not a prefix: an object',
        path: [],
      }),
    );
  });

  it.each([[{ family: 4 }], [{ family: 5, w3: 0 }], [{ w3: 0 }], [{ family: 6, w3: '0' }]])(
    'rejects the address-like object %j',
    (value) => {
      expect(() => addrNext(value as never)).toThrowError(
        expect.objectContaining({
          code: 'INVALID_ADDRESS',
          message: 'address is not an address: an object',
          path: [],
        }),
      );
    },
  );

  it('accepts plain prefix and address objects of both families', () => {
    const v6 = { family: 6, w0: 0, w1: 0, w2: 0, w3: 1, zone: '' };
    expect(addrNext(v6 as never)).toMatchObject({ family: 6, w3: 2 });
    expect(nthAddr({ bits: 127, addr: { ...v6, w3: 0 } } as never, 1)).toMatchObject({ family: 6, w3: 1 });
    expect(
      nthAddr({ bits: 31, addr: { family: 4, w0: 0, w1: 0, w2: 0, w3: 0, zone: '' } } as never, 1),
    ).toMatchObject({
      family: 4,
      w3: 1,
    });
  });
});
