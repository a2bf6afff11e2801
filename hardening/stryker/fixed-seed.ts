// Loaded before every test file of a Stryker run. Plain `pnpm test` does not load this file and keeps exploring
// new seeds with full shrinking and every test's own number of runs.
//
// - One fixed seed: @fast-check/vitest names each property test `<label> (with seed=N)` and, without a seed, draws
//   N at random on each run: the test that covered a mutant in Stryker's dry run then no longer exists by that name
//   when the mutant is tested, so the mutant is never re-tested (it counts as survived). One global seed keeps
//   every name, and every run, the same.
// - `endOnFailure`: a mutant is killed by the first failing run; shrinking the counterexample (hundreds of further
//   runs of instrumented code) tells Stryker nothing more.
// - `numRuns`: properties that set none get the same cap (STRYKER_RUNS, default 40) that ./vitest.config.ts puts
//   on those that do.
import fc from 'fast-check';
import { inject } from 'vitest';

const maxRuns = Number(process.env.STRYKER_RUNS ?? 40);
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  seed: 20_260_101,
  endOnFailure: true,
  ...(maxRuns > 0 ? { numRuns: maxRuns } : {}),
});

// The mutant is switched on before the test file loads, not only when its tests start. Stryker's setup switches a
// run's mutant on in a `beforeAll`, so code a test file runs while it loads (a fixture built at the top of the
// file or inside a `describe` body) ran with the *previous* run's mutant still on — a fixture built wrong by
// another mutant could fail, or a collection error hide, the tests of this one. Stryker's own `static` activation
// does the same as this, at the same point.
if (inject('mode' as never) === 'mutant') {
  const ns = inject('globalNamespace' as never) as unknown as string;
  const g = globalThis as unknown as Record<string, { activeMutant?: unknown } | undefined>;
  const state = g[ns] ?? {};
  g[ns] = state;
  state.activeMutant = inject('activeMutant' as never);
}
