import type { NftChain, NftElement, NftRule, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';

function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function tableLine(t: NftTable): string {
  return t.comment === undefined
    ? `add table ${t.family} ${t.name}`
    : `add table ${t.family} ${t.name} { comment ${quote(t.comment)} ; }`;
}

function chainLine(t: NftTable, c: NftChain): string {
  let line = `add chain ${t.family} ${t.name} ${c.name}`;
  if (c.type !== undefined || c.comment !== undefined) {
    line += ' {';
    if (c.type !== undefined) line += ` type ${c.type} hook ${c.hook ?? ''} priority ${c.priority ?? 0} ;`;
    if (c.comment !== undefined) line += ` comment ${quote(c.comment)} ;`;
    line += ' }';
  }
  return line;
}

function setLine(t: NftTable, s: NftSet): string {
  let line = `add ${s.kind} ${t.family} ${t.name} ${s.name} { type ${s.type} ;`;
  if (s.flags !== undefined && s.flags.length > 0) line += ` flags ${s.flags.join(',')} ;`;
  if (s.timeout !== undefined) line += ` timeout ${s.timeout}s ;`;
  if (s.comment !== undefined) line += ` comment ${quote(s.comment)} ;`;
  return `${line} }`;
}

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
