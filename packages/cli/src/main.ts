import type { Cluster } from '@podnet/cluster';
import { parseCliArgs, UsageError } from './args.ts';
import { demoCommand } from './commands/demo-command.ts';
import { diagramCommand } from './commands/diagram-command.ts';
import { diffCommand } from './commands/diff-command.ts';
import { lintCommand } from './commands/lint-command.ts';
import { renderCommand } from './commands/render-command.ts';
import { reportCommand } from './commands/report-command.ts';
import { resolveCommand } from './commands/resolve-command.ts';
import { traceCommand } from './commands/trace-command.ts';
import { validateCommand } from './commands/validate-command.ts';
import type { Command, CommandContext, Io } from './context.ts';
import { InputError, loadInput } from './load-input.ts';
import { colorsFor } from './output.ts';

/** Every command with its one-line help, in the order `--help` lists them. */
const COMMANDS: readonly (readonly [string, Command, string])[] = [
  ['demo', demoCommand, 'model the bundled example cluster: summary, one trace, one DNS lookup'],
  ['report', reportCommand, 'settings, nodes, pods, services and lint findings of a cluster'],
  ['trace', traceCommand, 'follow a packet: --from ns/pod|node --to NAME|IP[:PORT] [--protocol TCP]'],
  ['resolve', resolveCommand, "resolve a name as a pod's resolver would: --from ns/pod NAME [--type A]"],
  ['render', renderCommand, 'print an artefact: render ARTEFACT [--node N | --pod ns/name]'],
  ['lint', lintCommand, 'check CIDRs, ranges, names, selectors, MTU'],
  ['diff', diffCommand, 'what changes between two clusters: diff A B'],
  ['diagram', diagramCommand, 'draw the cluster: --format mermaid|dot|svg [--out FILE]'],
  [
    'validate',
    validateCommand,
    'check a cluster spec, Kubernetes objects, or a CNI .conflist: validate FILE',
  ],
];

/** The package version, filled in at build time by tsup's `define` (falls back to `dev` in tests). */
declare const __PODNET_VERSION__: string | undefined;
const VERSION = typeof __PODNET_VERSION__ === 'string' ? __PODNET_VERSION__ : 'dev';

function help(): string {
  const width = Math.max(...COMMANDS.map(([name]) => name.length));
  return [
    'podnet — a Kubernetes cluster network, modelled offline',
    '',
    'usage: podnet <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map(([name, , text]) => `  ${name.padEnd(width)}  ${text}`),
    '',
    'options:',
    '  --cluster FILE   a cluster spec or `kubectl get … -o yaml|json` output (- for stdin); default: the example',
    '  --json           print a stable JSON document instead of tables',
    '  --no-color       no colours (also NO_COLOR=1, or when not a terminal)',
    '  --debug          show stack traces of unexpected errors',
    '  --help, -h       this help;  --version, -v  the version',
    '',
    'exit codes: 0 fine, 1 findings / a failed trace / differences, 2 bad input',
  ].join('\n');
}

/**
 * Runs the `podnet` command with the given arguments and returns its exit code
 * (0 fine, 1 findings or a failed trace, 2 bad input).
 *
 * @example
 * ```ts
 * const code = await main(['demo', '--json'], nodeIo());
 * ```
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const { command, positionals, flags } = parseCliArgs(argv);
    debug = flags.debug;
    if (command === 'help' || flags.help) {
      io.out(help());
      return 0;
    }
    if (command === 'version') {
      io.out(VERSION);
      return 0;
    }
    const entry = COMMANDS.find(([name]) => name === command);
    if (!entry) throw new UsageError(`unknown command "${command}" (try podnet --help)`);
    const cache = new Map<string, Promise<Cluster>>();
    const ctx: CommandContext = {
      positionals,
      flags,
      io,
      c: colorsFor(io.isTty && flags.color, io.env),
      loadCluster: (path) => {
        const key = path ?? '';
        let cluster = cache.get(key);
        if (!cluster) {
          cluster = loadInput(path, io);
          cache.set(key, cluster);
        }
        return cluster;
      },
      json: (value) => io.out(JSON.stringify(value, null, 2)),
    };
    return await entry[1](ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`podnet: ${error.message}`);
      return 2;
    }
    if (error instanceof InputError) {
      const where = error.path.length > 0 ? `${error.path.join('.')}: ` : '';
      io.err(`podnet: ${error.file}: ${where}${error.message} [${error.code}]`);
      return 2;
    }
    const coded = error as { code?: unknown; message?: unknown; stack?: unknown };
    if (error instanceof Error && typeof coded.code === 'string') {
      // a library error about the arguments (unknown pod, node or artefact): bad input
      io.err(`podnet: ${error.message} [${coded.code}]`);
      if (debug) io.err(String(error.stack));
      return 2;
    }
    io.err(`podnet: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (debug && error instanceof Error) io.err(String(error.stack));
    else io.err('podnet: run again with --debug for the stack trace');
    return 1;
  }
}
