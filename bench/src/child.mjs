// Runs one job (a suite with its parameters) in its own process, so that peak RSS is per job and one suite's JIT
// state does not leak into another's. Progress goes to stderr; the result is one JSON line on stdout.
import { peakRssMiB } from './lib/measure.mjs';

const [suite, paramsJson, mode] = process.argv.slice(2);
const ctx = { quick: mode === 'quick' };
const params = JSON.parse(paramsJson ?? '{}');
let out;
try {
  const mod = await import(`./suites/${suite}.mjs`);
  const cases = await mod.run(params, ctx);
  out = { cases, rssMiB: peakRssMiB() };
} catch (error) {
  out = { error: String(error?.stack ?? error), rssMiB: peakRssMiB() };
}
process.stdout.write(`\n@@RESULT@@${JSON.stringify(out)}\n`);
