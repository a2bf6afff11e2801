import { defineConfig } from 'tsup';
import { baseConfig } from '../../tsup.config.base.ts';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  ...baseConfig,
  entry: ['src/index.ts', 'src/bin.ts'],
  platform: 'node',
  define: { __PODNET_VERSION__: JSON.stringify(pkg.version) },
});
