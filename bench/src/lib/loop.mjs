// Timed loops compiled fresh for every row.
//
// Fresh code: a shared higher-order loop would share one feedback vector between all implementations of a case,
// so its call site would go megamorphic and later rows would be measured through a slow generic call.
// `new Function` gives each row its own code and its own type feedback.
//
// Chunks: each timed call covers `chunk` items (rotating through the list), so one call takes tens to hundreds of
// microseconds. On a shared machine most such samples run without being preempted, and the median of many
// samples filters out the ones that were; one call over 200,000 items would be preempted every time.

const compile = (list, f, body, chunk) =>
  new Function(
    'list',
    'f',
    'chunk',
    `let pos = 0; return function timedLoop() { let x = 0; const end = pos + chunk; for (let i = pos; i < end; i++) { ${body} } pos = end === list.length ? 0 : end; return x; };`,
  )(list, f, chunk);

/** Target time of one timed call. */
const TARGET_NS = 200_000;

/**
 * A function that runs `body` for `chunk` consecutive `i` over `list` (wrapping around) with `f` in scope and
 * returns the accumulator `x`. The function's `items` property is the chunk. By default the chunk is chosen so
 * one call takes about 200 µs: the largest divisor of `list.length` that fits, from a probe over a few items.
 * @param {ArrayLike<unknown>} list
 * @param {Function} f
 * @param {string} body e.g. `if (f(list[i])) x++;`
 * @param {number} [chunk] items per call; must divide list.length
 */
export function loopOver(list, f, body, chunk) {
  const n = list.length;
  if (chunk === undefined) {
    // Probe on a few items: warm up for ~5 ms (so the estimate is not the cold, unoptimised speed), then time.
    const probeN = Math.min(n, 64);
    const sample = Array.from({ length: probeN }, (_, i) => list[i]);
    const probe = compile(sample, f, body, probeN);
    const now = () => Number(process.hrtime.bigint());
    const w0 = now();
    for (let k = 0; k < 200 && (k < 3 || now() - w0 < 5e6); k++) probe();
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const t0 = now();
      probe();
      best = Math.min(best, now() - t0); // the fastest rep: the one not preempted
    }
    const per = Math.max(0.5, best / probeN);
    const want = Math.max(1, Math.floor(TARGET_NS / per));
    chunk = 1;
    for (let d = 1; d <= Math.min(n, want); d++) if (n % d === 0) chunk = d;
  }
  if (n % chunk !== 0) throw new Error(`chunk ${chunk} does not divide ${n}`);
  const fn = compile(list, f, body, chunk);
  fn.items = chunk;
  return fn;
}
