import { buildServiceModel } from '../service-model/build-service-model.ts';
import type { ProxyInput, ResolvedProxyConfig, ServiceModel } from '../service-model/types.ts';
import type { IptablesLine, Ruleset } from './ruleset.ts';
import {
  chainLine,
  generationScratch,
  type HashCache,
  LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
  ruleLine,
  type ServiceFragment,
  serviceFragment,
} from './service-fragment.ts';

const FILTER_TOP_CHAINS = [
  'KUBE-SERVICES',
  'KUBE-EXTERNAL-SERVICES',
  'KUBE-FORWARD',
  'KUBE-NODEPORTS',
  'KUBE-PROXY-FIREWALL',
] as const;
/** kube-proxy's top-level nat chains, declared first in every restore input. */
export const NAT_TOP_CHAINS: readonly string[] = [
  'KUBE-SERVICES',
  'KUBE-NODEPORTS',
  'KUBE-POSTROUTING',
  'KUBE-MARK-MASQ',
];

/**
 * The chain prefixes kube-proxy considers its own per-service chains (`isServiceChainName`).
 *
 * @example
 * ```ts
 * isServiceChainName('KUBE-SEP-SXIVWICOYRO3J4NJ'); // true
 * ```
 */
export function isServiceChainName(chain: string): boolean {
  return (
    chain.startsWith('KUBE-SVC-') ||
    chain.startsWith('KUBE-SVL-') ||
    chain.startsWith('KUBE-SEP-') ||
    chain.startsWith('KUBE-FW-') ||
    chain.startsWith('KUBE-EXT-')
  );
}

/** The static pieces of one sync, derived from the config. */
export interface StaticRules {
  readonly filterChains: readonly string[];
  readonly filterHead: readonly string[];
  readonly filterTail: readonly string[];
  readonly natHead: readonly string[];
  readonly natTail: readonly string[];
}

/**
 * kube-proxy's always-written rules for a config (§1.2 of the reference note).
 *
 * @example
 * ```ts
 * staticRules(resolveProxyConfig(config)).natHead[3]; // '-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000'
 * ```
 */
export function staticRules(config: ResolvedProxyConfig): StaticRules {
  const mark = config.masqueradeMark;
  const filterChains: string[] = [...FILTER_TOP_CHAINS];
  const filterHead: string[] = [];
  if (config.ipFamily === 'IPv4' && config.localhostNodePorts) {
    filterChains.push('KUBE-FIREWALL');
    filterHead.push(
      '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    );
  }
  const filterTail: string[] = [];
  if (config.dropInvalid) {
    filterTail.push(
      `-A KUBE-FORWARD -m conntrack --ctstate INVALID${config.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : ''} -j DROP`,
    );
  }
  filterTail.push(
    `-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  );
  const natHead = [
    `-A KUBE-POSTROUTING -m mark ! --mark ${mark}/${mark} -j RETURN`,
    `-A KUBE-POSTROUTING -j MARK --xor-mark ${mark}`,
    `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${config.randomFully ? ' --random-fully' : ''}`,
    `-A KUBE-MARK-MASQ -j MARK --or-mark ${mark}`,
  ];
  const natTail: string[] = [];
  const lastComment =
    '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"';
  if (config.nodePortsMatchAll) {
    let dest = '-m addrtype --dst-type LOCAL';
    if (config.ipFamily === 'IPv6') dest += ' ! -d ::1/128';
    else if (!config.localhostNodePorts) dest += ' ! -d 127.0.0.0/8';
    natTail.push(`-A KUBE-SERVICES ${lastComment} ${dest} -j KUBE-NODEPORTS`);
  } else {
    for (const ip of config.nodePortIPs) {
      const loopback = ip === '::1' || ip.startsWith('127.');
      if (loopback && (config.ipFamily === 'IPv6' || !config.localhostNodePorts)) continue;
      natTail.push(`-A KUBE-SERVICES ${lastComment} -d ${ip} -j KUBE-NODEPORTS`);
    }
  }
  return { filterChains, filterHead, filterTail, natHead, natTail };
}

/**
 * Whether kube-proxy would run in large-cluster mode (comments elided) for this model.
 *
 * @example
 * ```ts
 * isLargeCluster(buildServiceModel(input)); // true over 1000 endpoints
 * ```
 */
export function isLargeCluster(model: ServiceModel): boolean {
  return model.totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
}

/**
 * Generates every service port's fragment for a model.
 *
 * @example
 * ```ts
 * const fragments = modelFragments(buildServiceModel(input));
 * ```
 */
export function modelFragments(model: ServiceModel, cache: HashCache = new Map()): ServiceFragment[] {
  const large = isLargeCluster(model);
  const probabilities: string[] = [];
  const scratch = generationScratch(model.config);
  return model.servicePorts.map((sp) =>
    serviceFragment(sp, model.config, large, probabilities, cache, scratch),
  );
}

/**
 * Assembles the restore text of one sync from static rules and per-service fragments.
 * With `writeChains`, only those fragments' own chains are written (partial sync; the others
 * contribute their top-level rules only); `staleChains` become `:CHAIN - [0:0]` + `-X CHAIN` lines.
 *
 * @example
 * ```ts
 * const ruleset = assembleRuleset(model.config, modelFragments(model), undefined, []);
 * ```
 */
export function assembleRuleset(
  config: ResolvedProxyConfig,
  fragments: readonly ServiceFragment[],
  writeChains: ReadonlySet<ServiceFragment> | undefined,
  staleChains: readonly string[],
): Ruleset {
  const st = staticRules(config);
  const filter: IptablesLine[] = [];
  for (const c of st.filterChains) filter.push(chainLine(c));
  for (const r of st.filterHead) filter.push(ruleLine(r));
  for (const f of fragments) for (const r of f.filterRules) filter.push(r);
  for (const r of st.filterTail) filter.push(ruleLine(r));

  // One array for the nat table, sized up front: chain declarations first, then the rules, each
  // filled through its own cursor (no concat of two large arrays).
  let chainCount = NAT_TOP_CHAINS.length + staleChains.length;
  let ruleCount = st.natHead.length + st.natTail.length + staleChains.length;
  for (const f of fragments) {
    ruleCount += f.natTopRules.length;
    if (writeChains !== undefined && !writeChains.has(f)) continue;
    chainCount += f.natChains.length;
    ruleCount += f.natChainRules.length;
  }
  const nat: IptablesLine[] = new Array(chainCount + ruleCount);
  let c = 0;
  let r = chainCount;
  for (const name of NAT_TOP_CHAINS) nat[c++] = chainLine(name);
  for (const text of st.natHead) nat[r++] = ruleLine(text);
  for (const f of fragments) {
    for (const line of f.natTopRules) nat[r++] = line;
    if (writeChains !== undefined && !writeChains.has(f)) continue;
    for (const line of f.natChains) nat[c++] = line;
    for (const line of f.natChainRules) nat[r++] = line;
  }
  for (const name of staleChains) {
    nat[c++] = chainLine(name);
    nat[r++] = { kind: 'delete', chain: name, text: `-X ${name}` };
  }
  for (const text of st.natTail) nat[r++] = ruleLine(text);
  const localIPs = [...config.allNodeIPs];
  return {
    tables: [
      { name: 'filter', before: [], header: '*filter', lines: filter, commit: 'COMMIT' },
      { name: 'nat', before: [], header: '*nat', lines: nat, commit: 'COMMIT' },
    ],
    trailer: [],
    finalNewline: true,
    localIPs,
  };
}

/**
 * The `iptables-restore` input kube-proxy (iptables mode, full sync) writes for these Services,
 * EndpointSlices and node config: the `filter` table then `nat`, only kube-proxy's own chains (the
 * jumps from built-in chains are ensured separately, see {@link withIptablesJumps}). Services are
 * written in ServicePortName order (kube-proxy's order is random; compare with
 * {@link normalizeIptablesSave}). Throws `ProxyError` for malformed input.
 *
 * @example
 * ```ts
 * const ruleset = iptablesRules({
 *   services: [svc], endpointSlices: [slice],
 *   config: { hostname: 'node1', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8' },
 * });
 * formatIptablesSave(ruleset).startsWith('*filter\n'); // true
 * ```
 */
export function iptablesRules(input: ProxyInput): Ruleset {
  return iptablesRulesFromModel(buildServiceModel(input));
}

/**
 * {@link iptablesRules} from an already-built {@link ServiceModel}.
 *
 * @example
 * ```ts
 * const ruleset = iptablesRulesFromModel(buildServiceModel(input));
 * ```
 */
export function iptablesRulesFromModel(model: ServiceModel): Ruleset {
  return assembleRuleset(model.config, modelFragments(model), undefined, []);
}
