import { canonicalCidr, ipFamily, isLoopback, parseIpSloppy } from '../internal/ip.ts';
import { ProxyError } from '../proxy-error.ts';
import { buildServiceModel } from '../service-model/build-service-model.ts';
import type { ProxyInput, ServiceModel } from '../service-model/types.ts';
import type { ModeConfig, ModeView } from './mode-model.ts';

/** Settings only the ipvs / nftables modes read, accepted next to the shared config fields. */
export interface ModeExtraConfig {
  /** Service CIDRs (comma-separated string or list) for nftables' "unallocated ClusterIPs" drop. */
  readonly serviceCIDRs?: string | readonly string[];
  /** IPVS scheduler (`--ipvs-scheduler`, default `rr`). */
  readonly scheduler?: string;
  /** nftables: build a table per family (`['IPv4', 'IPv6']` = dual-stack); default `[ipFamily]`. */
  readonly ipFamilies?: readonly ('IPv4' | 'IPv6')[];
}

const SCHEDULERS = new Set([
  'rr',
  'wrr',
  'lc',
  'wlc',
  'lblc',
  'lblcr',
  'dh',
  'sh',
  'sed',
  'nq',
  'mh',
  'fo',
  'ovf',
  'twos',
]);

function serviceCIDRsOf(raw: unknown, family: 4 | 6): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list: unknown[] = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  list.forEach((item, i) => {
    const text = typeof item === 'string' ? item.trim() : item;
    const cidr = typeof text === 'string' ? canonicalCidr(text) : null;
    if (cidr === null) {
      throw new ProxyError('INVALID_CIDR', `invalid service CIDR ${JSON.stringify(item)}`, [
        'config',
        'serviceCIDRs',
        i,
      ]);
    }
    if (ipFamily(cidr.slice(0, cidr.indexOf('/'))) === family) out.push(cidr);
  });
  return out;
}

/**
 * Turns the shared {@link ServiceModel} into the view the ipvs and nftables generators read.
 *
 * @example
 * ```ts
 * const view = modeViewFromModel(buildServiceModel(input), input.config);
 * ```
 */
export function modeViewFromModel(model: ServiceModel, extra: ModeExtraConfig = {}): ModeView {
  const c = model.config;
  const family: 4 | 6 = c.ipFamily === 'IPv6' ? 6 : 4;
  const schedRaw = extra.scheduler ?? '';
  if (typeof schedRaw !== 'string' || (schedRaw !== '' && !SCHEDULERS.has(schedRaw))) {
    throw new ProxyError('INVALID_CONFIG', `unknown IPVS scheduler ${JSON.stringify(schedRaw)}`, [
      'config',
      'scheduler',
    ]);
  }
  const nodePortIPs = c.nodePortsMatchAll
    ? []
    : c.nodePortIPs.filter((ip) => {
        const parsed = parseIpSloppy(ip, true);
        return parsed !== undefined && !isLoopback(parsed);
      });
  const config: ModeConfig = {
    family,
    hostname: c.hostname,
    nodeIPs: c.nodeIPs,
    masqueradeAll: c.masqueradeAll,
    masqueradeMark: c.masqueradeMark,
    localDetector: c.localDetector,
    nodePortAddresses: c.nodePortsMatchAll ? [] : c.nodePortAddresses,
    nodePortIPs,
    serviceCIDRs: serviceCIDRsOf(extra.serviceCIDRs, family),
    randomFully: c.randomFully,
    scheduler: schedRaw === '' ? 'rr' : schedRaw,
  };
  const servicePorts = model.servicePorts.map((sp) => ({
    namespace: sp.namespace,
    name: sp.name,
    portName: sp.portName,
    protocol: sp.protocol,
    clusterIP: sp.clusterIP,
    port: sp.port,
    nodePort: sp.nodePort,
    externalIPs: sp.externalIPs,
    loadBalancerVIPs: sp.loadBalancerVIPs,
    loadBalancerSourceRanges: sp.loadBalancerSourceRanges,
    healthCheckNodePort: sp.healthCheckNodePort,
    affinityTimeout: sp.sessionAffinity === 'ClientIP' ? sp.stickyMaxAgeSeconds : null,
    internalPolicyLocal: sp.internalPolicyLocal,
    externalPolicyLocal: sp.externalPolicyLocal,
    externallyAccessible: sp.externallyAccessible,
    usesClusterEndpoints: sp.usesClusterEndpoints,
    usesLocalEndpoints: sp.usesLocalEndpoints,
    // ModelEndpoint is structurally a ModeEndpoint: share the arrays instead of copying them.
    allEndpoints: sp.endpoints,
    clusterEndpoints: sp.clusterEndpoints,
    localEndpoints: sp.localEndpoints,
    allReachableEndpoints: sp.allReachableEndpoints,
    hasAnyEndpoints: sp.hasAnyEndpoints,
  }));
  return { config, servicePorts };
}

/** The input of `ipvsRules` / `nftablesRules`: the shared input, config may carry mode extras. */
export interface ModeInput extends ProxyInput {
  readonly config: ProxyInput['config'] & ModeExtraConfig;
}

/**
 * Normalises the input with the shared service model and builds the mode view.
 *
 * @example
 * ```ts
 * const view = modeViewFromInput({ services, endpointSlices, config });
 * ```
 */
export function modeViewFromInput(input: ModeInput): ModeView {
  const model = buildServiceModel(input);
  const cfg = input.config as ModeExtraConfig;
  return modeViewFromModel(model, cfg);
}
