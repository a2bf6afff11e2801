import { ProxyError } from '../proxy-error.ts';
import { assertRuleset } from './assert-ruleset.ts';
import type { IptablesLine, IptablesTable, Ruleset } from './ruleset.ts';

interface ChainState {
  declaration: string;
  builtin: boolean;
  rules: IptablesLine[];
}

function tableState(table: IptablesTable | undefined): Map<string, ChainState> {
  const chains = new Map<string, ChainState>();
  if (table === undefined) return chains;
  for (const line of table.lines) {
    if (line.kind === 'chain') {
      const policy = line.text.trim().split(/\s+/)[1] ?? '-';
      if (!chains.has(line.chain))
        chains.set(line.chain, { declaration: line.text.trim(), builtin: policy !== '-', rules: [] });
    } else if (line.kind === 'rule') {
      let c = chains.get(line.chain);
      if (c === undefined) {
        c = { declaration: `:${line.chain} - [0:0]`, builtin: false, rules: [] };
        chains.set(line.chain, c);
      }
      c.rules.push(line);
    } else if (line.kind === 'delete') {
      chains.delete(line.chain);
    }
  }
  return chains;
}

/**
 * What `iptables-restore --noflush` does to the kernel's tables, as `iptables-save` would then print
 * them: a chain line in the input creates the chain or flushes it, `-A` appends, `-X` deletes;
 * chains and tables the input does not name are left alone. Built-in chains print first, then
 * user chains by name, each chain's rules grouped under it. Throws `CHAIN_NOT_FOUND` when a rule
 * names a chain that does not exist.
 *
 * @example
 * ```ts
 * const after = applyIptablesRestore(previous.state.ruleset, partial.restore);
 * normalizeIptablesSave(after) === normalizeIptablesSave(iptablesRules(newInput)); // true
 * ```
 */
export function applyIptablesRestore(current: Ruleset, restore: Ruleset): Ruleset {
  assertRuleset(current, 'current');
  assertRuleset(restore, 'restore');
  const names = current.tables.map((t) => t.name);
  for (const t of restore.tables) if (!names.includes(t.name)) names.push(t.name);
  const tables: IptablesTable[] = [];
  for (const name of names) {
    const chains = tableState(current.tables.find((t) => t.name === name));
    for (const t of restore.tables) {
      if (t.name !== name) continue;
      t.lines.forEach((line, i) => {
        if (line.kind === 'chain') {
          const existing = chains.get(line.chain);
          if (existing === undefined) {
            const policy = line.text.trim().split(/\s+/)[1] ?? '-';
            chains.set(line.chain, { declaration: line.text.trim(), builtin: policy !== '-', rules: [] });
          } else {
            existing.rules = [];
          }
        } else if (line.kind === 'rule') {
          const c = chains.get(line.chain);
          if (c === undefined) {
            throw new ProxyError('CHAIN_NOT_FOUND', `table ${name}: rule for missing chain ${line.chain}`, [
              'tables',
              name,
              'lines',
              i,
            ]);
          }
          c.rules.push(line);
        } else if (line.kind === 'delete') {
          chains.delete(line.chain);
        }
      });
    }
    const entries = [...chains.entries()];
    const builtins = entries.filter(([, c]) => c.builtin);
    const user = entries.filter(([, c]) => !c.builtin).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const ordered = [...builtins, ...user];
    const lines: IptablesLine[] = [];
    for (const [chain, c] of ordered) lines.push({ kind: 'chain', chain, text: c.declaration });
    for (const [, c] of ordered) for (const r of c.rules) lines.push(r);
    tables.push({ name, before: [], header: `*${name}`, lines, commit: 'COMMIT' });
  }
  const localIPs = current.localIPs ?? restore.localIPs;
  return localIPs === undefined
    ? { tables, trailer: [], finalNewline: true }
    : { tables, trailer: [], finalNewline: true, localIPs };
}
