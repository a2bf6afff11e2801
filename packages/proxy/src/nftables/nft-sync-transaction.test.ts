import { describe, expect, it } from 'vitest';
import { FAKE_NODE_CONFIG, overallServices, testService, testSlice } from '../modes/upstream-fixtures.ts';
import { formatNft } from './format-nft.ts';
import type { NftRuleset } from './nft-ruleset.ts';
import { nftSyncTransaction } from './nft-sync-transaction.ts';
import { nftablesRules } from './nftables-rules.ts';
import { parseNft } from './parse-nft.ts';
import { sortNftTransaction } from './sort-nft-transaction.ts';

/** The state without empty service/endpoint chains (stale chains flushed, awaiting deletion). */
const nonEmpty = (r: NftRuleset): string =>
  sortNftTransaction(
    formatNft({
      ...r,
      tables: r.tables.map((t) => ({
        ...t,
        chains: t.chains.filter((c) => !(c.name.includes('/') && c.rules.length === 0)),
      })),
    }),
  );

describe('nftSyncTransaction (partial sync, TestSyncProxyRulesRepeated-style steps)', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const base = overallServices();
    const before = nftablesRules({ ...base, config: FAKE_NODE_CONFIG });
    return { base, before };
  };

  it('is empty when nothing changed', () => {
    const { base, before } = fixtures();
    expect(nftSyncTransaction(before, nftablesRules({ ...base, config: FAKE_NODE_CONFIG }))).toBe('');
  });

  it('adding a service touches only that service', () => {
    const { base, before } = fixtures();
    const after = nftablesRules({
      services: [
        ...base.services,
        testService('ns7', 'svc7', { clusterIP: '172.30.0.47', ports: [{ name: 'p80', port: 80 }] }),
      ],
      endpointSlices: [
        ...base.endpointSlices,
        testSlice('ns7', 'svc7', 1, [{ ip: '10.0.7.1' }], [{ name: 'p80', port: 80 }]),
      ],
      config: FAKE_NODE_CONFIG,
    });
    const tx = nftSyncTransaction(before, after);
    const lines = tx.trimEnd().split('\n');
    expect(lines[0]).toBe('add table ip kube-proxy { comment "rules for kube-proxy" ; }');
    expect(lines.filter((l) => l.startsWith('add chain')).every((l) => l.includes('ns7/svc7'))).toBe(true);
    expect(lines).toContain('add element ip kube-proxy cluster-ips { 172.30.0.47 }');
    expect(lines.some((l) => l.includes('ns1/svc1'))).toBe(false);
    // Applying the transaction to the old state gives the full new state.
    expect(sortNftTransaction(formatNft(parseNft(formatNft(before) + tx)))).toBe(
      sortNftTransaction(formatNft(after)),
    );
  });

  it('removing endpoints and a service flushes stale chains and deletes elements and affinity sets', () => {
    const { base, before } = fixtures();
    const after = nftablesRules({
      services: base.services.filter((_, i) => i !== 4),
      endpointSlices: base.endpointSlices.filter((_, i) => i !== 0 && i !== 4),
      config: FAKE_NODE_CONFIG,
    });
    const tx = nftSyncTransaction(before, after);
    expect(tx).toContain('flush chain ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80\n');
    expect(tx).toContain('delete element ip kube-proxy service-ips { 172.30.0.41 . tcp . 80 }\n');
    expect(tx).toContain(
      'add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : goto reject-chain }\n',
    );
    expect(tx).toContain('delete set ip kube-proxy affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80\n');
    // The end state equals a full sync, apart from the flushed (empty) stale chains.
    expect(nonEmpty(parseNft(formatNft(before) + tx))).toBe(nonEmpty(after));
  });
});

describe('nftSyncTransaction tables', () => {
  // built inside each test (not while the file loads), so a mutant that breaks it fails a test
  const fixtures = () => {
    const v4 = parseNft('add table ip kube-proxy\nadd chain ip kube-proxy a\n');
    const v6 = parseNft('add table ip6 kube-proxy { comment "x" ; }\nadd chain ip6 kube-proxy b\n');
    const both = { ...v4, tables: [...v4.tables, ...v6.tables] };
    return { v4, v6, both };
  };

  it('writes a table the previous ruleset lacks in full', () => {
    const { v4, both } = fixtures();
    expect(nftSyncTransaction(v4, both)).toBe(
      'add table ip6 kube-proxy { comment "x" ; }\nadd chain ip6 kube-proxy b\n',
    );
  });

  it('deletes a table the next ruleset lacks', () => {
    const { v4, both } = fixtures();
    expect(nftSyncTransaction(both, v4)).toBe('delete table ip6 kube-proxy\n');
    expect(nftSyncTransaction(both, { ...v4, tables: [] })).toBe(
      'delete table ip kube-proxy\ndelete table ip6 kube-proxy\n',
    );
  });

  it('matches tables by family and name', () => {
    const { v4 } = fixtures();
    const other = parseNft('add table ip other\n');
    expect(nftSyncTransaction(v4, other)).toBe('add table ip other\ndelete table ip kube-proxy\n');
  });
});
