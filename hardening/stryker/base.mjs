// Shared Stryker settings. Stryker runs from the repository root (so the package's vitest config can reach
// ../../vitest.shared.ts) in a sandbox copy under hardening/.stryker-tmp that holds only that one package,
// never mutating the working tree (other helpers edit it at the same time).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The name of a STRYKER_MUTATE subset run (a "part"): STRYKER_PART, or one made from the file list. Its results
 * go to their own incremental file and report, `<pkg>.parts/<part>.json`, which `node stryker/score.mjs` merges
 * into the package's figures.
 */
export function partName(mutate, given = process.env.STRYKER_PART) {
  if (given !== undefined && given !== '') return given.replace(/[^\w.+-]/g, '-');
  const name = mutate
    .split(',')
    .map((f) => f.trim())
    .join('+')
    .replace(/\*\*\//g, '')
    .replace(/\*/g, '_')
    .replace(/[^\w.+-]/g, '-');
  // a long list gets a short stable name (file names stop at 255 bytes)
  return name.length <= 80
    ? name
    : `${name.slice(0, 60)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** The Stryker config for one package folder under packages/. */
export function strykerConfig(folder, overrides = {}) {
  // read by stryker/vitest.config.ts in the test-runner processes Stryker spawns
  process.env.STRYKER_PKG = folder;
  const part = process.env.STRYKER_MUTATE ? partName(process.env.STRYKER_MUTATE) : undefined;
  const out = part === undefined ? folder : `${folder}.parts/${part}`;
  return {
    packageManager: 'pnpm',
    // the vitest runner, with test files that fail to load under a mutant counted as a kill (see the file)
    testRunner: 'vitest-load-errors',
    plugins: [
      require.resolve('@stryker-mutator/vitest-runner'),
      fileURLToPath(new URL('./vitest-runner-load-errors.mjs', import.meta.url)),
    ],
    vitest: { configFile: 'hardening/stryker/vitest.config.ts', dir: `packages/${folder}` },
    coverageAnalysis: 'perTest',
    // STRYKER_MUTATE=a.ts,b.ts limits the run to those files of src/ (the full ip run is ~3,800 mutants)
    mutate: [
      ...(process.env.STRYKER_MUTATE
        ? process.env.STRYKER_MUTATE.split(',').map((f) => `packages/${folder}/src/${f.trim()}`)
        : [`packages/${folder}/src/**/*.ts`]),
      `!packages/${folder}/src/**/*.test.ts`,
      `!packages/${folder}/src/**/*.prop.test.ts`,
      `!packages/${folder}/src/**/*.test-d.ts`,
      `!packages/${folder}/src/**/*.bench.ts`,
      `!packages/${folder}/src/index.ts`,
      `!packages/${folder}/src/**/index.ts`,
      // fast-check arbitraries that only tests import
      `!packages/${folder}/src/internal/arbitraries.ts`,
      // test fixtures (kube-proxy's makeTestService/makeTestEndpointSlice as data; not exported)
      `!packages/${folder}/src/testing/**`,
      `!packages/${folder}/src/**/upstream-fixtures.ts`,
    ],
    // copy only what the package's tests need into the sandbox
    ignorePatterns: [
      '/*',
      '!/package.json',
      '!/tsconfig.base.json',
      '!/vitest.shared.ts',
      '!/packages',
      '/packages/*',
      `!/packages/${folder}`,
      // every package's tests import @podnet/ip from its sources (vitest.shared.ts aliases)
      '!/packages/ip',
      '/packages/ip/test',
      // proxy's docs test compares docs/proxy-modes.md with what it renders
      '!/docs',
      '/docs/*',
      '!/docs/proxy-modes.md',
      '!/hardening',
      '/hardening/*',
      '!/hardening/stryker',
      '/hardening/stryker/incremental',
      'dist',
      'coverage',
      'test-results.json',
    ],
    // one folder per package, so runs of two packages at once do not clean each other's sandbox
    tempDirName: `hardening/.stryker-tmp/${folder}`,
    cleanTempDir: true,
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    // slack on top of 1.5 × the covering tests' dry-run time; a timed-out mutant (an endless loop) also costs a
    // test-runner restart
    timeoutMS: 2_500,
    timeoutFactor: 1.5,
    reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
    jsonReporter: { fileName: `hardening/reports/mutation/${out}.json` },
    htmlReporter: { fileName: `hardening/reports/mutation/${out}.html` },
    thresholds: { high: 90, low: 80, break: null },
    // A whole-package run keeps its results in hardening/stryker/incremental/<pkg>.json (committed): the next run
    // re-tests only the mutants whose code or covering tests changed (STRYKER_FORCE=1 re-tests everything).
    // A STRYKER_MUTATE subset run keeps its own, incremental/<pkg>.parts/<part>.json, so a package too large for
    // one sitting is measured part by part (Stryker writes the file only when a run completes).
    incremental: true,
    // Static mutants (code that runs only while a module loads: constant tables, top-level setup) need every test
    // of the package re-run with a fresh module graph each; in routes they are 26 % of the mutants and ~85 % of
    // the time. They are left out unless STRYKER_STATIC=1 (docs/quality.md says what that leaves untested).
    ignoreStatic: process.env.STRYKER_STATIC !== '1',
    incrementalFile: `hardening/stryker/incremental/${out}.json`,
    force: process.env.STRYKER_FORCE === '1',
    ...overrides,
  };
}
