// `node stryker/score.mjs [ip routes proxy dns] [--markdown] [--survivors]`: the mutation score of each package from
// the committed results in stryker/incremental/ — the whole-package file `<pkg>.json` and the part files
// `<pkg>.parts/*.json` that STRYKER_MUTATE runs write. For each source file it takes a result whose recorded source
// equals the file as it is now (a part run newer than the whole run wins); a file whose code changed since every
// recorded run, or that no run covered, is listed as not measured and keeps the package from passing.
//
// Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it; static mutants
// (ignored, see base.mjs) and compile errors are not counted. Exit code 1 when a package is below 80 % or not
// fully measured.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const all = ['ip', 'routes', 'proxy', 'dns'];
const args = process.argv.slice(2);
const wanted = args.filter((a) => all.includes(a));
const markdown = args.includes('--markdown');
const survivors = args.includes('--survivors');
const target = 80;

/** Every src/*.ts file Stryker mutates (see base.mjs `mutate`). */
function mutatedFiles(folder) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (
        name.endsWith('.ts') &&
        !/\.(test|prop\.test|bench)\.ts$|\.test-d\.ts$/.test(name) &&
        name !== 'index.ts' &&
        !full.endsWith(join('internal', 'arbitraries.ts')) &&
        name !== 'upstream-fixtures.ts' &&
        !full.includes(`${sep}testing${sep}`)
      )
        out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(join(root, 'packages', folder, 'src'));
  return out.sort();
}

/** The recorded runs of a package, oldest first (the whole-package run before the parts, then by file time). */
function recordedRuns(folder) {
  const runs = [];
  const whole = join(here, 'incremental', `${folder}.json`);
  if (existsSync(whole)) runs.push({ name: 'whole package', file: whole });
  const partsDir = join(here, 'incremental', `${folder}.parts`);
  if (existsSync(partsDir)) {
    const parts = readdirSync(partsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ name: f.replace(/\.json$/, ''), file: join(partsDir, f) }));
    parts.sort((a, b) => statSync(a.file).mtimeMs - statSync(b.file).mtimeMs);
    runs.push(...parts);
  }
  return runs.map((r) => ({ ...r, report: JSON.parse(readFileSync(r.file, 'utf8')) }));
}

function count(mutants) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed') c.killed++;
    else if (m.status === 'Timeout') c.timeout++;
    else if (m.status === 'Survived') c.survived++;
    else if (m.status === 'NoCoverage') c.noCoverage++;
    else if (m.status === 'Ignored') c.ignored++;
    else c.errors++;
  }
  c.detected = c.killed + c.timeout;
  c.valid = c.detected + c.survived + c.noCoverage;
  return c;
}

/** True for a file of types only (no runtime code): Stryker finds nothing to mutate and leaves it out of reports. */
function typesOnly(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return !/^\s*(export\s+)?(default\s+)?(async\s+)?(function|const|let|var|class|enum)\b/m.test(code);
}

const pct = (c) => (c.valid === 0 ? 100 : (100 * c.detected) / c.valid);
let failed = false;

for (const folder of wanted.length > 0 ? wanted : all) {
  const runs = recordedRuns(folder);
  const rows = [];
  const unmeasured = [];
  for (const file of mutatedFiles(folder)) {
    const source = readFileSync(join(root, file), 'utf8');
    let hit;
    for (const run of runs) {
      const entry = run.report.files?.[file];
      if (entry && entry.source === source) hit = { run: run.name, entry };
    }
    if (hit === undefined && typesOnly(source))
      rows.push({ file, run: 'types only', entry: { source, mutants: [] }, ...count([]) });
    else if (hit === undefined) unmeasured.push(file);
    else rows.push({ file, run: hit.run, entry: hit.entry, ...count(hit.entry.mutants) });
  }
  const total = rows.reduce(
    (t, r) => {
      for (const k of Object.keys(t)) t[k] += r[k];
      return t;
    },
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0, detected: 0, valid: 0 },
  );
  const score = pct(total);
  const ok = unmeasured.length === 0 && score >= target;
  if (!ok) failed = true;
  const short = (f) => f.replace(`packages/${folder}/src/`, '');
  console.log(
    `\n@podnet/${folder}: ${score.toFixed(2)} % (${total.detected} of ${total.valid} mutants detected; ` +
      `${total.ignored} static ignored) over ${rows.length} files` +
      (unmeasured.length > 0 ? `; NOT MEASURED: ${unmeasured.length} files` : '') +
      ` — ${ok ? 'pass' : 'FAIL'} (target ${target} %)`,
  );
  if (markdown) {
    console.log('\n| file | score | killed | timeout | survived | no coverage |\n|---|---|---|---|---|---|');
    for (const r of [...rows].sort((a, b) => pct(a) - pct(b)).filter((r) => r.valid > 0))
      console.log(
        `| \`${short(r.file)}\` | ${pct(r).toFixed(2)} % | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} |`,
      );
    const typeOnly = rows.filter((r) => r.valid === 0).length;
    if (typeOnly > 0)
      console.log(`| ${typeOnly} files with no counted mutant (types, or static code only) | | | | | |`);
    console.log(
      `| **all** | **${score.toFixed(2)} %** | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} |`,
    );
  } else {
    for (const r of [...rows].sort((a, b) => pct(a) - pct(b)))
      console.log(
        `  ${pct(r).toFixed(1).padStart(6)} %  ${String(r.valid - r.detected).padStart(4)} of ${String(r.valid).padEnd(5)} undetected  ${short(r.file)}  (${r.run})`,
      );
  }
  for (const f of unmeasured) console.log(`  not measured: ${short(f)}`);
  if (survivors) {
    for (const r of rows) {
      const lines = r.entry.source.split('\n');
      for (const m of r.entry.mutants) {
        if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
        const line = m.location.start.line;
        console.log(
          `  ${m.status === 'Survived' ? 'S' : 'N'} ${short(r.file)}:${line} ${m.mutatorName}: ` +
            `${lines[line - 1].trim().slice(0, 80)}  => ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60)}`,
        );
      }
    }
  }
}
process.exitCode = failed ? 1 : 0;
