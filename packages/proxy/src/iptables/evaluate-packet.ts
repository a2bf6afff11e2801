import { cidrContains, formatIp, parseCidrSloppy, parseIpSloppy } from '../internal/ip.ts';
import { evaluateIpvsPacket } from '../ipvs/evaluate-ipvs-packet.ts';
import type { IpvsRuleset } from '../ipvs/ipvs-ruleset.ts';
import type { ModeEvaluation } from '../modes/evaluation.ts';
import { evaluateNftPacket } from '../nftables/evaluate-nft-packet.ts';
import type { NftRuleset } from '../nftables/nft-ruleset.ts';
import { ProxyError } from '../proxy-error.ts';
import { assertRuleset } from './assert-ruleset.ts';
import { type IptablesRule, parseIptablesRule, type RuleValue } from './parse-iptables-rule.ts';
import type { Ruleset } from './ruleset.ts';

/** A packet to trace. */
export interface Packet {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  /** `TCP`, `UDP` or `SCTP` (either case; default TCP). */
  readonly protocol?: string;
  /** The input interface, to evaluate `-i` matches; when absent `-i` matches are assumed to match. */
  readonly inInterface?: string;
  /** The node's own addresses (LOCAL), when the ruleset does not carry them (parsed dumps). */
  readonly localIPs?: readonly string[];
}

/** Options for {@link evaluatePacket}. */
export interface EvaluateOptions {
  /** Addresses `--src-type/--dst-type LOCAL` match, besides 127.0.0.1 and ::1 (default: the ruleset's `localIPs`). */
  readonly localIPs?: readonly string[];
}

/** What kube-proxy's rules do with a packet. */
export type Verdict = 'DNAT' | 'ACCEPT' | 'REJECT' | 'DROP' | 'NONE';

/** One possible DNAT destination and its chance. */
export interface Candidate {
  /** `ip:port` (IPv6 `[ip]:port`) as in `--to-destination`. */
  readonly endpoint: string;
  readonly probability: number;
}

/** The outcome of {@link evaluatePacket}. */
export interface PacketResult {
  readonly verdict: Verdict;
  /** DNAT destinations in rule order (empty unless `verdict` is `DNAT`). */
  readonly candidates: readonly Candidate[];
  /** Whether the packet was marked for masquerading (KUBE-MARK-MASQ). */
  readonly masquerade: boolean;
  /** The rules that matched, in walk order (for debugging). */
  readonly matchedRules: readonly string[];
}

/** One chain's rules, with a per-destination subset for long chains (see {@link rulesFor}). */
interface ChainRules {
  readonly all: IptablesRule[];
  /** Per rule: its exact, non-negated single-address `-d` in normal form, or null when it has none. */
  readonly dest: (string | null)[];
  /** Memo of `rulesFor(chain, destIP)` for long chains. */
  readonly byDest: Map<string, IptablesRule[]>;
}

type ChainIndex = Map<string, ChainRules>;

/** The parsed and indexed tables of a ruleset, built once per ruleset value (rulesets are immutable). */
interface CompiledRuleset {
  readonly nat: ChainIndex;
  readonly filter: ChainIndex;
  /** Whether the nat table has a PREROUTING chain (declared or with rules): a dump of a real node. */
  readonly prerouting: boolean;
}

const compiled = new WeakMap<Ruleset, CompiledRuleset>();

/** Validates and indexes a ruleset on first use; later calls with the same value reuse the index. */
function compile(ruleset: Ruleset): CompiledRuleset {
  if (typeof ruleset === 'object' && ruleset !== null) {
    const known = compiled.get(ruleset);
    if (known !== undefined) return known;
  }
  assertRuleset(ruleset);
  const c = {
    nat: indexTable(ruleset, 'nat'),
    filter: indexTable(ruleset, 'filter'),
    prerouting: ruleset.tables.some(
      (t) => t.name === 'nat' && t.lines.some((l) => l.kind !== 'other' && l.chain === 'PREROUTING'),
    ),
  };
  compiled.set(ruleset, c);
  return c;
}

function indexTable(ruleset: Ruleset, table: string): ChainIndex {
  const index: ChainIndex = new Map();
  for (const t of ruleset.tables) {
    if (t.name !== table) continue;
    for (const line of t.lines) {
      if (line.kind !== 'rule') continue;
      let entry = index.get(line.chain);
      if (entry === undefined) {
        entry = { all: [], dest: [], byDest: new Map() };
        index.set(line.chain, entry);
      }
      const rule = parseIptablesRule(line.text);
      entry.all.push(rule);
      const d = rule.destination;
      entry.dest.push(d !== undefined && !d.negated && !d.value.includes('/') ? normalizeIp(d.value) : null);
    }
  }
  return index;
}

/** Chains shorter than this are walked whole; longer ones (KUBE-SERVICES) through a per-destination subset. */
const SUBSET_MIN = 64;
/** At most this many destinations are remembered per chain. */
const SUBSET_MEMO = 4096;

/**
 * The rules of a chain that can match a packet to `destIP`, in chain order: every rule except those whose
 * exact `-d` address is another one. Equivalent to walking the whole chain, since such rules never match.
 */
function rulesFor(entry: ChainRules, destIP: string): IptablesRule[] {
  if (entry.all.length < SUBSET_MIN) return entry.all;
  let subset = entry.byDest.get(destIP);
  if (subset === undefined) {
    subset = [];
    for (let i = 0; i < entry.all.length; i++) {
      const d = entry.dest[i];
      if (d === null || d === destIP) subset.push(entry.all[i] as IptablesRule);
    }
    if (entry.byDest.size < SUBSET_MEMO) entry.byDest.set(destIP, subset);
  }
  return subset;
}

function normalizeIp(text: string): string {
  const ip = parseIpSloppy(text);
  return ip === undefined ? text : formatIp(ip);
}

function addressMatches(value: RuleValue, ipText: string): boolean {
  const ip = parseIpSloppy(ipText);
  let matches = false;
  if (ip !== undefined) {
    if (value.value.includes('/')) {
      const cidr = parseCidrSloppy(value.value);
      matches = cidr !== undefined && cidrContains(cidr, ip);
    } else {
      const other = parseIpSloppy(value.value);
      matches = other !== undefined && formatIp(other) === formatIp(ip) && other.family === ip.family;
    }
  }
  return value.negated ? !matches : matches;
}

function valueMatches(value: RuleValue, actual: string): boolean {
  return value.negated ? value.value !== actual : value.value === actual;
}

function portMatches(value: RuleValue, port: number): boolean {
  const colon = value.value.indexOf(':');
  let matches: boolean;
  if (colon >= 0) {
    const lo = colon === 0 ? 0 : Number(value.value.slice(0, colon));
    const hi = colon === value.value.length - 1 ? 65535 : Number(value.value.slice(colon + 1));
    matches = port >= lo && port <= hi;
  } else {
    matches = Number(value.value) === port;
  }
  return value.negated ? !matches : matches;
}

function interfaceMatches(value: RuleValue, iface: string): boolean {
  const v = value.value;
  const matches = v.endsWith('+') ? iface.startsWith(v.slice(0, -1)) : iface === v;
  return value.negated ? !matches : matches;
}

interface Tracer {
  readonly local: ReadonlySet<string>;
  readonly packet: Packet;
  readonly protocol: string;
  destIP: string;
  masquerade: boolean;
  readonly matched: string[];
  /** Terminal targets reached: `dnat` outputs carry the `--to-destination`, others the verdict. */
  readonly outputs: { target: string; mass: number; dnat: boolean }[];
}

function ruleMatches(tr: Tracer, rule: IptablesRule): boolean {
  const src = tr.packet.sourceIP;
  if (rule.source !== undefined && !addressMatches(rule.source, src)) return false;
  if (
    rule.sourceType !== undefined &&
    !valueMatches(rule.sourceType, tr.local.has(src) ? 'LOCAL' : 'not-matched')
  ) {
    return false;
  }
  if (rule.protocol !== undefined && !valueMatches(rule.protocol, tr.protocol)) return false;
  if (rule.destination !== undefined && !addressMatches(rule.destination, tr.destIP)) return false;
  if (
    rule.destinationType !== undefined &&
    !valueMatches(rule.destinationType, tr.local.has(tr.destIP) ? 'LOCAL' : 'not-matched')
  ) {
    return false;
  }
  if (rule.destinationPort !== undefined && !portMatches(rule.destinationPort, tr.packet.destPort))
    return false;
  if (rule.inInterface !== undefined && tr.packet.inInterface !== undefined) {
    if (!interfaceMatches(rule.inInterface, tr.packet.inInterface)) return false;
  }
  // Rules that check past state (affinity, marks, conntrack) do not match a new packet.
  if (rule.affinityCheck !== undefined || rule.markCheck !== undefined || rule.ctstateCheck !== undefined)
    return false;
  return true;
}

const MAX_DEPTH = 64;

/** Walks one chain; returns the probability mass that hit a terminal target inside it. */
function runChain(tr: Tracer, index: ChainIndex, chain: string, mass: number, depth: number): number {
  const entry = index.get(chain);
  if (entry === undefined || depth > MAX_DEPTH) return 0;
  const rules = rulesFor(entry, tr.destIP);
  let remaining = mass;
  let terminatedMass = 0;
  for (const rule of rules) {
    const target = rule.jump ?? rule.gotoChain;
    if (target === undefined) continue;
    if (!ruleMatches(tr, rule)) continue;
    tr.matched.push(rule.raw);
    const p = rule.probability === undefined ? 1 : Math.min(1, Math.max(0, Number(rule.probability)));
    const branch = remaining * p;
    switch (target) {
      case 'KUBE-MARK-MASQ':
        tr.masquerade = true;
        continue;
      case 'ACCEPT':
      case 'REJECT':
      case 'DROP':
      case 'DNAT': {
        const dnat = target === 'DNAT';
        tr.outputs.push({ target: dnat ? (rule.dnatDestination ?? '') : target, mass: branch, dnat });
        // A terminal target under `-m statistic` takes its share; the rest goes on down the chain.
        if (rule.probability === undefined) return terminatedMass + branch;
        terminatedMass += branch;
        remaining -= branch;
        continue;
      }
      case 'RETURN':
        return terminatedMass;
      case 'MARK':
      case 'MASQUERADE':
      case 'SNAT':
      case 'LOG':
      case 'CONNMARK':
        continue;
      default: {
        const hit = runChain(tr, index, target, branch, depth + 1);
        if (hit > 0 && rule.probability === undefined) return terminatedMass + hit;
        terminatedMass += hit;
        remaining -= hit;
        if (rule.gotoChain !== undefined && rule.probability === undefined) return terminatedMass;
      }
    }
  }
  return terminatedMass;
}

/**
 * Node addresses named by `-d ADDR -j KUBE-NODEPORTS` rules (written when `--nodeport-addresses`
 * is set): the only LOCAL addresses a dump without node information reveals.
 */
function inferLocalIPs(nat: ChainIndex): string[] {
  const out: string[] = [];
  for (const rule of nat.get('KUBE-SERVICES')?.all ?? []) {
    const d = rule.destination;
    if (rule.jump === 'KUBE-NODEPORTS' && d !== undefined && !d.negated) {
      const text =
        d.value.endsWith('/32') || d.value.endsWith('/128')
          ? d.value.slice(0, d.value.indexOf('/'))
          : d.value;
      if (!text.includes('/')) out.push(text);
    }
  }
  return out;
}

function splitHostPort(endpoint: string): string {
  if (endpoint.startsWith('[')) {
    const end = endpoint.indexOf(']');
    return end < 0 ? endpoint : endpoint.slice(1, end);
  }
  const colon = endpoint.indexOf(':');
  return colon < 0 ? endpoint : endpoint.slice(0, colon);
}

/**
 * Walks a packet through kube-proxy's rules for any of the three modes, dispatching on the ruleset
 * kind: an iptables {@link Ruleset} (from `iptablesRules` or `parseIptablesSave`), an `IpvsRuleset`
 * (`kind: 'ipvs'`, from `ipvsRules` or `parseIpvsadmSave`) or an `NftRuleset` (`kind: 'nftables'`,
 * from `nftablesRules` or `parseNft`). Every mode answers `{ verdict, candidates, masquerade }`;
 * iptables also lists the `matchedRules` and honours `options`.
 *
 * @example
 * ```ts
 * const packet = { sourceIP: '10.244.1.9', destIP: '10.96.0.20', destPort: 80 };
 * evaluatePacket(iptablesRules(input), packet).candidates; // [{ endpoint: '10.244.1.5:8080', probability: 0.5 }, …]
 * evaluatePacket(nftablesRules(input), packet).verdict; // 'DNAT'
 * ```
 */
export function evaluatePacket(
  ruleset: IpvsRuleset | NftRuleset,
  packet: Packet,
  options?: EvaluateOptions,
): ModeEvaluation;
export function evaluatePacket(ruleset: Ruleset, packet: Packet, options?: EvaluateOptions): PacketResult;
export function evaluatePacket(
  ruleset: Ruleset | IpvsRuleset | NftRuleset,
  packet: Packet,
  options?: EvaluateOptions,
): PacketResult | ModeEvaluation;
export function evaluatePacket(
  ruleset: Ruleset | IpvsRuleset | NftRuleset,
  packet: Packet,
  options: EvaluateOptions = {},
): PacketResult | ModeEvaluation {
  const kind =
    typeof ruleset === 'object' && ruleset !== null
      ? (ruleset as { readonly kind?: unknown }).kind
      : undefined;
  if (kind === 'ipvs') return evaluateIpvsPacket(ruleset as IpvsRuleset, packet);
  if (kind === 'nftables') return evaluateNftPacket(ruleset as NftRuleset, packet);
  return evaluateIptablesPacket(ruleset as Ruleset, packet, options);
}

/**
 * Traces a packet through a ruleset the way kube-proxy's unit-test tracer does
 * (`tracePacket` in pkg/proxy/iptables/proxier_test.go): nat `PREROUTING` (or nat `KUBE-SERVICES`
 * when the ruleset has no built-in chains, as generated rulesets do), then — with the destination
 * rewritten to the first DNAT target — filter `KUBE-SERVICES`, `KUBE-EXTERNAL-SERVICES`,
 * `KUBE-NODEPORTS` and `KUBE-PROXY-FIREWALL`. Probabilistic jumps are all followed and weighted, so
 * `candidates` lists every endpoint with its chance; rules checking affinity, marks or conntrack
 * state never match. A filter DROP/REJECT wins over DNAT. LOCAL addresses are the node IPs plus
 * 127.0.0.1 and ::1: `options.localIPs`, else `packet.localIPs`, else the ruleset's own `localIPs`
 * (generated rulesets carry them), else the addresses of `-d ADDR -j KUBE-NODEPORTS` rules.
 *
 * @example
 * ```ts
 * const r = evaluatePacket(ruleset, { sourceIP: '10.0.0.2', destIP: '172.30.0.44', destPort: 80, protocol: 'TCP' });
 * r.verdict;    // 'DNAT'
 * r.candidates; // [{ endpoint: '10.180.0.4:80', probability: 0.5 }, { endpoint: '10.180.0.5:80', probability: 0.5 }]
 * ```
 */
function evaluateIptablesPacket(
  ruleset: Ruleset,
  packet: Packet,
  options: EvaluateOptions = {},
): PacketResult {
  const { nat, filter, prerouting } = compile(ruleset);
  if (typeof packet !== 'object' || packet === null) {
    throw new ProxyError('INVALID_PACKET', 'packet must be an object');
  }
  for (const key of ['sourceIP', 'destIP'] as const) {
    if (parseIpSloppy(packet[key]) === undefined) {
      throw new ProxyError(
        'INVALID_ADDRESS',
        `packet.${key} ${JSON.stringify(packet[key])} is not an IP address`,
        [key],
      );
    }
  }
  if (
    typeof packet.destPort !== 'number' ||
    !Number.isInteger(packet.destPort) ||
    packet.destPort < 0 ||
    packet.destPort > 65535
  ) {
    throw new ProxyError('INVALID_PORT', `packet.destPort ${JSON.stringify(packet.destPort)} is not a port`, [
      'destPort',
    ]);
  }
  const protocol = (packet.protocol ?? 'TCP').toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
    throw new ProxyError(
      'INVALID_PROTOCOL',
      `packet.protocol ${JSON.stringify(packet.protocol)} must be TCP, UDP or SCTP`,
      ['protocol'],
    );
  }
  const local = new Set<string>(['127.0.0.1', '::1']);
  for (const ip of options.localIPs ?? packet.localIPs ?? ruleset.localIPs ?? inferLocalIPs(nat)) {
    local.add(normalizeIp(ip));
  }
  const norm: Packet = {
    ...packet,
    sourceIP: normalizeIp(packet.sourceIP),
    destIP: normalizeIp(packet.destIP),
  };
  const tr: Tracer = {
    local,
    packet: norm,
    protocol,
    destIP: norm.destIP,
    masquerade: false,
    matched: [],
    outputs: [],
  };

  runChain(tr, nat, prerouting ? 'PREROUTING' : 'KUBE-SERVICES', 1, 0);
  // A nat ACCEPT ends NAT without a DNAT; only DNAT targets are candidates.
  const natAll = tr.outputs.splice(0);
  const natOutputs = natAll.filter((o) => o.dnat);
  const first = natOutputs[0];
  if (first !== undefined) tr.destIP = normalizeIp(splitHostPort(first.target));

  for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) {
    runChain(tr, filter, chain, 1, 0);
  }
  const filterVerdicts = tr.outputs.map((o) => o.target);
  const blocking = [...natAll.filter((o) => !o.dnat).map((o) => o.target), ...filterVerdicts].find(
    (v) => v === 'DROP' || v === 'REJECT',
  );
  const candidates: Candidate[] = [];
  for (const o of natOutputs) {
    const existing = candidates.findIndex((c) => c.endpoint === o.target);
    if (existing >= 0) {
      const c = candidates[existing] as Candidate;
      candidates[existing] = { endpoint: c.endpoint, probability: c.probability + o.mass };
    } else {
      candidates.push({ endpoint: o.target, probability: o.mass });
    }
  }
  let verdict: Verdict;
  if (blocking !== undefined) verdict = blocking as Verdict;
  else if (candidates.length > 0) verdict = 'DNAT';
  else if (filterVerdicts.includes('ACCEPT')) verdict = 'ACCEPT';
  else verdict = 'NONE';
  return {
    verdict,
    candidates: verdict === 'DNAT' ? candidates : [],
    masquerade: tr.masquerade,
    matchedRules: tr.matched,
  };
}
