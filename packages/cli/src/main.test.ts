import { describe, expect, it } from 'vitest';
import { exampleCluster } from './example-cluster.ts';
import { main } from './main.ts';

function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  return main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }).then((code) => ({
    code,
    out,
    err,
  }));
}

describe('podnet', () => {
  it('demo summarises every node of the bundled example', async () => {
    const { code, out } = await run(['demo']);
    expect(code).toBe(0);
    for (const node of exampleCluster.nodes) expect(out).toContain(`${node.name} ${node.ip}`);
  });

  it('exits 2 on an unknown command', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain('"frobnicate"');
  });
});
