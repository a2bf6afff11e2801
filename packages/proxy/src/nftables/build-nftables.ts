import { cidrContains } from '../internal/ip.ts';
import { sha256Scratch } from '../internal/sha256.ts';
import type { ModeConfig, ModeEndpoint, ModeServicePort, ModeView } from '../modes/mode-model.ts';
import { joinHostPort, servicePortNameString } from '../modes/mode-model.ts';
import { endpointChainBase, servicePortChainBase } from './nft-names.ts';
import type { NftChain, NftElement, NftRule, NftRuleset, NftSet, NftTable } from './nft-ruleset.ts';

interface ChainDraft {
  name: string;
  type?: 'filter' | 'nat';
  hook?: NonNullable<NftChain['hook']>;
  priority?: number;
  comment?: string;
  rules: NftRule[];
}

interface SetDraft {
  kind: 'set' | 'map';
  name: string;
  type: string;
  flags?: string[];
  timeout?: number;
  comment?: string;
  elements: NftElement[];
}

const BASE_CHAINS: readonly (readonly [string, 'filter' | 'nat', NonNullable<NftChain['hook']>, number])[] = [
  ['filter-prerouting-pre-dnat', 'filter', 'prerouting', -110],
  ['filter-output-pre-dnat', 'filter', 'output', -110],
  ['filter-input', 'filter', 'input', 0],
  ['filter-forward', 'filter', 'forward', 0],
  ['filter-output', 'filter', 'output', 0],
  ['nat-prerouting', 'nat', 'prerouting', -100],
  ['nat-output', 'nat', 'output', -100],
  ['nat-postrouting', 'nat', 'postrouting', 100],
];

const JUMP_CHAINS: readonly (readonly [string, string, string])[] = [
  ['nodeport-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-forward', 'ct state new'],
  ['service-endpoints-check', 'filter-output', 'ct state new'],
  ['firewall-check', 'filter-prerouting-pre-dnat', 'ct state new'],
  ['firewall-check', 'filter-output-pre-dnat', 'ct state new'],
  ['services', 'nat-output', ''],
  ['services', 'nat-prerouting', ''],
  ['masquerading', 'nat-postrouting', ''],
  ['cluster-ips-check', 'filter-forward', 'ct state new'],
  ['cluster-ips-check', 'filter-output', 'ct state new'],
];

function ifLocal(config: ModeConfig, ipX: string): string | null {
  const d = config.localDetector;
  switch (d.mode) {
    case 'ClusterCIDR':
    case 'NodeCIDR':
      return `${ipX} saddr ${d.cidr}`;
    case 'BridgeInterface':
      return `iif ${d.interface}`;
    case 'InterfaceNamePrefix':
      return `iif ${d.prefix}*`;
    default:
      return null;
  }
}

function ifNotLocal(config: ModeConfig, ipX: string): string | null {
  const d = config.localDetector;
  switch (d.mode) {
    case 'ClusterCIDR':
    case 'NodeCIDR':
      return `${ipX} saddr != ${d.cidr}`;
    case 'BridgeInterface':
      return `iif != ${d.interface}`;
    case 'InterfaceNamePrefix':
      return `iif != ${d.prefix}*`;
    default:
      return null;
  }
}

/**
 * Builds kube-proxy's nftables table for one IP family from the mode view
 * (`pkg/proxy/nftables/proxier.go` setupNFTables + syncProxyRules, full sync).
 *
 * @example
 * ```ts
 * buildNftTable(modeViewFromInput(input)).family; // 'ip'
 * ```
 */
export function buildNftTable(view: ModeView): NftTable {
  const { config } = view;
  const v6 = config.family === 6;
  const ipX = v6 ? 'ip6' : 'ip';
  const addrType = v6 ? 'ipv6_addr' : 'ipv4_addr';
  const noLocalhost = v6 ? 'ip6 daddr != ::1' : 'ip daddr != 127.0.0.0/8';
  const mark = config.masqueradeMark;
  const matchAll = config.nodePortAddresses.length === 0;

  const chains = new Map<string, ChainDraft>();
  const sets = new Map<string, SetDraft>();
  const chain = (name: string): ChainDraft => {
    let c = chains.get(name);
    if (c === undefined) {
      c = { name, rules: [] };
      chains.set(name, c);
    }
    return c;
  };
  const rule = (chainName: string, text: string, comment?: string): void => {
    chain(chainName).rules.push(comment === undefined ? { rule: text } : { rule: text, comment });
  };
  const set = (draft: SetDraft): SetDraft => {
    const existing = sets.get(draft.name);
    if (existing !== undefined) return existing;
    sets.set(draft.name, draft);
    return draft;
  };
  const element = (setName: string, el: NftElement): void => {
    sets.get(setName)?.elements.push(el);
  };

  for (const [name, type, hook, priority] of BASE_CHAINS) {
    const c = chain(name);
    c.type = type;
    c.hook = hook;
    c.priority = priority;
  }
  for (const [dst, src, extra] of JUMP_CHAINS) {
    chain(dst);
    rule(src, extra === '' ? `jump ${dst}` : `${extra} jump ${dst}`);
  }
  for (const name of ['services', 'cluster-ips-check', 'masquerading', 'mark-for-masquerade']) chain(name);
  rule('mark-for-masquerade', `mark set mark or ${mark}`);
  rule('masquerading', `mark and ${mark} == 0 return`);
  rule('masquerading', `mark set mark xor ${mark}`);
  rule('masquerading', 'masquerade fully-random');

  set({ kind: 'set', name: 'cluster-ips', type: addrType, comment: 'Active ClusterIPs', elements: [] });
  rule(
    'cluster-ips-check',
    `${ipX} daddr @cluster-ips reject`,
    'Reject traffic to invalid ports of ClusterIPs',
  );
  if (config.serviceCIDRs.length > 0) {
    rule(
      'cluster-ips-check',
      `${ipX} daddr { ${config.serviceCIDRs.join(',')} } drop`,
      'Drop traffic to unallocated ClusterIPs',
    );
  }
  if (!matchAll) {
    set({
      kind: 'set',
      name: 'nodeport-ips',
      type: addrType,
      comment: 'IPs that accept NodePort traffic',
      elements: [],
    });
    for (const ip of config.nodePortIPs) element('nodeport-ips', { key: [ip] });
  }
  set({
    kind: 'map',
    name: 'no-endpoint-services',
    type: `${addrType} . inet_proto . inet_service : verdict`,
    comment: 'vmap to drop or reject packets to services with no endpoints',
    elements: [],
  });
  set({
    kind: 'map',
    name: 'no-endpoint-nodeports',
    type: 'inet_proto . inet_service : verdict',
    comment: 'vmap to drop or reject packets to service nodeports with no endpoints',
    elements: [],
  });
  chain('reject-chain').comment = 'helper for @no-endpoint-services / @no-endpoint-nodeports';
  rule('reject-chain', 'reject');
  rule('service-endpoints-check', `${ipX} daddr . meta l4proto . th dport vmap @no-endpoint-services`);
  rule(
    'nodeport-endpoints-check',
    matchAll
      ? `${noLocalhost} meta l4proto . th dport vmap @no-endpoint-nodeports`
      : `${ipX} daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports`,
  );
  set({
    kind: 'map',
    name: 'firewall-ips',
    type: `${addrType} . inet_proto . inet_service : verdict`,
    comment: 'destinations that are subject to LoadBalancerSourceRanges',
    elements: [],
  });
  chain('firewall-check');
  rule('firewall-check', `${ipX} daddr . meta l4proto . th dport vmap @firewall-ips`);
  set({
    kind: 'map',
    name: 'service-ips',
    type: `${addrType} . inet_proto . inet_service : verdict`,
    comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic',
    elements: [],
  });
  set({
    kind: 'map',
    name: 'service-nodeports',
    type: 'inet_proto . inet_service : verdict',
    comment: 'NodePort traffic',
    elements: [],
  });
  rule('services', `${ipX} daddr . meta l4proto . th dport vmap @service-ips`);
  rule(
    'services',
    matchAll
      ? `fib daddr type local ${noLocalhost} meta l4proto . th dport vmap @service-nodeports`
      : `${ipX} daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports`,
  );

  const scratch = sha256Scratch();
  const notLocal = ifNotLocal(config, ipX);
  const local = ifLocal(config, ipX);
  const primaryNodeIP = config.nodeIPs[0];

  for (const sp of view.servicePorts) {
    writeServicePort(sp);
  }

  function writeServicePort(sp: ModeServicePort): void {
    const protocol = sp.protocol.toLowerCase();
    const nameString = servicePortNameString(sp);
    const base = servicePortChainBase(sp, scratch);
    const clusterPolicyChain = `service-${base}`;
    const localPolicyChain = `local-${base}`;
    const externalChain = `external-${base}`;
    const fwChain = `firewall-${base}`;
    const affinity = sp.affinityTimeout !== null;
    const hasEndpoints = sp.hasAnyEndpoints;
    const usesCluster = sp.clusterEndpoints.length > 0 && sp.usesClusterEndpoints;
    const usesLocal = sp.localEndpoints.length > 0 && sp.usesLocalEndpoints;
    const nameCache = new Map<ModeEndpoint, { chain: string; affinitySet: string }>();
    const epNames = (ep: ModeEndpoint): { chain: string; affinitySet: string } => {
      let n = nameCache.get(ep);
      if (n === undefined) {
        const b = endpointChainBase(sp, ep, scratch);
        n = { chain: `endpoint-${b}`, affinitySet: `affinity-${b}` };
        nameCache.set(ep, n);
      }
      return n;
    };

    for (const ep of sp.allReachableEndpoints) chain(epNames(ep).chain);
    if (usesCluster) chain(clusterPolicyChain);
    if (usesLocal) chain(localPolicyChain);

    const internalChain = sp.internalPolicyLocal ? localPolicyChain : clusterPolicyChain;
    const hasInternal = sp.internalPolicyLocal ? hasEndpoints && sp.localEndpoints.length > 0 : hasEndpoints;
    const externalPolicyChain = sp.externalPolicyLocal ? localPolicyChain : clusterPolicyChain;
    const hasExternal = sp.externalPolicyLocal ? hasEndpoints && sp.localEndpoints.length > 0 : hasEndpoints;
    const usesExternal = hasEndpoints && sp.externallyAccessible;
    if (usesExternal) chain(externalChain);

    const internalVerdict = !hasEndpoints ? 'goto reject-chain' : 'drop';
    const externalVerdict = !hasEndpoints ? 'goto reject-chain' : 'drop';
    const port = String(sp.port);

    element('cluster-ips', { key: [sp.clusterIP] });
    if (hasInternal) {
      element('service-ips', { key: [sp.clusterIP, protocol, port], value: [`goto ${internalChain}`] });
    } else {
      element('no-endpoint-services', {
        key: [sp.clusterIP, protocol, port],
        value: [internalVerdict],
        comment: nameString,
      });
    }
    for (const eip of sp.externalIPs) {
      if (hasEndpoints) {
        element('service-ips', { key: [eip, protocol, port], value: [`goto ${externalChain}`] });
      }
      if (!hasExternal) {
        element('no-endpoint-services', {
          key: [eip, protocol, port],
          value: [externalVerdict],
          comment: nameString,
        });
      }
    }
    const usesFW = sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
    if (usesFW) chain(fwChain);
    for (const lb of sp.loadBalancerVIPs) {
      if (hasEndpoints) {
        element('service-ips', { key: [lb, protocol, port], value: [`goto ${externalChain}`] });
      }
      if (usesFW) element('firewall-ips', { key: [lb, protocol, port], value: [`goto ${fwChain}`] });
    }
    if (!hasExternal) {
      for (const lb of sp.loadBalancerVIPs) {
        element('no-endpoint-services', {
          key: [lb, protocol, port],
          value: [externalVerdict],
          comment: nameString,
        });
      }
    }
    if (sp.nodePort !== 0) {
      const np = String(sp.nodePort);
      if (hasEndpoints) {
        element('service-nodeports', { key: [protocol, np], value: [`goto ${externalChain}`] });
      }
      if (!hasExternal) {
        element('no-endpoint-nodeports', {
          key: [protocol, np],
          value: [externalVerdict],
          comment: nameString,
        });
      }
    }

    if (hasInternal) {
      if (config.masqueradeAll) {
        rule(internalChain, `${ipX} daddr ${sp.clusterIP} jump mark-for-masquerade`);
      } else if (notLocal !== null) {
        rule(internalChain, `${ipX} daddr ${sp.clusterIP} ${notLocal} jump mark-for-masquerade`);
      }
    }
    if (usesExternal) {
      if (!sp.externalPolicyLocal) {
        rule(externalChain, 'jump mark-for-masquerade');
      } else {
        if (local !== null)
          rule(externalChain, `${local} goto ${clusterPolicyChain}`, 'short-circuit pod traffic');
        rule(externalChain, 'fib saddr type local jump mark-for-masquerade', 'masquerade local traffic');
        rule(externalChain, `fib saddr type local goto ${clusterPolicyChain}`, 'short-circuit local traffic');
      }
      if (hasExternal) rule(externalChain, `goto ${externalPolicyChain}`);
    }
    if (usesFW) {
      const sources: string[] = [...sp.loadBalancerSourceRanges];
      const allowFromNode =
        primaryNodeIP !== undefined &&
        sp.loadBalancerSourceRanges.some((c) => cidrContains(c, primaryNodeIP));
      if (allowFromNode) sources.push(...sp.loadBalancerVIPs);
      rule(fwChain, `${ipX} saddr != { ${sources.join(' , ')} } drop`);
    }
    if (affinity) {
      for (const ep of sp.allReachableEndpoints) {
        set({
          kind: 'set',
          name: epNames(ep).affinitySet,
          type: addrType,
          flags: ['dynamic', 'timeout'],
          timeout: sp.affinityTimeout ?? 10800,
          elements: [],
        });
      }
    }
    const toEndpoints = (svcChain: string, endpoints: readonly ModeEndpoint[]): void => {
      if (affinity) {
        for (const ep of endpoints) {
          const n = epNames(ep);
          rule(svcChain, `${ipX} saddr @${n.affinitySet} goto ${n.chain}`);
        }
      }
      const parts = endpoints.map((ep, i) => `${i} : goto ${epNames(ep).chain}`);
      rule(svcChain, `numgen random mod ${endpoints.length} vmap { ${parts.join(' , ')} }`);
    };
    if (usesCluster) toEndpoints(clusterPolicyChain, sp.clusterEndpoints);
    if (usesLocal) toEndpoints(localPolicyChain, sp.localEndpoints);
    for (const ep of sp.allReachableEndpoints) {
      const n = epNames(ep);
      rule(n.chain, `${ipX} saddr ${ep.ip} jump mark-for-masquerade`);
      if (affinity) rule(n.chain, `update @${n.affinitySet} { ${ipX} saddr }`);
      rule(n.chain, `meta l4proto ${protocol} dnat to ${joinHostPort(ep.ip, ep.port)}`);
    }
  }

  // Creation order, as `nft list table` shows objects (and deterministic: service ports are sorted).
  const chainList: NftChain[] = [...chains.values()];
  const setList: NftSet[] = [...sets.values()].map((d) => freezeSet(d));
  return {
    family: v6 ? 'ip6' : 'ip',
    name: 'kube-proxy',
    comment: 'rules for kube-proxy',
    chains: chainList,
    sets: setList,
  };
}

function freezeSet(s: SetDraft): NftSet {
  const elements = s.elements;
  const out: {
    kind: 'set' | 'map';
    name: string;
    type: string;
    flags?: readonly string[];
    timeout?: number;
    comment?: string;
    elements: readonly NftElement[];
  } = { kind: s.kind, name: s.name, type: s.type, elements };
  if (s.flags !== undefined) out.flags = s.flags;
  if (s.timeout !== undefined) out.timeout = s.timeout;
  if (s.comment !== undefined) out.comment = s.comment;
  return out;
}

/**
 * Builds the ruleset (one table per view) with the local addresses the tracer needs.
 *
 * @example
 * ```ts
 * buildNftRuleset([modeViewFromInput(input)]).tables.length; // 1
 * ```
 */
export function buildNftRuleset(views: readonly ModeView[]): NftRuleset {
  const localAddresses: string[] = [];
  for (const v of views) localAddresses.push(...v.config.nodeIPs);
  return { kind: 'nftables', tables: views.map((v) => buildNftTable(v)), localAddresses };
}
