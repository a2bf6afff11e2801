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
