import { parseArgs } from 'node:util';

/** The options every `podnet` command understands. */
export interface CliFlags {
  readonly cluster: string | undefined;
  readonly json: boolean;
  readonly color: boolean;
  readonly debug: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly port: string | undefined;
  readonly protocol: string | undefined;
  readonly type: string | undefined;
  readonly node: string | undefined;
  readonly pod: string | undefined;
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly mode: string | undefined;
}

/** A command line split into the command, its positional arguments and its flags. */
export interface ParsedArgs {
  readonly command: string;
  readonly positionals: readonly string[];
  readonly flags: CliFlags;
}

/** A command line that could not be understood; the CLI exits 2 with its message. */
export class UsageError extends Error {
  readonly code: string = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Splits `podnet` arguments into command, positionals and flags; unknown flags are a {@link UsageError}.
 *
 * @example
 * ```ts
 * parseCliArgs(['trace', '--from', 'default/web-1', '--to', 'web:80', '--json']).flags.json; // true
 * ```
 */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error),
    );
  }
  const { values, positionals } = parsed;
  const [command = values.help ? 'help' : values.version ? 'version' : 'help', ...rest] = positionals;
  return {
    command,
    positionals: rest,
    flags: {
      cluster: values.cluster,
      json: values.json ?? false,
      color: !(values['no-color'] ?? false),
      debug: values.debug ?? false,
      help: values.help ?? false,
      version: values.version ?? false,
      from: values.from,
      to: values.to,
      port: values.port,
      protocol: values.protocol,
      type: values.type,
      node: values.node,
      pod: values.pod,
      format: values.format,
      out: values.out,
      mode: values.mode,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      cluster: { type: 'string', short: 'c' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string', short: 'p' },
      protocol: { type: 'string' },
      type: { type: 'string', short: 't' },
      node: { type: 'string', short: 'n' },
      pod: { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      mode: { type: 'string' },
    },
  });
}
