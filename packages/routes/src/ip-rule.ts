import {
  formatAddr,
  formatPrefix,
  type Prefix,
  prefixFrom,
  type Result,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import { describe } from './internal/describe.ts';
import { RoutesError } from './routes-error.ts';

/**
 * One routing policy rule as `ip rule show` prints it (`PRIORITY:\tSELECTOR ACTION`).
 * `from`/`to` absent mean `all`; `action` `lookup` goes with `table`.
 *
 * @example
 * ```ts
 * const [rule] = parseIpRule('0:\tfrom all lookup local');
 * rule.table; // 'local'
 * ```
 */
export interface IpRule {
  readonly priority: number;
  readonly not?: true;
  readonly from?: Prefix;
  readonly to?: Prefix;
  readonly tos?: string;
  readonly fwmark?: number;
  /** Printed only when it is not 0xffffffff. */
  readonly fwmask?: number;
  readonly iif?: string;
  readonly oif?: string;
  readonly action: 'lookup' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';
  readonly table?: string;
  readonly suppressPrefixlength?: number;
  readonly goto?: number;
  readonly proto?: string;
}

/**
 * The rules every Linux host starts with (`ip rule` / `ip -6 rule`): `0: lookup local`,
 * `32766: lookup main` and, for IPv4 only, `32767: lookup default`.
 *
 * @example
 * ```ts
 * formatIpRule(defaultIpRules(4)); // '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n'
 * ```
 */
export function defaultIpRules(family: 4 | 6 = 4): IpRule[] {
  const rules: IpRule[] = [
    { priority: 0, action: 'lookup', table: 'local' },
    { priority: 32766, action: 'lookup', table: 'main' },
  ];
  if (family === 4) rules.push({ priority: 32767, action: 'lookup', table: 'default' });
  return rules.map((r) => Object.freeze(r));
}

const U32 = 4294967295;

function fail(line: number, text: string, code: string, message: string): RoutesError {
  const shown = text.length > 160 ? `${text.slice(0, 157)}...` : text;
  return new RoutesError(code, `line ${line + 1}: ${message} in ${describe(shown)}`, [line]);
}

function parseSelector(token: string, keyword: string, line: number, text: string): Prefix | undefined {
  if (token === 'all') return undefined;
  if (token.includes('/')) {
    const r = safeParsePrefix(token);
    if (r.ok) return r.value;
  } else {
    const a = safeParseAddr(token);
    if (a.ok && a.value.zone === '') return prefixFrom(a.value, a.value.family === 4 ? 32 : 128);
  }
  throw fail(line, text, 'INVALID_PREFIX', `invalid ${keyword} ${describe(token)}`);
}

function parseNumber(token: string, keyword: string, line: number, text: string): number {
  const n = /^0x[0-9a-f]{1,8}$/i.test(token)
    ? Number.parseInt(token, 16) // parseInt with radix 16 skips the 0x
    : /^(0|[1-9][0-9]*)$/.test(token)
      ? Number(token)
      : Number.NaN;
  if (!Number.isFinite(n) || n > U32)
    throw fail(line, text, 'INVALID_NUMBER', `invalid ${keyword} ${describe(token)}`);
  return n;
}

function parseRuleLine(raw: string, line: number): IpRule {
  const text = raw.trim();
  // `\s*(.*)` would backtrack quadratically on a long run of whitespace; the split below skips them.
  const m = /^(\d+):(.*)/s.exec(text);
  if (m === null) throw fail(line, text, 'MISSING_PRIORITY', `rule without "PRIORITY:" prefix`);
  const priority = parseNumber(m[1] as string, 'priority', line, text);
  // Split on single blanks: the empty tokens between repeated (or leading) blanks are dropped.
  const tokens = (m[2] as string).split(/[ \t\r\f\v]/).filter((t) => t !== '');
  const r: { -readonly [K in keyof IpRule]?: IpRule[K] | undefined } = { priority };
  const seen = new Set<string>();
  let i = 0;
  const value = (kw: string): string => {
    const v = tokens[i + 1];
    if (v === undefined) throw fail(line, text, 'MISSING_VALUE', `keyword ${describe(kw)} needs a value`);
    i += 2;
    return v;
  };
  while (i < tokens.length) {
    let kw = tokens[i] as string;
    if (kw === 'table') kw = 'lookup';
    if (seen.has(kw)) throw fail(line, text, 'DUPLICATE_KEYWORD', `repeated keyword ${describe(kw)}`);
    seen.add(kw);
    switch (kw) {
      case 'not':
        r.not = true;
        i++;
        break;
      case 'from': {
        r.from = parseSelector(value(kw), 'from', line, text);
        break;
      }
      case 'to': {
        r.to = parseSelector(value(kw), 'to', line, text);
        break;
      }
      case 'tos':
        r.tos = value(kw);
        break;
      case 'fwmark': {
        const [v, mask] = value(kw).split('/');
        r.fwmark = parseNumber(v as string, 'fwmark', line, text);
        if (mask !== undefined) r.fwmask = parseNumber(mask, 'fwmark mask', line, text);
        break;
      }
      case 'iif':
        r.iif = value(kw);
        break;
      case 'oif':
        r.oif = value(kw);
        break;
      case 'lookup':
        r.action = 'lookup';
        r.table = value(kw);
        if (!/^[A-Za-z0-9_.-]+$/.test(r.table))
          throw fail(line, text, 'INVALID_VALUE', `invalid table ${describe(r.table)}`);
        break;
      case 'suppress_prefixlength':
        r.suppressPrefixlength = parseNumber(value(kw), kw, line, text);
        break;
      case 'goto':
        r.action = 'goto';
        r.goto = parseNumber(value(kw), 'goto', line, text);
        break;
      case 'proto':
        r.proto = value(kw);
        break;
      case 'nop':
      case 'blackhole':
      case 'unreachable':
      case 'prohibit':
        r.action = kw;
        i++;
        break;
      default:
        throw fail(line, text, 'UNKNOWN_KEYWORD', `unknown keyword ${describe(kw)}`);
    }
  }
  if (r.action === undefined) throw fail(line, text, 'MISSING_ACTION', 'rule without an action');
  const ordered: Record<string, unknown> = {};
  for (const k of [
    'priority',
    'not',
    'from',
    'to',
    'tos',
    'fwmark',
    'fwmask',
    'iif',
    'oif',
    'action',
    'table',
    'suppressPrefixlength',
    'goto',
    'proto',
  ] as const) {
    if (r[k] !== undefined) ordered[k] = r[k];
  }
  return Object.freeze(ordered) as unknown as IpRule;
}

/**
 * Parses `ip rule show` text: one rule per non-empty line, `PRIORITY:` then selectors
 * (`not`, `from`, `to`, `tos`, `fwmark V[/M]`, `iif`, `oif`) and an action (`lookup TABLE`
 * with optional `suppress_prefixlength N`, `goto N`, `nop`, `blackhole`, `unreachable`,
 * `prohibit`), optionally `proto`. Errors as for {@link parseIpRoute}.
 *
 * @example
 * ```ts
 * parseIpRule('32765:\tnot from all fwmark 0xca6c lookup 51820')[0]?.fwmark; // 51820
 * ```
 */
export function parseIpRule(text: string): IpRule[] {
  if (typeof text !== 'string')
    throw new RoutesError('INVALID_INPUT', `expected ip rule text as a string, got ${describe(text)}`);
  const out: IpRule[] = [];
  text.split('\n').forEach((raw, line) => {
    if (raw.trim() !== '') out.push(parseRuleLine(raw, line));
  });
  return out;
}

/**
 * Like {@link parseIpRule} but never throws.
 *
 * @example
 * ```ts
 * safeParseIpRule('0: from all frobnicate').ok; // false
 * ```
 */
export function safeParseIpRule(text: unknown): Result<IpRule[], RoutesError> {
  try {
    return { ok: true, value: parseIpRule(text as string) };
  } catch (error) {
    if (error instanceof RoutesError) return { ok: false, error };
    return { ok: false, error: new RoutesError('INVALID_INPUT', String(error)) };
  }
}

function formatSelector(p: Prefix): string {
  return p.bits === (p.addr.family === 4 ? 32 : 128) ? formatAddr(p.addr) : formatPrefix(p);
}

/**
 * Formats rules as `ip rule show` prints them (iproute2 `print_rule` order), one per line.
 *
 * @example
 * ```ts
 * formatIpRule([{ priority: 100, from: parsePrefix('10.0.0.0/8'), action: 'lookup', table: '100' }]);
 * // '100:\tfrom 10.0.0.0/8 lookup 100\n'
 * ```
 */
export function formatIpRule(rules: readonly IpRule[]): string {
  if (!Array.isArray(rules)) throw new RoutesError('INVALID_INPUT', 'expected an array of rules');
  let out = '';
  for (const r of rules) {
    const parts: string[] = [];
    if (r.not === true) parts.push('not');
    parts.push(`from ${r.from === undefined ? 'all' : formatSelector(r.from)}`);
    if (r.to !== undefined) parts.push(`to ${formatSelector(r.to)}`);
    if (r.tos !== undefined) parts.push(`tos ${r.tos}`);
    if (r.fwmark !== undefined) {
      const mask = r.fwmask !== undefined && r.fwmask !== U32 ? `/0x${r.fwmask.toString(16)}` : '';
      parts.push(`fwmark 0x${r.fwmark.toString(16)}${mask}`);
    }
    if (r.iif !== undefined) parts.push(`iif ${r.iif}`);
    if (r.oif !== undefined) parts.push(`oif ${r.oif}`);
    if (r.action === 'lookup') {
      parts.push(`lookup ${r.table ?? 'main'}`);
      if (r.suppressPrefixlength !== undefined) parts.push(`suppress_prefixlength ${r.suppressPrefixlength}`);
    } else if (r.action === 'goto') parts.push(`goto ${r.goto ?? 0}`);
    else parts.push(r.action);
    if (r.proto !== undefined) parts.push(`proto ${r.proto}`);
    out += `${r.priority}:\t${parts.join(' ')}\n`;
  }
  return out;
}
