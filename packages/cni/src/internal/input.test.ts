import { describe, expect, it } from 'vitest';
import { CniError } from '../cni-error.ts';
import { checkShape, cleanJson, describeValue, errorText, pickKeys, requireStringArray } from './input.ts';

function errorOf(fn: () => unknown): CniError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CniError);
    return error as CniError;
  }
  throw new Error('expected a CniError');
}

describe('describeValue never runs caller code', () => {
  it('names each kind of value', () => {
    expect(describeValue('eth0')).toBe('"eth0"');
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(64)}…"`);
    expect(describeValue(1n)).toBe('1n');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue([1n])).toBe('an array');
    expect(describeValue({ toString: 1, valueOf: 'x' })).toBe('an object');
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue(() => 1)).toBe('a function');
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    expect(describeValue(revoked.proxy)).toBe('an object');
  });
  it('errorText reads only an own message', () => {
    expect(errorText(new TypeError('x'))).toBe('TypeError: x');
    expect(errorText(1n)).toBe('a thrown 1n');
  });
});

describe('cleanJson', () => {
  it('copies JSON, drops __proto__ keys and undefined values, keeps key order', () => {
    const input = JSON.parse('{"b":1,"__proto__":{"x":1},"a":[true,null,"s"],"c":{"toString":1}}');
    const out = cleanJson({ ...input, u: undefined }) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['b', 'a', 'c']);
    expect(out).toEqual({ b: 1, a: [true, null, 's'], c: { toString: 1 } });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.a).not.toBe(input.a);
  });
  it('refuses non-JSON values with INVALID_VALUE and the path (after the prefix)', () => {
    expect(errorOf(() => cleanJson({ a: [1, 2n] }, ['root'])).path).toEqual(['root', 'a', 1]);
    expect(errorOf(() => cleanJson({ f: () => 1 })).message).toBe('value of type function is not JSON');
    expect(errorOf(() => cleanJson([Symbol('s')])).code).toBe('INVALID_VALUE');
    expect(errorOf(() => cleanJson({ n: Number.POSITIVE_INFINITY })).message).toBe('non-finite number at n');
    const holey: unknown[] = [1];
    holey[2] = 3;
    expect(errorOf(() => cleanJson(holey)).path).toEqual([1]);
  });
  it('refuses cycles and depth over 64, and accepts depth 64', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(errorOf(() => cleanJson(cycle)).message).toBe('circular or too deeply nested value');
    let ok: unknown = 1;
    for (let i = 0; i < 65; i++) ok = [ok];
    expect(() => cleanJson(ok)).not.toThrow();
    expect(errorOf(() => cleanJson([ok])).path).toHaveLength(65);
  });
  it('refuses shared sub-objects that would take 2^40 steps to copy', () => {
    let v: unknown = {};
    for (let i = 0; i < 40; i++) v = { a: v, b: v };
    expect(errorOf(() => cleanJson(v)).message).toMatch(/^value too large/);
  });
  it('turns throwing getters and proxy traps into INVALID_VALUE', () => {
    const getter = Object.defineProperty({}, 'k', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const e = errorOf(() => cleanJson({ x: getter }));
    expect(e.path).toEqual(['x', 'k']);
    expect(e.message).toBe('could not read "x.k": its getter threw');
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(errorOf(() => cleanJson([trap])).path).toEqual([0]);
  });
});

describe('pickKeys, requireStringArray, checkShape', () => {
  it('pickKeys reads only the listed keys, once, from any object', () => {
    expect(pickKeys({ a: 1, b: 2 }, ['a'], 'options')).toEqual({ a: 1 });
    expect(pickKeys(Object.assign(Object.create(null), { a: 1 }), ['a'], 'options')).toEqual({ a: 1 });
    expect(pickKeys(undefined, ['a'], 'options')).toEqual({});
    expect(errorOf(() => pickKeys(null, ['a'], 'env', [], false)).message).toBe(
      'env must be an object, got null',
    );
    expect(errorOf(() => pickKeys([1], ['a'], 'options')).code).toBe('INVALID_ARGUMENT');
  });
  it('requireStringArray names the first bad element', () => {
    expect(requireStringArray(['a', 'b'], 'list')).toEqual(['a', 'b']);
    const e = errorOf(() => requireStringArray(['a', 1n], 'list', ['list'], 'INVALID_VERSION'));
    expect([e.code, e.path, e.message]).toEqual([
      'INVALID_VERSION',
      ['list', 1],
      'list[1] must be a string, got 1n',
    ]);
  });
  it('checkShape checks known keys only, null passes, with the path', () => {
    const shape = { a: [{ b: 'string' }], c: 'number' } as const;
    expect(() => checkShape({ a: [{ b: 'x' }], c: null, z: 1n }, shape)).not.toThrow();
    const e = errorOf(() => checkShape({ a: [{ b: 'x' }, { b: 5 }] }, shape, ['r']));
    expect([e.code, e.path, e.message]).toEqual([
      'INVALID_TYPE',
      ['r', 'a', 1, 'b'],
      'invalid type for "r.a.1.b": expected string, got number',
    ]);
  });
});
