import { lint, resolve, summary, trace } from '@podnet/cluster';
import type { Command } from '../context.ts';
import { printFindings } from './lint-command.ts';
import { printSummary } from './report-command.ts';
import { printResolve } from './resolve-command.ts';
import { printTrace } from './trace-command.ts';

/** The trace and the lookup that the demo shows on the bundled example. */
const DEMO_TRACE = { from: 'default/web-1', to: 'api.shop', port: 8080, protocol: 'TCP' } as const;
const DEMO_RESOLVE = { from: 'shop/api-1', name: 'db-0.db' } as const;

/**
 * `podnet demo`: models the bundled example cluster (or `--cluster FILE`), prints its summary, one trace from a
 * pod to a Service in another namespace, one DNS lookup, and what lint finds.
 *
 * @example
 * ```sh
 * podnet demo
 * ```
 */
export const demoCommand: Command = async (ctx) => {
  const cluster = await ctx.loadCluster(ctx.flags.cluster);
  const s = summary(cluster);
  const custom = ctx.flags.cluster !== undefined;
  const t = custom ? undefined : trace(cluster, DEMO_TRACE);
  const r = custom ? undefined : resolve(cluster, DEMO_RESOLVE.from, DEMO_RESOLVE.name);
  const findings = lint(cluster);
  if (ctx.flags.json) {
    ctx.json({ summary: s, trace: t ? { ...DEMO_TRACE, ...t } : null, resolve: r ?? null, findings });
    return 0;
  }
  printSummary(ctx, s);
  if (t) {
    ctx.io.out('');
    printTrace(ctx, `trace ${DEMO_TRACE.from} → ${DEMO_TRACE.to}:${DEMO_TRACE.port}/TCP`, t);
  }
  if (r) {
    ctx.io.out('');
    printResolve(ctx, DEMO_RESOLVE.from, r);
  }
  ctx.io.out('');
  printFindings(ctx, findings);
  return 0;
};
