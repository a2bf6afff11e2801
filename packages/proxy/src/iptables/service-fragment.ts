import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../internal/ip.ts';
import { formatProbability } from '../internal/probability.ts';
import type { Sha256Scratch } from '../internal/sha256.ts';
import { sha256Scratch } from '../internal/sha256.ts';
import type { ModelEndpoint, ResolvedProxyConfig, ServicePortModel } from '../service-model/types.ts';
import { hash16 } from './chain-name.ts';
import type { IptablesLine } from './ruleset.ts';

/**
 * kube-proxy's `largeClusterEndpointsThreshold`.
 *
 * @example
 * ```ts
 * model.totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD; // comments elided
 * ```
 */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** The lines one service port contributes to the restore input, in kube-proxy's write order. */
export interface ServiceFragment {
  /** Lines for the filter table (rules only; all in top-level chains). */
  readonly filterRules: readonly IptablesLine[];
  /** Top-level nat rules (KUBE-SERVICES, KUBE-NODEPORTS), always rewritten. */
  readonly natTopRules: readonly IptablesLine[];
  /** Per-service nat chain lines (EXT, FW, SVC, SVL, SEP…), in declaration order. */
  readonly natChains: readonly IptablesLine[];
  /** Rules of the per-service chains, in write order. */
  readonly natChainRules: readonly IptablesLine[];
}

/**
 * A `-A CHAIN …` rule line object.
 *
 * @example
 * ```ts
 * ruleLine('-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000').chain; // 'KUBE-MARK-MASQ'
 * ```
 */
export function ruleLine(text: string): IptablesLine {
  const end = text.indexOf(' ', 3);
  return { kind: 'rule', chain: end < 0 ? text.slice(3) : text.slice(3, end), text };
}

/**
 * A `:CHAIN - [0:0]` chain line object.
 *
 * @example
 * ```ts
 * chainLine('KUBE-SERVICES').text; // ':KUBE-SERVICES - [0:0]'
 * ```
 */
export function chainLine(chain: string): IptablesLine {
  return { kind: 'chain', chain, text: `:${chain} - [0:0]` };
}

/** Local-traffic detector argument fragments (pkg/proxy/util/localdetector.go). */
export interface DetectorArgs {
  readonly ifLocal: string;
  readonly ifNotLocal: string;
}

/**
 * The detector fragments for a resolved config, or undefined for the no-op detector.
 *
 * @example
 * ```ts
 * detectorArgs(resolveProxyConfig({ hostname: 'n', nodeIPs: [], clusterCIDR: '10.0.0.0/8' })); // { ifLocal: '-s 10.0.0.0/8', ifNotLocal: '! -s 10.0.0.0/8' }
 * ```
 */
export function detectorArgs(config: ResolvedProxyConfig): DetectorArgs | undefined {
  const d = config.localDetector;
  switch (d.mode) {
    case 'ClusterCIDR':
    case 'NodeCIDR':
      return { ifLocal: `-s ${d.cidr}`, ifNotLocal: `! -s ${d.cidr}` };
    case 'BridgeInterface':
      return { ifLocal: `-i ${d.interface}`, ifNotLocal: `! -i ${d.interface}` };
    case 'InterfaceNamePrefix':
      return { ifLocal: `-i ${d.prefix}+`, ifNotLocal: `! -i ${d.prefix}+` };
    default:
      return undefined;
  }
}

/** Memoises `hash16` within one generation (chain names repeat across chains and rules). */
export type HashCache = Map<string, string>;

function cachedHash(cache: HashCache, text: string, scratch: Sha256Scratch): string {
  let h = cache.get(text);
  if (h === undefined) {
    h = hash16(text, scratch);
    cache.set(text, h);
  }
  return h;
}

/**
 * Writes one service port's rules exactly as kube-proxy's `syncProxyRules` loop body does.
 *
 * @example
 * ```ts
 * const f = serviceFragment(model.servicePorts[0], model.config, false, [], new Map());
 * ```
 */
export function serviceFragment(
  sp: ServicePortModel,
  config: ResolvedProxyConfig,
  largeClusterMode: boolean,
  probabilities: string[],
  cache: HashCache,
): ServiceFragment {
  const filterRules: string[] = [];
  const natTopRules: string[] = [];
  const natChains: string[] = [];
  const natChainRules: string[] = [];
  const protocol = sp.protocol.toLowerCase();
  const name = sp.servicePortName;
  const base = name + protocol;
  const scratch = sha256Scratch();
  const h = cachedHash(cache, base, scratch);
  const clusterPolicyChain = `KUBE-SVC-${h}`;
  const localPolicyChain = `KUBE-SVL-${h}`;
  const externalTrafficChain = `KUBE-EXT-${h}`;
  const fwChain = `KUBE-FW-${h}`;
  const sepNames = new Map<ModelEndpoint, string>();
  const sepName = (ep: ModelEndpoint): string => {
    let name = sepNames.get(ep);
    if (name === undefined) {
      name = `KUBE-SEP-${hash16(base + ep.endpoint, scratch)}`;
      sepNames.set(ep, name);
    }
    return name;
  };
  const detector = detectorArgs(config);

  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = sp;
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && sp.usesClusterEndpoints;
  const usesLocalPolicyChain = localEndpoints.length > 0 && sp.usesLocalEndpoints;
  let internalTrafficChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (sp.internalPolicyLocal) {
    internalTrafficChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (sp.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const usesExternalTrafficChain = hasEndpoints && sp.externallyAccessible;
  const usesFWChain =
    hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = 'REJECT';
    internalFilterComment = `"${name} has no endpoints"`;
    externalFilterTarget = 'REJECT';
    externalFilterComment = internalFilterComment;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `"${name} has no local endpoints"`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `"${name} has no local endpoints"`;
    }
  }
  const proto = `-m ${protocol} -p ${protocol}`;
  const port = String(sp.port);

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    natTopRules.push(
      `-A KUBE-SERVICES -m comment --comment "${name} cluster IP" ${proto} -d ${sp.clusterIP} --dport ${port} -j ${internalTrafficChain}`,
    );
  } else {
    filterRules.push(
      `-A KUBE-SERVICES -m comment --comment ${internalFilterComment} ${proto} -d ${sp.clusterIP} --dport ${port} -j ${internalFilterTarget}`,
    );
  }
  // Capture externalIPs.
  for (const eip of sp.externalIPs) {
    if (hasEndpoints) {
      natTopRules.push(
        `-A KUBE-SERVICES -m comment --comment "${name} external IP" ${proto} -d ${eip} --dport ${port} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      filterRules.push(
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} ${proto} -d ${eip} --dport ${port} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture load-balancer ingress.
  for (const lbip of sp.loadBalancerVIPs) {
    if (hasEndpoints) {
      natTopRules.push(
        `-A KUBE-SERVICES -m comment --comment "${name} loadbalancer IP" ${proto} -d ${lbip} --dport ${port} -j ${loadBalancerTrafficChain}`,
      );
    }
    if (usesFWChain) {
      filterRules.push(
        `-A KUBE-PROXY-FIREWALL -m comment --comment "${name} traffic not accepted by ${fwChain}" ${proto} -d ${lbip} --dport ${port} -j DROP`,
      );
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of sp.loadBalancerVIPs) {
      filterRules.push(
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} ${proto} -d ${lbip} --dport ${port} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture nodeports.
  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    if (hasEndpoints) {
      if (config.localhostNodePorts && config.ipFamily === 'IPv4' && config.nfacct) {
        natTopRules.push(
          `-A KUBE-NODEPORTS -m comment --comment ${name} ${proto} -d 127.0.0.0/8 --dport ${np} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${externalTrafficChain}`,
        );
      }
      natTopRules.push(
        `-A KUBE-NODEPORTS -m comment --comment ${name} ${proto} --dport ${np} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      filterRules.push(
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL ${proto} --dport ${np} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture healthCheckNodePorts.
  if (sp.healthCheckNodePort !== 0) {
    filterRules.push(
      `-A KUBE-NODEPORTS -m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${sp.healthCheckNodePort} -j ACCEPT`,
    );
  }

  // Internal traffic handling.
  if (hasInternalEndpoints) {
    const args = `-m comment --comment "${name} cluster IP" ${proto} -d ${sp.clusterIP} --dport ${port}`;
    if (config.masqueradeAll) {
      natChainRules.push(`-A ${internalTrafficChain} ${args} -j KUBE-MARK-MASQ`);
    } else if (detector !== undefined) {
      natChainRules.push(`-A ${internalTrafficChain} ${args} ${detector.ifNotLocal} -j KUBE-MARK-MASQ`);
    }
  }
  // External traffic handling.
  if (usesExternalTrafficChain) {
    natChains.push(externalTrafficChain);
    if (!sp.externalPolicyLocal) {
      natChainRules.push(
        `-A ${externalTrafficChain} -m comment --comment "masquerade traffic for ${name} external destinations" -j KUBE-MARK-MASQ`,
      );
    } else {
      if (detector !== undefined) {
        natChainRules.push(
          `-A ${externalTrafficChain} -m comment --comment "pod traffic for ${name} external destinations" ${detector.ifLocal} -j ${clusterPolicyChain}`,
        );
      }
      natChainRules.push(
        `-A ${externalTrafficChain} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
        `-A ${externalTrafficChain} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`,
      );
    }
    if (hasExternalEndpoints) natChainRules.push(`-A ${externalTrafficChain} -j ${externalPolicyChain}`);
  }
  // Firewall chain.
  if (usesFWChain) {
    natChains.push(fwChain);
    const args = `-A ${fwChain} -m comment --comment "${name} loadbalancer IP"`;
    let allowFromNode = false;
    for (const cidr of sp.loadBalancerSourceRanges) {
      natChainRules.push(`${args} -s ${cidr} -j ${externalTrafficChain}`);
      if (config.primaryNodeIP !== '' && cidrTextContains(cidr, config.primaryNodeIP)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const lbip of sp.loadBalancerVIPs)
        natChainRules.push(`${args} -s ${lbip} -j ${externalTrafficChain}`);
    }
    natChainRules.push(
      `-A ${fwChain} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`,
    );
  }
  const writeEndpointRules = (chain: string, endpoints: readonly ModelEndpoint[]): void => {
    if (sp.sessionAffinity === 'ClientIP') {
      for (const ep of endpoints) {
        const sep = sepName(ep);
        const comment = largeClusterMode ? '' : ` -m comment --comment "${name} -> ${ep.endpoint}"`;
        natChainRules.push(
          `-A ${chain}${comment} -m recent --name ${sep} --rcheck --seconds ${sp.stickyMaxAgeSeconds} --reap -j ${sep}`,
        );
      }
    }
    const n = endpoints.length;
    for (let i = 0; i < n; i++) {
      const ep = endpoints[i] as ModelEndpoint;
      const comment = largeClusterMode ? '' : ` -m comment --comment "${name} -> ${ep.endpoint}"`;
      const stat =
        i < n - 1 ? ` -m statistic --mode random --probability ${probability(probabilities, n - i)}` : '';
      natChainRules.push(`-A ${chain}${comment}${stat} -j ${sepName(ep)}`);
    }
  };
  if (usesClusterPolicyChain) {
    natChains.push(clusterPolicyChain);
    writeEndpointRules(clusterPolicyChain, clusterEndpoints);
  }
  if (usesLocalPolicyChain) {
    natChains.push(localPolicyChain);
    writeEndpointRules(localPolicyChain, localEndpoints);
  }
  const svcComment = largeClusterMode ? '' : ` -m comment --comment ${name}`;
  const affinity = sp.sessionAffinity === 'ClientIP';
  for (const ep of allReachableEndpoints) {
    const sep = sepName(ep);
    natChains.push(sep);
    natChainRules.push(`-A ${sep}${svcComment} -s ${ep.ip} -j KUBE-MARK-MASQ`);
    natChainRules.push(
      `-A ${sep}${svcComment}${affinity ? ` -m recent --name ${sep} --set` : ''} ${proto} -j DNAT --to-destination ${ep.endpoint}`,
    );
  }
  return {
    filterRules: filterRules.map(ruleLine),
    natTopRules: natTopRules.map(ruleLine),
    natChains: natChains.map(chainLine),
    natChainRules: natChainRules.map(ruleLine),
  };
}

function probability(cache: string[], n: number): string {
  let p = cache[n];
  if (p === undefined) {
    p = formatProbability(n);
    if (n <= 1000) cache[n] = p;
  }
  return p;
}

function cidrTextContains(cidrText: string, ipText: string): boolean {
  const cidr = parseCidrSloppy(cidrText);
  const ip = parseIpSloppy(ipText);
  return cidr !== undefined && ip !== undefined && cidrContains(cidr, ip);
}
