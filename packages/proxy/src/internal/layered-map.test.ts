import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { deltaSize, withChanges } from './layered-map.ts';

describe('withChanges', () => {
  it('derives a new version without touching the old one', () => {
    const a = new Map([
      ['x', 1],
      ['y', 2],
    ]);
    const b = withChanges(
      a,
      new Map<string, number | undefined>([
        ['y', undefined],
        ['z', 3],
      ]),
    );
    expect([...a]).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
    expect(b.get('x')).toBe(1);
    expect(b.has('y')).toBe(false);
    expect(b.get('y')).toBeUndefined();
    expect(b.get('z')).toBe(3);
    expect(b.size).toBe(2);
    expect([...b.keys()]).toEqual(['x', 'z']);
    expect([...b.values()]).toEqual([1, 3]);
    expect([...b.entries()]).toEqual([...b]);
    const seen: [string, number][] = [];
    b.forEach((v, k) => {
      seen.push([k, v]);
    });
    expect(seen).toEqual([
      ['x', 1],
      ['z', 3],
    ]);
    // deleting an absent key or re-adding a deleted one keeps the size right
    const c = withChanges(
      b,
      new Map<string, number | undefined>([
        ['nope', undefined],
        ['y', 9],
      ]),
    );
    expect(c.size).toBe(3);
    expect(c.get('y')).toBe(9);
    expect(b.has('y')).toBe(false);
  });

  it('keeps the delta small: a few changes to a big map do not copy it', () => {
    const base = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) base.set(`k${i}`, i);
    let m: ReadonlyMap<string, number> = base;
    for (let i = 0; i < 100; i++) m = withChanges(m, new Map([[`n${i}`, i]]));
    expect(deltaSize(m)).toBe(100);
    expect(m.size).toBe(10_100);
    // past an eighth of the base the delta is folded into a new base
    for (let i = 100; i < 1300; i++) m = withChanges(m, new Map([[`n${i}`, i]]));
    expect(deltaSize(m)).toBeLessThan(1250);
    expect(m.size).toBe(11_300);
    expect(m.get('n1299')).toBe(1299);
    expect(m.get('k0')).toBe(0);
    expect(base.size).toBe(10_000);
  });
});

const op = fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
  fc.option(fc.nat(9), { nil: undefined }),
);

test.prop([fc.array(fc.array(op, { maxLength: 6 }), { maxLength: 40 })], { numRuns: 200 })(
  'behaves like copying a Map and applying the changes, for every version',
  (steps) => {
    let model = new Map<string, number>();
    let layered: ReadonlyMap<string, number> = new Map();
    const versions: [Map<string, number>, ReadonlyMap<string, number>][] = [];
    for (const step of steps) {
      const changes = new Map<string, number | undefined>(step);
      const next = new Map(model);
      for (const [k, v] of changes) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      model = next;
      layered = withChanges(layered, changes);
      versions.push([model, layered]);
    }
    for (const [m, l] of versions) {
      expect(l.size).toBe(m.size);
      expect(new Map(l)).toEqual(m);
      for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
        expect(l.get(k)).toBe(m.get(k));
        expect(l.has(k)).toBe(m.has(k));
      }
    }
  },
);

describe('withChanges map views', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const base = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const next = withChanges(
      base,
      new Map<string, number | undefined>([
        ['b', undefined],
        ['c', 30],
        ['d', 4],
        ['zz', undefined],
      ]),
    );
    return { base, next };
  };

  it('answers get, has, size and every iteration form like the equivalent Map', () => {
    const { next } = fixtures();
    const want = new Map([
      ['a', 1],
      ['c', 30],
      ['d', 4],
    ]);
    expect(next.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'zz'].map((k) => [next.get(k), next.has(k)])).toEqual([
      [1, true],
      [undefined, false],
      [30, true],
      [4, true],
      [undefined, false],
    ]);
    expect([...next]).toEqual([...want]);
    expect([...next.entries()]).toEqual([...want.entries()]);
    expect([...next.keys()]).toEqual(['a', 'c', 'd']);
    expect([...next.values()]).toEqual([1, 30, 4]);
    const seen: unknown[] = [];
    const ctx = { tag: 'ctx' };
    next.forEach(function (this: unknown, v, k, m) {
      seen.push([k, v, this, m.size]);
    }, ctx);
    expect(seen).toEqual([
      ['a', 1, ctx, 3],
      ['c', 30, ctx, 3],
      ['d', 4, ctx, 3],
    ]);
    expect(deltaSize(next)).toBe(3);
  });

  it('a version without changes is a plain view of its base', () => {
    const { base, next } = fixtures();
    const same = withChanges(base, new Map());
    expect(deltaSize(same)).toBe(0);
    expect([same.size, same.get('b'), same.has('c'), same.has('q')]).toEqual([3, 2, true, false]);
    expect([...same.keys()]).toEqual(['a', 'b', 'c']);
    expect([...same.values()]).toEqual([1, 2, 3]);
    expect([...same.entries()]).toEqual([...base]);
    expect([...same]).toEqual([...base]);
    const seen: unknown[] = [];
    const ctx = {};
    same.forEach(function (this: unknown, v, k) {
      seen.push([k, v, this === ctx]);
    }, ctx);
    expect(seen).toEqual([
      ['a', 1, true],
      ['b', 2, true],
      ['c', 3, true],
    ]);
    // Deleting a key the base never had leaves no trace; re-adding a deleted one restores it.
    const back = withChanges(next, new Map([['b', 22]]));
    expect([back.get('b'), back.has('b'), back.size]).toEqual([22, true, 4]);
    const gone = withChanges(withChanges(base, new Map([['q', 1]])), new Map([['q', undefined]]));
    expect([deltaSize(gone), gone.size, gone.has('q')]).toEqual([0, 3, false]);
  });

  it('folds the delta once it passes both 64 keys and an eighth of the base', () => {
    const big = new Map<string, number>();
    for (let i = 0; i < 1024; i++) big.set(`k${i}`, i);
    const changes = (n: number) => {
      const m = new Map<string, number | undefined>();
      for (let i = 0; i < n; i++) m.set(`n${i}`, i);
      return m;
    };
    // 128 = 1024 >> 3: not yet more than an eighth.
    expect(deltaSize(withChanges(big, changes(128)))).toBe(128);
    const folded = withChanges(big, changes(129));
    expect([deltaSize(folded), folded.size, folded.get('n128'), folded.get('k5')]).toEqual([0, 1153, 128, 5]);
    const small = new Map([['a', 1]]);
    expect(deltaSize(withChanges(small, changes(64)))).toBe(64);
    const smallFolded = withChanges(small, changes(65));
    expect([deltaSize(smallFolded), smallFolded.size]).toEqual([0, 66]);
    // Folding applies deletions too.
    const del = new Map<string, number | undefined>(changes(129));
    del.set('k0', undefined);
    const f2 = withChanges(big, del);
    expect([deltaSize(f2), f2.size, f2.has('k0'), f2.get('k1')]).toEqual([0, 1152, false, 1]);
  });
});
