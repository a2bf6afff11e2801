import { type Cluster, type ClusterSummary, lint, summary } from '@podnet/cluster';
import type { Command, CommandContext } from '../context.ts';
import { table } from '../output.ts';
import { printFindings } from './lint-command.ts';

/** Prints the cluster's summary: settings, nodes with their pod CIDRs and pods, services with endpoints. */
export function printSummary(ctx: CommandContext, s: ClusterSummary): void {
  const { c, io } = ctx;
  io.out(c.bold(`cluster ${s.name}`));
  io.out(
    table(
      ['setting', 'value'],
      [
        ['pod CIDR', `${s.podCidr} (/${s.nodeCidrMaskSize} per node)`],
        ['service CIDR', s.serviceCidr],
        ['cluster DNS', `${s.clusterDns} (${s.clusterDomain})`],
        ['CNI', s.cni],
        ['kube-proxy', s.proxy],
      ],
    ),
  );
  io.out('');
  io.out(c.bold('nodes'));
  io.out(
    table(
      ['node', 'ip', 'pod CIDR', 'pods'],
      s.nodes.map((n) => [
        n.name,
        n.ip,
        n.podCidr ?? c.red('none'),
        n.pods
          .filter((p) => !p.addon)
          .map((p) => `${p.pod}=${p.ip ?? '-'}`)
          .join(' '),
      ]),
    ),
  );
  io.out('');
  io.out(c.bold('services'));
  io.out(
    table(
      ['service', 'type', 'cluster IP', 'ports', 'endpoints'],
      s.services.map((svc) => [
        svc.service,
        svc.type,
        svc.clusterIp ?? svc.externalName ?? '-',
        svc.ports.join(','),
        svc.endpoints.join(' ') || c.yellow('<none>'),
      ]),
    ),
  );
  if (s.unplacedPods.length > 0) {
    io.out('');
    io.out(c.yellow(`pods without an IP: ${s.unplacedPods.map((p) => p.pod).join(', ')}`));
  }
}

/** Builds the report of a cluster: its summary and lint findings. */
export function report(cluster: Cluster): { summary: ClusterSummary; findings: ReturnType<typeof lint> } {
  return { summary: summary(cluster), findings: lint(cluster) };
}

/**
 * `podnet report`: the cluster's settings, nodes, pods and services, and what `lint` finds.
 *
 * @example
 * ```sh
 * podnet report --cluster cluster.yaml
 * ```
 */
export const reportCommand: Command = async (ctx) => {
  const cluster = await ctx.loadCluster(ctx.flags.cluster);
  const result = report(cluster);
  if (ctx.flags.json) {
    ctx.json(result);
  } else {
    printSummary(ctx, result.summary);
    ctx.io.out('');
    printFindings(ctx, result.findings);
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
};
