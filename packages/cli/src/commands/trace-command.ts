import { type TraceResult, trace } from '@podnet/cluster';
import { UsageError } from '../args.ts';
import type { Command, CommandContext } from '../context.ts';
import { table } from '../output.ts';

/** Splits `NAME:PORT`, `IP:PORT` or `[IPv6]:PORT` into target and port; a bare target keeps `--port`. */
export function splitTarget(
  to: string,
  port: string | undefined,
): { target: string; port: number | undefined } {
  let target = to;
  let portText = port;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(to);
  if (bracket) {
    target = bracket[1] ?? '';
    portText = bracket[2] ?? portText;
  } else {
    const colon = to.lastIndexOf(':');
    if (colon > 0 && to.indexOf(':') === colon && /^\d+$/.test(to.slice(colon + 1))) {
      target = to.slice(0, colon);
      portText = to.slice(colon + 1);
    }
  }
  if (portText === undefined) return { target, port: undefined };
  const n = Number(portText);
  if (!/^\d+$/.test(portText) || n < 1 || n > 65535) throw new UsageError(`bad port "${portText}" (1-65535)`);
  return { target, port: n };
}

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/** Prints a trace result as a table of hops and, when kube-proxy chose among endpoints, the candidates. */
export function printTrace(ctx: CommandContext, title: string, result: TraceResult): void {
  const { c, io } = ctx;
  const ok = result.disposition === 'DELIVERED';
  io.out(`${c.bold(title)}: ${ok ? c.green(result.disposition) : c.red(result.disposition)}`);
  io.out(
    table(
      ['#', 'node', 'kind', 'pod', 'detail'],
      result.hops.map((hop, i) => [String(i + 1), hop.node, c.cyan(hop.kind), hop.pod ?? '', hop.detail]),
    ),
  );
  if (result.candidates && result.candidates.length > 0) {
    io.out('');
    io.out(
      table(
        ['endpoint pod', 'endpoint', 'probability'],
        result.candidates.map((cand) => [cand.pod ?? '-', cand.endpoint, cand.probability.toFixed(4)]),
      ),
    );
  }
}

/**
 * `podnet trace --from ns/pod|node --to NAME[:PORT] [--protocol TCP]`: follows one packet through the cluster.
 *
 * @example
 * ```sh
 * podnet trace --from default/web-1 --to api.shop:8080 --json
 * ```
 */
export const traceCommand: Command = async (ctx) => {
  const { flags } = ctx;
  const from = flags.from;
  const to = flags.to ?? ctx.positionals[0];
  if (!from || !to) throw new UsageError('trace needs --from ns/pod (or a node) and --to NAME[:PORT]');
  const protocol = (flags.protocol ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new UsageError(`bad protocol "${flags.protocol}" (TCP, UDP or SCTP)`);
  }
  const { target, port } = splitTarget(to, flags.port);
  const cluster = await ctx.loadCluster(flags.cluster);
  const result = trace(cluster, {
    from,
    to: target,
    port,
    protocol: protocol as (typeof PROTOCOLS)[number],
  });
  if (flags.json) ctx.json({ from, to: target, port: port ?? null, protocol, ...result });
  else printTrace(ctx, `trace ${from} → ${target}${port ? `:${port}` : ''}/${protocol}`, result);
  return result.disposition === 'DELIVERED' ? 0 : 1;
};
