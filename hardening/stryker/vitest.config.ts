// The vitest config Stryker runs one package's tests with: the package's own settings (../../vitest.shared.ts)
// rooted at packages/<STRYKER_PKG>, with a longer test timeout (instrumented code on a loaded machine is slow)
// and type tests off (they test no runtime behaviour), one fixed fast-check seed (./fixed-seed.ts), and property
// tests capped at STRYKER_RUNS runs each (default 40; 0 keeps every test's own numRuns).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';
import { FastFirstSequencer } from './fast-first-sequencer.ts';

const folder = process.env.STRYKER_PKG ?? 'ip';
const maxRuns = Number(process.env.STRYKER_RUNS ?? 40);

/**
 * Rewrites `numRuns: 300` in test files to `numRuns: Math.min(300, maxRuns)`. Every mutant a property test covers
 * re-runs that property on instrumented code; at 200–500 runs a property costs seconds per mutant, and a mutant
 * that only the 41st generated case would catch is rare (such a mutant counts as survived: the cap can only lower
 * the score). The tests' sources stay as they are; `pnpm test` runs them in full.
 */
const capRuns = {
  name: 'podnet-stryker-cap-num-runs',
  enforce: 'pre' as const,
  transform(code: string, id: string) {
    if (maxRuns <= 0 || !/\.test\.ts$/.test(id) || !code.includes('numRuns')) return null;
    return { code: code.replace(/numRuns:\s*([\d_]+)/g, `numRuns: Math.min($1, ${maxRuns})`), map: null };
  },
};

export default mergeConfig(
  sharedConfig,
  defineConfig({
    root: fileURLToPath(new URL(`../../packages/${folder}`, import.meta.url)),
    plugins: [capRuns],
    // a light stand-in for @fast-check/vitest (see ./fast-check-vitest.ts: the package costs ~2 s per import)
    resolve: {
      alias: { '@fast-check/vitest': fileURLToPath(new URL('./fast-check-vitest.ts', import.meta.url)) },
    },
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      typecheck: { enabled: false },
      // Test files run without a fresh module context each (faster; mutants are switched by a global at run time
      // and static mutants are not run, so no state leaks between mutants). STRYKER_ISOLATE=1 isolates them.
      isolate: process.env.STRYKER_ISOLATE === '1',
      reporters: ['default'],
      setupFiles: [fileURLToPath(new URL('./fixed-seed.ts', import.meta.url))],
      // a killed mutant stops at its first failing test: run the quick files before the slow ones
      sequence: { sequencer: FastFirstSequencer },
    },
  }),
);
