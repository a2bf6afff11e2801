import { ProxyError } from '../proxy-error.ts';
import type { IptablesLine, Ruleset } from './ruleset.ts';

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const v of value) if (typeof v !== 'string') return false;
  return true;
}

/**
 * Checks that a value has the shape of a {@link Ruleset} (from `iptablesRules` or
 * `parseIptablesSave`); throws `INVALID_RULESET` with a path otherwise.
 *
 * @example
 * ```ts
 * assertRuleset(parseIptablesSave('*nat\nCOMMIT\n')); // ok
 * assertRuleset(null); // throws ProxyError INVALID_RULESET
 * ```
 */
export function assertRuleset(value: unknown, name = 'ruleset', checkLines = true): asserts value is Ruleset {
  const bad = (path: readonly (string | number)[], what: string): never => badRuleset(name, path, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    bad([], 'must be a Ruleset object');
  const rs = value as Record<string, unknown>;
  if (!Array.isArray(rs.tables)) bad(['tables'], 'must be an array');
  if (rs.trailer !== undefined && !isStringArray(rs.trailer)) bad(['trailer'], 'must be an array of strings');
  if (rs.localIPs !== undefined && !isStringArray(rs.localIPs))
    bad(['localIPs'], 'must be an array of strings');
  (rs.tables as unknown[]).forEach((t, i) => {
    if (typeof t !== 'object' || t === null) bad(['tables', i], 'must be a table object');
    const table = t as Record<string, unknown>;
    if (typeof table.name !== 'string') bad(['tables', i, 'name'], 'must be a string');
    if (typeof table.header !== 'string') bad(['tables', i, 'header'], 'must be a string');
    if (typeof table.commit !== 'string') bad(['tables', i, 'commit'], 'must be a string');
    if (!isStringArray(table.before)) bad(['tables', i, 'before'], 'must be an array of strings');
    if (!Array.isArray(table.lines)) bad(['tables', i, 'lines'], 'must be an array');
    if (!checkLines) return;
    const lines = table.lines as unknown[];
    for (let j = 0; j < lines.length; j++) assertLine(lines[j], i, j, name);
  });
}

function badRuleset(name: string, path: readonly (string | number)[], what: string): never {
  throw new ProxyError(
    'INVALID_RULESET',
    `${name}${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')} ${what}`,
    path,
  );
}

/**
 * Checks one line of table `i` (line `j`) of a {@link Ruleset}: an object with a string `text`, and
 * a string `chain` unless its kind is `other`; throws `INVALID_RULESET` with a path otherwise.
 *
 * @example
 * ```ts
 * assertLine({ kind: 'rule', chain: 'KUBE-SERVICES', text: '-A KUBE-SERVICES -j RETURN' }, 0, 0); // ok
 * ```
 */
export function assertLine(
  line: unknown,
  i: number,
  j: number,
  name = 'ruleset',
): asserts line is IptablesLine {
  const l = line as { kind?: unknown; text?: unknown; chain?: unknown } | null;
  if (typeof l !== 'object' || l === null || typeof l.text !== 'string') {
    badRuleset(name, ['tables', i, 'lines', j], 'must be a line object with a text');
  }
  if (l.kind !== 'other' && typeof l.chain !== 'string')
    badRuleset(name, ['tables', i, 'lines', j, 'chain'], 'must be a string');
}
