// `pnpm mutation [ip routes proxy dns]`: runs Stryker over each package in turn from the repository root.
// CPU-heavy: set STRYKER_CONCURRENCY (default 2). Reports land in hardening/reports/mutation/<pkg>.{json,html}.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const all = ['ip', 'routes', 'proxy', 'dns'];
const wanted = process.argv.slice(2).filter((a) => all.includes(a));
let failed = 0;
for (const pkg of wanted.length > 0 ? wanted : all) {
  console.log(`\n=== Stryker: @podnet/${pkg} ===`);
  const r = spawnSync(process.execPath, [bin, 'run', join('hardening', 'stryker', `${pkg}.config.mjs`)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
// the figures from every recorded run (stryker/incremental/), with the parts of earlier STRYKER_MUTATE runs
const score = spawnSync(process.execPath, [join(here, 'score.mjs'), ...(wanted.length > 0 ? wanted : all)], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = failed > 0 || score.status !== 0 ? 1 : 0;
