// Stryker's vitest runner, with one change: a mutant under which a test file fails to *load* counts as killed.
//
// The runner reads the results of the tests that ran. A test file that throws while it loads (a fixture built at
// the top of the file or in a `describe` body, computed by the mutated code) contributes no test at all, so a
// mutant that breaks the fixture looked like a survivor — with "0 tests completed". The dry run loaded every test
// file without error, so under a mutant a load error is the mutant's doing: the same verdict as a failing test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const runnerDir = dirname(require.resolve('@stryker-mutator/vitest-runner'));
const fromRunner = createRequire(join(runnerDir, 'index.js'));
const load = (id) => import(pathToFileURL(fromRunner.resolve(id)).href);
const { VitestTestRunner } = await import(pathToFileURL(join(runnerDir, 'vitest-test-runner.js')).href);
const { commonTokens, declareFactoryPlugin, PluginKind, tokens } = await load('@stryker-mutator/api/plugin');
const { MutantRunStatus } = await load('@stryker-mutator/api/test-runner');
const { INSTRUMENTER_CONSTANTS } = await load('@stryker-mutator/api/core');

class LoadErrorsKillRunner extends VitestTestRunner {
  async mutantRun(options) {
    const result = await super.mutantRun(options);
    if (result.status !== MutantRunStatus.Survived) return result;
    const broken = this.ctx.state
      .getFiles()
      .find((file) => file.result?.state === 'fail' && (file.result.errors?.length ?? 0) > 0);
    if (broken === undefined) return result;
    const error = broken.result.errors[0];
    return {
      status: MutantRunStatus.Killed,
      killedBy: [],
      failureMessage: `${broken.name} failed to load: ${error?.message ?? String(error)}`,
      nrOfTests: result.nrOfTests,
    };
  }
}

function createRunner(injector) {
  return injector
    .provideValue('globalNamespace', INSTRUMENTER_CONSTANTS.NAMESPACE)
    .injectClass(LoadErrorsKillRunner);
}
createRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [
  declareFactoryPlugin(PluginKind.TestRunner, 'vitest-load-errors', createRunner),
];
