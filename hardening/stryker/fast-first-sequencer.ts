// The order Stryker runs a mutant's covering test files in. Stryker's vitest runner stops at the first failing
// test (bail 1), so a killed mutant costs only the files that run before the one that kills it. vitest's own order
// runs the files that failed last time first (good: neighbouring mutants tend to die in the same file), then the
// *slowest* files first — so every mutant an exhaustive 8-second test covers paid those 8 seconds before the
// quick unit test that kills it ran. This keeps "failed last time first" and runs the fastest files first after
// that. Only the order changes: the same tests run against every mutant, and a survivor still runs them all.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** vitest's sequencer with "fastest first" in place of "slowest first". */
export class FastFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (spec: TestSpecification): string =>
      `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
    const rank = (spec: TestSpecification): [number, number] => {
      const state = cache.getFileTestResults(key(spec));
      if (state !== undefined) return [state.failed ? 0 : 1, state.duration];
      // never run: property tests last, smaller files first
      const size = cache.getFileStats(key(spec))?.size ?? 0;
      return [1, (spec.moduleId.endsWith('.prop.test.ts') ? 1e9 : 0) + size / 1000];
    };
    const ranked = files.map((spec) => ({ spec, r: rank(spec) }));
    ranked.sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1]);
    return ranked.map((x) => x.spec);
  }
}
