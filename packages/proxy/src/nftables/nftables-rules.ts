import { describeValue } from '../internal/describe-value.ts';
import type { ModeExtraConfig, ModeInput } from '../modes/from-service-model.ts';
import { modeViewFromInput, modeViewFromModel } from '../modes/from-service-model.ts';
import { ProxyError } from '../proxy-error.ts';
import type { ServiceModel } from '../service-model/types.ts';
import { buildNftRuleset } from './build-nftables.ts';
import type { NftRuleset } from './nft-ruleset.ts';

/**
 * The nftables state kube-proxy (`--proxy-mode=nftables`) writes for the given Services and
 * EndpointSlices on one node: the `ip kube-proxy` table (`ip6 kube-proxy` with
 * `config.ipFamily: 'IPv6'`) with its base chains, service/endpoint chains, sets and verdict maps,
 * after a full sync; `config.ipFamilies: ['IPv4', 'IPv6']` writes both tables as a dual-stack
 * kube-proxy does. `config.serviceCIDRs` adds the "Drop traffic to unallocated ClusterIPs" rule.
 * Follows `pkg/proxy/nftables/proxier.go`.
 *
 * @example
 * ```ts
 * const rules = nftablesRules({
 *   services: [{ metadata: { namespace: 'ns1', name: 'svc1' },
 *     spec: { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }] } }],
 *   endpointSlices: [],
 *   config: { hostname: 'node1', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8' },
 * });
 * formatNft(rules).includes('add element ip kube-proxy cluster-ips { 172.30.0.41 }'); // true
 * ```
 */
export function nftablesRules(input: ModeInput): NftRuleset {
  if (
    typeof input !== 'object' ||
    input === null ||
    typeof input.config !== 'object' ||
    input.config === null
  ) {
    return buildNftRuleset([modeViewFromInput(input)]);
  }
  const config = input.config;
  const families: unknown = config.ipFamilies;
  if (families === undefined) return buildNftRuleset([modeViewFromInput(input)]);
  if (
    !Array.isArray(families) ||
    families.length === 0 ||
    families.some((f) => f !== 'IPv4' && f !== 'IPv6')
  ) {
    throw new ProxyError(
      'INVALID_CONFIG',
      `config.ipFamilies must list 'IPv4' and/or 'IPv6', got ${describeValue(families)}`,
      ['config', 'ipFamilies'],
    );
  }
  const ordered = (['IPv4', 'IPv6'] as const).filter((f) => families.includes(f));
  return buildNftRuleset(
    ordered.map((ipFamily) => modeViewFromInput({ ...input, config: { ...config, ipFamily } })),
  );
}

/**
 * {@link nftablesRules} from an already built service model (one family; as
 * `iptablesRulesFromModel` does), so several modes can share one normalisation.
 *
 * @example
 * ```ts
 * const model = buildServiceModel(input);
 * formatNft(nftablesRulesFromModel(model, { serviceCIDRs: '10.96.0.0/12' }));
 * ```
 */
export function nftablesRulesFromModel(model: ServiceModel, extra: ModeExtraConfig = {}): NftRuleset {
  return buildNftRuleset([modeViewFromModel(model, extra)]);
}
