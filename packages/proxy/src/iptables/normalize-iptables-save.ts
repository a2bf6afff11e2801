import { assertRuleset } from './assert-ruleset.ts';
import { parseIptablesRule } from './parse-iptables-rule.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import type { Ruleset } from './ruleset.ts';

interface NormChain {
  readonly name: string;
  readonly counters: string;
  rules: string[];
  deleted: boolean;
}

function commentServiceName(rule: string): string | undefined {
  const comment = parseIptablesRule(rule).comment;
  if (comment === undefined) return undefined;
  const i = comment.search(/[ :]/);
  return i < 0 ? comment : comment.slice(0, i);
}

function stableSortByService(rules: string[], keepLast: boolean): string[] {
  const keyed = rules.map((rule, index) => ({
    rule,
    index,
    name: commentServiceName(rule),
    last: keepLast && (parseIptablesRule(rule).comment ?? '').includes('must be the last rule'),
  }));
  // Go's sort.SliceStable with orderByCommentServiceName (rules without a comment never move
  // relative to anything), plus the nat KUBE-SERVICES "must be the last rule" rule kept last.
  keyed.sort((a, b) => {
    if (a.last !== b.last) return a.last ? 1 : -1;
    if (a.name === undefined || b.name === undefined) return a.index - b.index;
    if (a.name < b.name) return -1;
    if (a.name > b.name) return 1;
    return a.index - b.index;
  });
  return keyed.map((k) => k.rule);
}

function chainOrder(a: string, b: string): number {
  const rank = (n: string): number =>
    n === 'KUBE-NODEPORTS' ? 0 : n === 'KUBE-SERVICES' ? 1 : n.startsWith('KUBE-') ? 2 : 3;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The normalisation kube-proxy's own tests apply before comparing rules (`sortIPTablesRules` in
 * pkg/proxy/iptables/proxier_test.go, printed by `IPTablesDump.String()` of
 * pkg/util/iptables/testing/parse.go): tables by name; chains `KUBE-NODEPORTS`, `KUBE-SERVICES`,
 * other `KUBE-*`, then the rest, each group alphabetical; chain lines as `:NAME - [p:b]`; rules
 * grouped per chain in input order, except that `KUBE-SERVICES` and `KUBE-NODEPORTS` are
 * stable-sorted by the service name in their comment (the nat "must be the last rule" rule stays
 * last); then `-X` lines. Comments and blank lines are dropped.
 *
 * @example
 * ```ts
 * normalizeIptablesSave(formatIptablesSave(iptablesRules(input))) === expectedFromUpstreamTest;
 * ```
 */
export function normalizeIptablesSave(input: string | Ruleset): string {
  const ruleset = typeof input === 'string' ? parseIptablesSave(input) : input;
  assertRuleset(ruleset);
  const tables = [...ruleset.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = '';
  for (const table of tables) {
    const chains = new Map<string, NormChain>();
    for (const line of table.lines) {
      if (line.kind === 'chain') {
        if (!chains.has(line.chain)) {
          const m = /\[(\d+):(\d+)\]\s*$/.exec(line.text.trim());
          chains.set(line.chain, {
            name: line.chain,
            counters: m ? `[${m[1]}:${m[2]}]` : '[0:0]',
            rules: [],
            deleted: false,
          });
        }
      } else if (line.kind === 'rule') {
        let chain = chains.get(line.chain);
        if (chain === undefined) {
          chain = { name: line.chain, counters: '[0:0]', rules: [], deleted: false };
          chains.set(line.chain, chain);
        }
        chain.rules.push(line.text.trim().replace(/^\[\d+:\d+\]\s+/, ''));
      } else if (line.kind === 'delete') {
        const chain = chains.get(line.chain);
        if (chain !== undefined) chain.deleted = true;
      }
    }
    const sorted = [...chains.values()].sort((a, b) => chainOrder(a.name, b.name));
    for (const c of sorted) {
      if (c.name === 'KUBE-NODEPORTS') c.rules = stableSortByService(c.rules, false);
      if (c.name === 'KUBE-SERVICES') c.rules = stableSortByService(c.rules, table.name === 'nat');
    }
    out += `*${table.name}\n`;
    for (const c of sorted) out += `:${c.name} - ${c.counters}\n`;
    for (const c of sorted) for (const r of c.rules) out += `${r}\n`;
    for (const c of sorted) if (c.deleted) out += `-X ${c.name}\n`;
    out += 'COMMIT\n';
  }
  return out;
}
