import { DnsError } from './dns-error.ts';
import { checkResolvConf } from './internal/check-resolv-conf.ts';
import { describeValue } from './internal/describe.ts';
import type { ResolvConf } from './resolv-conf.ts';

/**
 * Which stub resolver expands the name.
 *
 * @example
 * ```ts
 * const r: ResolverKind = 'musl';
 * ```
 */
export type ResolverKind = 'glibc' | 'musl' | 'go';

/**
 * Options of {@link searchCandidates}.
 *
 * @example
 * ```ts
 * searchCandidates('web', conf, { resolver: 'glibc' });
 * ```
 */
export interface SearchCandidatesOptions {
  /**
   * `glibc` (`res_search`, used by getaddrinfo), `musl` (`name_from_dns_search`) or `go` (Go's
   * pure resolver, `(*dnsConfig).nameList`, used by CGO-less binaries). Default `glibc`.
   */
  readonly resolver?: ResolverKind | undefined;
}

function countDots(name: string): number {
  let n = 0;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 46) n++;
  return n;
}

function glibcNdots(options: readonly string[]): number {
  // res_setoptions: every `ndots:` token applies in turn; atoi; capped at RES_MAXNDOTS (15).
  let ndots = 1;
  for (const op of options) {
    if (op.startsWith('ndots:')) {
      const m = /^[ \t]*([+-]?\d+)/.exec(op.slice(6));
      const v = m ? Number.parseInt(m[1] as string, 10) : 0;
      ndots = Math.min(v, 15);
    }
  }
  return ndots;
}

function muslNdots(options: readonly string[]): number {
  // __get_resolv_conf: strstr(line, "ndots:") — the first occurrence on the options line,
  // only if a digit follows; capped at 15.
  const line = options.join(' ');
  const at = line.indexOf('ndots:');
  if (at < 0) return 1;
  const m = /^\d+/.exec(line.slice(at + 6));
  if (!m) return 1;
  const v = Number.parseInt(m[0], 10);
  return Math.min(v, 15);
}

function glibc(name: string, conf: ResolvConf): string[] {
  const out: string[] = [];
  const trailingDot = name.endsWith('.');
  const dots = countDots(name);
  const ndots = glibcNdots(conf.options);
  const noTldQuery = conf.options.includes('no-tld-query');
  let triedAsIs = false;
  // Names are always sent fully qualified; the candidate is shown with its trailing dot.
  const asIs = trailingDot ? name : `${name}.`;
  if (dots >= ndots || trailingDot) {
    out.push(asIs);
    if (trailingDot) return out;
    triedAsIs = true;
  }
  let searched = false;
  let rootOnList = false;
  for (const domain of conf.searches) {
    searched = true;
    let d = domain;
    if (d.startsWith('.')) d = d.slice(1);
    if (d === '') rootOnList = true;
    // __res_context_querydomain(name, d) sends "name.d" (just "name." when d is empty).
    out.push(d === '' ? asIs : d.endsWith('.') ? `${name}.${d}` : `${name}.${d}.`);
  }
  if ((dots > 0 || !searched || !noTldQuery) && !(triedAsIs || rootOnList)) out.push(asIs);
  return out;
}

function goNdots(options: readonly string[]): number {
  // dnsconfig_unix.go: `ndots:n` via dtoi (leading digits), clamped to [0, 15]; no digits gives 0.
  let ndots = 1;
  for (const op of options) {
    if (!op.startsWith('ndots:')) continue;
    const m = /^\d+/.exec(op.slice(6));
    const v = m ? Number.parseInt(m[0], 10) : 0;
    ndots = Math.min(v, 15);
  }
  return ndots;
}

/** Go's `avoidDNS`: a `.onion` name (any letter case, RFC 7686) is never sent to DNS. */
function avoidDns(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n.toLowerCase().endsWith('.onion');
}

function go(name: string, conf: ResolvConf): string[] {
  // (*dnsConfig).nameList: rooted names alone; candidates over 254 characters or ending in
  // `.onion` are skipped, each on its own (a search suffix can make an .onion name sendable).
  if (name.endsWith('.')) return name.length > 254 || avoidDns(name) ? [] : [name];
  const hasNdots = countDots(name) >= goNdots(conf.options);
  const fqdn = `${name}.`;
  const fqdnOk = fqdn.length <= 254 && !avoidDns(fqdn);
  const out: string[] = [];
  if (hasNdots && fqdnOk) out.push(fqdn);
  for (const suffix of conf.searches) {
    // dnsReadConfig: each entry gets a trailing dot (ensureRooted); the root "." is dropped.
    const s = suffix.endsWith('.') ? suffix : `${suffix}.`;
    if (s === '.') continue;
    const candidate = `${fqdn}${s}`;
    if (candidate.length <= 254 && !avoidDns(candidate)) out.push(candidate);
  }
  if (!hasNdots && fqdnOk) out.push(fqdn);
  return out;
}

function musl(name: string, conf: ResolvConf): string[] {
  const out: string[] = [];
  const dots = countDots(name);
  const ndots = muslNdots(conf.options);
  // Only a search line that fits musl's 256-byte line buffer is read at all.
  const searchLine = conf.searches.length > 0 ? `search ${conf.searches.join(' ')}` : '';
  const searchUsable = searchLine.length > 0 && searchLine.length <= 254;
  const trailing = name.endsWith('.');
  let l = name.length;
  if (trailing) l--;
  if (l === 0 || name.charCodeAt(l - 1) === 46) return out; // EAI_NONAME, nothing sent
  if (l >= 256) return out;
  const base = name.slice(0, l);
  if (!(dots >= ndots || trailing) && searchUsable) {
    for (const domain of conf.searches) {
      if (domain.length >= 256 - l - 1) continue;
      const fq = `${base}.${domain}`;
      // __res_mkquery strips one trailing dot and refuses a name that still ends in a dot
      // ("search ." gives "name.."): EAI_NONAME, the search stops without sending anything.
      const stripped = fq.endsWith('.') ? fq.slice(0, -1) : fq;
      if (stripped.endsWith('.') || stripped.includes('..')) return out;
      out.push(`${stripped}.`);
    }
  }
  out.push(`${base}.`);
  return out;
}

/**
 * Every name a stub resolver would query for `name`, in order, if each answer were NXDOMAIN
 * (so the list is the full search expansion; resolution stops at the first candidate that
 * answers). Names are returned fully qualified with a trailing dot. With getaddrinfo each
 * candidate is an A + AAAA pair.
 *
 * - glibc (`__res_context_search`): if the name has at least `ndots` dots (or ends in a dot) it
 *   is tried as is first; a trailing dot stops there. Then every search domain in order (`.`
 *   means the root: the name itself), then the name as is if it was not tried yet (skipped for
 *   dot-less names with `options no-tld-query`).
 * - musl (`name_from_dns_search`): a name with at least `ndots` dots or a trailing dot is only
 *   queried as is; otherwise each search domain, then the name. musl ignores a `search` line
 *   longer than its 256-byte line buffer, and `search .` makes it give up (`name..`).
 *
 * - **go** (`net/dnsclient_unix.go` `nameList`): a rooted name alone; with at least `ndots`
 *   dots the name first, then the search domains; otherwise the search domains, then the name.
 *   A search entry `.` is dropped (`dnsReadConfig`); candidates over 254 characters or ending
 *   in `.onion` (any letter case) are skipped one by one.
 *
 * `ndots` comes from `options` (default 1, capped at 15). Note glibc continues after a NODATA
 * answer while musl stops (see the package docs).
 *
 * @example
 * ```ts
 * const conf = parseResolvConf('search foo.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
 * searchCandidates('kubernetes.default', conf, { resolver: 'glibc' });
 * // ['kubernetes.default.foo.svc.cluster.local.', 'kubernetes.default.svc.cluster.local.', 'kubernetes.default.cluster.local.', 'kubernetes.default.']
 * searchCandidates('a.b.c.d.e.f', conf, { resolver: 'musl' }); // ['a.b.c.d.e.f.']
 * ```
 */
export function searchCandidates(
  name: string,
  conf: ResolvConf,
  options: SearchCandidatesOptions = {},
): string[] {
  if (typeof name !== 'string')
    throw new DnsError('INVALID_INPUT', `name must be a string, got ${describeValue(name)}`, ['name']);
  const checked = checkResolvConf(conf, 'searchCandidates');
  const opts: unknown = options;
  if (opts !== undefined && opts !== null && typeof opts !== 'object') {
    throw new DnsError('INVALID_INPUT', `options must be an object, got ${describeValue(opts)}`, ['options']);
  }
  const resolver: unknown = options?.resolver ?? 'glibc';
  if (resolver !== 'glibc' && resolver !== 'musl' && resolver !== 'go') {
    throw new DnsError(
      'INVALID_INPUT',
      `resolver must be "glibc", "musl" or "go", got ${describeValue(resolver)}`,
      ['resolver'],
    );
  }
  if (name === '' || name === '.') return resolver === 'musl' ? [] : ['.'];
  if (resolver === 'musl') return musl(name, checked);
  if (resolver === 'go') return go(name, checked);
  return glibc(name, checked);
}
