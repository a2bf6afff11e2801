import { assertRuleset } from './assert-ruleset.ts';
import type { IptablesLine, IptablesTable, Ruleset } from './ruleset.ts';

interface Jump {
  readonly table: 'filter' | 'nat';
  readonly from: string;
  readonly to: string;
  readonly args: string;
}

const NEW = '-m conntrack --ctstate NEW ';

/** kube-proxy's `iptablesJumpChains` (pkg/proxy/iptables/proxier.go), in ensure order. */
const JUMPS: readonly Jump[] = [
  {
    table: 'filter',
    from: 'INPUT',
    to: 'KUBE-EXTERNAL-SERVICES',
    args: `${NEW}-m comment --comment "kubernetes externally-visible service portals"`,
  },
  {
    table: 'filter',
    from: 'FORWARD',
    to: 'KUBE-EXTERNAL-SERVICES',
    args: `${NEW}-m comment --comment "kubernetes externally-visible service portals"`,
  },
  {
    table: 'filter',
    from: 'INPUT',
    to: 'KUBE-NODEPORTS',
    args: '-m comment --comment "kubernetes health check service ports"',
  },
  {
    table: 'filter',
    from: 'FORWARD',
    to: 'KUBE-SERVICES',
    args: `${NEW}-m comment --comment "kubernetes service portals"`,
  },
  {
    table: 'filter',
    from: 'OUTPUT',
    to: 'KUBE-SERVICES',
    args: `${NEW}-m comment --comment "kubernetes service portals"`,
  },
  {
    table: 'filter',
    from: 'FORWARD',
    to: 'KUBE-FORWARD',
    args: '-m comment --comment "kubernetes forwarding rules"',
  },
  {
    table: 'filter',
    from: 'INPUT',
    to: 'KUBE-PROXY-FIREWALL',
    args: `${NEW}-m comment --comment "kubernetes load balancer firewall"`,
  },
  {
    table: 'filter',
    from: 'OUTPUT',
    to: 'KUBE-PROXY-FIREWALL',
    args: `${NEW}-m comment --comment "kubernetes load balancer firewall"`,
  },
  {
    table: 'filter',
    from: 'FORWARD',
    to: 'KUBE-PROXY-FIREWALL',
    args: `${NEW}-m comment --comment "kubernetes load balancer firewall"`,
  },
  {
    table: 'nat',
    from: 'OUTPUT',
    to: 'KUBE-SERVICES',
    args: '-m comment --comment "kubernetes service portals"',
  },
  {
    table: 'nat',
    from: 'PREROUTING',
    to: 'KUBE-SERVICES',
    args: '-m comment --comment "kubernetes service portals"',
  },
  {
    table: 'nat',
    from: 'POSTROUTING',
    to: 'KUBE-POSTROUTING',
    args: '-m comment --comment "kubernetes postrouting rules"',
  },
];

const BUILTINS: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/**
 * Adds what kube-proxy keeps outside its restore input, so a ruleset reads like `iptables-save` on a
 * node: the built-in chains (`:INPUT ACCEPT [0:0]` …) and the jump rules kube-proxy ensures with
 * `iptables -I` (each prepended, so a chain lists them in reverse ensure order), after kubelet's
 * `-j KUBE-FIREWALL` jumps in INPUT and OUTPUT when the ruleset has a KUBE-FIREWALL chain. Rules of
 * the kube chains are then grouped under their chain, as `iptables-save` prints them.
 *
 * @example
 * ```ts
 * const node = withIptablesJumps(iptablesRules(input));
 * formatIptablesSave(node).includes('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'); // true
 * ```
 */
export function withIptablesJumps(ruleset: Ruleset): Ruleset {
  assertRuleset(ruleset);
  const tables: IptablesTable[] = ruleset.tables.map((table) => {
    const builtins = BUILTINS[table.name];
    if (builtins === undefined) return table;
    const hasChain = new Set<string>();
    for (const l of table.lines) if (l.kind === 'chain') hasChain.add(l.chain);
    const jumps = new Map<string, string[]>();
    for (const b of builtins) jumps.set(b, []);
    if (table.name === 'filter' && hasChain.has('KUBE-FIREWALL')) {
      jumps.get('INPUT')?.push('-A INPUT -j KUBE-FIREWALL');
      jumps.get('OUTPUT')?.push('-A OUTPUT -j KUBE-FIREWALL');
    }
    for (const j of JUMPS) {
      if (j.table !== table.name) continue;
      jumps.get(j.from)?.unshift(`-A ${j.from} ${j.args} -j ${j.to}`);
    }
    const chainLines: IptablesLine[] = builtins.map((b) => ({
      kind: 'chain',
      chain: b,
      text: `:${b} ACCEPT [0:0]`,
    }));
    const userChains: IptablesLine[] = [];
    const rulesByChain = new Map<string, IptablesLine[]>();
    const other: IptablesLine[] = [];
    for (const l of table.lines) {
      if (l.kind === 'chain') {
        if (!builtins.includes(l.chain)) userChains.push(l);
      } else if (l.kind === 'rule') {
        let list = rulesByChain.get(l.chain);
        if (list === undefined) {
          list = [];
          rulesByChain.set(l.chain, list);
        }
        list.push(l);
      } else {
        other.push(l);
      }
    }
    const lines: IptablesLine[] = [...chainLines, ...userChains];
    for (const b of builtins) {
      for (const text of jumps.get(b) ?? []) lines.push({ kind: 'rule', chain: b, text });
      for (const r of rulesByChain.get(b) ?? []) lines.push(r);
    }
    for (const c of userChains)
      if (c.kind === 'chain') for (const r of rulesByChain.get(c.chain) ?? []) lines.push(r);
    lines.push(...other);
    return { ...table, lines };
  });
  return { ...ruleset, tables };
}
