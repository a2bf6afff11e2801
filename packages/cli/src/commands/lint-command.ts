import { type Finding, lint } from '@podnet/cluster';
import type { Command, CommandContext } from '../context.ts';
import { table } from '../output.ts';

/** Prints lint findings as a table, or a single line when there are none. */
export function printFindings(ctx: CommandContext, findings: readonly Finding[]): void {
  const { c, io } = ctx;
  if (findings.length === 0) {
    io.out(c.green('lint: no findings'));
    return;
  }
  const paint = (f: Finding): string =>
    f.severity === 'error' ? c.red(f.severity) : f.severity === 'warning' ? c.yellow(f.severity) : f.severity;
  io.out(c.bold(`lint: ${findings.length} finding${findings.length === 1 ? '' : 's'}`));
  io.out(
    table(
      ['severity', 'code', 'message'],
      findings.map((f) => [paint(f), f.code, f.message]),
    ),
  );
}

/**
 * `podnet lint`: checks the cluster for overlapping CIDRs, exhausted ranges, bad names and more.
 * Exits 1 when any finding is an error or a warning.
 *
 * @example
 * ```sh
 * podnet lint --cluster cluster.yaml --json
 * ```
 */
export const lintCommand: Command = async (ctx) => {
  const cluster = await ctx.loadCluster(ctx.flags.cluster);
  const findings = lint(cluster);
  if (ctx.flags.json) ctx.json({ findings });
  else printFindings(ctx, findings);
  return findings.some((f) => f.severity !== 'info') ? 1 : 0;
};
