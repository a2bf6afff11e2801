import { formatNft } from './format-nft.ts';
import type { NftChain, NftElement, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';
import { chainLine, quote, setLine, tableLine } from './nft-text.ts';

function sameRules(a: NftChain, b: NftChain): boolean {
  if (a.rules.length !== b.rules.length) return false;
  for (let i = 0; i < a.rules.length; i++) {
    if (a.rules[i]?.rule !== b.rules[i]?.rule || a.rules[i]?.comment !== b.rules[i]?.comment) return false;
  }
  return true;
}

function elementKey(e: NftElement): string {
  return e.key.join(' . ');
}

function elementText(e: NftElement): string {
  let t = elementKey(e);
  if (e.comment !== undefined) t += ` comment ${quote(e.comment)}`;
  if (e.value !== undefined && e.value.length > 0) t += ` : ${e.value.join(' . ')}`;
  return t;
}

/** A service or endpoint chain (kube-proxy's `isServiceChainName`: the name has a `/`). */
function isServiceChain(name: string): boolean {
  return name.includes('/');
}

function tableDiff(prev: NftTable, next: NftTable, out: string[]): void {
  const p = `${next.family} ${next.name}`;
  const prevChains = new Map(prev.chains.map((c) => [c.name, c]));
  const nextChains = new Map(next.chains.map((c) => [c.name, c]));
  const prevSets = new Map(prev.sets.map((s) => [s.name, s]));
  const nextSets = new Map(next.sets.map((s) => [s.name, s]));
  const header = tableLine(next);
  const adds: string[] = [];
  const rules: string[] = [];
  const elements: string[] = [];
  const deletes: string[] = [];
  const lineFor = (obj: NftChain | NftSet): string =>
    'rules' in obj ? chainLine(next, obj) : setLine(next, obj);
  for (const c of next.chains) {
    const old = prevChains.get(c.name);
    if (old !== undefined && sameRules(old, c)) continue;
    adds.push(lineFor(c));
    if (old !== undefined) adds.push(`flush chain ${p} ${c.name}`);
    for (const r of c.rules) {
      rules.push(
        `add rule ${p} ${c.name} ${r.rule}${r.comment === undefined ? '' : ` comment ${quote(r.comment)}`}`,
      );
    }
  }
  for (const c of prev.chains) {
    // Stale service chains are flushed now and deleted in a later sync (kernel < 6.2 map race).
    if (!nextChains.has(c.name) && isServiceChain(c.name)) deletes.push(`flush chain ${p} ${c.name}`);
  }
  for (const s of next.sets) {
    const old = prevSets.get(s.name);
    if (old === undefined) adds.push(lineFor(s));
    const oldElements = new Map((old?.elements ?? []).map((e) => [elementKey(e), elementText(e)]));
    const newKeys = new Set<string>();
    for (const e of s.elements) {
      const k = elementKey(e);
      newKeys.add(k);
      const before = oldElements.get(k);
      if (before === elementText(e)) continue;
      if (before !== undefined) elements.push(`delete element ${p} ${s.name} { ${k} }`);
      elements.push(`add element ${p} ${s.name} { ${elementText(e)} }`);
    }
    for (const [k] of oldElements)
      if (!newKeys.has(k)) elements.unshift(`delete element ${p} ${s.name} { ${k} }`);
  }
  for (const s of prev.sets) {
    if (!nextSets.has(s.name)) deletes.push(`delete ${(s as NftSet).kind} ${p} ${s.name}`);
  }
  if (adds.length + rules.length + elements.length + deletes.length === 0) return;
  out.push(header, ...adds, ...rules, ...elements, ...deletes);
}

/**
 * The incremental `nft -f` transaction that turns the `previous` state into `next` the way
 * kube-proxy's partial syncs do (PR #126013): only chains whose rules changed are re-added and
 * flushed and rewritten, map and set elements are added or deleted one by one, removed affinity
 * sets are deleted, and stale service/endpoint chains are flushed (kube-proxy deletes them in a
 * later sync). Applying it to `previous` (e.g. with {@link parseNft}) gives `next` plus those
 * empty stale chains. Returns `''` when nothing changed.
 *
 * @example
 * ```ts
 * const before = nftablesRules(input);
 * const after = nftablesRules({ ...input, services: [...input.services, newService] });
 * nftSyncTransaction(before, after); // only the new service's chains, rules and elements
 * ```
 */
export function nftSyncTransaction(previous: NftRuleset, next: NftRuleset): string {
  const out: string[] = [];
  for (const t of next.tables) {
    const old = previous.tables.find((x) => x.family === t.family && x.name === t.name);
    if (old === undefined) {
      const text = formatNft({ kind: 'nftables', tables: [t], localAddresses: [] }).trimEnd();
      if (text !== '') out.push(text);
      continue;
    }
    tableDiff(old, t, out);
  }
  for (const t of previous.tables) {
    if (!next.tables.some((x) => x.family === t.family && x.name === t.name))
      out.push(`delete table ${t.family} ${t.name}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
