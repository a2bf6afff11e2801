import { canonicalIp, cidrContains, ipFamily } from '../internal/ip.ts';
import type { ModeEvaluation, ModePacket, NormalisedPacket } from '../modes/evaluation.ts';
import { normalisePacket } from '../modes/evaluation.ts';
import { joinHostPort } from '../modes/mode-model.ts';
import { ProxyError } from '../proxy-error.ts';
import type { IpvsRuleset } from './ipvs-ruleset.ts';

type Rule = readonly string[];

interface Ctx {
  readonly p: NormalisedPacket;
  readonly destIP: string;
  readonly destPort: number;
  readonly chains: ReadonlyMap<string, Rule[]>;
  readonly sets: ReadonlyMap<string, { readonly type: string; readonly entries: ReadonlySet<string> }>;
  readonly local: ReadonlySet<string>;
  masq: boolean;
}

function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let has = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      has = true;
    } else if (ch === ' ' && !quoted) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

function index(rules: IpvsRuleset, table: string): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const t of rules.iptables.tables) {
    if (t.name !== table) continue;
    for (const line of t.lines) {
      if (line.kind !== 'rule') continue;
      const w = words(line.text);
      const chain = w[1] ?? '';
      let list = out.get(chain);
      if (list === undefined) {
        list = [];
        out.set(chain, list);
      }
      list.push(w.slice(2));
    }
  }
  return out;
}

function setMatch(ctx: Ctx, name: string, dirs: string, srcIP: string): boolean {
  const set = ctx.sets.get(name);
  if (set === undefined) return false;
  const proto = ctx.p.protocol;
  const d = dirs.split(',');
  const ipOf = (dir: string | undefined): string => (dir === 'src' ? srcIP : ctx.destIP);
  switch (set.type) {
    case 'bitmap:port':
      return set.entries.has(String(ctx.destPort));
    case 'hash:ip':
      return set.entries.has(ipOf(d[0]));
    case 'hash:ip,port':
      return set.entries.has(`${ipOf(d[0])},${proto}:${ctx.destPort}`);
    case 'hash:ip,port,ip':
      return set.entries.has(`${ipOf(d[0])},${proto}:${ctx.destPort},${ipOf(d[2])}`);
    case 'hash:ip,port,net': {
      const prefix = `${ipOf(d[0])},${proto}:${ctx.destPort},`;
      for (const e of set.entries) {
        if (e.startsWith(prefix) && cidrContains(e.slice(prefix.length), ipOf(d[2]))) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

/** Walks a chain; returns the terminating target (`ACCEPT`, `DROP`, `REJECT`, `MASQUERADE`) or `null`. */
function walk(ctx: Ctx, chain: string, depth = 0): string | null {
  if (depth > 16) return null;
  for (const rule of ctx.chains.get(chain) ?? []) {
    let ok = true;
    let target = '';
    for (let i = 0; i < rule.length && ok; i++) {
      const w = rule[i];
      let negate = false;
      let tok = w;
      if (tok === '!') {
        negate = true;
        i++;
        tok = rule[i];
      }
      switch (tok) {
        case '-m':
          i++;
          if (rule[i] === 'set') {
            const name = rule[i + 2] ?? '';
            const dirs = rule[i + 3] ?? '';
            ok = setMatch(ctx, name, dirs, ctx.p.sourceIP);
            i += 3;
          }
          break;
        case '--comment':
          i++;
          break;
        case '-s':
        case '-d': {
          const v = rule[++i] ?? '';
          const ip = tok === '-s' ? ctx.p.sourceIP : ctx.destIP;
          const m = v.includes('/') ? cidrContains(v, ip) : canonicalIp(v) === ip;
          ok = m !== negate;
          break;
        }
        case '-p':
          ok = (rule[++i] === ctx.p.protocol) !== negate;
          break;
        case '-i':
          // No input interface on the packet: it arrived from outside the pod network.
          i++;
          ok = negate;
          break;
        case '--src-type':
        case '--dst-type': {
          i++;
          const ip = tok === '--src-type' ? ctx.p.sourceIP : ctx.destIP;
          ok = ctx.local.has(ip) !== negate;
          break;
        }
        case '--physdev-is-in':
          // Bridged (pod) traffic is not modelled: treat every packet as not bridged.
          ok = negate;
          break;
        case '--ctstate':
          ok = (rule[++i] ?? '').split(',').includes('NEW') !== negate;
          break;
        case '--vaddr':
          ok = canonicalIp(rule[++i] ?? '') === ctx.destIP;
          break;
        case '--vproto':
          ok = rule[++i] === ctx.p.protocol;
          break;
        case '--vport':
          ok = rule[++i] === String(ctx.destPort);
          break;
        case '--mark':
          // The packet mark is not tracked here: treat it as unset.
          i++;
          ok = negate;
          break;
        case '-j':
          target = rule[++i] ?? '';
          i = rule.length;
          break;
        default:
          break;
      }
    }
    if (!ok) continue;
    if (target === 'RETURN') return null;
    if (target === 'KUBE-MARK-MASQ') {
      ctx.masq = true;
      continue;
    }
    if (target === 'ACCEPT' || target === 'DROP' || target === 'REJECT' || target === 'MASQUERADE')
      return target;
    if (ctx.chains.has(target)) {
      const r = walk(ctx, target, depth + 1);
      if (r !== null) return r;
    }
  }
  return null;
}

/**
 * What ipvs mode does with the first packet of a connection: nat `KUBE-SERVICES` (masquerade
 * marks), filter `INPUT` (`KUBE-IPVS-FILTER`, `KUBE-PROXY-FIREWALL`, `KUBE-NODE-PORT`), then the
 * IPVS virtual server for the destination (every real server a candidate, by weight; a virtual
 * server without real servers answers ICMP port-unreachable, reported as `REJECT`), and the
 * hairpin `KUBE-LOOP-BACK` masquerade in POSTROUTING. Same result shape as `evaluatePacket`.
 *
 * @example
 * ```ts
 * evaluateIpvsPacket(ipvsRules(input), { sourceIP: '10.0.0.2', destIP: '10.20.30.41', destPort: 80, protocol: 'TCP' });
 * // { verdict: 'DNAT', candidates: [{ endpoint: '10.180.0.1:80', probability: 1 }], masquerade: false }
 * ```
 */
export function evaluateIpvsPacket(rules: IpvsRuleset, packet: ModePacket): ModeEvaluation {
  const raw = rules as unknown as Record<string, unknown> | null;
  const ipt =
    typeof raw === 'object' && raw !== null ? (raw.iptables as Record<string, unknown> | null) : null;
  if (
    typeof raw !== 'object' ||
    raw === null ||
    !Array.isArray(raw.virtualServers) ||
    !Array.isArray(raw.ipsetDefinitions) ||
    typeof ipt !== 'object' ||
    ipt === null ||
    !Array.isArray(ipt.tables)
  ) {
    throw new ProxyError('INVALID_RULESET', 'rules must be an IpvsRuleset (from ipvsRules)');
  }
  const p = normalisePacket(packet);
  const none: ModeEvaluation = { verdict: 'NONE', candidates: [], masquerade: false };
  if (ipFamily(p.destIP) !== rules.family) return none;
  const sets = new Map<string, { type: string; entries: ReadonlySet<string> }>();
  for (const def of rules.ipsetDefinitions)
    sets.set(def.name, { type: def.type, entries: new Set(def.entries) });
  const local = new Set<string>(['127.0.0.1', '::1', ...rules.nodeIPs, ...rules.boundAddresses]);
  const nat: Ctx = {
    p,
    destIP: p.destIP,
    destPort: p.destPort,
    chains: index(rules, 'nat'),
    sets,
    local,
    masq: false,
  };
  walk(nat, 'KUBE-SERVICES');
  const filter: Ctx = { ...nat, chains: index(rules, 'filter'), masq: false };
  // INPUT: the jumps are prepended, so the last ensured runs first.
  let accepted = false;
  for (const chain of ['KUBE-IPVS-FILTER', 'KUBE-PROXY-FIREWALL', 'KUBE-NODE-PORT']) {
    const v = walk(filter, chain);
    if (v === 'DROP' || v === 'REJECT') return { verdict: v, candidates: [], masquerade: nat.masq };
    if (v === 'ACCEPT') {
      accepted = true;
      break;
    }
  }
  const vs = rules.virtualServers.find(
    (v) => v.address === p.destIP && v.port === p.destPort && v.protocol.toLowerCase() === p.protocol,
  );
  if (vs === undefined) return accepted ? { verdict: 'ACCEPT', candidates: [], masquerade: false } : none;
  // Node-originated traffic to a load-balancer IP the node may not reach (KUBE-IPVS-OUT-FILTER).
  if (local.has(p.sourceIP)) {
    const out: Ctx = { ...filter, masq: false };
    if (walk(out, 'KUBE-IPVS-OUT-FILTER') === 'DROP')
      return { verdict: 'DROP', candidates: [], masquerade: nat.masq };
  }
  if (vs.realServers.length === 0) return { verdict: 'REJECT', candidates: [], masquerade: nat.masq };
  const total = vs.realServers.reduce((s, r) => s + r.weight, 0);
  let masq = nat.masq;
  const post = { ...nat, chains: nat.chains, masq: false };
  for (const rs of vs.realServers) {
    // POSTROUTING after DNAT: KUBE-LOOP-BACK matches dst ip,port and src == endpoint (hairpin).
    const after: Ctx = { ...post, destIP: rs.address, destPort: rs.port };
    if (walk(after, 'KUBE-POSTROUTING') === 'MASQUERADE') masq = true;
  }
  return {
    verdict: 'DNAT',
    candidates: vs.realServers.map((rs) => ({
      endpoint: joinHostPort(rs.address, rs.port),
      probability: total > 0 ? rs.weight / total : 1 / vs.realServers.length,
    })),
    masquerade: masq,
  };
}
