// What `@fast-check/vitest` gives our tests (`fc`, and `test`/`it` with `.prop`), for Stryker runs only
// (./vitest.config.ts aliases the package to this file).
//
// Why: @fast-check/vitest 0.5.0 builds its `test` at import time by walking every chain of vitest 4.1's test
// modifiers (`test.skip.only.concurrent…`), which costs about 2 s of CPU per import, and Stryker re-imports each
// test file for every mutant: with two runners that was most of the run time. This file does what our tests use —
// `test.prop([arbitraries], params?)(name, prop, timeout?)` and `test.prop({ record }, params?)` — in the same
// way: one vitest test named `<name> (with seed=N)` that runs `fc.assert` over an async property with the seed
// from `fc.configureGlobal` (./fixed-seed.ts sets it). Not supported here: vitest hooks run around every
// generated case (the library re-runs `beforeEach`/`afterEach` per case; no podnet property test has such hooks).
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

type Arbitraries = readonly fc.Arbitrary<unknown>[] | Record<string, fc.Arbitrary<unknown>>;
type Prop = (...values: never[]) => unknown;

/** `test.prop(arbitraries, params?)(name, prop, timeout?)`: one vitest test over an async property. */
function prop(arbitraries: Arbitraries, params?: Record<string, unknown>) {
  return (name: string, body: Prop, timeout?: number): void => {
    const seed = (params?.seed as number | undefined) ?? fc.readConfigureGlobal().seed ?? 0;
    // the record form hands the test one object, as the library does
    const arbs = Array.isArray(arbitraries)
      ? arbitraries
      : [fc.record(arbitraries as Record<string, fc.Arbitrary<unknown>>)];
    const run = body as (...values: unknown[]) => unknown;
    vitestTest(
      `${name} (with seed=${seed})`,
      async () => {
        const property = fc.asyncProperty(
          ...(arbs as [fc.Arbitrary<unknown>]),
          async (...values: unknown[]) => {
            await run(...values);
          },
        );
        await fc.assert(property, { ...params, seed } as fc.Parameters<[unknown]>);
      },
      timeout,
    );
  };
}

/** vitest's `test` with `.prop`, as `@fast-check/vitest` exports it. */
export const test = new Proxy(vitestTest, {
  get: (target, key, receiver) => (key === 'prop' ? prop : Reflect.get(target, key, receiver)),
}) as typeof vitestTest & { prop: typeof prop };
export const it = test;
export { fc };
