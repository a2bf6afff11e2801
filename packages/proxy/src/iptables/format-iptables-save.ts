import { assertRuleset } from './assert-ruleset.ts';
import type { Ruleset } from './ruleset.ts';

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
  assertRuleset(ruleset);
  const parts: string[] = [];
  for (const table of ruleset.tables) {
    for (const line of table.before) parts.push(line);
    parts.push(table.header);
    for (const line of table.lines) parts.push(line.text);
    parts.push(table.commit);
  }
  for (const line of ruleset.trailer) parts.push(line);
  const eol = ruleset.crlf === true ? '\r\n' : '\n';
  const text = parts.join(eol);
  return ruleset.finalNewline && parts.length > 0 ? text + eol : text;
}
