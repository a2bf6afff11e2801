import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkg = (folder: string): string =>
  fileURLToPath(new URL(`./packages/${folder}/src/index.ts`, import.meta.url));

/**
 * The vitest settings every package shares. Tests import sibling podnet packages from their
 * sources (not their dist), so a change in `@podnet/ip` is seen at once by the packages on top.
 */
export const sharedConfig = defineConfig({
  resolve: {
    alias: {
      '@podnet/ip': pkg('ip'),
      '@podnet/cni': pkg('cni'),
      '@podnet/routes': pkg('routes'),
      '@podnet/proxy': pkg('proxy'),
      '@podnet/dns': pkg('dns'),
      '@podnet/cluster': pkg('cluster'),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: 'tsconfig.json',
    },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts', 'src/index.ts'],
      reporter: ['text-summary', 'json-summary'],
    },
  },
});
