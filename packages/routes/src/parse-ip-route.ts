import {
  type Addr,
  type Prefix,
  parsePrefix,
  prefixFrom,
  type Result,
  safeParseAddr,
  safeParsePrefix,
} from '@podnet/ip';
import { canonicalRoute } from './internal/build-route.ts';
import { describe } from './internal/describe.ts';
import { markTrailingNewline, markTrailingSpace } from './internal/trailing-newline.ts';
import {
  FLAG_ORDER,
  METRIC_NAMES,
  type NextHop,
  ROUTE_TYPES,
  type Route,
  type RouteFlag,
  type RouteMetricName,
  type RoutePref,
  type RouteType,
} from './route.ts';
import { RoutesError } from './routes-error.ts';

/**
 * Options for {@link parseIpRoute}.
 *
 * @example
 * ```ts
 * parseIpRoute('default dev wg0 scope link', { family: 6 });
 * ```
 */
export interface ParseIpRouteOptions {
  /**
   * The family of `default` routes whose line names no address (`ip -6 route show` prints
   * `default dev wg0 …`). Without it the family comes from the other routes in the text (all IPv6
   * → 6), else 4.
   */
  readonly family?: 4 | 6;
}

const U32_MAX = 4294967295;
const NAME_RE = /^[A-Za-z0-9_.-]+$/;
const DEC_RE = /^(0|[1-9][0-9]*)$/;
const SPLIT_RE = /[ \t\r\f\v]+/;
/** iproute2 prints each field as "%s ", so its lines end with a space (before any \r). */
const TRAILING_SPACE_RE = /[^ \t\r\f\v][ \t]\r?$/;

type Draft = {
  -readonly [K in keyof Route]: Route[K];
};

interface PendingRoute {
  trailingSpace?: boolean;
  readonly line: number;
  readonly text: string;
  readonly draft: Omit<Draft, 'dst'>;
  readonly dst: Prefix | 'default';
  readonly hint: 4 | 6 | 0;
  nexthops: NextHop[] | undefined;
}

function fail(line: number, text: string, code: string, message: string): RoutesError {
  const shown = text.length > 160 ? `${text.slice(0, 157)}...` : text;
  return new RoutesError(code, `line ${line + 1}: ${message} in ${describe(shown)}`, [line]);
}

function parseU32(token: string, keyword: string, line: number, text: string, max = U32_MAX): number {
  if (!DEC_RE.test(token)) {
    throw fail(line, text, 'INVALID_NUMBER', `invalid ${keyword} ${describe(token)}`);
  }
  const n = Number(token);
  if (n > max) {
    throw fail(
      line,
      text,
      keyword === 'metric' ? 'METRIC_OUT_OF_RANGE' : 'NUMBER_OUT_OF_RANGE',
      `${keyword} ${describe(token)} is out of range (0–${max})`,
    );
  }
  return n;
}

function parseAddrToken(token: string, keyword: string, line: number, text: string): Addr {
  const r = safeParseAddr(token);
  if (!r.ok) throw fail(line, text, 'INVALID_ADDRESS', `invalid ${keyword} address ${describe(token)}`);
  return r.value;
}

function parsePrefixToken(token: string, keyword: string, line: number, text: string): Prefix {
  if (token.includes('/')) {
    const r = safeParsePrefix(token);
    if (!r.ok) {
      const code = r.error.code === 'HOST_BITS_SET' ? 'HOST_BITS_SET' : 'INVALID_PREFIX';
      throw fail(line, text, code, `invalid ${keyword} prefix ${describe(token)}`);
    }
    return r.value;
  }
  const a = safeParseAddr(token);
  if (!a.ok || a.value.zone !== '') {
    throw fail(line, text, 'INVALID_PREFIX', `invalid ${keyword} prefix ${describe(token)}`);
  }
  return prefixFrom(a.value, a.value.family === 4 ? 32 : 128);
}

function isRouteType(token: string): token is RouteType {
  return (ROUTE_TYPES as readonly string[]).includes(token);
}

function isFlag(token: string): token is RouteFlag | 'onlink' {
  return (FLAG_ORDER as readonly string[]).includes(token);
}

function isMetricName(token: string): token is RouteMetricName {
  return (METRIC_NAMES as readonly string[]).includes(token);
}

const TIME_RE = /^(0|[1-9][0-9]*)(\.[0-9]+)?(ms|s)$/;

function setMetric(d: Omit<Draft, 'dst'>, kw: RouteMetricName, v: string, line: number, text: string): void {
  switch (kw) {
    case 'rtt':
    case 'rttvar':
    case 'rto_min':
      if (!TIME_RE.test(v)) throw fail(line, text, 'INVALID_VALUE', `invalid ${kw} ${describe(v)}`);
      d[kw] = v;
      return;
    case 'features':
      if (v !== 'ecn' && !/^0x[0-9a-f]+$/.test(v)) {
        throw fail(line, text, 'INVALID_VALUE', `invalid features ${describe(v)}`);
      }
      d.features = v;
      return;
    case 'congctl':
      d.congctl = checkName(v, 'congctl', line, text);
      return;
    case 'quickack':
    case 'fastopen_no_cookie':
      d[kw] = parseU32(v, kw, line, text, 1);
      return;
    default:
      d[kw] = parseU32(v, kw, line, text, kw === 'hoplimit' ? 255 : U32_MAX);
  }
}

function checkName(token: string, keyword: string, line: number, text: string): string {
  if (!NAME_RE.test(token)) {
    throw fail(line, text, 'INVALID_VALUE', `invalid ${keyword} ${describe(token)}`);
  }
  return token;
}

function checkDev(token: string, line: number, text: string): string {
  if (token.length > 15 || token.includes('/') || token === '.' || token === '..') {
    throw fail(line, text, 'INVALID_DEVICE', `invalid device name ${describe(token)}`);
  }
  return token;
}

function sortFlags(flags: readonly RouteFlag[]): RouteFlag[] {
  return [...flags].sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
}

function parseNextHop(
  tokens: readonly string[],
  line: number,
  text: string,
  trailingSpace: boolean,
): NextHop {
  const nh: { -readonly [K in keyof NextHop]: NextHop[K] } = {};
  const seen = new Set<string>();
  const flags: RouteFlag[] = [];
  let i = 1;
  const value = (kw: string): string => {
    const v = tokens[i + 1];
    if (v === undefined) throw fail(line, text, 'MISSING_VALUE', `keyword ${describe(kw)} needs a value`);
    i += 2;
    return v;
  };
  while (i < tokens.length) {
    const kw = tokens[i] as string;
    if (seen.has(kw)) throw fail(line, text, 'DUPLICATE_KEYWORD', `repeated keyword ${describe(kw)}`);
    seen.add(kw);
    if (kw === 'via') {
      let v = value(kw);
      if (v === 'inet' || v === 'inet6') {
        const next = tokens[i];
        if (next === undefined) throw fail(line, text, 'MISSING_VALUE', `keyword "via" needs a value`);
        i++;
        v = next;
      }
      nh.via = parseAddrToken(v, 'via', line, text);
    } else if (kw === 'dev') nh.dev = checkDev(value(kw), line, text);
    else if (kw === 'weight') nh.weight = parseU32(value(kw), 'weight', line, text, 256);
    else if (kw === 'onlink') {
      nh.onlink = true;
      i++;
    } else if (isFlag(kw)) {
      flags.push(kw as RouteFlag);
      i++;
    } else {
      throw fail(line, text, 'UNKNOWN_KEYWORD', `unknown nexthop keyword ${describe(kw)}`);
    }
  }
  if (flags.length > 0) nh.flags = Object.freeze(sortFlags(flags));
  if (trailingSpace) markTrailingSpace(nh);
  return Object.freeze(nh);
}

function parseLine(tokens: readonly string[], line: number, text: string): PendingRoute {
  // Stryker disable next-line ObjectLiteral: canonicalRoute sets type 'unicast' when the draft has none
  const d: Omit<Draft, 'dst'> = { type: 'unicast' };
  let i = 0;
  const first = tokens[0] as string;
  if (isRouteType(first)) {
    d.type = first;
    if (first === 'unicast') d.typeShown = true;
    i++;
  }
  const dstToken = tokens[i];
  if (dstToken === undefined) {
    throw fail(line, text, 'MISSING_DESTINATION', `route type ${describe(first)} without a destination`);
  }
  i++;
  let dst: Prefix | 'default';
  if (dstToken === 'default' || dstToken === 'all' || dstToken === 'any') {
    if (dstToken !== 'default') {
      throw fail(line, text, 'INVALID_PREFIX', `invalid destination ${describe(dstToken)}`);
    }
    dst = 'default';
  } else {
    dst = parsePrefixToken(dstToken, 'destination', line, text);
  }
  let hint: 4 | 6 | 0 = dst === 'default' ? 0 : dst.addr.family;
  const seen = new Set<string>();
  const flags: RouteFlag[] = [];
  const locked: RouteMetricName[] = [];
  let viaExplicitFamily = false;
  const value = (kw: string): string => {
    const v = tokens[i + 1];
    if (v === undefined) throw fail(line, text, 'MISSING_VALUE', `keyword ${describe(kw)} needs a value`);
    i += 2;
    return v;
  };
  while (i < tokens.length) {
    let kw = tokens[i] as string;
    if (kw === 'realm') kw = 'realms';
    if (seen.has(kw)) {
      throw fail(line, text, 'DUPLICATE_KEYWORD', `repeated keyword ${describe(kw)}`);
    }
    seen.add(kw);
    switch (kw) {
      case 'from':
        d.from = parsePrefixToken(value(kw), 'from', line, text);
        break;
      case 'nhid':
        d.nhid = parseU32(value(kw), 'nhid', line, text);
        break;
      case 'tos':
      case 'dsfield':
        d.tos = checkName(value(kw), 'tos', line, text);
        break;
      case 'via': {
        let v = value(kw);
        if (v === 'inet' || v === 'inet6') {
          const next = tokens[i];
          if (next === undefined) throw fail(line, text, 'MISSING_VALUE', `keyword "via" needs a value`);
          i++;
          v = next;
          viaExplicitFamily = true;
        }
        d.via = parseAddrToken(v, 'via', line, text);
        break;
      }
      case 'dev':
      case 'oif':
        d.dev = checkDev(value(kw), line, text);
        break;
      case 'table':
        d.table = checkName(value(kw), 'table', line, text);
        break;
      case 'proto':
      case 'protocol':
        d.proto = checkName(value(kw), 'proto', line, text);
        break;
      case 'scope':
        d.scope = checkName(value(kw), 'scope', line, text);
        break;
      case 'src':
        d.src = parseAddrToken(value(kw), 'src', line, text);
        break;
      case 'metric':
        d.metric = parseU32(value(kw), 'metric', line, text);
        break;
      case 'realms':
        {
          const v = value(kw);
          if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)?$/.test(v)) {
            throw fail(line, text, 'INVALID_VALUE', `invalid realms ${describe(v)}`);
          }
          d.realms = v;
        }
        break;
      case 'expires': {
        const v = value(kw);
        const m = /^(0|[1-9][0-9]*)sec$/.exec(v);
        if (m === null) throw fail(line, text, 'INVALID_NUMBER', `invalid expires ${describe(v)}`);
        d.expires = Number(m[1]);
        break;
      }
      case 'error': {
        const v = value(kw);
        if (!/^-?(0|[1-9][0-9]*)$/.test(v) || Math.abs(Number(v)) > 2147483647) {
          throw fail(line, text, 'INVALID_NUMBER', `invalid error ${describe(v)}`);
        }
        d.error = Number(v);
        break;
      }
      case 'pref': {
        const v = value(kw);
        if (v !== 'low' && v !== 'medium' && v !== 'high') {
          throw fail(line, text, 'INVALID_VALUE', `invalid pref ${describe(v)}`);
        }
        d.pref = v as RoutePref;
        break;
      }
      default:
        if (isFlag(kw)) {
          if (kw === 'onlink') d.onlink = true;
          else flags.push(kw);
          i++;
        } else if (isMetricName(kw)) {
          let v = value(kw);
          if (v === 'lock') {
            const next = tokens[i];
            if (next === undefined) {
              throw fail(line, text, 'MISSING_VALUE', `keyword ${describe(kw)} needs a value`);
            }
            i++;
            v = next;
            locked.push(kw);
          }
          setMetric(d, kw, v, line, text);
        } else if (isRouteType(kw)) {
          throw fail(line, text, 'UNEXPECTED_TOKEN', `route type ${describe(kw)} must come first`);
        } else {
          throw fail(line, text, 'UNKNOWN_KEYWORD', `unknown keyword ${describe(kw)}`);
        }
    }
  }
  if (flags.length > 0) d.flags = Object.freeze(sortFlags(flags));
  if (locked.length > 0) {
    d.locked = Object.freeze(locked.sort((a, b) => METRIC_NAMES.indexOf(a) - METRIC_NAMES.indexOf(b)));
  }
  // Family checks: src and from follow the destination family; via may differ only with an
  // explicit `inet`/`inet6` (RTA_VIA, e.g. IPv4 routes over IPv6 next hops).
  if (hint === 0) {
    if (d.via !== undefined && !viaExplicitFamily) hint = d.via.family;
    else if (d.src !== undefined) hint = d.src.family;
    else if (d.from !== undefined) hint = d.from.addr.family;
  }
  // Stryker disable next-line ConditionalExpression: with hint 0 there is no implicit via, src or from, so every check below is false
  if (hint !== 0) {
    if (d.via !== undefined && !viaExplicitFamily && d.via.family !== hint) {
      throw fail(line, text, 'FAMILY_MISMATCH', `via address family differs from the destination`);
    }
    if (d.src !== undefined && d.src.family !== hint) {
      throw fail(line, text, 'FAMILY_MISMATCH', `src address family differs from the destination`);
    }
    if (d.from !== undefined && d.from.addr.family !== hint) {
      throw fail(line, text, 'FAMILY_MISMATCH', `from prefix family differs from the destination`);
    }
  }
  return { line, text, draft: d, dst, hint, nexthops: undefined };
}

const ZERO4: Prefix = parsePrefix('0.0.0.0/0');
const ZERO6: Prefix = parsePrefix('::/0');

function parseAll(text: string, options: ParseIpRouteOptions | undefined): Route[] {
  const lines = text.split('\n');
  const pending: PendingRoute[] = [];
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] as string;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const tokens = trimmed.split(SPLIT_RE);
    if (tokens[0] === 'nexthop') {
      const last = pending[pending.length - 1];
      if (last === undefined || !/^[ \t]/.test(raw)) {
        throw fail(n, trimmed, 'UNEXPECTED_TOKEN', `"nexthop" line without a route above it`);
      }
      if (last.draft.via !== undefined || last.draft.dev !== undefined) {
        throw fail(n, trimmed, 'UNEXPECTED_TOKEN', `"nexthop" under a route that already has via/dev`);
      }
      last.nexthops ??= [];
      last.nexthops.push(parseNextHop(tokens, n, trimmed, TRAILING_SPACE_RE.test(raw)));
      continue;
    }
    const parsed = parseLine(tokens, n, trimmed);
    parsed.trailingSpace = TRAILING_SPACE_RE.test(raw);
    pending.push(parsed);
  }
  let textFamily: 4 | 6 = options?.family ?? 4;
  if (options?.family === undefined) {
    let saw4 = false;
    let saw6 = false;
    for (const p of pending) {
      if (p.hint === 4) saw4 = true;
      else if (p.hint === 6) saw6 = true;
    }
    if (saw6 && !saw4) textFamily = 6;
  }
  const routes = pending.map((p) => {
    const family: 4 | 6 = p.hint === 0 ? textFamily : p.hint;
    const dst = p.dst === 'default' ? (family === 4 ? ZERO4 : ZERO6) : p.dst;
    const route: Draft = { ...p.draft, dst } as Draft;
    if (p.nexthops !== undefined) {
      for (const nh of p.nexthops) {
        if (nh.via !== undefined && nh.via.family !== family) {
          throw fail(
            p.line,
            p.text,
            'FAMILY_MISMATCH',
            `nexthop via address family differs from the destination`,
          );
        }
      }
      route.nexthops = Object.freeze(p.nexthops);
    }
    return canonicalRoute(route, p.trailingSpace === true);
  });
  markTrailingNewline(routes, /\n[ \t\r\f\v]*$/.test(text));
  return routes;
}

/**
 * Parses `ip route show` text (also `ip -6 route show` and `ip route show table all`): one route
 * per non-empty line, in order; a multipath route's indented `nexthop` lines attach to the route
 * above them. Throws a {@link RoutesError} whose message names the bad token and the line:
 * `UNKNOWN_KEYWORD`, `DUPLICATE_KEYWORD` (`dev eth0 dev eth1`), `MISSING_VALUE`,
 * `METRIC_OUT_OF_RANGE` (above 4294967295), `INVALID_ADDRESS`, `INVALID_PREFIX`, `HOST_BITS_SET`,
 * `FAMILY_MISMATCH`, `INVALID_NUMBER`, `INVALID_DEVICE`, `INVALID_VALUE`, `INVALID_INPUT`.
 * CRLF line ends and trailing spaces (which iproute2 prints) are accepted.
 *
 * @example
 * ```ts
 * const routes = parseIpRoute(
 *   'default via 192.168.1.1 dev eth0 proto dhcp metric 100\n' +
 *     '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1\n',
 * );
 * routes.length; // 2
 * routes[1].scope; // 'link'
 * ```
 */
export function parseIpRoute(text: string, options?: ParseIpRouteOptions): Route[] {
  if (typeof text !== 'string') {
    throw new RoutesError('INVALID_INPUT', `expected ip route text as a string, got ${describe(text)}`);
  }
  return parseAll(text, options);
}

/**
 * Like {@link parseIpRoute} but never throws: returns `{ ok: true, value }` or
 * `{ ok: false, error }` with a {@link RoutesError}.
 *
 * @example
 * ```ts
 * const r = safeParseIpRoute('10.0.0.0/8 dev eth0 dev eth1');
 * if (!r.ok) r.error.code; // 'DUPLICATE_KEYWORD'
 * ```
 */
export function safeParseIpRoute(text: unknown, options?: ParseIpRouteOptions): Result<Route[], RoutesError> {
  try {
    return { ok: true, value: parseIpRoute(text as string, options) };
  } catch (error) {
    if (error instanceof RoutesError) return { ok: false, error };
    return {
      ok: false,
      error: new RoutesError('INVALID_INPUT', `cannot parse ip route text: ${String(error)}`),
    };
  }
}
