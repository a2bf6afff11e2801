import { describe, expect, it } from 'vitest';
import { buildServiceModel } from '../service-model/build-service-model.ts';
import { fakeConfig, makeService, makeSlice } from '../testing/fixtures.ts';
import { modelFragments } from './iptables-rules.ts';
import { allEntries, chunksOf, type Entry, linesText, spliceChunks } from './sync-chunks.ts';

function entries(names: readonly string[]): Entry[] {
  const model = buildServiceModel({
    services: names.map((n, i) =>
      makeService('ns', n, {
        clusterIP: `172.30.${i >> 8}.${i & 255}`,
        ports: [{ name: 'p', port: 80, protocol: 'TCP' }],
      }),
    ),
    endpointSlices: names.map((n, i) =>
      makeSlice(
        'ns',
        n,
        1,
        [{ addresses: [`10.1.${i >> 8}.${i & 255}`] }],
        [{ name: 'p', port: 80, protocol: 'TCP' }],
      ),
    ),
    config: fakeConfig(),
  });
  const fragments = modelFragments(model);
  return model.servicePorts.map((port, i) => ({ port, fragment: fragments[i] as Entry['fragment'] }));
}

const names = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('sync chunks', () => {
  it('linesText ends every line with a newline', () => {
    expect(linesText([])).toBe('');
    expect(
      linesText([
        { kind: 'rule', chain: 'A', text: '-A A -j RETURN' },
        { kind: 'other', text: '# x' },
      ]),
    ).toBe('-A A -j RETURN\n# x\n');
  });

  it('cuts entries into chunks of 128 that keep their top-level lines and text', () => {
    const all = entries(names('svc', 300));
    const chunks = chunksOf(all);
    expect(chunks.map((c) => c.entries.length)).toEqual([128, 128, 44]);
    expect(allEntries(chunks)).toEqual(all);
    const first = chunks[0];
    expect(first?.natTop).toEqual(all.slice(0, 128).flatMap((e) => e.fragment.natTopRules));
    expect(first?.natTopText()).toBe(first?.natTop.map((l) => `${l.text}\n`).join(''));
    expect(first?.natTopText()).toBe(first?.natTopText());
  });

  it('rebuilds only the chunks a change falls in and shares the others', () => {
    const all = entries([...names('svc', 300), 'svc0200x']);
    const extra = all.find((e) => e.port.name === 'svc0200x') as Entry;
    const base = all.filter((e) => e !== extra);
    const chunks = chunksOf(base);
    const { chunks: next, fresh } = spliceChunks(chunks, [base[5] as Entry], [extra]);
    expect(fresh.size).toBe(2);
    expect(next[0]).not.toBe(chunks[0]);
    expect(next[1]).not.toBe(chunks[1]);
    expect(next[2]).toBe(chunks[2]);
    expect(allEntries(next)).toEqual(
      [...base.filter((e) => e !== base[5]), extra].sort((a, b) =>
        a.port.servicePortName < b.port.servicePortName ? -1 : 1,
      ),
    );
    expect(spliceChunks(chunks, [], []).chunks).toBe(chunks);
    expect(spliceChunks([], [], base.slice(0, 3)).chunks.map((c) => c.entries.length)).toEqual([3]);
  });
});
