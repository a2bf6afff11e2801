/** knftables' text for table, chain and set/map objects (shared by formatNft and nftSyncTransaction). */
import type { NftChain, NftSet, NftTable } from './nft-ruleset.ts';

/**
 * A double-quoted nft string.
 *
 * @example
 * ```ts
 * quote('a "b"'); // '"a \\"b\\""'
 * ```
 */
export function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * `add table …` line.
 *
 * @example
 * ```ts
 * tableLine(table); // 'add table ip kube-proxy { comment "rules for kube-proxy" ; }'
 * ```
 */
export function tableLine(t: NftTable): string {
  return t.comment === undefined
    ? `add table ${t.family} ${t.name}`
    : `add table ${t.family} ${t.name} { comment ${quote(t.comment)} ; }`;
}

/**
 * `add chain …` line.
 *
 * @example
 * ```ts
 * chainLine(table, { name: 'services', rules: [] }); // 'add chain ip kube-proxy services'
 * ```
 */
export function chainLine(t: NftTable, c: NftChain): string {
  let line = `add chain ${t.family} ${t.name} ${c.name}`;
  if (c.type !== undefined || c.comment !== undefined) {
    line += ' {';
    if (c.type !== undefined) line += ` type ${c.type} hook ${c.hook ?? ''} priority ${c.priority ?? 0} ;`;
    if (c.comment !== undefined) line += ` comment ${quote(c.comment)} ;`;
    line += ' }';
  }
  return line;
}

/**
 * `add set|map …` line.
 *
 * @example
 * ```ts
 * setLine(table, clusterIPsSet); // 'add set ip kube-proxy cluster-ips { type ipv4_addr ; … }'
 * ```
 */
export function setLine(t: NftTable, s: NftSet): string {
  let line = `add ${s.kind} ${t.family} ${t.name} ${s.name} { type ${s.type} ;`;
  if (s.flags !== undefined && s.flags.length > 0) line += ` flags ${s.flags.join(',')} ;`;
  if (s.timeout !== undefined) line += ` timeout ${s.timeout}s ;`;
  if (s.comment !== undefined) line += ` comment ${quote(s.comment)} ;`;
  return `${line} }`;
}
