import type { IpValue } from '../internal/ip.ts';
import { cidrContains, compareIp, isLoopback, parseIpSloppy } from '../internal/ip.ts';
import type { ModeConfig, ModeEndpoint, ModeServicePort, ModeView } from '../modes/mode-model.ts';
import type { IpsetDefinition, IpvsRealServer, IpvsVirtualServer } from './ipvs-ruleset.ts';

/** kube-proxy's ipset list (pkg/proxy/ipvs/proxier.go ipsetInfo, ipset.go names and comments). */
export const IPSET_INFO: readonly {
  readonly name: string;
  readonly type: string;
  readonly comment: string;
}[] = [
  {
    name: 'KUBE-LOOP-BACK',
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose',
  },
  {
    name: 'KUBE-CLUSTER-IP',
    type: 'hash:ip,port',
    comment: 'Kubernetes service cluster ip + port for masquerade purpose',
  },
  {
    name: 'KUBE-EXTERNAL-IP',
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port for masquerade and filter purpose',
  },
  {
    name: 'KUBE-EXTERNAL-IP-LOCAL',
    type: 'hash:ip,port',
    comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local',
  },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  {
    name: 'KUBE-LOAD-BALANCER-FW',
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange',
  },
  {
    name: 'KUBE-LOAD-BALANCER-LOCAL',
    type: 'hash:ip,port',
    comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-LOAD-BALANCER-SOURCE-IP',
    type: 'hash:ip,port,ip',
    comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose',
  },
  {
    name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR',
    type: 'hash:ip,port,net',
    comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose',
  },
  {
    name: 'KUBE-NODE-PORT-TCP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port for masquerade purpose',
  },
  {
    name: 'KUBE-NODE-PORT-LOCAL-TCP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-NODE-PORT-UDP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port for masquerade purpose',
  },
  {
    name: 'KUBE-NODE-PORT-LOCAL-UDP',
    type: 'bitmap:port',
    comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local',
  },
  {
    name: 'KUBE-NODE-PORT-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'",
  },
  {
    name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH',
    type: 'hash:ip,port',
    comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'",
  },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

/** ipsetWithIptablesChain: set, table, from chain, target, match type, protocol match. */
const IPSET_CHAINS: readonly (readonly [string, 'nat' | 'filter', string, string, string, string])[] = [
  ['KUBE-LOOP-BACK', 'nat', 'KUBE-POSTROUTING', 'MASQUERADE', 'dst,dst,src', ''],
  ['KUBE-LOAD-BALANCER', 'nat', 'KUBE-SERVICES', 'KUBE-LOAD-BALANCER', 'dst,dst', ''],
  ['KUBE-LOAD-BALANCER-LOCAL', 'nat', 'KUBE-LOAD-BALANCER', 'RETURN', 'dst,dst', ''],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'tcp'],
  ['KUBE-NODE-PORT-TCP', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'tcp'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst', 'udp'],
  ['KUBE-NODE-PORT-UDP', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst', 'udp'],
  ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'nat', 'KUBE-NODE-PORT', 'RETURN', 'dst,dst', 'sctp'],
  ['KUBE-NODE-PORT-SCTP-HASH', 'nat', 'KUBE-NODE-PORT', 'KUBE-MARK-MASQ', 'dst,dst', 'sctp'],
  ['KUBE-LOAD-BALANCER-FW', 'filter', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'dst,dst', ''],
  ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'filter', 'KUBE-SOURCE-RANGES-FIREWALL', 'RETURN', 'dst,dst,src', ''],
  ['KUBE-LOAD-BALANCER-SOURCE-IP', 'filter', 'KUBE-SOURCE-RANGES-FIREWALL', 'RETURN', 'dst,dst,src', ''],
];

const NAT_CHAINS = [
  'KUBE-SERVICES',
  'KUBE-POSTROUTING',
  'KUBE-NODE-PORT',
  'KUBE-LOAD-BALANCER',
  'KUBE-MARK-MASQ',
];
const FILTER_CHAINS = [
  'KUBE-FORWARD',
  'KUBE-NODE-PORT',
  'KUBE-PROXY-FIREWALL',
  'KUBE-SOURCE-RANGES-FIREWALL',
  'KUBE-IPVS-FILTER',
  'KUBE-IPVS-OUT-FILTER',
];

/**
 * The IPv6 name of a set: `KUBE-` becomes `KUBE-6-`, truncated to 31 characters (ipset.go NewIPSet).
 *
 * @example
 * ```ts
 * ipsetName('KUBE-LOAD-BALANCER-SOURCE-CIDR', 6); // 'KUBE-6-LOAD-BALANCER-SOURCE-CID'
 * ```
 */
export function ipsetName(name: string, family: 4 | 6): string {
  if (family === 4 || !name.startsWith('KUBE-')) return name;
  return `KUBE-6-${name.slice(5)}`.slice(0, 31);
}

/** The built ipvs state before the iptables text is parsed. */
export interface IpvsBuild {
  readonly virtualServers: IpvsVirtualServer[];
  readonly ipsetDefinitions: IpsetDefinition[];
  readonly boundAddresses: string[];
  /** kube-proxy's `iptables-restore` input: nat then filter. */
  readonly restoreText: string;
  readonly nodeIPs: readonly string[];
}

const PROTO_ORDER: Readonly<Record<string, number>> = { TCP: 6, UDP: 17, SCTP: 132 };

/** Numeric order of two addresses (IPv4 before IPv6), parsing each text once. */
function addressOrder(cache: Map<string, IpValue | null>, a: string, b: string): number {
  let pa = cache.get(a);
  if (pa === undefined) {
    pa = parseIpSloppy(a, true) ?? null;
    cache.set(a, pa);
  }
  let pb = cache.get(b);
  if (pb === undefined) {
    pb = parseIpSloppy(b, true) ?? null;
    cache.set(b, pb);
  }
  if (pa === null || pb === null) return a < b ? -1 : a > b ? 1 : 0;
  return compareIp(pa, pb);
}

function detectorNotLocal(config: ModeConfig): string | null {
  const d = config.localDetector;
  switch (d.mode) {
    case 'ClusterCIDR':
    case 'NodeCIDR':
      return `! -s ${d.cidr}`;
    case 'BridgeInterface':
      return `! -i ${d.interface}`;
    case 'InterfaceNamePrefix':
      return `! -i ${d.prefix}+`;
    default:
      return null;
  }
}

/**
 * Builds kube-proxy's ipvs-mode state from the mode view (pkg/proxy/ipvs/proxier.go
 * syncProxyRules + writeIptablesRules, one full sync).
 *
 * @example
 * ```ts
 * buildIpvs(modeViewFromInput(input)).virtualServers.length;
 * ```
 */
export function buildIpvs(view: ModeView): IpvsBuild {
  const { config } = view;
  const family = config.family;
  const ipCache = new Map<string, IpValue | null>();
  const byAddress = (a: string, b: string): number => addressOrder(ipCache, a, b);
  const entries = new Map<string, Set<string>>();
  for (const info of IPSET_INFO) entries.set(info.name, new Set());
  const add = (set: string, entry: string): void => {
    entries.get(set)?.add(entry);
  };
  const vsMap = new Map<string, IpvsVirtualServer>();
  const bound = new Set<string>();
  const lbNoNodeAccess: { ip: string; protocol: string; port: number }[] = [];
  // All local addresses except kube-ipvs0 (loopback excluded, as GetAllLocalAddressesExcept's filter does).
  // (netlink isValidForSet: no loopback, no IPv6 link-local.)
  const nodeAddresses = config.nodeIPs.filter((ip) => {
    const p = parseIpSloppy(ip, true);
    return p !== undefined && !isLoopback(p) && !(p.family === 6 && cidrContains('fe80::/10', p));
  });
  const nodeAddressSet = new Set(nodeAddresses);
  const nodePortIPs = config.nodePortAddresses.length === 0 ? nodeAddresses : [...config.nodePortIPs];
  const primaryNodeIP = config.nodeIPs[0];

  const realServers = (sp: ModeServicePort, onlyLocal: boolean): IpvsRealServer[] => {
    let eps: readonly ModeEndpoint[] = sp.clusterEndpoints;
    if (onlyLocal && sp.localEndpoints.length > 0) eps = sp.localEndpoints;
    const seen = new Set<string>();
    const out: IpvsRealServer[] = [];
    for (const ep of eps) {
      const key = `${ep.ip}|${ep.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ address: ep.ip, port: ep.port, weight: 1 });
    }
    return out.sort((a, b) => byAddress(a.address, b.address) || a.port - b.port);
  };
  const addVS = (sp: ModeServicePort, address: string, port: number, onlyLocal: boolean): void => {
    const vsFlags: ('persistent' | 'source-hash')[] = [];
    if (sp.affinityTimeout !== null) vsFlags.push('persistent');
    if (config.scheduler === 'mh') vsFlags.push('source-hash');
    const vs: IpvsVirtualServer = {
      address,
      port,
      protocol: sp.protocol,
      scheduler: config.scheduler,
      ...(vsFlags.length > 0 ? { flags: vsFlags } : {}),
      ...(sp.affinityTimeout !== null ? { timeout: sp.affinityTimeout } : {}),
      realServers: realServers(sp, onlyLocal),
    };
    vsMap.set(`${address}|${port}|${sp.protocol}`, vs);
  };

  for (const sp of view.servicePorts) {
    const proto = sp.protocol.toLowerCase();
    for (const ep of sp.allEndpoints) {
      if (ep.isLocal) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${ep.port},${ep.ip}`);
    }
    add('KUBE-CLUSTER-IP', `${sp.clusterIP},${proto}:${sp.port}`);
    addVS(sp, sp.clusterIP, sp.port, sp.internalPolicyLocal);
    bound.add(sp.clusterIP);

    for (const eip of sp.externalIPs) {
      add(
        sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP',
        `${eip},${proto}:${sp.port}`,
      );
      addVS(sp, eip, sp.port, sp.externalPolicyLocal);
      if (!nodeAddressSet.has(eip)) bound.add(eip);
    }

    for (const lb of sp.loadBalancerVIPs) {
      const entry = `${lb},${proto}:${sp.port}`;
      add('KUBE-LOAD-BALANCER', entry);
      if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', entry);
      if (sp.loadBalancerSourceRanges.length > 0) {
        add('KUBE-LOAD-BALANCER-FW', entry);
        let allowFromNode = false;
        for (const cidr of sp.loadBalancerSourceRanges) {
          add('KUBE-LOAD-BALANCER-SOURCE-CIDR', `${entry},${cidr}`);
          if (primaryNodeIP !== undefined && cidrContains(cidr, primaryNodeIP)) allowFromNode = true;
        }
        if (allowFromNode) add('KUBE-LOAD-BALANCER-SOURCE-IP', `${entry},${lb}`);
        else lbNoNodeAccess.push({ ip: lb, protocol: proto, port: sp.port });
      }
      addVS(sp, lb, sp.port, sp.externalPolicyLocal);
      if (!nodeAddressSet.has(lb)) bound.add(lb);
    }

    if (sp.nodePort !== 0) {
      if (nodePortIPs.length === 0) continue;
      let npEntries: string[];
      let npSet: string;
      let npLocalSet: string;
      if (proto === 'sctp') {
        npSet = 'KUBE-NODE-PORT-SCTP-HASH';
        npLocalSet = 'KUBE-NODE-PORT-LOCAL-SCTP-HASH';
        npEntries = nodePortIPs.map((ip) => `${ip},sctp:${sp.nodePort}`);
      } else {
        npSet = proto === 'tcp' ? 'KUBE-NODE-PORT-TCP' : 'KUBE-NODE-PORT-UDP';
        npLocalSet = proto === 'tcp' ? 'KUBE-NODE-PORT-LOCAL-TCP' : 'KUBE-NODE-PORT-LOCAL-UDP';
        npEntries = [String(sp.nodePort)];
      }
      for (const e of npEntries) add(npSet, e);
      if (sp.externalPolicyLocal) for (const e of npEntries) add(npLocalSet, e);
      for (const ip of nodePortIPs) addVS(sp, ip, sp.nodePort, sp.externalPolicyLocal);
    }

    if (sp.healthCheckNodePort !== 0) add('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
  }
  for (const ip of bound) add('KUBE-IPVS-IPS', ip);

  const setName = (n: string): string => ipsetName(n, family);
  const isEmpty = (n: string): boolean => (entries.get(n)?.size ?? 0) === 0;
  const comment = (n: string): string => `"${IPSET_INFO.find((i) => i.name === n)?.comment ?? ''}"`;
  const natRules: string[] = [];
  const filterRules: string[] = [];
  const loAddr = family === 6 ? '::1/128' : '127.0.0.0/8';
  natRules.push(`-A KUBE-SERVICES -s ${loAddr} -j RETURN`);
  for (const [set, table, from, to, matchType, protoMatch] of IPSET_CHAINS) {
    if (isEmpty(set)) continue;
    const proto = protoMatch === '' ? '' : ` -p ${protoMatch}`;
    const line = `-A ${from}${proto} -m comment --comment ${comment(set)} -m set --match-set ${setName(set)} ${matchType} -j ${to}`;
    (table === 'filter' ? filterRules : natRules).push(line);
  }
  if (!isEmpty('KUBE-CLUSTER-IP')) {
    const args = `-A KUBE-SERVICES -m comment --comment ${comment('KUBE-CLUSTER-IP')} -m set --match-set ${setName('KUBE-CLUSTER-IP')}`;
    const notLocal = detectorNotLocal(config);
    if (config.masqueradeAll) natRules.push(`${args} dst,dst -j KUBE-MARK-MASQ`);
    else if (notLocal !== null) natRules.push(`${args} dst,dst ${notLocal} -j KUBE-MARK-MASQ`);
    else natRules.push(`${args} src,dst -j KUBE-MARK-MASQ`);
  }
  const externalIPRules = (args: string): void => {
    natRules.push(`${args} -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT`);
    natRules.push(`${args} -m addrtype --dst-type LOCAL -j ACCEPT`);
  };
  if (!isEmpty('KUBE-EXTERNAL-IP')) {
    const args = `-A KUBE-SERVICES -m comment --comment ${comment('KUBE-EXTERNAL-IP')} -m set --match-set ${setName('KUBE-EXTERNAL-IP')} dst,dst`;
    natRules.push(`${args} -j KUBE-MARK-MASQ`);
    externalIPRules(args);
  }
  if (!isEmpty('KUBE-EXTERNAL-IP-LOCAL')) {
    externalIPRules(
      `-A KUBE-SERVICES -m comment --comment ${comment('KUBE-EXTERNAL-IP-LOCAL')} -m set --match-set ${setName('KUBE-EXTERNAL-IP-LOCAL')} dst,dst`,
    );
  }
  natRules.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  natRules.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  filterRules.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
  for (const e of lbNoNodeAccess) {
    filterRules.push(
      `-A KUBE-IPVS-OUT-FILTER -s ${e.ip} -m ipvs --vaddr ${e.ip} --vproto ${e.protocol} --vport ${e.port} -j DROP`,
    );
  }
  for (const set of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) {
    if (!isEmpty(set)) natRules.push(`-A KUBE-SERVICES -m set --match-set ${setName(set)} dst,dst -j ACCEPT`);
  }
  const mark = config.masqueradeMark;
  filterRules.push(
    `-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
  );
  filterRules.push(
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  );
  filterRules.push(
    `-A KUBE-NODE-PORT -m comment --comment ${comment('KUBE-HEALTH-CHECK-NODE-PORT')} -m set --match-set ${setName('KUBE-HEALTH-CHECK-NODE-PORT')} dst -j ACCEPT`,
  );
  for (const [set, type] of [
    ['KUBE-LOAD-BALANCER', 'dst,dst'],
    ['KUBE-CLUSTER-IP', 'dst,dst'],
    ['KUBE-EXTERNAL-IP', 'dst,dst'],
    ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'],
    ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst'],
  ] as const) {
    filterRules.push(`-A KUBE-IPVS-FILTER -m set --match-set ${setName(set)} ${type} -j RETURN`);
  }
  filterRules.push(
    `-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set ${setName('KUBE-IPVS-IPS')} dst -j REJECT`,
  );
  natRules.push(`-A KUBE-POSTROUTING -m mark ! --mark ${mark}/${mark} -j RETURN`);
  natRules.push(`-A KUBE-POSTROUTING -j MARK --xor-mark ${mark}`);
  natRules.push(
    `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${config.randomFully ? ' --random-fully' : ''}`,
  );
  natRules.push(`-A KUBE-MARK-MASQ -j MARK --or-mark ${mark}`);

  const lines = [
    '*nat',
    ...NAT_CHAINS.map((c) => `:${c} - [0:0]`),
    ...natRules,
    'COMMIT',
    '*filter',
    ...FILTER_CHAINS.map((c) => `:${c} - [0:0]`),
    ...filterRules,
    'COMMIT',
  ];

  const virtualServers = [...vsMap.values()].sort(
    (a, b) =>
      (PROTO_ORDER[a.protocol] ?? 0) - (PROTO_ORDER[b.protocol] ?? 0) ||
      byAddress(a.address, b.address) ||
      a.port - b.port,
  );
  const ipsetDefinitions: IpsetDefinition[] = IPSET_INFO.map((info) => ({
    name: setName(info.name),
    type: info.type,
    family: family === 6 ? 'inet6' : 'inet',
    comment: info.comment,
    entries: [...(entries.get(info.name) ?? [])].sort(),
  }));
  return {
    virtualServers,
    ipsetDefinitions,
    boundAddresses: [...bound].sort(byAddress),
    restoreText: `${lines.join('\n')}\n`,
    nodeIPs: nodeAddresses,
  };
}
