import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { fakeConfig, makeService, makeSlice, testNodeName } from '../testing/fixtures.ts';
import { applyIptablesRestore } from './apply-iptables-restore.ts';
import { formatIptablesSave } from './format-iptables-save.ts';
import { iptablesRules } from './iptables-rules.ts';
import { type IptablesChange, iptablesPartialSync, iptablesSync, syncStateRuleset } from './iptables-sync.ts';
import { normalizeIptablesSave } from './normalize-iptables-save.ts';

const config = fakeConfig();

const serviceFor = (i: number, variant: number): unknown =>
  makeService('ns', `svc${i}`, {
    type: variant % 3 === 0 ? 'ClusterIP' : variant % 3 === 1 ? 'NodePort' : 'LoadBalancer',
    clusterIP: `172.30.0.${i + 1}`,
    externalTrafficPolicy: variant % 2 === 0 ? 'Cluster' : 'Local',
    ports: [{ name: 'p', port: 80, protocol: 'TCP', ...(variant % 3 === 0 ? {} : { nodePort: 30000 + i }) }],
  });

const sliceFor = (i: number, hosts: readonly number[]): unknown =>
  makeSlice(
    'ns',
    `svc${i}`,
    1,
    hosts.map((h) => ({ addresses: [`10.180.${i}.${h}`], nodeName: h % 2 === 0 ? testNodeName : 'other' })),
    [{ name: 'p', port: 8080, protocol: 'TCP' }],
  );

const op = fc.oneof(
  fc.record({ kind: fc.constant('svc' as const), i: fc.integer({ min: 0, max: 4 }), variant: fc.nat(5) }),
  fc.record({ kind: fc.constant('delsvc' as const), i: fc.integer({ min: 0, max: 4 }) }),
  fc.record({
    kind: fc.constant('slice' as const),
    i: fc.integer({ min: 0, max: 4 }),
    hosts: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delslice' as const), i: fc.integer({ min: 0, max: 4 }) }),
  fc.record({
    kind: fc.constant('both' as const),
    i: fc.integer({ min: 0, max: 4 }),
    variant: fc.nat(5),
    hosts: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
  }),
);

test.prop([fc.array(op, { minLength: 1, maxLength: 8 })], { numRuns: 100 })(
  'partial syncs reach the state of a full sync, and their restore input gets the kernel there',
  (ops) => {
    const services = new Map<number, unknown>([[0, serviceFor(0, 0)]]);
    const slices = new Map<number, unknown>([[0, sliceFor(0, [1, 2])]]);
    let state = iptablesSync({
      services: [...services.values()],
      endpointSlices: [...slices.values()],
      config,
    }).state;
    let kernel = syncStateRuleset(state);
    for (const o of ops) {
      let change: IptablesChange;
      if (o.kind === 'svc') {
        const svc = serviceFor(o.i, o.variant);
        services.set(o.i, svc);
        change = { upsertServices: [svc] };
      } else if (o.kind === 'delsvc') {
        services.delete(o.i);
        change = { deleteServices: [`ns/svc${o.i}`] };
      } else if (o.kind === 'slice') {
        const slice = sliceFor(o.i, o.hosts);
        slices.set(o.i, slice);
        change = { upsertEndpointSlices: [slice] };
      } else if (o.kind === 'both') {
        const svc = serviceFor(o.i, o.variant);
        const slice = sliceFor(o.i, o.hosts);
        services.set(o.i, svc);
        slices.set(o.i, slice);
        change = { upsertServices: [svc], upsertEndpointSlices: [slice] };
      } else {
        slices.delete(o.i);
        change = { deleteEndpointSlices: [`ns/svc${o.i}-1`] };
      }
      const before = formatIptablesSave(syncStateRuleset(state));
      const r = iptablesPartialSync(state, change);
      // the previous state is persistent: unchanged by the sync, and syncing it again gives the same result
      expect(formatIptablesSave(syncStateRuleset(state))).toBe(before);
      const again = iptablesPartialSync(state, change);
      expect(formatIptablesSave(again.restore)).toBe(formatIptablesSave(r.restore));
      // the text a partial restore carries is exactly the text of its lines
      const copy = { ...r.restore, tables: r.restore.tables.map((t) => ({ ...t })) };
      expect(formatIptablesSave(r.restore)).toBe(formatIptablesSave(copy));
      state = r.state;
      const full = iptablesRules({
        services: [...services.values()],
        endpointSlices: [...slices.values()],
        config,
      });
      expect(formatIptablesSave(syncStateRuleset(state))).toBe(formatIptablesSave(full));
      kernel = applyIptablesRestore(kernel, r.restore);
      expect(normalizeIptablesSave(kernel)).toBe(normalizeIptablesSave(full));
    }
  },
);
