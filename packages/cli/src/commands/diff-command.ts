import { diff } from '@podnet/cluster';
import { UsageError } from '../args.ts';
import type { Command } from '../context.ts';
import { table } from '../output.ts';

/**
 * `podnet diff A B`: what changes between two clusters — IPs, routes, rules, records and reachability.
 * Exits 1 when they differ.
 *
 * @example
 * ```sh
 * podnet diff before.yaml after.yaml
 * ```
 */
export const diffCommand: Command = async (ctx) => {
  const [a, b] = ctx.positionals;
  if (!a || !b) throw new UsageError('diff needs two cluster files: podnet diff A B');
  const records = diff(await ctx.loadCluster(a), await ctx.loadCluster(b));
  if (ctx.flags.json) {
    ctx.json({ changes: records });
  } else if (records.length === 0) {
    ctx.io.out(ctx.c.green('diff: no changes'));
  } else {
    const { c } = ctx;
    const mark = (change: string): string =>
      change === 'added' ? c.green('+') : change === 'removed' ? c.red('-') : c.yellow('~');
    ctx.io.out(c.bold(`diff: ${records.length} change${records.length === 1 ? '' : 's'}`));
    ctx.io.out(
      table(
        ['', 'kind', 'node', 'key', 'before', 'after'],
        records.map((r) => [mark(r.change), r.kind, r.node ?? '', r.key, r.before ?? '', r.after ?? '']),
      ),
    );
  }
  return records.length === 0 ? 0 : 1;
};
