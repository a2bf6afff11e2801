// Timing helpers. Fast cases go through mitata's `measure` (batched samples, warm-up, outliers trimmed);
// slow cases (hundreds of ms and more) are timed as whole runs with a GC before each, median of a few runs.
import { measure } from 'mitata';

const hrnow = () => Number(process.hrtime.bigint());

/** Runs the GC when node was started with --expose-gc. */
export function collect() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/**
 * Median (and fastest) nanoseconds of one call of `fn`, measured by mitata.
 * @param {() => unknown} fn
 * @param {{ quick: boolean }} ctx
 */
export async function medianNs(fn, ctx) {
  const stats = await measure(fn, {
    min_cpu_time: ctx.quick ? 15e6 : 200e6,
    min_samples: ctx.quick ? 5 : 30,
    max_samples: ctx.quick ? 200 : 1e9,
    warmup_samples: ctx.quick ? 1 : 3,
    // One call per sample (no batching): cases are shaped so one call takes tens of µs or more, and the
    // median over many short samples is robust to the preemption a shared machine brings.
    batch_threshold: 0,
  });
  return { ns: stats.p50, minNs: stats.min };
}

/**
 * Median nanoseconds of whole runs of a slow `fn` (GC before each run); also the first (cold) run.
 * Stops early once the runs so far took `budgetNs` (default 15 s), so a very slow case costs one or two runs.
 * @param {() => unknown} fn
 * @param {{ runs: number, budgetNs?: number }} opts
 */
export function slowNs(fn, { runs, budgetNs = 15e9 }) {
  const times = [];
  let last;
  let total = 0;
  for (let i = 0; i < runs && (i === 0 || total < budgetNs); i++) {
    collect();
    const t0 = hrnow();
    last = fn();
    times.push(hrnow() - t0);
    total += times[times.length - 1];
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  return { ns: times[(times.length - 1) >> 1], firstNs: first, last, runs: times.length };
}

/** Times one call and returns [ns, result]. */
export function once(fn) {
  const t0 = hrnow();
  const r = fn();
  return [hrnow() - t0, r];
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}
