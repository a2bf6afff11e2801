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

/** Checks a rule line the way iptables-restore would refuse it: an unbalanced quote, or a jump without a target. */
function checkRule(raw: string, i: number): void {
  const tokens: string[] = [];
  let token = '';
  let quoted = false;
  let inToken = false;
  for (let k = 0; k < raw.length; k++) {
    const ch = raw[k] as string;
    if (quoted) {
      if (ch === '\\' && k + 1 < raw.length) {
        token += raw[++k];
      } else if (ch === '"') {
        quoted = false;
      } else {
        token += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      inToken = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else {
      token += ch;
      inToken = true;
    }
  }
  if (quoted) {
    throw new ProxyError(
      'INVALID_IPTABLES_SAVE',
      `line ${i + 1}: unbalanced quote in ${JSON.stringify(raw)}`,
      ['lines', i],
    );
  }
  if (inToken) tokens.push(token);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === '-j' || t === '--jump' || t === '-g' || t === '--goto') {
      const target = tokens[k + 1];
      if (target === undefined || target === '' || target.startsWith('-')) {
        throw new ProxyError(
          'INVALID_IPTABLES_SAVE',
          `line ${i + 1}: ${t} without a target in ${JSON.stringify(raw)}`,
          ['lines', i],
        );
      }
    }
  }
}

/**
 * Parses `iptables-save` output or `iptables-restore` input into a {@link Ruleset}, losslessly:
 * counters, comments, quoted strings, blank lines, non-kube chains and `-X` lines all survive, so
 * `formatIptablesSave(parseIptablesSave(text)) === text`. Throws {@link ProxyError}
 * (`INVALID_IPTABLES_SAVE`, path `['lines', n]`) for text outside a table block that is not a
 * comment, for a table without `COMMIT`, for a rule with an unbalanced quote or a `-j`/`-g` without a
 * target, or for non-string input. A CRLF line end is read as a line end.
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
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  const rawLines = text.split('\n');
  if (finalNewline) rawLines.pop();
  const tables: IptablesTable[] = [];
  let pending: string[] = [];
  let current:
    | { name: string; header: string; lines: IptablesLine[]; before: string[]; start: number }
    | undefined;
  for (let i = 0; i < rawLines.length; i++) {
    const full = rawLines[i] as string;
    // CRLF input: the \r belongs to the line end, never to a value
    const raw = full.endsWith('\r') ? full.slice(0, -1) : full;
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
    const classified = classifyLine(raw);
    if (classified.kind === 'rule') checkRule(raw, i);
    current.lines.push(classified);
  }
  if (current !== undefined) {
    throw new ProxyError(
      'INVALID_IPTABLES_SAVE',
      `table ${JSON.stringify(current.name)} has no COMMIT line`,
      ['lines', current.start],
    );
  }
  return crlf
    ? { tables, trailer: pending, finalNewline, crlf: true }
    : { tables, trailer: pending, finalNewline };
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
