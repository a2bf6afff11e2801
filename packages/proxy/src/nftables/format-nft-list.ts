import type { NftChain, NftRuleset, NftSet } from './nft-ruleset.ts';

const PRIORITY_NAMES: readonly (readonly [number, string])[] = [
  [-300, 'raw'],
  [-150, 'mangle'],
  [-100, 'dstnat'],
  [0, 'filter'],
  [50, 'security'],
  [100, 'srcnat'],
];

/** nft's symbolic priority: the nearest standard name, with `+ n`/`- n` for offsets up to 10. */
function priorityText(priority: number): string {
  for (const [value, name] of PRIORITY_NAMES) {
    const d = priority - value;
    if (d === 0) return name;
    if (Math.abs(d) <= 10) return `${name} ${d < 0 ? '-' : '+'} ${Math.abs(d)}`;
  }
  return String(priority);
}

/** nft's duration form: `3h`, `1d2h`, `90s` → `1m30s`. */
function durationText(seconds: number): string {
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  if (rest > 0 || out === '') out += `${rest}s`;
  return out;
}

function hex8(value: string): string {
  const n = Number.parseInt(value, 16);
  return Number.isFinite(n) ? `0x${(n >>> 0).toString(16).padStart(8, '0')}` : value;
}

/** How `nft list` prints back the rule text kube-proxy writes. */
function listRule(rule: string): string {
  let m = /^mark set mark (or|xor) 0x([0-9a-f]+)$/.exec(rule);
  if (m) return `meta mark set meta mark ${m[1] === 'or' ? '|' : '^'} ${hex8(m[2]!)}`;
  m = /^mark and 0x([0-9a-f]+) == 0 return$/.exec(rule);
  if (m) return `meta mark & ${hex8(m[1]!)} == 0x00000000 return`;
  // Single-element anonymous sets are printed without braces.
  return rule
    .replace(/(saddr|daddr) (!= )?\{ ([^ ,{}]+) \}/g, '$1 $2$3')
    .replace(/ , /g, ', ')
    .replace(/\{ (\d+ : goto \S+(?:, \d+ : goto \S+)*) \}/, '{ $1 }');
}

function setBlock(s: NftSet): string[] {
  const lines = [`\t${s.kind} ${s.name} {`, `\t\ttype ${s.type}`];
  if (s.flags !== undefined && s.flags.length > 0) lines.push(`\t\tflags ${s.flags.join(',')}`);
  if (s.timeout !== undefined) lines.push(`\t\ttimeout ${durationText(s.timeout)}`);
  if (s.comment !== undefined) lines.push(`\t\tcomment "${s.comment}"`);
  if (s.elements.length > 0) {
    const items = s.elements.map((e) => {
      let text = e.key.join(' . ');
      if (e.comment !== undefined) text += ` comment "${e.comment}"`;
      if (e.value !== undefined && e.value.length > 0) text += ` : ${e.value.join(' . ')}`;
      return text;
    });
    lines.push(`\t\telements = { ${items.join(`,\n\t\t\t     `)} }`);
  }
  lines.push('\t}');
  return lines;
}

function chainBlock(c: NftChain): string[] {
  const lines = [`\tchain ${c.name} {`];
  if (c.comment !== undefined) lines.push(`\t\tcomment "${c.comment}"`);
  if (c.type !== undefined) {
    lines.push(
      `\t\ttype ${c.type} hook ${c.hook ?? ''} priority ${priorityText(c.priority ?? 0)}; policy accept;`,
    );
  }
  for (const r of c.rules) {
    lines.push(`\t\t${listRule(r.rule)}${r.comment === undefined ? '' : ` comment "${r.comment}"`}`);
  }
  lines.push('\t}');
  return lines;
}

/**
 * Prints a ruleset the way `nft list table ip kube-proxy` shows it: one block per table with its
 * sets and maps (with `elements = { … }`), then its chains (base chains with
 * `type … hook … priority …; policy accept;`). nft's own rewrites of kube-proxy's rule text are
 * applied for the rules kube-proxy writes (`meta mark …`, single-element sets); element line
 * wrapping is simplified to one map element per line.
 *
 * @example
 * ```ts
 * formatNftList(nftablesRules(input)).split('\n')[0]; // 'table ip kube-proxy {'
 * ```
 */
export function formatNftList(rules: NftRuleset): string {
  const out: string[] = [];
  for (const t of rules.tables) {
    out.push(`table ${t.family} ${t.name} {`);
    if (t.comment !== undefined) out.push(`\tcomment "${t.comment}"`);
    const blocks = [...t.sets.map(setBlock), ...t.chains.map(chainBlock)];
    blocks.forEach((b, i) => {
      if (i > 0) out.push('');
      out.push(...b);
    });
    out.push('}');
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
