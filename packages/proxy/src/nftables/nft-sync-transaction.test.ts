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

// Changes in place, written by hand: the oracle is that applying the transaction to the previous ruleset gives the
// next one (nft -f semantics, modelled by parseNft), plus the lines kube-proxy's partial sync writes for them.
describe('nftSyncTransaction: changes in place', () => {
  const prevText = [
    'add table ip kube-proxy',
    'add chain ip kube-proxy c1',
    'add rule ip kube-proxy c1 ip daddr 10.0.0.1 drop',
    'add chain ip kube-proxy c2',
    'add rule ip kube-proxy c2 counter',
    'add map ip kube-proxy m1 { type ipv4_addr : verdict ; }',
    'add element ip kube-proxy m1 { 10.0.0.1 : drop }',
    'add element ip kube-proxy m1 { 10.0.0.2 : drop }',
    '',
  ].join('\n');
  const nextText = [
    'add table ip kube-proxy',
    'add chain ip kube-proxy c1',
    'add rule ip kube-proxy c1 ip daddr 10.0.0.1 accept',
    'add chain ip kube-proxy c2',
    'add rule ip kube-proxy c2 counter',
    'add map ip kube-proxy m1 { type ipv4_addr : verdict ; }',
    'add element ip kube-proxy m1 { 10.0.0.1 : accept }',
    'add element ip kube-proxy m1 { 10.0.0.3 : drop }',
    'add set ip kube-proxy s2 { type ipv4_addr ; }',
    'add element ip kube-proxy s2 { 10.0.0.9 }',
    '',
  ].join('\n');

  it('re-adds and flushes a chain whose rules changed, leaves an unchanged one alone', () => {
    const tx = nftSyncTransaction(parseNft(prevText), parseNft(nextText));
    expect(tx).toContain('flush chain ip kube-proxy c1\n');
    expect(tx).toContain('add rule ip kube-proxy c1 ip daddr 10.0.0.1 accept\n');
    expect(tx).not.toContain('c2');
    expect(formatNft(parseNft(prevText + tx))).toBe(formatNft(parseNft(nextText)));
  });

  it('replaces an element whose value changed, deletes a removed one first, adds a new set', () => {
    const tx = nftSyncTransaction(parseNft(prevText), parseNft(nextText));
    const lines = tx.split('\n');
    const del2 = lines.indexOf('delete element ip kube-proxy m1 { 10.0.0.2 }');
    const del1 = lines.indexOf('delete element ip kube-proxy m1 { 10.0.0.1 }');
    const add1 = lines.indexOf('add element ip kube-proxy m1 { 10.0.0.1 : accept }');
    expect([del2 >= 0, del1 > del2, add1 > del1]).toEqual([true, true, true]);
    expect(tx).toContain('add element ip kube-proxy m1 { 10.0.0.3 : drop }\n');
    expect(tx).toContain('add set ip kube-proxy s2 { type ipv4_addr ; }\n');
    expect(tx).toContain('add element ip kube-proxy s2 { 10.0.0.9 }\n');
    expect(tx).not.toContain('10.0.0.2 : drop');
  });

  it('is empty for the same rules, and a rule comment counts as a change', () => {
    expect(nftSyncTransaction(parseNft(prevText), parseNft(prevText))).toBe('');
    const commented = prevText.replace('counter', 'counter comment "x"');
    expect(nftSyncTransaction(parseNft(prevText), parseNft(commented))).toContain(
      'flush chain ip kube-proxy c2\n',
    );
    const longer = `${prevText}add rule ip kube-proxy c2 drop\n`;
    expect(nftSyncTransaction(parseNft(prevText), parseNft(longer))).toContain(
      'flush chain ip kube-proxy c2\n',
    );
    expect(nftSyncTransaction(parseNft(longer), parseNft(prevText))).toContain(
      'flush chain ip kube-proxy c2\n',
    );
  });
});
