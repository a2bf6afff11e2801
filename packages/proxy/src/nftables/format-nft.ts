import type { NftElement, NftRule, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';
import { chainLine, quote, setLine, tableLine } from './nft-text.ts';

function ruleLine(prefix: string, r: NftRule): string {
  return r.comment === undefined ? prefix + r.rule : `${prefix}${r.rule} comment ${quote(r.comment)}`;
}

function elementLine(prefix: string, e: NftElement): string {
  let line = prefix + (e.key.length === 1 ? e.key[0] : e.key.join(' . '));
  if (e.comment !== undefined) line += ` comment ${quote(e.comment)}`;
  if (e.value !== undefined && e.value.length > 0) line += ` : ${e.value.join(' . ')}`;
  return `${line} }`;
}

/**
 * Formats a ruleset as `nft -f` input in kube-proxy's (knftables) syntax: one `add …` per line —
 * the table, its chains, sets and maps, then every rule and element. This is the text
 * `pkg/proxy/nftables/proxier_test.go` compares against (after `sortNFTablesTransaction`).
 *
 * @example
 * ```ts
 * formatNft(nftablesRules({ services, endpointSlices, config })).split('\n')[0];
 * // 'add table ip kube-proxy { comment "rules for kube-proxy" ; }'
 * ```
 */
export function formatNft(rules: NftRuleset): string {
  const lines: string[] = [];
  const elements = (t: NftTable, s: NftSet): void => {
    const prefix = `add element ${t.family} ${t.name} ${s.name} { `;
    for (const e of s.elements) lines.push(elementLine(prefix, e));
  };
  for (const t of rules.tables) {
    lines.push(tableLine(t));
    for (const c of t.chains) lines.push(chainLine(t, c));
    for (const s of t.sets) if (s.kind === 'set') lines.push(setLine(t, s));
    for (const s of t.sets) if (s.kind === 'map') lines.push(setLine(t, s));
    for (const c of t.chains) {
      const prefix = `add rule ${t.family} ${t.name} ${c.name} `;
      for (const r of c.rules) lines.push(ruleLine(prefix, r));
    }
    for (const s of t.sets) if (s.kind === 'set') elements(t, s);
    for (const s of t.sets) if (s.kind === 'map') elements(t, s);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
