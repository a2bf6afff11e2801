// Loads the built @podnet/* packages without ever crashing the bench: the packages are written in parallel, so a
// package (or one of its functions) may not exist yet. Cases ask for the functions they need and skip themselves
// with a clear "not available yet" line when one is missing.

const cache = new Map();

/**
 * Imports `@podnet/<name>` once; returns the module or `{ loadError }`.
 * @param {string} name
 */
export async function podnet(name) {
  if (!cache.has(name)) {
    try {
      cache.set(name, await import(`@podnet/${name}`));
    } catch (error) {
      const msg = String(error?.message ?? error).split('\n')[0];
      cache.set(name, { loadError: msg });
    }
  }
  return cache.get(name);
}

/**
 * Picks functions from a podnet package. Returns `{ fns }` when all exist, else `{ missing }` — a reason line.
 * @param {string} pkg
 * @param {string[]} names
 */
export async function need(pkg, names) {
  const mod = await podnet(pkg);
  if (mod.loadError) return { missing: `@podnet/${pkg} not available yet (${mod.loadError.slice(0, 80)})` };
  const fns = {};
  const absent = [];
  for (const n of names) {
    if (typeof mod[n] === 'function') fns[n] = mod[n];
    else absent.push(n);
  }
  if (absent.length > 0) return { missing: `@podnet/${pkg} ${absent.join(', ')} not available yet` };
  return { fns };
}

/** The first of `names` that the package exports as a function, or undefined. */
export async function firstOf(pkg, names) {
  const mod = await podnet(pkg);
  if (mod.loadError) return undefined;
  for (const n of names) if (typeof mod[n] === 'function') return { name: n, fn: mod[n] };
  return undefined;
}
