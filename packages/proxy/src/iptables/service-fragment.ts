import { cidrContains, parseCidrSloppy, parseIpSloppy } from '../internal/ip.ts';
import { formatProbability } from '../internal/probability.ts';
import type { Sha256Scratch } from '../internal/sha256.ts';
import { sha256Scratch } from '../internal/sha256.ts';
import type { ModelEndpoint, ResolvedProxyConfig, ServicePortModel } from '../service-model/types.ts';
import { hash16, hash16Of2 } from './chain-name.ts';
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
  const text = `:${chain} - [0:0]`;
  text.charCodeAt(0); // one flat string now (see `rule`)
  return { kind: 'chain', chain, text };
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

/** One generation's reusable buffers (share one across the service ports of a generation). */
export interface GenerationScratch {
  readonly sha: Sha256Scratch;
  /** The config's detector fragments, once per generation (see {@link generationScratch}). */
  readonly detector?: DetectorArgs | undefined;
}

/**
 * Fresh buffers for one generation over `config`.
 *
 * @example
 * ```ts
 * const scratch = generationScratch(model.config);
 * ```
 */
export function generationScratch(config: ResolvedProxyConfig): GenerationScratch {
  return { sha: sha256Scratch(), detector: detectorArgs(config) };
}

function cachedHash(cache: HashCache, text: string, scratch: Sha256Scratch): string {
  let h = cache.get(text);
  if (h === undefined) {
    h = hash16(text, scratch);
    cache.set(text, h);
  }
  return h;
}

/** A rule line whose chain is known (no re-scan of the text for it). */
function rule(out: IptablesLine[], chain: string, text: string): void {
  // Reading a character flattens the concatenation tree V8 built for the template into one string
  // now, while it is young: fewer objects survive into the old generation and the final join copies
  // flat strings instead of walking trees.
  text.charCodeAt(0);
  out.push({ kind: 'rule', chain, text });
}

/**
 * Writes one service port's rules exactly as kube-proxy's `syncProxyRules` loop body does.
 * Pass the same `probabilities` array and `cache` for every service port of one generation.
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
  scratch: GenerationScratch = generationScratch(config),
): ServiceFragment {
  const filterRules: IptablesLine[] = [];
  const natTopRules: IptablesLine[] = [];
  const natChains: IptablesLine[] = [];
  const natChainRules: IptablesLine[] = [];
  const protocol = sp.protocol.toLowerCase();
  const name = sp.servicePortName;
  const base = name + protocol;
  const sha = scratch.sha;
  const h = cachedHash(cache, base, sha);
  const clusterPolicyChain = `KUBE-SVC-${h}`;
  const localPolicyChain = `KUBE-SVL-${h}`;
  const externalTrafficChain = `KUBE-EXT-${h}`;
  const fwChain = `KUBE-FW-${h}`;
  const detector = 'detector' in scratch ? scratch.detector : detectorArgs(config);

  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints: hasEndpoints } = sp;
  // SEP chain names, one hash per reachable endpoint. The cluster and local lists are subsets of
  // allReachableEndpoints (usually the same array), so names are looked up by index when the list
  // is that array and through a Map otherwise.
  const sepList: string[] = new Array(allReachableEndpoints.length);
  for (let i = 0; i < allReachableEndpoints.length; i++) {
    sepList[i] = `KUBE-SEP-${hash16Of2(base, (allReachableEndpoints[i] as ModelEndpoint).endpoint, sha)}`;
  }
  let sepByEndpoint: Map<ModelEndpoint, string> | undefined;
  const sepName = (ep: ModelEndpoint): string => {
    if (sepByEndpoint === undefined) {
      sepByEndpoint = new Map();
      for (let i = 0; i < allReachableEndpoints.length; i++)
        sepByEndpoint.set(allReachableEndpoints[i] as ModelEndpoint, sepList[i] as string);
    }
    let sep = sepByEndpoint.get(ep);
    if (sep === undefined) {
      sep = `KUBE-SEP-${hash16Of2(base, ep.endpoint, sha)}`;
      sepByEndpoint.set(ep, sep);
    }
    return sep;
  };
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
    rule(
      natTopRules,
      'KUBE-SERVICES',
      `-A KUBE-SERVICES -m comment --comment "${name} cluster IP" ${proto} -d ${sp.clusterIP} --dport ${port} -j ${internalTrafficChain}`,
    );
  } else {
    rule(
      filterRules,
      'KUBE-SERVICES',
      `-A KUBE-SERVICES -m comment --comment ${internalFilterComment} ${proto} -d ${sp.clusterIP} --dport ${port} -j ${internalFilterTarget}`,
    );
  }
  // Capture externalIPs.
  for (const eip of sp.externalIPs) {
    if (hasEndpoints) {
      rule(
        natTopRules,
        'KUBE-SERVICES',
        `-A KUBE-SERVICES -m comment --comment "${name} external IP" ${proto} -d ${eip} --dport ${port} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      rule(
        filterRules,
        'KUBE-EXTERNAL-SERVICES',
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} ${proto} -d ${eip} --dport ${port} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture load-balancer ingress.
  for (const lbip of sp.loadBalancerVIPs) {
    if (hasEndpoints) {
      rule(
        natTopRules,
        'KUBE-SERVICES',
        `-A KUBE-SERVICES -m comment --comment "${name} loadbalancer IP" ${proto} -d ${lbip} --dport ${port} -j ${loadBalancerTrafficChain}`,
      );
    }
    if (usesFWChain) {
      rule(
        filterRules,
        'KUBE-PROXY-FIREWALL',
        `-A KUBE-PROXY-FIREWALL -m comment --comment "${name} traffic not accepted by ${fwChain}" ${proto} -d ${lbip} --dport ${port} -j DROP`,
      );
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of sp.loadBalancerVIPs) {
      rule(
        filterRules,
        'KUBE-EXTERNAL-SERVICES',
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} ${proto} -d ${lbip} --dport ${port} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture nodeports.
  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    if (hasEndpoints) {
      if (config.localhostNodePorts && config.ipFamily === 'IPv4' && config.nfacct) {
        rule(
          natTopRules,
          'KUBE-NODEPORTS',
          `-A KUBE-NODEPORTS -m comment --comment ${name} ${proto} -d 127.0.0.0/8 --dport ${np} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${externalTrafficChain}`,
        );
      }
      rule(
        natTopRules,
        'KUBE-NODEPORTS',
        `-A KUBE-NODEPORTS -m comment --comment ${name} ${proto} --dport ${np} -j ${externalTrafficChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      rule(
        filterRules,
        'KUBE-EXTERNAL-SERVICES',
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL ${proto} --dport ${np} -j ${externalFilterTarget}`,
      );
    }
  }
  // Capture healthCheckNodePorts.
  if (sp.healthCheckNodePort !== 0) {
    rule(
      filterRules,
      'KUBE-NODEPORTS',
      `-A KUBE-NODEPORTS -m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${sp.healthCheckNodePort} -j ACCEPT`,
    );
  }

  // Internal traffic handling.
  if (hasInternalEndpoints) {
    const args = `-m comment --comment "${name} cluster IP" ${proto} -d ${sp.clusterIP} --dport ${port}`;
    if (config.masqueradeAll) {
      rule(natChainRules, internalTrafficChain, `-A ${internalTrafficChain} ${args} -j KUBE-MARK-MASQ`);
    } else if (detector !== undefined) {
      rule(
        natChainRules,
        internalTrafficChain,
        `-A ${internalTrafficChain} ${args} ${detector.ifNotLocal} -j KUBE-MARK-MASQ`,
      );
    }
  }
  // External traffic handling.
  if (usesExternalTrafficChain) {
    natChains.push(chainLine(externalTrafficChain));
    const ext = externalTrafficChain;
    if (!sp.externalPolicyLocal) {
      rule(
        natChainRules,
        ext,
        `-A ${ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j KUBE-MARK-MASQ`,
      );
    } else {
      if (detector !== undefined) {
        rule(
          natChainRules,
          ext,
          `-A ${ext} -m comment --comment "pod traffic for ${name} external destinations" ${detector.ifLocal} -j ${clusterPolicyChain}`,
        );
      }
      rule(
        natChainRules,
        ext,
        `-A ${ext} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      );
      rule(
        natChainRules,
        ext,
        `-A ${ext} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`,
      );
    }
    if (hasExternalEndpoints) rule(natChainRules, ext, `-A ${ext} -j ${externalPolicyChain}`);
  }
  // Firewall chain.
  if (usesFWChain) {
    natChains.push(chainLine(fwChain));
    const args = `-A ${fwChain} -m comment --comment "${name} loadbalancer IP"`;
    let allowFromNode = false;
    for (const cidr of sp.loadBalancerSourceRanges) {
      rule(natChainRules, fwChain, `${args} -s ${cidr} -j ${externalTrafficChain}`);
      if (config.primaryNodeIP !== '' && cidrTextContains(cidr, config.primaryNodeIP)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const lbip of sp.loadBalancerVIPs)
        rule(natChainRules, fwChain, `${args} -s ${lbip} -j ${externalTrafficChain}`);
    }
    rule(
      natChainRules,
      fwChain,
      `-A ${fwChain} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`,
    );
  }
  const affinity = sp.sessionAffinity === 'ClientIP';
  const writeEndpointRules = (chain: string, endpoints: readonly ModelEndpoint[]): void => {
    const head = `-A ${chain}`;
    if (affinity) {
      for (const ep of endpoints) {
        const sep = sepName(ep);
        const comment = largeClusterMode ? '' : ` -m comment --comment "${name} -> ${ep.endpoint}"`;
        rule(
          natChainRules,
          chain,
          `${head}${comment} -m recent --name ${sep} --rcheck --seconds ${sp.stickyMaxAgeSeconds} --reap -j ${sep}`,
        );
      }
    }
    const n = endpoints.length;
    const same = endpoints === allReachableEndpoints;
    for (let i = 0; i < n; i++) {
      const ep = endpoints[i] as ModelEndpoint;
      const sep = same ? (sepList[i] as string) : sepName(ep);
      let text = largeClusterMode ? head : `${head} -m comment --comment "${name} -> ${ep.endpoint}"`;
      if (i < n - 1) text += ` -m statistic --mode random --probability ${probability(probabilities, n - i)}`;
      rule(natChainRules, chain, `${text} -j ${sep}`);
    }
  };
  if (usesClusterPolicyChain) {
    natChains.push(chainLine(clusterPolicyChain));
    writeEndpointRules(clusterPolicyChain, clusterEndpoints);
  }
  if (usesLocalPolicyChain) {
    natChains.push(chainLine(localPolicyChain));
    writeEndpointRules(localPolicyChain, localEndpoints);
  }
  const svcComment = largeClusterMode ? '' : ` -m comment --comment ${name}`;
  const dnat = affinity ? '' : ` ${proto} -j DNAT --to-destination `;
  for (let i = 0; i < allReachableEndpoints.length; i++) {
    const ep = allReachableEndpoints[i] as ModelEndpoint;
    const sep = sepList[i] as string;
    natChains.push(chainLine(sep));
    rule(natChainRules, sep, `-A ${sep}${svcComment} -s ${ep.ip} -j KUBE-MARK-MASQ`);
    rule(
      natChainRules,
      sep,
      affinity
        ? `-A ${sep}${svcComment} -m recent --name ${sep} --set ${proto} -j DNAT --to-destination ${ep.endpoint}`
        : `-A ${sep}${svcComment}${dnat}${ep.endpoint}`,
    );
  }
  return { filterRules, natTopRules, natChains, natChainRules };
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
