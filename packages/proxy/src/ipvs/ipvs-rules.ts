import { parseIptablesSave } from '../iptables/parse-iptables-save.ts';
import type { ModeExtraConfig, ModeInput } from '../modes/from-service-model.ts';
import { modeViewFromInput, modeViewFromModel } from '../modes/from-service-model.ts';
import type { ModeView } from '../modes/mode-model.ts';
import type { ServiceModel } from '../service-model/types.ts';
import { buildIpvs } from './build-ipvs.ts';
import type { IpvsRuleset } from './ipvs-ruleset.ts';

/**
 * Builds the ipvs ruleset from an already normalised mode view.
 *
 * @example
 * ```ts
 * const r = ipvsRulesFromView(modeViewFromInput(input));
 * ```
 */
export function ipvsRulesFromView(view: ModeView): IpvsRuleset {
  const b = buildIpvs(view);
  const ipsets: Record<string, readonly string[]> = {};
  for (const def of b.ipsetDefinitions) ipsets[def.name] = def.entries;
  const parsed = parseIptablesSave(b.restoreText);
  return {
    kind: 'ipvs',
    family: view.config.family,
    virtualServers: b.virtualServers,
    ipsets,
    ipsetDefinitions: b.ipsetDefinitions,
    boundAddresses: b.boundAddresses,
    iptables: { ...parsed, localIPs: [...b.nodeIPs, ...b.boundAddresses] },
    nodeIPs: b.nodeIPs,
  };
}

/**
 * What kube-proxy in ipvs mode (`--proxy-mode=ipvs`) sets up for the given Services and
 * EndpointSlices on one node: IPVS virtual servers (ClusterIP, each external IP and load-balancer
 * IP, and each node address for NodePorts) with their real servers, the ipsets, the addresses bound
 * to `kube-ipvs0`, and the iptables rules ipvs mode still writes. `config.scheduler` picks the IPVS
 * scheduler (default `rr`). Follows `pkg/proxy/ipvs/proxier.go`.
 *
 * @example
 * ```ts
 * const r = ipvsRules({
 *   services: [{ metadata: { namespace: 'ns1', name: 'svc1' },
 *     spec: { type: 'NodePort', clusterIP: '10.20.30.41', ports: [{ name: 'p80', port: 80, nodePort: 3001 }] } }],
 *   endpointSlices: [],
 *   config: { hostname: 'node1', nodeIPs: ['100.101.102.103'] },
 * });
 * r.virtualServers.map((vs) => `${vs.address}:${vs.port}`); // ['10.20.30.41:80', '100.101.102.103:3001']
 * r.ipsets['KUBE-NODE-PORT-TCP']; // ['3001']
 * ```
 */
export function ipvsRules(input: ModeInput): IpvsRuleset {
  return ipvsRulesFromView(modeViewFromInput(input));
}

/**
 * {@link ipvsRules} from an already built service model (as `iptablesRulesFromModel` does), so
 * several modes can share one normalisation.
 *
 * @example
 * ```ts
 * const model = buildServiceModel(input);
 * ipvsRulesFromModel(model, { scheduler: 'rr' }).virtualServers.length;
 * ```
 */
export function ipvsRulesFromModel(model: ServiceModel, extra: ModeExtraConfig = {}): IpvsRuleset {
  return ipvsRulesFromView(modeViewFromModel(model, extra));
}
