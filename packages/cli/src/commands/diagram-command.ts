import { type DiagramFormat, diagram } from '@podnet/cluster';
import { instance } from '@viz-js/viz';
import { UsageError } from '../args.ts';
import type { Command } from '../context.ts';

const FORMATS: readonly DiagramFormat[] = ['mermaid', 'dot', 'svg'];

/**
 * `podnet diagram [--format mermaid|dot|svg] [--out FILE]`: draws nodes, bridges, pods with IPs, the routes or
 * tunnels between nodes, and Services. SVG is laid out by Graphviz (WebAssembly, in-process).
 *
 * @example
 * ```sh
 * podnet diagram --format svg --out cluster.svg
 * ```
 */
export const diagramCommand: Command = async (ctx) => {
  const format = (ctx.flags.format ?? 'mermaid') as DiagramFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`bad --format "${format}" (mermaid, dot or svg)`);
  const cluster = await ctx.loadCluster(ctx.flags.cluster);
  let text: string;
  if (format === 'svg') {
    const viz = await instance();
    text = viz.renderString(diagram(cluster, 'dot'), { format: 'svg', engine: 'dot' });
  } else {
    text = diagram(cluster, format);
  }
  if (ctx.flags.out) {
    await ctx.io.writeFile(ctx.flags.out, text);
    if (ctx.flags.json) ctx.json({ format, out: ctx.flags.out, bytes: text.length });
    else ctx.io.err(`podnet: wrote ${ctx.flags.out}`);
  } else if (ctx.flags.json) {
    ctx.json({ format, text });
  } else {
    ctx.io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  }
  return 0;
};
