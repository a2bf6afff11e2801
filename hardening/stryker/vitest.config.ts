// The vitest config Stryker runs one package's tests with: the package's own settings (../../vitest.shared.ts)
// rooted at packages/<STRYKER_PKG>, with a longer test timeout (instrumented code on a loaded machine is slow)
// and type tests off (they test no runtime behaviour), and one fixed fast-check seed (./fixed-seed.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

const folder = process.env.STRYKER_PKG ?? 'ip';

export default mergeConfig(
  sharedConfig,
  defineConfig({
    root: fileURLToPath(new URL(`../../packages/${folder}`, import.meta.url)),
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      typecheck: { enabled: false },
      // STRYKER_ISOLATE=0 runs test files without a fresh module context each (faster; mutants are switched by a
      // global at run time and static mutants are not run, so no state leaks between mutants)
      isolate: process.env.STRYKER_ISOLATE !== '0',
      reporters: ['default'],
      setupFiles: [fileURLToPath(new URL('./fixed-seed.ts', import.meta.url))],
    },
  }),
);
