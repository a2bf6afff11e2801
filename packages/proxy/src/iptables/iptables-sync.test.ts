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

  it('falls back to a full sync when the large-cluster mode flips', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    const endpoints = [];
    for (let i = 0; i < 1000; i++) endpoints.push({ addresses: [`10.1.${i >> 8}.${i & 255}`] });
    const big = makeService('ns9', 'big', {
      clusterIP: '172.30.1.1',
      ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
    });
    const bigSlice = makeSlice('ns9', 'big', 1, endpoints, [{ name: 'p80', port: 80, protocol: 'TCP' }]);
    const after = iptablesPartialSync(before.state, {
      upsertServices: [big],
      upsertEndpointSlices: [bigSlice],
    });
    expect(after.fullSync).toBe(true);
    expect(formatIptablesSave(syncStateRuleset(after.state))).toBe(
      full([...services, big], [...slices, bigSlice]),
    );
    expect(formatIptablesSave(syncStateRuleset(after.state))).toContain(
      '-A KUBE-SEP-SXIVWICOYRO3J4NJ -s 10.180.0.1 -j KUBE-MARK-MASQ',
    );
  });

  it('rejects bad changes', () => {
    const before = iptablesSync({ services, endpointSlices: slices, config });
    expect(safeIptablesPartialSync(before.state, { upsertServices: [null] }).ok).toBe(false);
    expect(safeIptablesPartialSync(before.state, { deleteServices: [3 as unknown as string] }).ok).toBe(
      false,
    );
    expect(safeIptablesPartialSync({} as never, {}).ok).toBe(false);
  });
});
