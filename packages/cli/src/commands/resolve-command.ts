import { type ResolveResult, resolve } from '@podnet/cluster';
import { UsageError } from '../args.ts';
import type { Command, CommandContext } from '../context.ts';
import { table } from '../output.ts';

/** Prints a resolution: every query the pod's resolver sent, then the answers. */
export function printResolve(ctx: CommandContext, from: string, result: ResolveResult): void {
  const { c, io } = ctx;
  const ok = result.rcode === 'NOERROR' && result.answers.length > 0;
  io.out(
    `${c.bold(`resolve ${result.name} ${result.type} from ${from}`)}: ${ok ? c.green(result.rcode) : c.red(result.rcode)}`,
  );
  io.out(
    table(
      ['query', 'rcode', 'answers'],
      result.queries.map((q) => [q.name, q.rcode, String(q.answers.length)]),
    ),
  );
  if (result.answers.length > 0) {
    io.out('');
    io.out(
      table(
        ['name', 'type', 'ttl', 'data'],
        result.answers.map((a) => [a.name, a.type, String(a.ttl), a.data]),
      ),
    );
  }
}

/**
 * `podnet resolve --from ns/pod NAME [--type A]`: resolves a name the way the pod's resolver would.
 *
 * @example
 * ```sh
 * podnet resolve --from default/web-1 api.shop
 * ```
 */
export const resolveCommand: Command = async (ctx) => {
  const { flags } = ctx;
  const name = ctx.positionals[0] ?? flags.to;
  if (!flags.from || !name) throw new UsageError('resolve needs --from ns/pod and a NAME');
  const cluster = await ctx.loadCluster(flags.cluster);
  const result = resolve(cluster, flags.from, name, (flags.type ?? 'A').toUpperCase());
  if (flags.json) ctx.json({ from: flags.from, ...result });
  else printResolve(ctx, flags.from, result);
  return result.rcode === 'NOERROR' && result.answers.length > 0 ? 0 : 1;
};
