import { describe, expect, it } from 'vitest';
import { fakeConfig, makeService, makeSlice, overallServices, overallSlices } from '../testing/fixtures.ts';
import { applyIptablesRestore } from './apply-iptables-restore.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import {
  iptablesPartialSync,
  iptablesSync,
  safeIptablesPartialSync,
  syncStateRuleset,
} from './iptables-sync.ts';
import { normalizeIptablesSave } from './normalize-iptables-save.ts';

const config = fakeConfig();
const services = overallServices();
const slices = overallSlices();
const svc3 = services[2];
const slice3 = slices[2];

function full(svcs: unknown[], sls: unknown[]): string {
  return formatIptablesSave(iptablesRules({ services: svcs, endpointSlices: sls, config }));
}

describe('iptablesSync / iptablesPartialSync (KEP-3453)', () => {
  it('a full sync equals iptablesRules', () => {
    const r = iptablesSync({ services, endpointSlices: slices, config });
    expect(r.fullSync).toBe(true);
    expect(formatIptablesSave(syncStateRuleset(r.state))).toBe(full(services, slices));
    expect(formatIptablesSave(r.restore)).toBe(formatIptablesSave(syncStateRuleset(r.state)));
  });

  it('adding a Service rewrites only its chains and reaches the full-sync state', () => {
    const before = iptablesSync({
      services: services.filter((s) => s !== svc3),
      endpointSlices: slices.filter((s) => s !== slice3),
      config,
    });
    const after = iptablesPartialSync(before.state, {
      upsertServices: [svc3],
      upsertEndpointSlices: [slice3],
    });
    expect(after.fullSync).toBe(false);
    expect(after.changedServices).toEqual(['ns3/svc3']);
    expect(formatIptablesSave(syncStateRuleset(after.state))).toBe(full(services, slices));
    const restore = formatIptablesSave(after.restore);
    expect(restore).toContain(':KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]');
    expect(restore).toContain(':KUBE-SEP-OYPFS5VJICHGATKP - [0:0]');
    // unchanged services keep their chains out of the restore input, but keep their top-level rules
    expect(restore).not.toContain(':KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(restore).not.toContain('-A KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(restore).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP"');
    const applied = applyIptablesRestore(syncStateRuleset(before.state), after.restore);
    expect(normalizeIptablesSave(applied)).toBe(normalizeIptablesSave(syncStateRuleset(after.state)));
  });

  it('deleting a Service and an endpoint deletes stale chains with -X', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    const newSlice4 = makeSlice(
      'ns4',
      'svc4',
      1,
      [{ addresses: ['10.180.0.4'] }],
      [{ name: 'p80', port: 80, protocol: 'TCP' }],
    );
    const after = iptablesPartialSync(before.state, {
      deleteServices: ['ns1/svc1'],
      upsertEndpointSlices: [newSlice4],
    });
    const restore = formatIptablesSave(after.restore);
    expect(restore).toContain('-X KUBE-SVC-XPGD46QRK7WJZT7O\n');
    expect(restore).toContain('-X KUBE-SEP-SXIVWICOYRO3J4NJ\n');
    expect(restore).toContain('-X KUBE-SEP-C6EBXVWJJZMIWKLZ\n');
    expect(restore).not.toContain('-X KUBE-SEP-UKSFD7AGPMPPLUHC');
    const expected = full(
      services.filter((s) => s !== services[0]),
      [newSlice4, ...slices.filter((s) => s !== slices[0] && s !== slices[3])],
    );
    expect(formatIptablesSave(syncStateRuleset(after.state))).toBe(expected);
    const applied = applyIptablesRestore(syncStateRuleset(before.state), after.restore);
    expect(normalizeIptablesSave(applied)).toBe(normalizeIptablesSave(expected));
    // a later full sync from that state deletes nothing more
    const again = iptablesSync(
      {
        services: [...after.state.services.values()],
        endpointSlices: [...after.state.endpointSlices.values()],
        config,
      },
      after.state,
    );
    expect(formatIptablesSave(again.restore)).not.toContain('-X ');
  });

  it('crossing 1000 endpoints only changes the services written then (TestSyncProxyRulesLargeClusterMode)', () => {
    const eps = (prefix: string, n: number) => {
      const list = [];
      for (let i = 0; i < n; i++) list.push({ addresses: [`${prefix}.${i % 256}.${Math.floor(i / 256)}`] });
      return list;
    };
    const s1 = makeService('ns1', 'svc1', {
      clusterIP: '172.30.0.41',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
    });
    const s2 = makeService('ns2', 'svc2', {
      clusterIP: '172.30.0.42',
      ports: [{ name: 'p8080', port: 8080, protocol: 'TCP' }],
    });
    const s3 = makeService('ns3', 'svc3', {
      clusterIP: '172.30.0.43',
      ports: [{ name: 'p8081', port: 8081, protocol: 'TCP' }],
    });
    const e1 = makeSlice('ns1', 'svc1', 1, eps('10.0', 499), [{ name: 'p80', port: 80, protocol: 'TCP' }]);
    const e2 = makeSlice('ns2', 'svc2', 1, eps('10.1', 499), [
      { name: 'p8080', port: 8080, protocol: 'TCP' },
    ]);
    const e3 = makeSlice(
      'ns3',
      'svc3',
      1,
      [{ addresses: ['203.0.113.4'] }, { addresses: ['203.0.113.8'] }, { addresses: ['203.0.113.12'] }],
      [{ name: 'p8081', port: 8081, protocol: 'TCP' }],
    );
    const first = iptablesSync({ services: [s1, s2, s3], endpointSlices: [e1, e2], config });
    const firstText = formatIptablesSave(first.restore);
    expect(firstText).toContain(
      '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80\n',
    );
    const second = iptablesPartialSync(first.state, { upsertEndpointSlices: [e3] });
    const text = formatIptablesSave(second.restore);
    expect(second.fullSync).toBe(false);
    expect(text).toContain(
      '-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081\n',
    );
    expect(text.match(/-j DNAT/g)).toHaveLength(3);
    // A forced full sync rewrites the older services without comments as well.
    const forced = iptablesPartialSync(
      first.state,
      { upsertEndpointSlices: [e3] },
      { fullSyncOnLargeClusterChange: true },
    );
    expect(forced.fullSync).toBe(true);
    const all = formatIptablesSave(forced.restore);
    expect(all).toContain(
      '-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80\n',
    );
    expect(all.match(/-j DNAT/g)).toHaveLength(1001);
    expect(formatIptablesSave(syncStateRuleset(forced.state))).toBe(full([s1, s2, s3], [e1, e2, e3]));
  });

  it('rejects bad changes', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    expect(safeIptablesPartialSync(before.state, { upsertServices: [null] }).ok).toBe(false);
    expect(safeIptablesPartialSync(before.state, { deleteServices: [3 as unknown as string] }).ok).toBe(
      false,
    );
    expect(safeIptablesPartialSync({} as never, {}).ok).toBe(false);
  });
  it('leaves the previous state untouched: two changes from one state both reach their full sync', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    const beforeText = formatIptablesSave(syncStateRuleset(before.state));
    const a = iptablesPartialSync(before.state, { deleteServices: ['ns1/svc1'] });
    const b = iptablesPartialSync(before.state, { deleteEndpointSlices: ['ns3/svc3-1'] });
    expect(formatIptablesSave(syncStateRuleset(before.state))).toBe(beforeText);
    expect(before.state.services.has('ns1/svc1')).toBe(true);
    expect(a.state.services.has('ns1/svc1')).toBe(false);
    expect(formatIptablesSave(syncStateRuleset(a.state))).toBe(
      full(
        services.filter((s) => s !== services[0]),
        slices,
      ),
    );
    expect(formatIptablesSave(syncStateRuleset(b.state))).toBe(
      full(
        services,
        slices.filter((s) => s !== slice3),
      ),
    );
    // the same change applied twice to the same state gives the same result
    const again = iptablesPartialSync(before.state, { deleteServices: ['ns1/svc1'] });
    expect(formatIptablesSave(again.restore)).toBe(formatIptablesSave(a.restore));
  });

  it('reuses the unchanged services rule lines by reference and writes only the changed chains', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      makeService('ns', `svc${i}`, {
        clusterIP: `172.30.1.${i + 1}`,
        ports: [{ name: 'p', port: 80, protocol: 'TCP' }],
      }),
    );
    const manySlices = many.map((_, i) =>
      makeSlice(
        'ns',
        `svc${i}`,
        1,
        [{ addresses: [`10.180.1.${i + 1}`] }],
        [{ name: 'p', port: 8080, protocol: 'TCP' }],
      ),
    );
    const before = iptablesSync({ services: many, endpointSlices: manySlices, config });
    const extra = makeService('ns', 'svc-new', {
      clusterIP: '172.30.2.1',
      ports: [{ name: 'p', port: 80, protocol: 'TCP' }],
    });
    const extraSlice = makeSlice(
      'ns',
      'svc-new',
      1,
      [{ addresses: ['10.180.2.1'] }],
      [{ name: 'p', port: 8080, protocol: 'TCP' }],
    );
    const after = iptablesPartialSync(before.state, {
      upsertServices: [extra],
      upsertEndpointSlices: [extraSlice],
    });
    const nat = after.restore.tables[1];
    const chainLines = nat?.lines.filter((l) => l.kind === 'chain').map((l) => l.text) ?? [];
    // the 4 top-level nat chains plus the new service's SVC and SEP chains, nothing else
    expect(chainLines).toHaveLength(6);
    expect(chainLines.filter((c) => c.startsWith(':KUBE-SVC-') || c.startsWith(':KUBE-SEP-'))).toHaveLength(
      2,
    );
    const oldFull = syncStateRuleset(before.state).tables[1]?.lines ?? [];
    const newFull = syncStateRuleset(after.state).tables[1]?.lines ?? [];
    const oldObjects = new Set(oldFull);
    const reused = newFull.filter((l) => oldObjects.has(l));
    // every line is shared except the new service's (1 KUBE-SERVICES rule, 2 chains, 4 chain rules)
    // and the 9 static ones (4 top-level chains, 4 KUBE-POSTROUTING/KUBE-MARK-MASQ rules, the nodeports jump)
    expect(reused.length).toBe(newFull.length - 7 - 9);
    expect(formatIptablesSave(syncStateRuleset(after.state))).toBe(
      formatIptablesSave(
        iptablesRules({ services: [...many, extra], endpointSlices: [...manySlices, extraSlice], config }),
      ),
    );
  });

  it('stays equal to a full sync over a long run of partial syncs (the state folds its deltas)', () => {
    const svc = (i: number, v: number) =>
      makeService('ns', `svc${i}`, {
        type: v % 2 === 0 ? 'ClusterIP' : 'NodePort',
        clusterIP: `172.30.${i >> 8}.${i & 255}`,
        ports: [{ name: 'p', port: 80, protocol: 'TCP', ...(v % 2 === 0 ? {} : { nodePort: 30000 + i }) }],
      });
    const slice = (i: number, n: number) =>
      makeSlice(
        'ns',
        `svc${i}`,
        1,
        Array.from({ length: n }, (_, j) => ({ addresses: [`10.${i >> 8}.${i & 255}.${j + 1}`] })),
        [{ name: 'p', port: 8080, protocol: 'TCP' }],
      );
    const liveServices = new Map<number, unknown>();
    const liveSlices = new Map<number, unknown>();
    for (let i = 0; i < 40; i++) {
      liveServices.set(i, svc(i, 0));
      liveSlices.set(i, slice(i, 2));
    }
    let state = iptablesSync({
      services: [...liveServices.values()],
      endpointSlices: [...liveSlices.values()],
      config,
    }).state;
    let kernel = syncStateRuleset(state);
    for (let step = 0; step < 200; step++) {
      const i = (step * 7) % 60;
      let r: ReturnType<typeof iptablesPartialSync>;
      if (step % 5 === 4) {
        liveServices.delete(i);
        liveSlices.delete(i);
        r = iptablesPartialSync(state, {
          deleteServices: [`ns/svc${i}`],
          deleteEndpointSlices: [`ns/svc${i}-1`],
        });
      } else {
        const s = svc(i, step);
        const sl = slice(i, 1 + (step % 3));
        liveServices.set(i, s);
        liveSlices.set(i, sl);
        r = iptablesPartialSync(state, { upsertServices: [s], upsertEndpointSlices: [sl] });
      }
      expect(r.fullSync).toBe(false);
      state = r.state;
      kernel = applyIptablesRestore(kernel, r.restore);
      if (step % 20 === 19) {
        const expected = full([...liveServices.values()], [...liveSlices.values()]);
        expect(formatIptablesSave(syncStateRuleset(state))).toBe(expected);
        expect(normalizeIptablesSave(kernel)).toBe(normalizeIptablesSave(expected));
        expect(state.services.size).toBe(liveServices.size);
        expect(state.endpointSlices.size).toBe(liveSlices.size);
      }
    }
  });

  it('rejects a change list that is not an array with a coded error', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    const r = safeIptablesPartialSync(before.state, { upsertServices: 'svc' as unknown as unknown[] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.path).toEqual(['upsertServices']);
    }
  });
  it('keeps chunks of Services: inserting hundreds into one chunk splits it, emptying one drops it', () => {
    const svcAt = (name: string, ip: string) =>
      makeService('ns', name, { clusterIP: ip, ports: [{ name: 'p', port: 80, protocol: 'TCP' }] });
    const sliceAt = (name: string, ip: string) =>
      makeSlice('ns', name, 1, [{ addresses: [ip] }], [{ name: 'p', port: 8080, protocol: 'TCP' }]);
    const live = new Map<string, [unknown, unknown]>();
    const put = (name: string, n: number) =>
      live.set(name, [
        svcAt(name, `172.30.${n >> 8}.${n & 255}`),
        sliceAt(name, `10.181.${n >> 8}.${n & 255}`),
      ]);
    for (let i = 0; i < 300; i++) put(`svc-${String(i).padStart(4, '0')}`, i);
    const values = () => [...live.values()];
    let state = iptablesSync({
      services: values().map((v) => v[0]),
      endpointSlices: values().map((v) => v[1]),
      config,
    }).state;
    expect(state.chunks.length).toBe(3);
    const check = (r: ReturnType<typeof iptablesPartialSync>) => {
      state = r.state;
      const expected = full(
        values().map((v) => v[0]),
        values().map((v) => v[1]),
      );
      expect(formatIptablesSave(syncStateRuleset(state))).toBe(expected);
      // the restore's carried text is exactly its lines' text
      const copy = { ...r.restore, tables: r.restore.tables.map((t) => ({ ...t })) };
      expect(formatIptablesSave(r.restore)).toBe(formatIptablesSave(copy));
    };
    // 300 names that all sort between svc-0150 and svc-0151: one chunk gets them all and splits
    const addNames = Array.from({ length: 300 }, (_, i) => `svc-0150-${String(i).padStart(3, '0')}`);
    addNames.forEach((name, i) => {
      put(name, 1000 + i);
    });
    check(
      iptablesPartialSync(state, {
        upsertServices: addNames.map((n) => live.get(n)?.[0]),
        upsertEndpointSlices: addNames.map((n) => live.get(n)?.[1]),
      }),
    );
    expect(state.chunks.length).toBeGreaterThan(4);
    expect(Math.max(...state.chunks.map((c) => c.entries.length))).toBeLessThanOrEqual(256);
    // delete every Service of the first chunk: the chunk goes away
    const first = state.chunks[0]?.entries.map((e) => e.port.serviceKey) ?? [];
    const before = state.chunks.length;
    for (const key of first) live.delete(key.slice(3));
    check(
      iptablesPartialSync(state, {
        deleteServices: first,
        deleteEndpointSlices: first.map((k) => `${k}-1`),
      }),
    );
    expect(state.chunks.length).toBe(before - 1);
    // an empty change writes only the top-level chains
    const noop = iptablesPartialSync(state, {});
    check(noop);
    expect(noop.restore.tables[1]?.lines.filter((l) => l.kind === 'chain')).toHaveLength(4);
  });
});

describe('iptablesSync / iptablesPartialSync input errors', () => {
  const before = iptablesSync({ services, endpointSlices: slices, config });
  const errOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      const x = e as { code: string; message: string; path: unknown };
      return [x.code, x.message, x.path];
    }
    return undefined;
  };

  it.each([
    [
      { upsertServices: [null] },
      'INVALID_OBJECT',
      'Service at upsertServices.0 needs metadata.name',
      ['upsertServices', 0],
    ],
    [
      { upsertServices: [{ metadata: { name: '' } }] },
      'INVALID_OBJECT',
      'Service at upsertServices.0 needs metadata.name',
      ['upsertServices', 0],
    ],
    [
      { upsertServices: [{ metadata: 'x' }] },
      'INVALID_OBJECT',
      'Service at upsertServices.0 needs metadata.name',
      ['upsertServices', 0],
    ],
    [
      { upsertServices: [{ metadata: { name: 3 } }] },
      'INVALID_OBJECT',
      'Service at upsertServices.0 needs metadata.name',
      ['upsertServices', 0],
    ],
    [
      { upsertEndpointSlices: [svc3, []] },
      'INVALID_OBJECT',
      'EndpointSlice at upsertEndpointSlices.1 needs metadata.name',
      ['upsertEndpointSlices', 1],
    ],
    [
      { deleteServices: ['ns/a', 3] },
      'INVALID_INPUT',
      'deleteServices holds "ns/name" strings',
      ['deleteServices', 1],
    ],
    [
      { deleteEndpointSlices: [null] },
      'INVALID_INPUT',
      'deleteEndpointSlices holds "ns/name" strings',
      ['deleteEndpointSlices', 0],
    ],
    [{ deleteServices: 'ns/a' }, 'INVALID_INPUT', 'deleteServices must be an array', ['deleteServices']],
    [
      { deleteEndpointSlices: {} },
      'INVALID_INPUT',
      'deleteEndpointSlices must be an array',
      ['deleteEndpointSlices'],
    ],
    [
      { upsertEndpointSlices: 1 },
      'INVALID_INPUT',
      'upsertEndpointSlices must be an array',
      ['upsertEndpointSlices'],
    ],
    [null, 'INVALID_INPUT', 'change must be an object', []],
    ['x', 'INVALID_INPUT', 'change must be an object', []],
  ])('change %j', (change, code, message, path) => {
    expect(errOf(() => iptablesPartialSync(before.state, change as never))).toEqual([code, message, path]);
    const r = safeIptablesPartialSync(before.state, change as never);
    expect(r.ok ? undefined : r.error.message).toBe(message);
  });

  it('treats null change lists as empty', () => {
    const r = iptablesPartialSync(before.state, {
      upsertServices: null,
      deleteServices: undefined,
      upsertEndpointSlices: null,
      deleteEndpointSlices: null,
    } as never);
    expect(r.changedServices).toEqual([]);
  });

  it.each([
    [null],
    [{}],
    [{ ...before.state, config: null }],
    [{ ...before.state, services: {} }],
    [{ ...before.state, endpointSlices: { get: 1, has: () => true } }],
    [{ ...before.state, slicesByService: { get: () => 1, has: 1 } }],
    [{ ...before.state, entriesByService: [] }],
    [{ ...before.state, totalEndpoints: '3' }],
    [{ ...before.state, chunks: {} }],
    [{ ...before.state, chunks: [{ entries: [] }] }],
    [{ ...before.state, chunks: [{ natTopText: (): string => '' }] }],
    [{ ...before.state, chunks: [null] }],
  ])('refuses a state that did not come from a sync: %#', (state) => {
    const message = 'state must come from iptablesSync or iptablesPartialSync';
    expect(errOf(() => iptablesPartialSync(state as never, {}))).toEqual(['INVALID_STATE', message, []]);
    expect(errOf(() => syncStateRuleset(state as never))).toEqual(['INVALID_STATE', message, []]);
  });

  it('accepts a state with no chunks', () => {
    const empty = iptablesSync({ services: [], endpointSlices: [], config });
    expect(errOf(() => iptablesPartialSync(empty.state, {}))).toBeUndefined();
  });

  it.each([
    [null, 'INVALID_INPUT', 'input must be an object', []],
    [
      { services: [{ metadata: {} }], endpointSlices: [], config },
      'INVALID_OBJECT',
      'Service at services.0 needs metadata.name',
      ['services', 0],
    ],
    [
      { services: [], endpointSlices: [5], config },
      'INVALID_OBJECT',
      'EndpointSlice at endpointSlices.0 needs metadata.name',
      ['endpointSlices', 0],
    ],
    [
      { services: 'x', endpointSlices: [], config },
      'INVALID_INPUT',
      'services must be an array or a List with items',
      ['services'],
    ],
  ])('iptablesSync(%j)', (input, code, message, path) => {
    expect(errOf(() => iptablesSync(input as never))).toEqual([code, message, path]);
  });

  it('keys objects by namespace (default when missing) and keeps the first of duplicate Services', () => {
    const a = makeService('default', 'dup', { clusterIP: '172.30.9.1', ports: [{ name: 'p', port: 80 }] });
    const b = {
      ...makeService('default', 'dup', { clusterIP: '172.30.9.2', ports: [{ name: 'p', port: 80 }] }),
    };
    (b as { metadata: unknown }).metadata = { name: 'dup' };
    const r = iptablesSync({ services: [a, b], endpointSlices: [], config });
    const text = formatIptablesSave(syncStateRuleset(r.state));
    expect(text).toContain('-d 172.30.9.1 --dport 80 -j REJECT');
    expect(text).not.toContain('172.30.9.2');
    const del = iptablesPartialSync(r.state, { deleteServices: ['default/dup'] });
    expect(formatIptablesSave(syncStateRuleset(del.state))).not.toContain('172.30.9.1');
    expect(del.changedServices).toEqual(['default/dup']);
  });
});
