// Shared Stryker settings. Stryker runs from the repository root (so the package's vitest config can reach
// ../../vitest.shared.ts) in a sandbox copy under hardening/.stryker-tmp that holds only that one package,
// never mutating the working tree (other helpers edit it at the same time).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The Stryker config for one package folder under packages/. */
export function strykerConfig(folder, overrides = {}) {
  // read by stryker/vitest.config.ts in the test-runner processes Stryker spawns
  process.env.STRYKER_PKG = folder;
  return {
    packageManager: 'pnpm',
    testRunner: 'vitest',
    plugins: [require.resolve('@stryker-mutator/vitest-runner')],
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
      `!packages/${folder}/src/index.ts`,
      `!packages/${folder}/src/**/index.ts`,
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
      'dist',
      'coverage',
      'test-results.json',
    ],
    tempDirName: 'hardening/.stryker-tmp',
    cleanTempDir: true,
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    timeoutMS: 5_000,
    timeoutFactor: 1.5,
    reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
    jsonReporter: { fileName: `hardening/reports/mutation/${folder}.json` },
    htmlReporter: { fileName: `hardening/reports/mutation/${folder}.html` },
    thresholds: { high: 90, low: 80, break: null },
    ...overrides,
  };
}
