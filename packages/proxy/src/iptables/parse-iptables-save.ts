import type { Result } from '@podnet/ip';
import { ProxyError } from '../proxy-error.ts';
import type { IptablesLine, IptablesTable, Ruleset } from './ruleset.ts';

const COUNTERS = /^\[\d+:\d+\]\s+/;

/**
 * Classifies one line inside a table block (the `text` is kept as is).
 *
 * @example
 * ```ts
 * classifyLine('-A KUBE-SERVICES -j RETURN'); // { kind: 'rule', chain: 'KUBE-SERVICES', text: … }
 * ```
 */
export function classifyLine(text: string): IptablesLine {
  const line = text.trim();
  if (line.startsWith(':')) {
    const end = line.search(/\s/);
    return { kind: 'chain', chain: end < 0 ? line.slice(1) : line.slice(1, end), text };
  }
  const body = line.replace(COUNTERS, '');
  if (body.startsWith('-A ') || body.startsWith('-I ') || body.startsWith('--append ')) {
    const rest = body.slice(body.indexOf(' ') + 1).trimStart();
    const end = rest.search(/\s/);
    return { kind: 'rule', chain: end < 0 ? rest : rest.slice(0, end), text };
  }
  if (body.startsWith('-X ')) {
    return { kind: 'delete', chain: body.slice(3).trim(), text };
  }
  return { kind: 'other', text };
}

/**
 * Parses `iptables-save` output or `iptables-restore` input into a {@link Ruleset}, losslessly:
 * counters, comments, quoted strings, blank lines, non-kube chains and `-X` lines all survive, so
 * `formatIptablesSave(parseIptablesSave(text)) === text`. Throws {@link ProxyError}
 * (`INVALID_IPTABLES_SAVE`, path `['lines', n]`) for text outside a table block that is not a
 * comment, for a table without `COMMIT`, or for non-string input.
 *
 * @example
 * ```ts
 * const rs = parseIptablesSave('*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j RETURN\nCOMMIT\n');
 * rs.tables[0].name; // 'nat'
 * ```
 */
export function parseIptablesSave(text: string): Ruleset {
  if (typeof text !== 'string') {
    throw new ProxyError(
      'INVALID_IPTABLES_SAVE',
      `iptables-save text must be a string, got ${text === null ? 'null' : typeof text}`,
    );
  }
  const finalNewline = text.endsWith('\n');
  const rawLines = text.split('\n');
  if (finalNewline) rawLines.pop();
  const tables: IptablesTable[] = [];
  let pending: string[] = [];
  let current:
    | { name: string; header: string; lines: IptablesLine[]; before: string[]; start: number }
    | undefined;
  for (let i = 0; i < rawLines.length; i++) {
    const raw = rawLines[i] as string;
    const line = raw.trim();
    if (current === undefined) {
      if (line.startsWith('*')) {
        const name = line.slice(1).trim();
        if (name === '') {
          throw new ProxyError(
            'INVALID_IPTABLES_SAVE',
            `line ${i + 1}: table line ${JSON.stringify(raw)} has no name`,
            ['lines', i],
          );
        }
        current = { name, header: raw, lines: [], before: pending, start: i };
        pending = [];
      } else if (line === '' || line.startsWith('#')) {
        pending.push(raw);
      } else {
        throw new ProxyError(
          'INVALID_IPTABLES_SAVE',
          `line ${i + 1}: ${JSON.stringify(raw)} is outside a *table … COMMIT block`,
          ['lines', i],
        );
      }
      continue;
    }
    if (line === 'COMMIT') {
      tables.push({
        name: current.name,
        before: current.before,
        header: current.header,
        lines: current.lines,
        commit: raw,
      });
      current = undefined;
      continue;
    }
    if (line.startsWith('*')) {
      throw new ProxyError(
        'INVALID_IPTABLES_SAVE',
        `line ${i + 1}: table ${JSON.stringify(line)} starts before table ${JSON.stringify(current.name)} has a COMMIT`,
        ['lines', i],
      );
    }
    current.lines.push(classifyLine(raw));
  }
  if (current !== undefined) {
    throw new ProxyError(
      'INVALID_IPTABLES_SAVE',
      `table ${JSON.stringify(current.name)} has no COMMIT line`,
      ['lines', current.start],
    );
  }
  return { tables, trailer: pending, finalNewline };
}

/**
 * {@link parseIptablesSave} that returns a Result instead of throwing.
 *
 * @example
 * ```ts
 * safeParseIptablesSave('*nat\n').ok; // false (no COMMIT)
 * ```
 */
export function safeParseIptablesSave(text: string): Result<Ruleset, ProxyError> {
  try {
    return { ok: true, value: parseIptablesSave(text) };
  } catch (error) {
    if (error instanceof ProxyError) return { ok: false, error };
    return { ok: false, error: new ProxyError('INVALID_IPTABLES_SAVE', String(error)) };
  }
}
