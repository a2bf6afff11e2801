export type { CliFlags, ParsedArgs } from './args.ts';
export { parseCliArgs, UsageError } from './args.ts';
export { detectKind } from './commands/validate-command.ts';
export type { Command, CommandContext, Io } from './context.ts';
export { exampleCluster } from './example-cluster.ts';
export { InputError, loadInput } from './load-input.ts';
export { main } from './main.ts';
export { nodeIo } from './node-io.ts';
export { colorsFor, table } from './output.ts';
