// One benchmark case = one question ("merge 2,000 IPv4 /24s") answered by several implementations (rows).
// Before a row is timed its result is checked against the case's reference; a disagreement is kept in the row
// (and the row is left out of "best peer"), a crash becomes an error row, a missing podnet function a skip row.
import { medianNs, slowNs } from './measure.mjs';

/**
 * @param {string} id stable id, e.g. 'ip.merge-v4'
 * @param {string} title what is measured
 * @param {{ unit?: string, items?: number, rss?: boolean }} [opts] `items` = work items per timed call
 */
export function newCase(id, title, opts = {}) {
  return {
    id,
    title,
    unit: opts.unit ?? 'call',
    items: opts.items ?? 1,
    rss: opts.rss ?? false,
    rows: [],
    notes: [],
  };
}

function describe(error) {
  const code = error?.code ? `${error.code}: ` : '';
  return `${code}${String(error?.message ?? error).split('\n')[0]}`.slice(0, 160);
}

export function fmtNs(ns) {
  if (!Number.isFinite(ns)) return '–';
  if (ns < 1) return `${ns.toFixed(2)} ns`;
  if (ns < 100) return `${ns.toFixed(1)} ns`;
  if (ns < 1e4) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e5 ? 1 : 0)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e8 ? 1 : 0)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/**
 * Adds one implementation's row to the case.
 * @param {ReturnType<typeof newCase>} c
 * @param {{ quick: boolean }} ctx
 * @param {{ impl: string, kind: 'podnet'|'peer'|'native'|'baseline', fn?: () => unknown, skip?: string,
 *   check?: () => true | string, slow?: number, headline?: boolean, note?: string, ns?: number, items?: number }} r
 *   `slow` = number of whole runs (no mitata); `ns` = a time measured elsewhere (native code).
 */
export async function addRow(c, ctx, r) {
  const row = {
    impl: r.impl,
    kind: r.kind,
    headline: r.headline ?? false,
    note: r.note ?? '',
    items: r.fn?.items ?? r.items ?? c.items,
  };
  c.rows.push(row);
  if (r.skip) {
    row.skipped = r.skip;
    log(c, row, `skipped: ${r.skip}`);
    return row;
  }
  if (r.check) {
    try {
      const ok = r.check();
      if (ok !== true) row.mismatch = String(ok);
    } catch (error) {
      row.error = `check failed: ${describe(error)}`;
      log(c, row, row.error);
      return row;
    }
  }
  try {
    if (r.ns !== undefined) row.ns = r.ns;
    else if (r.slow) {
      const t = slowNs(r.fn, { runs: r.slow });
      row.ns = t.ns;
      row.firstNs = t.firstNs;
      row.runs = t.runs;
    } else {
      const m = await medianNs(r.fn, ctx);
      row.ns = m.ns;
      row.minNs = m.minNs;
    }
  } catch (error) {
    row.error = describe(error);
    log(c, row, `error: ${row.error}`);
    return row;
  }
  row.per = row.ns / row.items;
  log(
    c,
    row,
    `${fmtNs(row.ns)}${row.items > 1 || c.items > 1 ? ` (${fmtNs(row.per)}/${c.unit}, ${row.items} per call)` : ''}${row.mismatch ? `  DISAGREES: ${row.mismatch}` : ''}`,
  );
  return row;
}

function log(c, row, text) {
  process.stderr.write(`  ${c.id.padEnd(22)} ${row.impl.padEnd(30)} ${text}\n`);
}

/** Compares two string arrays as sets; returns true or a short description of the difference. */
export function sameSet(expected, actual) {
  const e = new Set(expected);
  const a = new Set(actual);
  const missing = [...e].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !e.has(x));
  if (missing.length === 0 && extra.length === 0) return true;
  const show = (xs) => xs.slice(0, 3).join(' ') + (xs.length > 3 ? ` …(${xs.length})` : '');
  return `${missing.length} missing${missing.length ? ` (${show(missing)})` : ''}, ${extra.length} extra${extra.length ? ` (${show(extra)})` : ''}`;
}
