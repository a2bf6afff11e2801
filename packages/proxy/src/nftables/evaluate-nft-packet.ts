import { canonicalIp, cidrContains, ipFamily } from '../internal/ip.ts';
import type { ModeEvaluation, ModePacket, NormalisedPacket } from '../modes/evaluation.ts';
import { normalisePacket } from '../modes/evaluation.ts';
import { ProxyError } from '../proxy-error.ts';
import type { NftChain, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';

// The rule fragments kube-proxy writes, as pkg/proxy/nftables/helpers_test.go's tracer reads them.
const destIPOnlyLookup = /^ip6? daddr @(\S+)/;
const srcIPOnlyLookup = /^ip6? saddr @(\S+)/;
const destLookup = /^ip6? daddr \. meta l4proto \. th dport @(\S+)/;
const destPortLookup = /^meta l4proto \. th dport @(\S+)/;
const destDispatch = /^ip6? daddr \. meta l4proto \. th dport vmap @(\S+)$/;
const destPortDispatch = /^meta l4proto \. th dport vmap @(\S+)$/;
const destAddrSet = /^ip6? daddr (!= )?\{([^}]*)\}/;
const destAddr = /^ip6? daddr (!= )?(\S+)/;
const destLocal = /^fib daddr type local/;
const destPortLiteral = /^(tcp|udp|sctp) dport (\d+)/;
const srcAddrSet = /^ip6? saddr (!= )?\{([^}]*)\}/;
const srcAddr = /^ip6? saddr (!= )?(\S+)/;
const srcLocal = /^fib saddr type local/;
const iifMatch = /^iif (!= )?(\S+)/;
const endpointVmap = /^numgen random mod \d+ vmap \{(.*)\}$/;
const endpointVmapEntry = /^\d+ : goto (\S+)$/;
const masqueradeJump = /^jump mark-for-masquerade$/;
const jump = /^(jump|goto) (\S+)$/;
const ret = /^return$/;
const verdictRe = /^(drop|reject)$/;
const dnat = /^meta l4proto (tcp|udp|sctp) dnat to (\S+)$/;
const ctStateNew = /^ct state new\s*/;

interface Output {
  readonly target: string;
  readonly probability: number;
}

interface Tracer {
  readonly table: NftTable;
  readonly chains: ReadonlyMap<string, NftChain>;
  readonly sets: ReadonlyMap<string, NftSet>;
  readonly local: ReadonlySet<string>;
  readonly outputs: Output[];
  masq: boolean;
  depth: number;
}

function addressMatches(ip: string, wantMatch: boolean, ruleAddress: string): boolean {
  const match = ruleAddress.includes('/') ? cidrContains(ruleAddress, ip) : canonicalIp(ruleAddress) === ip;
  return match === wantMatch;
}

function setMatches(ip: string, wantMatch: boolean, list: string): boolean {
  const any = list
    .replaceAll(' ', '')
    .split(',')
    .filter((a) => a !== '')
    .some((a) => addressMatches(ip, true, a));
  return any === wantMatch;
}

function findDest(set: NftSet | undefined, p: NormalisedPacket, destIP: string) {
  return set?.elements.find(
    (e) =>
      canonicalIp(e.key[0] ?? '') === destIP && e.key[1] === p.protocol && e.key[2] === String(p.destPort),
  );
}

function findDestPort(set: NftSet | undefined, p: NormalisedPacket) {
  return set?.elements.find((e) => e.key[0] === p.protocol && e.key[1] === String(p.destPort));
}

function runChain(t: Tracer, name: string, p: NormalisedPacket, destIP: string, prob: number): boolean {
  const chain = t.chains.get(name);
  if (chain === undefined || t.depth > 64) return true;
  t.depth++;
  try {
    for (const r of chain.rules) {
      let rule = r.rule.replace(ctStateNew, '');
      while (rule !== '') {
        rule = rule.trimStart();
        let m: RegExpExecArray | null;
        if ((m = destIPOnlyLookup.exec(rule))) {
          rule = rule.slice(m[0].length);
          const set = t.sets.get(m[1]!);
          if (!set?.elements.some((e) => canonicalIp(e.key[0] ?? '') === destIP)) rule = '';
        } else if ((m = srcIPOnlyLookup.exec(rule))) {
          rule = rule.slice(m[0].length);
          const set = t.sets.get(m[1]!);
          if (!set?.elements.some((e) => canonicalIp(e.key[0] ?? '') === p.sourceIP)) rule = '';
        } else if ((m = destLookup.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (findDest(t.sets.get(m[1]!), p, destIP) === undefined) rule = '';
        } else if ((m = destPortLookup.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (findDestPort(t.sets.get(m[1]!), p) === undefined) rule = '';
        } else if ((m = destDispatch.exec(rule))) {
          const el = findDest(t.sets.get(m[1]!), p, destIP);
          rule = el?.value?.[0] ?? '';
        } else if ((m = destPortDispatch.exec(rule))) {
          const el = findDestPort(t.sets.get(m[1]!), p);
          rule = el?.value?.[0] ?? '';
        } else if ((m = destAddrSet.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!setMatches(destIP, m[1] !== '!= ', m[2]!)) rule = '';
        } else if ((m = destAddr.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!addressMatches(destIP, m[1] !== '!= ', m[2]!)) rule = '';
        } else if ((m = destLocal.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!t.local.has(destIP)) rule = '';
        } else if ((m = destPortLiteral.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (p.protocol !== m[1] || String(p.destPort) !== m[2]) rule = '';
        } else if ((m = srcAddrSet.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!setMatches(p.sourceIP, m[1] !== '!= ', m[2]!)) rule = '';
        } else if ((m = srcAddr.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!addressMatches(p.sourceIP, m[1] !== '!= ', m[2]!)) rule = '';
        } else if ((m = srcLocal.exec(rule))) {
          rule = rule.slice(m[0].length);
          if (!t.local.has(p.sourceIP)) rule = '';
        } else if ((m = iifMatch.exec(rule))) {
          // A packet has no input interface here: treat it as arriving from outside.
          rule = rule.slice(m[0].length);
          if (m[1] !== '!= ') rule = '';
        } else if (masqueradeJump.test(rule)) {
          t.masq = true;
          rule = '';
        } else if ((m = jump.exec(rule))) {
          const terminated = runChain(t, m[2]!, p, destIP, prob);
          if (terminated) return true;
          if (m[1] === 'goto') return false;
          rule = '';
        } else if ((m = verdictRe.exec(rule))) {
          t.outputs.push({ target: m[1]!.toUpperCase(), probability: prob });
          return true;
        } else if (ret.test(rule)) {
          return false;
        } else if ((m = dnat.exec(rule))) {
          t.outputs.push({ target: m[2]!, probability: prob });
          return true;
        } else if ((m = endpointVmap.exec(rule))) {
          // `{ 0 : goto a , 1 : goto b }`: split first (a global `\d+ : goto` scan backtracks on digit runs)
          const targets: string[] = [];
          for (const entry of m[1]!.split(',')) {
            const e = endpointVmapEntry.exec(entry.trim());
            if (e !== null) targets.push(e[1]!);
          }
          for (const target of targets) runChain(t, target, p, destIP, prob / targets.length);
          return true;
        } else {
          // An affinity update (`update @set { ip saddr }`: the sets stay empty for a new client) or a
          // rule kube-proxy does not write: either way the walk goes on with the next rule.
          rule = '';
        }
      }
    }
    return false;
  } finally {
    t.depth--;
  }
}

function endpointHost(endpoint: string): string {
  if (endpoint.startsWith('[')) return endpoint.slice(1, endpoint.indexOf(']'));
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 ? endpoint : endpoint.slice(0, colon);
}

/**
 * Traces the first packet of a connection through kube-proxy's nftables rules the way
 * `pkg/proxy/nftables/helpers_test.go` (`tracePacket`) does: `filter-prerouting-pre-dnat`, then
 * `nat-prerouting` (following every `numgen` branch), then `filter-input` when the (DNATed)
 * destination is a local address or `filter-forward` otherwise. Affinity sets are empty (a new
 * client); `iif` matches see a packet from outside.
 *
 * @example
 * ```ts
 * const r = evaluateNftPacket(nftablesRules(input), { sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, protocol: 'TCP' });
 * r.verdict; // 'DNAT'
 * r.candidates; // [{ endpoint: '10.180.0.1:80', probability: 1 }]
 * ```
 */
export function evaluateNftPacket(rules: NftRuleset, packet: ModePacket): ModeEvaluation {
  if (typeof rules !== 'object' || rules === null || !Array.isArray((rules as { tables?: unknown }).tables)) {
    throw new ProxyError('INVALID_RULESET', 'rules must be an NftRuleset (from nftablesRules)');
  }
  const p = normalisePacket(packet);
  const family = ipFamily(p.destIP) === 6 ? 'ip6' : 'ip';
  const table = rules.tables.find((tb) => tb.family === family);
  if (table === undefined) return { verdict: 'NONE', candidates: [], masquerade: false };
  const local = new Set<string>();
  for (const a of Array.isArray(rules.localAddresses) ? rules.localAddresses : []) {
    const c = canonicalIp(a);
    if (c !== null) local.add(c);
  }
  const t: Tracer = {
    table,
    chains: new Map(table.chains.map((c) => [c.name, c])),
    sets: new Map(table.sets.map((s) => [s.name, s])),
    local,
    outputs: [],
    masq: false,
    depth: 0,
  };
  const pre = t.chains.has('filter-prerouting-pre-dnat') ? 'filter-prerouting-pre-dnat' : 'filter-prerouting';
  const terminated = runChain(t, pre, p, p.destIP, 1);
  if (!terminated) {
    runChain(t, 'nat-prerouting', p, p.destIP, 1);
    const first = t.outputs[0];
    const destIP = first === undefined ? p.destIP : endpointHost(first.target);
    const before = t.outputs.length;
    // Routing after DNAT: a local destination goes through filter-input, anything else through
    // filter-forward. (The upstream tracer runs both; for a DNAT to another node's endpoint that
    // would wrongly apply input-only rules such as nodeport-endpoints-check.)
    runChain(t, local.has(destIP) ? 'filter-input' : 'filter-forward', p, destIP, 1);
    if (before > 0 && t.outputs.length > before && t.outputs[before]?.target !== undefined) {
      // A filter verdict after DNAT wins over the DNAT (kube-proxy never writes one).
      const v = t.outputs[before]!.target;
      if (v === 'DROP' || v === 'REJECT') return { verdict: v, candidates: [], masquerade: t.masq };
    }
  }
  const first = t.outputs[0];
  if (first === undefined) return { verdict: 'NONE', candidates: [], masquerade: t.masq };
  if (first.target === 'DROP' || first.target === 'REJECT') {
    return { verdict: first.target, candidates: [], masquerade: t.masq };
  }
  const merged = new Map<string, number>();
  for (const o of t.outputs) {
    if (o.target === 'DROP' || o.target === 'REJECT') continue;
    merged.set(o.target, (merged.get(o.target) ?? 0) + o.probability);
  }
  return {
    verdict: 'DNAT',
    candidates: [...merged].map(([endpoint, probability]) => ({ endpoint, probability })),
    masquerade: t.masq,
  };
}
