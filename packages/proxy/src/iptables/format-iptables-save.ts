import { assertLine, assertRuleset } from './assert-ruleset.ts';
import { renderedText } from './rendered-text.ts';
import type { IptablesLine, IptablesTable, Ruleset } from './ruleset.ts';

/**
 * Prints a {@link Ruleset} as `iptables-save` / `iptables-restore` text: for each table its leading
 * lines, `*table`, its lines in order and `COMMIT`; then the trailer. A parsed dump prints back
 * byte for byte; a generated ruleset prints exactly kube-proxy's restore input.
 *
 * @example
 * ```ts
 * formatIptablesSave(parseIptablesSave('*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n'));
 * // '*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n'
 * ```
 */
export function formatIptablesSave(ruleset: Ruleset): string {
  // The lines are checked in the same pass that collects them (one walk over a large ruleset).
  assertRuleset(ruleset, 'ruleset', false);
  // A partial sync's restore input carries its text, built from pieces shared with earlier syncs.
  const rendered = renderedText(ruleset);
  if (rendered !== undefined) return rendered;
  const parts: string[] = [];
  const tables = ruleset.tables;
  for (let i = 0; i < tables.length; i++) {
    const table = tables[i] as IptablesTable;
    for (const line of table.before) parts.push(line);
    parts.push(table.header);
    const lines = table.lines;
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j] as IptablesLine;
      if (
        typeof line !== 'object' ||
        line === null ||
        typeof line.text !== 'string' ||
        (line.kind !== 'other' && typeof line.chain !== 'string')
      )
        assertLine(line, i, j);
      parts.push(line.text);
    }
    parts.push(table.commit);
  }
  for (const line of ruleset.trailer) parts.push(line);
  const eol = ruleset.crlf === true ? '\r\n' : '\n';
  const text = parts.join(eol);
  return ruleset.finalNewline && parts.length > 0 ? text + eol : text;
}
