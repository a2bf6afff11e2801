import { describe, expect, it } from 'vitest';
import type { Io } from './context.ts';
import { exampleCluster } from './example-cluster.ts';
import { main } from './main.ts';

interface Run {
  code: number;
  out: string;
  err: string;
  files: Map<string, string>;
}

async function run(argv: readonly string[], files: Record<string, string> = {}, isTty = false): Promise<Run> {
  let out = '';
  let err = '';
  const written = new Map<string, string>();
  const io: Io = {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return text;
    },
    writeFile: async (path, text) => {
      written.set(path, text);
    },
    isTty,
    env: {},
  };
  const code = await main(argv, io);
  return { code, out, err, files: written };
}

const spec = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    name: 't',
    podCidr: '10.244.0.0/16',
    cni: { plugin: 'bridge-static' },
    nodes: [
      { name: 'n1', ip: '192.168.1.11' },
      { name: 'n2', ip: '192.168.1.12' },
    ],
    pods: [
      { name: 'a', namespace: 'default', node: 'n1', labels: { app: 'a' } },
      { name: 'b', namespace: 'default', node: 'n2', labels: { app: 'b' } },
    ],
    services: [{ name: 'b', namespace: 'default', selector: { app: 'b' }, ports: [{ port: 80 }] }],
    ...extra,
  });

describe('podnet demo', () => {
  it('summarises every node of the bundled example with its pod CIDR and shows a delivered trace', async () => {
    const { code, out, err } = await run(['demo']);
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const node of exampleCluster.nodes)
      expect(out).toMatch(new RegExp(`${node.name}\\s+${node.ip}\\s+10\\.244\\.`));
    expect(out).toContain('DELIVERED');
    expect(out).toMatch(/KUBE-SVC-[A-Z2-7]{16}/);
    expect(out).not.toContain('\u001b[');
  });

  it('--json prints a parseable document with the summary, the trace and the lookup', async () => {
    const { code, out } = await run(['demo', '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.summary.nodes).toHaveLength(3);
    expect(doc.trace.disposition).toBe('DELIVERED');
    expect(doc.resolve.rcode).toBe('NOERROR');
  });

  it('uses colour only on a terminal', async () => {
    expect((await run(['demo'], {}, true)).out).toContain('\u001b[');
    expect((await run(['demo', '--no-color'], {}, true)).out).not.toContain('\u001b[');
  });
});

describe('podnet trace / resolve / render / lint / diff / diagram / validate', () => {
  it('traces a pod to a Service by name and port as JSON', async () => {
    const { code, out } = await run(
      ['trace', '--cluster', 'c.json', '--from', 'default/a', '--to', 'b:80', '--json'],
      {
        'c.json': spec(),
      },
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.disposition).toBe('DELIVERED');
    expect(doc.port).toBe(80);
    expect(doc.hops.at(-1).pod).toBe('default/b');
  });

  it('exits 1 when the trace does not deliver', async () => {
    const { code, out } = await run(
      ['trace', '--cluster', 'c.json', '--from', 'default/a', '--to', 'nope:80'],
      {
        'c.json': spec(),
      },
    );
    expect(code).toBe(1);
    expect(out).toContain('NXDOMAIN');
  });

  it('resolves a short name through the search list', async () => {
    const { code, out } = await run(
      ['resolve', '--cluster', 'c.json', '--from', 'default/a', 'b', '--json'],
      {
        'c.json': spec(),
      },
    );
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.answers[0].name).toBe('b.default.svc.cluster.local.');
  });

  it("renders a node's ip route table", async () => {
    const { code, out } = await run(['render', 'ip-route', '--cluster', 'c.json', '--node', 'n1'], {
      'c.json': spec(),
    });
    expect(code).toBe(0);
    expect(out).toContain('dev cni0');
    expect(out).toContain('via 192.168.1.12');
  });

  it('rejects an unknown artefact with exit 2 and lists the known ones', async () => {
    const { code, err } = await run(['render', 'bogus']);
    expect(code).toBe(2);
    expect(err).toContain('ip-route');
    expect(err).toContain('"bogus"');
  });

  it('lint exits 1 on a service CIDR that overlaps the pod CIDR', async () => {
    const { code, out } = await run(['lint', '--cluster', 'c.json', '--json'], {
      'c.json': spec({ serviceCidr: '10.244.128.0/20' }),
    });
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.length).toBeGreaterThan(0);
  });

  it('diff reports a removed node and exits 1; equal clusters exit 0', async () => {
    const files = { 'a.json': spec(), 'b.json': spec({ nodes: [{ name: 'n1', ip: '192.168.1.11' }] }) };
    const changed = await run(['diff', 'a.json', 'b.json', '--json'], files);
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.out).changes.length).toBeGreaterThan(0);
    expect((await run(['diff', 'a.json', 'a.json'], files)).code).toBe(0);
  });

  it('draws mermaid text and writes a Graphviz SVG with --out', async () => {
    const mermaid = await run(['diagram', '--format', 'mermaid']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.out).toMatch(/^flowchart/);
    const svg = await run(['diagram', '--format', 'svg', '--out', 'x.svg']);
    expect(svg.code).toBe(0);
    expect(svg.files.get('x.svg')).toMatch(/<svg[\s\S]*node01[\s\S]*<\/svg>/);
  });

  it('validates a CNI conflist and reports the bad field of a broken one', async () => {
    const good = JSON.stringify({
      cniVersion: '1.0.0',
      name: 'net',
      plugins: [{ type: 'bridge', bridge: 'cni0', ipam: { type: 'host-local', subnet: '10.244.1.0/24' } }],
    });
    expect((await run(['validate', 'good.conflist'], { 'good.conflist': good })).code).toBe(0);
    const bad = await run(['validate', 'bad.conflist'], {
      'bad.conflist': JSON.stringify({ cniVersion: '1.0.0', plugins: [{}] }),
    });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('bad.conflist');
  });

  it('names the file and the field of a bad cluster spec and exits 2', async () => {
    const { code, err } = await run(['report', '--cluster', 'c.json'], {
      'c.json': spec({ nodes: [{ name: 'n1', ip: '10.0.0.300' }] }),
    });
    expect(code).toBe(2);
    expect(err).toContain('c.json');
    expect(err).toContain('10.0.0.300');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('names a missing file and exits 2', async () => {
    const { code, err } = await run(['report', '--cluster', 'missing.yaml']);
    expect(code).toBe(2);
    expect(err).toContain('missing.yaml');
  });
});

describe('podnet help', () => {
  it('--help lists every command', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const c of ['demo', 'report', 'trace', 'resolve', 'render', 'lint', 'diff', 'diagram', 'validate']) {
      expect(out).toMatch(new RegExp(`^  ${c}\\s`, 'm'));
    }
  });

  it('exits 2 on an unknown command or flag', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['demo', '--frobnicate'])).code).toBe(2);
  });
});
