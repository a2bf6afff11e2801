import { type Artefact, render, renderableArtefacts } from '@podnet/cluster';
import { UsageError } from '../args.ts';
import type { Command } from '../context.ts';

/**
 * `podnet render ARTEFACT [--node N | --pod ns/name]`: prints what the node or pod would hold
 * (`ip-route`, `iptables-save`, `ipvsadm`, `nft`, `resolv.conf`, `corefile`, `cni-conflist`, …).
 *
 * @example
 * ```sh
 * podnet render iptables-save --node node01
 * ```
 */
export const renderCommand: Command = async (ctx) => {
  const artefact = ctx.positionals[0];
  const known = renderableArtefacts();
  if (!artefact || !(known as readonly string[]).includes(artefact)) {
    throw new UsageError(
      `render needs an artefact: ${known.join(', ')}${artefact ? ` (not "${artefact}")` : ''}`,
    );
  }
  const cluster = await ctx.loadCluster(ctx.flags.cluster);
  const text = render(cluster, { artefact: artefact as Artefact, node: ctx.flags.node, pod: ctx.flags.pod });
  if (ctx.flags.json) ctx.json({ artefact, node: ctx.flags.node ?? null, pod: ctx.flags.pod ?? null, text });
  else ctx.io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  return 0;
};
