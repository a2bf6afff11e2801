import { formatRoute } from '@podnet/routes';
import type { Cluster, ClusterNode, ClusterPod } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import { describeValue } from './internal/describe-value.ts';
import { internalsOf } from './internal/internals.ts';

/**
 * Diagram formats: Mermaid flowchart text, Graphviz DOT text, or SVG (laid out by the facade itself,
 * synchronously; for a Graphviz layout render the DOT output with @viz-js/viz, as the CLI does).
 *
 * @example
 * ```ts
 * const f: DiagramFormat = 'mermaid';
 * ```
 */
export type DiagramFormat = 'mermaid' | 'dot' | 'svg';

interface Link {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

interface Model {
  readonly nodes: readonly {
    readonly id: string;
    readonly title: string;
    readonly bridge: { readonly id: string; readonly label: string } | null;
    readonly pods: readonly { readonly id: string; readonly label: string }[];
  }[];
  readonly router: { readonly id: string; readonly label: string } | null;
  readonly links: readonly Link[];
  readonly services: readonly {
    readonly id: string;
    readonly label: string;
    readonly targets: readonly string[];
  }[];
}

function ident(prefix: string, text: string): string {
  return `${prefix}_${text.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function model(cluster: Cluster): Model {
  const internals = internalsOf(cluster);
  const nodeId = new Map<string, string>();
  for (const n of cluster.nodes) nodeId.set(n.name, ident('node', n.name));
  const router =
    cluster.router === null
      ? null
      : { id: ident('router', cluster.router.name), label: `${cluster.router.name} ${cluster.router.ip}` };
  const byName = (a: { name: string }, b: { name: string }): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const sortedNodes = [...cluster.nodes].sort(byName);
  const sortedPods = [...cluster.pods].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const podsOn = new Map<string, ClusterPod[]>();
  for (const p of sortedPods) {
    if (p.node === null) continue;
    const list = podsOn.get(p.node);
    if (list === undefined) podsOn.set(p.node, [p]);
    else list.push(p);
  }
  const nodes = sortedNodes.map((n: ClusterNode) => ({
    id: nodeId.get(n.name)!,
    title: `${n.name} ${n.ip}${n.podCidr === null ? '' : ` · pods ${n.podCidr}`}`,
    bridge:
      n.bridge === null
        ? null
        : {
            id: ident('br', `${n.name}_${n.bridge.name}`),
            label: `${n.bridge.name} ${n.bridge.ip ?? ''}`.trim(),
          },
    pods: (podsOn.get(n.name) ?? []).map((p) => ({
      id: ident('pod', p.key),
      label: `${p.key} ${p.ip ?? 'no IP'}${p.hostNetwork ? ' (host)' : ''}`,
    })),
  }));
  const links: Link[] = [];
  const seen = new Set<string>();
  const addLink = (from: string, to: string, label: string): void => {
    const key = `${from}>${to}>${label}`;
    if (!seen.has(key)) {
      seen.add(key);
      links.push({ from, to, label });
    }
  };
  if (cluster.cni.plugin === 'weave') {
    for (let i = 0; i < sortedNodes.length; i++) {
      for (let j = i + 1; j < sortedNodes.length; j++) {
        addLink(nodeId.get(sortedNodes[i]!.name)!, nodeId.get(sortedNodes[j]!.name)!, 'weave overlay');
      }
    }
  }
  const tables: { name: string; id: string }[] = sortedNodes.map((n) => ({
    name: n.name,
    id: nodeId.get(n.name)!,
  }));
  if (cluster.router !== null && router !== null) tables.push({ name: cluster.router.name, id: router.id });
  // a VTEP address (flannel's `via 10.244.1.0`) → the first node, by name, whose pod CIDR starts there
  const ownerByNetwork = new Map<string, ClusterNode>();
  for (const n of sortedNodes) {
    const network = n.podCidr?.split('/')[0];
    if (network !== undefined && !ownerByNetwork.has(network)) ownerByNetwork.set(network, n);
  }
  for (const t of tables) {
    for (const route of internals.routes(t.name)) {
      const text = formatRoute(route);
      const via = /\bvia (\S+)/.exec(text)?.[1];
      let target: string | undefined;
      if (via !== undefined) {
        const byIp = internals.nodeByIp.get(via);
        if (byIp !== undefined) target = nodeId.get(byIp.name);
        else if (cluster.router !== null && via === cluster.router.ip && router !== null) target = router.id;
        else {
          const owner = ownerByNetwork.get(via);
          if (owner !== undefined) target = nodeId.get(owner.name);
        }
      }
      if (target !== undefined && target !== t.id) addLink(t.id, target, text);
    }
  }
  const services = cluster.services
    .filter((s) => !s.addon || s.endpoints.some((e) => e.pod !== null))
    .map((s) => ({
      id: ident('svc', s.key),
      label: `${s.key} ${s.clusterIp === 'None' ? 'headless' : (s.clusterIp ?? s.externalName ?? '')}${s.ports[0] === undefined ? '' : `:${[...new Set(s.ports.map((p) => p.port))].join(',')}`}`,
      targets: s.endpoints.filter((e) => e.pod !== null).map((e) => ident('pod', e.pod!)),
    }));
  return { nodes, router, links, services };
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function mermaid(m: Model): string {
  const lines = ['flowchart LR'];
  for (const s of m.services) lines.push(`  ${s.id}{{"${mermaidText(s.label)}"}}`);
  if (m.router !== null) lines.push(`  ${m.router.id}[("${mermaidText(m.router.label)}")]`);
  for (const n of m.nodes) {
    lines.push(`  subgraph ${n.id}["${mermaidText(n.title)}"]`);
    if (n.bridge !== null) lines.push(`    ${n.bridge.id}["${mermaidText(n.bridge.label)}"]`);
    for (const p of n.pods) lines.push(`    ${p.id}("${mermaidText(p.label)}")`);
    if (n.bridge !== null) for (const p of n.pods) lines.push(`    ${p.id} --- ${n.bridge.id}`);
    lines.push('  end');
  }
  for (const l of m.links) lines.push(`  ${l.from} -->|"${mermaidText(l.label)}"| ${l.to}`);
  for (const s of m.services) for (const t of s.targets) lines.push(`  ${s.id} -.-> ${t}`);
  return `${lines.join('\n')}\n`;
}

function dotText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function dot(m: Model, name: string): string {
  const lines = [
    `digraph "${dotText(name)}" {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
  ];
  for (const s of m.services) lines.push(`  ${s.id} [label="${dotText(s.label)}", shape=hexagon];`);
  if (m.router !== null) lines.push(`  ${m.router.id} [label="${dotText(m.router.label)}", shape=cylinder];`);
  for (const n of m.nodes) {
    lines.push(`  subgraph cluster_${n.id} {`, `    label="${dotText(n.title)}";`);
    // an invisible anchor so edges can end at the node's box
    lines.push(`    ${n.id} [label="eth0", shape=point];`);
    if (n.bridge !== null) lines.push(`    ${n.bridge.id} [label="${dotText(n.bridge.label)}", shape=box];`);
    for (const p of n.pods) lines.push(`    ${p.id} [label="${dotText(p.label)}", shape=ellipse];`);
    if (n.bridge !== null) for (const p of n.pods) lines.push(`    ${p.id} -> ${n.bridge.id} [dir=none];`);
    lines.push('  }');
  }
  for (const l of m.links) lines.push(`  ${l.from} -> ${l.to} [label="${dotText(l.label)}"];`);
  for (const s of m.services) for (const t of s.targets) lines.push(`  ${s.id} -> ${t} [style=dashed];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function svg(m: Model, name: string): string {
  const margin = 20;
  const colW = 280;
  const boxW = 260;
  const podH = 26;
  const columns = Math.max(3, m.nodes.length);
  const width = margin * 2 + columns * colW - (colW - boxW);
  const pos = new Map<string, { x: number; y: number }>();
  const parts: string[] = [];
  // services, in rows across the top
  const perRow = columns;
  m.services.forEach((s, i) => {
    const x = margin + (i % perRow) * colW;
    const y = margin + Math.floor(i / perRow) * 40;
    pos.set(s.id, { x: x + boxW / 2, y: y + 30 });
    parts.push(
      `<g class="service"><rect x="${x}" y="${y}" width="${boxW}" height="30" rx="15" fill="#fff4d6" stroke="#c98c00"/>` +
        `<text x="${x + boxW / 2}" y="${y + 19}" text-anchor="middle">${xml(s.label)}</text></g>`,
    );
  });
  const top = margin + Math.ceil(m.services.length / perRow) * 40 + (m.services.length > 0 ? 40 : 0);
  let maxPods = 0;
  for (const n of m.nodes) maxPods = Math.max(maxPods, n.pods.length);
  const nodeH = 40 + maxPods * (podH + 8) + 40;
  m.nodes.forEach((n, i) => {
    const x = margin + i * colW;
    pos.set(n.id, { x: x + boxW / 2, y: top + nodeH });
    parts.push(
      `<g class="node"><rect x="${x}" y="${top}" width="${boxW}" height="${nodeH}" fill="#eef3fb" stroke="#3d6bb3"/>` +
        `<text x="${x + 10}" y="${top + 18}" font-weight="bold">${xml(n.title)}</text>`,
    );
    n.pods.forEach((p, j) => {
      const y = top + 30 + j * (podH + 8);
      pos.set(p.id, { x: x + boxW / 2, y });
      parts.push(
        `<rect class="pod" x="${x + 20}" y="${y}" width="${boxW - 40}" height="${podH}" rx="6" fill="#ffffff" stroke="#5b8c3a"/>` +
          `<text x="${x + boxW / 2}" y="${y + 17}" text-anchor="middle">${xml(p.label)}</text>`,
      );
    });
    if (n.bridge !== null) {
      parts.push(
        `<rect class="bridge" x="${x + 10}" y="${top + nodeH - 34}" width="${boxW - 20}" height="24" fill="#d9e6f7" stroke="#3d6bb3"/>` +
          `<text x="${x + boxW / 2}" y="${top + nodeH - 18}" text-anchor="middle">${xml(n.bridge.label)}</text>`,
      );
    }
    parts.push('</g>');
  });
  let lane = top + nodeH + 30;
  if (m.router !== null) {
    const x = margin + ((Math.max(1, m.nodes.length) - 1) * colW) / 2;
    const y = top + nodeH + 60;
    pos.set(m.router.id, { x: x + boxW / 2, y });
    parts.push(
      `<g class="router"><rect x="${x}" y="${y}" width="${boxW}" height="36" rx="8" fill="#f3e8fb" stroke="#7b3db3"/>` +
        `<text x="${x + boxW / 2}" y="${y + 22}" text-anchor="middle">${xml(m.router.label)}</text></g>`,
    );
    lane = y + 66;
  }
  for (const l of m.links) {
    const a = pos.get(l.from);
    const b = pos.get(l.to);
    if (a === undefined || b === undefined) continue;
    parts.push(
      `<g class="route"><path d="M${a.x} ${a.y} L${a.x} ${lane} L${b.x} ${lane} L${b.x} ${b.y}" fill="none" stroke="#888" marker-end="url(#arrow)"/>` +
        `<text x="${(a.x + b.x) / 2}" y="${lane - 4}" text-anchor="middle" font-size="10">${xml(l.label)}</text></g>`,
    );
    lane += 24;
  }
  for (const s of m.services) {
    const a = pos.get(s.id);
    for (const t of s.targets) {
      const b = pos.get(t);
      if (a === undefined || b === undefined) continue;
      parts.push(
        `<line class="endpoint" x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="#c98c00" stroke-dasharray="4 3"/>`,
      );
    }
  }
  const height = lane + margin;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">\n` +
    `<title>${xml(name)}</title>\n` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#888"/></marker></defs>\n' +
    `${parts.join('\n')}\n</svg>\n`
  );
}

/**
 * Draws the cluster: nodes (with their IPs and pod CIDRs), bridges, pods with IPs, the routes or tunnels between
 * nodes (each labelled with its `ip route` line), the bridge-gateway router, and Services with dashed lines to
 * their endpoint pods. `mermaid` and `dot` return diagram text; `svg` returns an SVG document laid out by the
 * facade itself (synchronous, no Graphviz) — for a Graphviz layout, render the `dot` text with @viz-js/viz.
 *
 * @example
 * ```ts
 * diagram(cluster, 'mermaid').startsWith('flowchart LR'); // true
 * diagram(cluster, 'svg').startsWith('<svg'); // true
 * ```
 */
export function diagram(cluster: Cluster, format: DiagramFormat): string {
  const m = model(cluster);
  switch (format) {
    case 'mermaid':
      return mermaid(m);
    case 'dot':
      return dot(m, cluster.name);
    case 'svg':
      return svg(m, cluster.name);
    default:
      throw new ClusterError(
        'UNKNOWN_FORMAT',
        `diagram: unknown format ${describeValue(format)} (mermaid, dot or svg)`,
      );
  }
}
