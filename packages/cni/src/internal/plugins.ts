import { type Addr, formatAddr, formatPrefix, prefixContains } from '@podnet/ip';
import { calicoVethName, formatChainComment, formatChainName } from '../chain-names.ts';
import type { CniEffect, CniRuntime } from '../cni-effect.ts';
import { CniError } from '../cni-error.ts';
import { flannelDelegateConf } from '../default-conflist.ts';
import { hostLocalAllocate } from '../host-local-allocate.ts';
import { hostLocalRelease } from '../host-local-release.ts';
import { emptyHostLocalStore, type HostLocalStore, hostLocalAddressesOf } from '../host-local-store.ts';
import type { BridgeConf, PortmapConf } from '../plugin-schemas.ts';
import { portmapChains } from '../portmap-chains.ts';
import type { CniInterface, CniIpConfig, CniResult, CniRoute } from '../result-schema.ts';
import type { PortMapping } from '../runtime-config-schema.ts';
import { describeValue } from './input.ts';
import { nextIp, parseCidr, parseIp } from './ip.ts';
import { sha512Hex } from './sha512.ts';

/** Everything a simulated plugin sees. */
export interface PluginCall {
  readonly index: number;
  readonly conf: Readonly<Record<string, unknown>> & { readonly type: string };
  readonly netName: string;
  readonly cniVersion: string;
  readonly runtime: CniRuntime;
  readonly containerId: string;
  readonly ifname: string;
  readonly netns: string;
  readonly prevResult: CniResult | undefined;
  readonly store: HostLocalStore;
}

export interface PluginOutcome {
  readonly result: CniResult | undefined;
  readonly store: HostLocalStore;
  readonly effects: readonly CniEffect[];
}

type Effect = CniEffect;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A deterministic stand-in for `ip.RandomVethName()`: `veth` + 8 hex chars of a hash. */
export function hostVethName(containerId: string, ifname: string): string {
  return `veth${sha512Hex(`${containerId}/${ifname}`).slice(0, 8)}`;
}

interface IpamOutcome {
  readonly ips: CniIpConfig[];
  readonly routes: CniRoute[];
  readonly dns?: CniResult['dns'];
  readonly store: HostLocalStore;
}

function runIpam(call: PluginCall, ipam: Record<string, unknown>): IpamOutcome {
  const type = typeof ipam.type === 'string' ? ipam.type : '';
  const rc = isObject(call.conf.runtimeConfig) ? call.conf.runtimeConfig : {};
  if (type === 'host-local') {
    const argsCni = isObject(call.conf.args) && isObject(call.conf.args.cni) ? call.conf.args.cni : {};
    const requested = [
      ...(Array.isArray(argsCni.ips) ? argsCni.ips : []),
      ...(Array.isArray(rc.ips) ? rc.ips : []),
    ].filter((x): x is string => typeof x === 'string');
    const { result, store } = hostLocalAllocate(ipam, call.store, call.containerId, call.ifname, {
      cniVersion: call.cniVersion,
      ipRanges: rc.ipRanges,
      requestedIps: requested,
    });
    return { ips: [...result.ips], routes: [...(result.routes ?? [])], store };
  }
  if (type === 'static') {
    const addresses = Array.isArray(ipam.addresses) ? ipam.addresses : [];
    const ips: CniIpConfig[] = [];
    addresses.forEach((a, i) => {
      if (!isObject(a)) return;
      if (typeof a.address !== 'string') {
        throw new CniError('INVALID_CIDR', `invalid static address ${describeValue(a.address)}`, [
          'ipam',
          'addresses',
          i,
          'address',
        ]);
      }
      const ip: { address: string; gateway?: string } = { address: a.address };
      if (typeof a.gateway === 'string') ip.gateway = a.gateway;
      ips.push(ip);
    });
    const routes = (Array.isArray(ipam.routes) ? ipam.routes : []).filter(isObject) as unknown as CniRoute[];
    return { ips, routes, store: call.store };
  }
  if (type === 'calico-ipam') {
    const block = call.runtime.calico?.block;
    if (block === undefined) {
      throw new CniError('MISSING_RUNTIME', 'calico-ipam needs runtime.calico.block (the node block)', [
        'calico',
      ]);
    }
    return calicoIpamAllocate(call, block);
  }
  throw new CniError('UNSUPPORTED_IPAM', `IPAM type ${JSON.stringify(type)} is not modelled`, [
    'ipam',
    'type',
  ]);
}

/** Calico IPAM stand-in: the first free ordinal of the node's block, handed out as /32 (or /128). */
function calicoIpamAllocate(call: PluginCall, block: string): IpamOutcome {
  const cidr = parseCidr(block);
  if (cidr === null) throw new CniError('INVALID_CIDR', `invalid calico block ${block}`, ['calico', 'block']);
  if (hostLocalAddressesOf(call.store, call.containerId, call.ifname).length > 0) {
    throw new CniError(
      'DUPLICATE_ALLOCATION',
      `${call.containerId} already has an address in block ${block}`,
    );
  }
  const net = cidr.prefix.addr;
  const size = 2 ** ((cidr.addr.family === 4 ? 32 : 128) - cidr.prefix.bits);
  let ip: Addr = net;
  const reserved = call.store.reserved ?? {};
  for (let i = 0; i < Math.min(size, 65536); i++) {
    const key = formatAddr(ip);
    if (!Object.hasOwn(reserved, key)) {
      const store: HostLocalStore = {
        reserved: { ...reserved, [key]: { containerId: call.containerId, ifname: call.ifname } },
        lastReserved: { ...(call.store.lastReserved ?? {}) },
      };
      return { ips: [{ address: `${key}/${cidr.addr.family === 4 ? 32 : 128}` }], routes: [], store };
    }
    ip = nextIp(ip);
  }
  throw new CniError('NO_ADDRESSES_AVAILABLE', `no IP addresses available in block ${block}`);
}

function familyOfCidr(text: string): 4 | 6 {
  return parseCidr(text)?.addr.family === 6 ? 6 : 4;
}

function connectedRoute(address: string): { dst: string; src: string } | undefined {
  const c = parseCidr(address);
  if (c === null) return undefined;
  return { dst: formatPrefix(c.prefix), src: formatAddr(c.addr) };
}

function containerRoutes(
  call: PluginCall,
  ips: readonly CniIpConfig[],
  routes: readonly CniRoute[],
): Effect[] {
  const out: Effect[] = [];
  const base = { plugin: call.index, type: call.conf.type, netns: call.netns };
  let v4gw: string | undefined;
  let v6gw: string | undefined;
  for (const ip of ips) {
    out.push({ kind: 'address', ...base, dev: call.ifname, address: ip.address });
    if (ip.gateway !== undefined) {
      if (familyOfCidr(ip.address) === 4) v4gw ??= ip.gateway;
      else v6gw ??= ip.gateway;
    }
    const c = connectedRoute(ip.address);
    const bits = parseCidr(ip.address)?.prefix.bits ?? 32;
    if (c !== undefined && bits < (familyOfCidr(ip.address) === 4 ? 32 : 128)) {
      out.push({
        kind: 'route',
        ...base,
        dst: c.dst,
        dev: call.ifname,
        scope: 'link',
        proto: 'kernel',
        src: c.src,
      });
    }
  }
  for (const r of routes) {
    const is4 = familyOfCidr(r.dst) === 4;
    const gw = r.gw ?? (is4 ? v4gw : v6gw);
    const route: {
      kind: 'route';
      plugin: number;
      type: string;
      netns: string;
      dst: string;
      gw?: string;
      dev: string;
    } = { kind: 'route', ...base, dst: r.dst, dev: call.ifname };
    if (gw !== undefined) route.gw = gw;
    out.push(route);
  }
  return out;
}

/** The bridge plugin's ADD (`plugins/main/bridge/bridge.go` `cmdAdd`). */
export function bridgeAdd(call: PluginCall): PluginOutcome {
  const n = call.conf as BridgeConf;
  const br = typeof n.bridge === 'string' && n.bridge !== '' ? n.bridge : 'cni0';
  const isDefaultGW = n.isDefaultGateway === true;
  const isGW = n.isGateway === true || isDefaultGW;
  if (n.hairpinMode === true && n.promiscMode === true) {
    throw new CniError(
      'CONFLICTING_OPTIONS',
      'cannot set hairpin mode and promiscuous mode at the same time',
      ['promiscMode'],
    );
  }
  const ipam = isObject(n.ipam) ? n.ipam : {};
  const isLayer3 = typeof ipam.type === 'string' && ipam.type !== '';
  const host = { plugin: call.index, type: n.type, netns: 'host' };
  const cont = { plugin: call.index, type: n.type, netns: call.netns };
  const effects: Effect[] = [];
  const vlanFiltering = (n.vlan ?? 0) !== 0 || n.vlanTrunk !== undefined;
  const bridgeLink: Effect = {
    kind: 'link',
    ...host,
    device: 'bridge',
    name: br,
    ...(n.mtu !== undefined ? { mtu: n.mtu } : {}),
    ...(n.promiscMode === true ? { promisc: true } : {}),
    ...(vlanFiltering ? { vlanFiltering: true } : {}),
  };
  effects.push(bridgeLink, { kind: 'sysctl', ...host, key: `net.ipv6.conf.${br}.accept_ra`, value: '0' });
  const hostVeth = hostVethName(call.containerId, call.ifname);
  // MAC for the container interface: CNI_ARGS MAC, then args.cni.mac, then runtimeConfig.mac (last wins).
  let mac = new Map(call.runtime.args ?? []).get('MAC');
  const argsCni = isObject(n.args) && isObject(n.args.cni) ? n.args.cni : {};
  if (typeof argsCni.mac === 'string' && argsCni.mac !== '') mac = argsCni.mac;
  const rcMac = isObject(n.runtimeConfig) ? n.runtimeConfig.mac : undefined;
  if (typeof rcMac === 'string' && rcMac !== '') mac = rcMac;
  effects.push(
    {
      kind: 'link',
      ...cont,
      device: 'veth',
      name: call.ifname,
      peer: { netns: 'host', name: hostVeth },
      ...(n.mtu !== undefined ? { mtu: n.mtu } : {}),
      ...(mac !== undefined ? { mac } : {}),
    },
    {
      kind: 'link',
      ...host,
      device: 'veth',
      name: hostVeth,
      peer: { netns: call.netns, name: call.ifname },
      master: br,
      hairpin: n.hairpinMode === true,
      ...(n.mtu !== undefined ? { mtu: n.mtu } : {}),
    },
  );
  const interfaces: CniInterface[] = [
    { name: br },
    { name: hostVeth },
    mac !== undefined
      ? { name: call.ifname, mac, sandbox: call.netns }
      : { name: call.ifname, sandbox: call.netns },
  ];
  if (!isLayer3) {
    const result: CniResult = { cniVersion: '1.1.0', interfaces };
    return { result, store: call.store, effects };
  }
  if (n.disableContainerInterface === true) {
    throw new CniError('CONFLICTING_OPTIONS', 'cannot use IPAM when DisableContainerInterface flag is set', [
      'ipam',
      'type',
    ]);
  }
  const ipamOut = runIpam(call, ipam);
  if (ipamOut.ips.length === 0) throw new CniError('IPAM_NO_IPS', 'IPAM plugin returned missing IP config');
  effects.push({
    kind: 'ipam',
    plugin: call.index,
    type: n.type,
    ipamType: String(ipam.type),
    addresses: ipamOut.ips.map((ip) => ip.address),
  });
  const routes: CniRoute[] = [...ipamOut.routes];
  const gws: { family: 4 | 6; gw: string; bits: number }[] = [];
  const defaultFound = { 4: false, 6: false };
  const ips: CniIpConfig[] = ipamOut.ips.map((ipc) => {
    const c = parseCidr(ipc.address);
    if (c === null) throw new CniError('INVALID_CIDR', `IPAM returned an invalid address ${ipc.address}`);
    const family = c.addr.family;
    let gateway = ipc.gateway;
    if (gateway === undefined && isGW) gateway = formatAddr(nextIp(c.prefix.addr));
    if (isDefaultGW && !defaultFound[family]) {
      const dflt = family === 4 ? '0.0.0.0/0' : '::/0';
      if (!routes.some((r) => r.gw !== undefined && r.dst === dflt)) {
        const route: { dst: string; gw?: string } = { dst: dflt };
        if (gateway !== undefined) route.gw = gateway;
        routes.push(route);
      }
      defaultFound[family] = true;
    }
    if (isGW && gateway !== undefined) gws.push({ family, gw: gateway, bits: c.prefix.bits });
    const out: { interface: number; address: string; gateway?: string } = {
      interface: 2,
      address: ipc.address,
    };
    if (gateway !== undefined) out.gateway = gateway;
    return out;
  });
  if (n.enabledad === true) {
    effects.push(
      { kind: 'sysctl', ...cont, key: `net.ipv6.conf.${call.ifname}.enhanced_dad`, value: '1' },
      { kind: 'sysctl', ...cont, key: `net.ipv6.conf.${call.ifname}.accept_dad`, value: '1' },
    );
  } else {
    effects.push({ kind: 'sysctl', ...cont, key: `net.ipv6.conf.${call.ifname}.accept_dad`, value: '0' });
  }
  effects.push(
    { kind: 'sysctl', ...cont, key: `net.ipv4.conf.${call.ifname}.arp_notify`, value: '1' },
    ...containerRoutes(call, ips, routes),
  );
  if (isGW) {
    // With a VLAN the gateway lives on the "<bridge>.<vlan>" veth (ensureVlanInterface), listed 4th.
    const vlan = typeof n.vlan === 'number' ? n.vlan : 0;
    const gwDev = vlan !== 0 ? `${br}.${vlan}` : br;
    if (vlan !== 0 && gws.length > 0) {
      effects.push({ kind: 'link', ...host, device: 'veth', name: gwDev, master: br });
      interfaces.push({ name: gwDev });
    }
    const seen = new Set<string>();
    for (const g of gws) {
      const address = `${g.gw}/${g.bits}`;
      if (seen.has(address)) continue;
      seen.add(address);
      effects.push({ kind: 'address', ...host, dev: gwDev, address });
      const c = connectedRoute(address);
      if (c !== undefined) {
        effects.push({
          kind: 'route',
          ...host,
          dst: c.dst,
          dev: gwDev,
          scope: 'link',
          proto: 'kernel',
          src: c.src,
        });
      }
    }
    for (const family of new Set(gws.map((g) => g.family))) {
      effects.push({
        kind: 'sysctl',
        ...host,
        key: family === 4 ? 'net.ipv4.ip_forward' : 'net.ipv6.conf.all.forwarding',
        value: '1',
      });
    }
  }
  if (n.ipMasq === true) {
    const chain = formatChainName(call.netName, call.containerId);
    const comment = formatChainComment(call.netName, call.containerId);
    for (const ip of ips) {
      const family = familyOfCidr(ip.address);
      const c = parseCidr(ip.address)!;
      effects.push({
        kind: 'iptables',
        plugin: call.index,
        type: n.type,
        family,
        chain: {
          table: 'nat',
          name: chain,
          entryChains: ['POSTROUTING'],
          entryRules: [['-s', formatAddr(c.addr), '-m', 'comment', '--comment', comment]],
          rules: [
            ['-d', ip.address, '-j', 'ACCEPT', '-m', 'comment', '--comment', comment],
            [
              '!',
              '-d',
              family === 4 ? '224.0.0.0/4' : 'ff00::/8',
              '-j',
              'MASQUERADE',
              '-m',
              'comment',
              '--comment',
              comment,
            ],
          ],
        },
      });
    }
  }
  const result: {
    cniVersion: string;
    interfaces: CniInterface[];
    ips: CniIpConfig[];
    routes?: CniRoute[];
    dns?: CniResult['dns'];
  } = {
    cniVersion: '1.1.0',
    interfaces,
    ips,
  };
  if (routes.length > 0) result.routes = routes;
  const dns = isObject(n.dns) ? (n.dns as CniResult['dns']) : ipamOut.dns;
  if (dns !== undefined) result.dns = dns;
  return { result, store: ipamOut.store, effects };
}

/** The bridge plugin's DEL: IPAM DEL, delete the container link, tear down masquerade. */
export function bridgeDel(call: PluginCall): PluginOutcome {
  const n = call.conf as BridgeConf;
  const ipam = isObject(n.ipam) ? n.ipam : {};
  const effects: Effect[] = [];
  let store = call.store;
  if (typeof ipam.type === 'string' && ipam.type !== '') {
    const held = hostLocalAddressesOf(store, call.containerId, call.ifname);
    store = hostLocalRelease(store, call.containerId, call.ifname);
    effects.push({ kind: 'ipam', plugin: call.index, type: n.type, ipamType: ipam.type, addresses: held });
  }
  effects.push({
    kind: 'link',
    plugin: call.index,
    type: n.type,
    netns: call.netns,
    device: 'veth',
    name: call.ifname,
    peer: { netns: 'host', name: hostVethName(call.containerId, call.ifname) },
  });
  if (n.ipMasq === true) {
    for (const ip of call.prevResult?.ips ?? []) {
      effects.push({
        kind: 'iptables',
        plugin: call.index,
        type: n.type,
        family: familyOfCidr(ip.address),
        chain: {
          table: 'nat',
          name: formatChainName(call.netName, call.containerId),
          entryChains: ['POSTROUTING'],
          entryRules: [],
          rules: [],
        },
      });
    }
  }
  return { result: undefined, store, effects };
}

/** flannel's ADD: build the delegate bridge conf from subnet.env and run it. */
export function flannelDelegate(call: PluginCall): PluginCall {
  const env = call.runtime.flannel;
  if (env === undefined) {
    throw new CniError('MISSING_RUNTIME', 'flannel needs runtime.flannel (the node subnet.env)', ['flannel']);
  }
  const delegate = flannelDelegateConf(
    call.conf as { delegate?: Record<string, unknown> },
    env,
    call.netName,
    call.cniVersion,
  );
  return { ...call, conf: { ...delegate, type: delegate.type } };
}

function containerIps(prev: CniResult, ifname: string): { v4?: string; v6?: string } {
  const out: { v4?: string; v6?: string } = {};
  for (const ip of prev.ips ?? []) {
    if (ip.interface !== undefined) {
      const iface = prev.interfaces?.[ip.interface];
      if (iface === undefined || iface.name !== ifname || !iface.sandbox) continue;
    }
    const family = familyOfCidr(ip.address);
    if (family === 4) out.v4 ??= ip.address;
    else out.v6 ??= ip.address;
  }
  return out;
}

/** portmap's ADD (iptables backend): chained only; no mappings → prevResult unchanged. */
export function portmapAdd(call: PluginCall): PluginOutcome {
  if (call.prevResult === undefined) {
    throw new CniError('NOT_CHAINED', 'must be called as chained plugin');
  }
  const conf = call.conf as PortmapConf;
  const rc = isObject(conf.runtimeConfig) ? conf.runtimeConfig : {};
  const mappings = (Array.isArray(rc.portMappings) ? rc.portMappings : []) as PortMapping[];
  if (mappings.length === 0) return { result: call.prevResult, store: call.store, effects: [] };
  for (const m of mappings) {
    if (!isObject(m)) throw new CniError('INVALID_PORT', `invalid port mapping ${describeValue(m)}`);
    if (!(typeof m.hostPort === 'number' && m.hostPort > 0)) {
      throw new CniError('INVALID_PORT', `Invalid host port number: ${describeValue(m.hostPort)}`);
    }
    if (!(typeof m.containerPort === 'number' && m.containerPort > 0)) {
      throw new CniError('INVALID_PORT', `Invalid container port number: ${describeValue(m.containerPort)}`);
    }
  }
  const ips = containerIps(call.prevResult, call.ifname);
  const effects: Effect[] = [];
  for (const [family, address] of [
    [4, ips.v4],
    [6, ips.v6],
  ] as const) {
    if (address === undefined) continue;
    for (const chain of portmapChains(conf, mappings, {
      netName: call.netName,
      containerId: call.containerId,
      containerAddress: address,
    })) {
      effects.push({ kind: 'iptables', plugin: call.index, type: conf.type, family, chain });
    }
  }
  return { result: call.prevResult, store: call.store, effects };
}

/** portmap's DEL: the per-container DNAT chain (and the legacy SNAT chain) go away. */
export function portmapDel(call: PluginCall): PluginOutcome {
  const effects: Effect[] = [4, 6].flatMap((family) =>
    ['DN-', 'SN-'].map(
      (prefix): Effect => ({
        kind: 'iptables',
        plugin: call.index,
        type: call.conf.type,
        family: family as 4 | 6,
        chain: {
          table: 'nat',
          name: formatChainName(call.netName, call.containerId, prefix),
          entryChains: [],
          entryRules: [],
          rules: [],
        },
      }),
    ),
  );
  return { result: undefined, store: call.store, effects };
}

/** loopback's ADD: `lo` up; passes prevResult through, else reports lo's addresses. */
export function loopbackAdd(call: PluginCall): PluginOutcome {
  const effects: Effect[] = [
    {
      kind: 'link',
      plugin: call.index,
      type: call.conf.type,
      netns: call.netns,
      device: 'loopback',
      name: 'lo',
    },
  ];
  if (call.prevResult !== undefined) return { result: call.prevResult, store: call.store, effects };
  const result: CniResult = {
    cniVersion: '1.1.0',
    interfaces: [{ name: call.ifname, mac: '00:00:00:00:00:00', sandbox: call.netns }],
    ips: [
      { interface: 0, address: '127.0.0.1/8' },
      { interface: 0, address: '::1/128' },
    ],
  };
  return { result, store: call.store, effects };
}

/** weave-net's ADD: a veth into the `weave` bridge, an address from the flat range, default via the bridge. */
export function weaveAdd(call: PluginCall): PluginOutcome {
  const conf = call.conf;
  if (conf.isGateway === true) throw new CniError('UNSUPPORTED_FIELD', 'Gateway functionality not supported');
  if (conf.ipMasq === true)
    throw new CniError('UNSUPPORTED_FIELD', 'IP Masquerading functionality not supported');
  const weave = call.runtime.weave;
  const ipamConf = isObject(conf.ipam) && typeof conf.ipam.type === 'string' ? conf.ipam : undefined;
  let ipam: Record<string, unknown>;
  let bridgeIp: string | undefined;
  if (ipamConf !== undefined) {
    ipam = ipamConf;
  } else {
    if (
      weave === undefined ||
      typeof weave.bridgeAddress !== 'string' ||
      typeof weave.ipallocRange !== 'string'
    ) {
      throw new CniError('MISSING_RUNTIME', 'weave-net needs runtime.weave (ipallocRange, bridgeAddress)', [
        'weave',
      ]);
    }
    bridgeIp = weave.bridgeAddress.split('/')[0];
    ipam = { type: 'host-local', ranges: [[{ subnet: weave.ipallocRange, gateway: bridgeIp }]] };
  }
  const out = runIpam(call, ipam);
  const hostVeth = `vethwepl${call.containerId}`.slice(0, 15);
  const host = { plugin: call.index, type: conf.type, netns: 'host' };
  const effects: Effect[] = [
    { kind: 'link', ...host, device: 'bridge', name: 'weave' },
    {
      kind: 'link',
      plugin: call.index,
      type: conf.type,
      netns: call.netns,
      device: 'veth',
      name: call.ifname,
      peer: { netns: 'host', name: hostVeth },
    },
    {
      kind: 'link',
      ...host,
      device: 'veth',
      name: hostVeth,
      peer: { netns: call.netns, name: call.ifname },
      master: 'weave',
      hairpin: conf.hairpinMode !== false,
    },
    {
      kind: 'ipam',
      plugin: call.index,
      type: conf.type,
      ipamType: String(ipam.type),
      addresses: out.ips.map((i) => i.address),
    },
  ];
  const ips: CniIpConfig[] = out.ips.map((ip) => {
    const gw = ip.gateway ?? bridgeIp;
    const o: { address: string; gateway?: string } = { address: ip.address };
    if (gw !== undefined) o.gateway = gw;
    return o;
  });
  const routes: CniRoute[] = out.routes.length > 0 ? out.routes : [];
  if (routes.length === 0) {
    const gw = ips[0]?.gateway;
    const c = ips[0] !== undefined ? parseCidr(ips[0].address) : null;
    const g = gw !== undefined ? parseIp(gw) : null;
    if (gw !== undefined && c !== null && g !== null && !prefixContains(c.prefix, g)) {
      routes.push({ dst: `${gw}/32` });
    }
    if (gw !== undefined) routes.push({ dst: '0.0.0.0/0', gw });
  }
  effects.push(...containerRoutes(call, ips, routes));
  const result: CniResult = {
    cniVersion: '1.1.0',
    interfaces: [{ name: call.ifname, sandbox: call.netns }],
    ips,
    ...(routes.length > 0 ? { routes } : {}),
  };
  return { result, store: out.store, effects };
}

function podIdentity(call: PluginCall): { namespace: string; pod: string } {
  const args = new Map(call.runtime.args ?? []);
  return {
    namespace: args.get('K8S_POD_NAMESPACE') ?? 'default',
    pod: args.get('K8S_POD_NAME') ?? call.containerId,
  };
}

/** calico's ADD: a routed veth (`cali…`, MAC ee:ee:ee:ee:ee:ee), /32 address, 169.254.1.1 gateway. */
export function calicoAdd(call: PluginCall): PluginOutcome {
  const conf = call.conf;
  const ipam = isObject(conf.ipam) ? conf.ipam : { type: 'calico-ipam' };
  const out = runIpam(call, ipam);
  const { namespace, pod } = podIdentity(call);
  const hostVeth = calicoVethName(namespace, pod);
  const host = { plugin: call.index, type: conf.type, netns: 'host' };
  const cont = { plugin: call.index, type: conf.type, netns: call.netns };
  const mtu = typeof conf.mtu === 'number' && conf.mtu > 0 ? conf.mtu : undefined;
  const effects: Effect[] = [
    {
      kind: 'link',
      ...cont,
      device: 'veth',
      name: call.ifname,
      peer: { netns: 'host', name: hostVeth },
      ...(mtu !== undefined ? { mtu } : {}),
    },
    {
      kind: 'link',
      ...host,
      device: 'veth',
      name: hostVeth,
      peer: { netns: call.netns, name: call.ifname },
      mac: 'ee:ee:ee:ee:ee:ee',
      ...(mtu !== undefined ? { mtu } : {}),
    },
    { kind: 'sysctl', ...host, key: `net.ipv4.conf.${hostVeth}.proxy_arp`, value: '1' },
    { kind: 'sysctl', ...host, key: `net.ipv4.neigh.${hostVeth}.proxy_delay`, value: '0' },
    { kind: 'sysctl', ...host, key: `net.ipv4.conf.${hostVeth}.forwarding`, value: '1' },
    { kind: 'sysctl', ...host, key: `net.ipv4.conf.${hostVeth}.route_localnet`, value: '1' },
    {
      kind: 'ipam',
      plugin: call.index,
      type: conf.type,
      ipamType: String(ipam.type),
      addresses: out.ips.map((i) => i.address),
    },
  ];
  for (const ip of out.ips) {
    effects.push({ kind: 'address', ...cont, dev: call.ifname, address: ip.address });
    effects.push({ kind: 'route', ...host, dst: ip.address, dev: hostVeth, scope: 'link' });
  }
  effects.push(
    { kind: 'route', ...cont, dst: '169.254.1.1/32', dev: call.ifname, scope: 'link' },
    { kind: 'route', ...cont, dst: '0.0.0.0/0', gw: '169.254.1.1', dev: call.ifname },
  );
  const result: CniResult = {
    cniVersion: '1.1.0',
    interfaces: [{ name: call.ifname, sandbox: call.netns }],
    ips: out.ips.map((ip) => ({ interface: 0, address: ip.address })),
  };
  return { result, store: out.store, effects };
}

/** Release an IPAM reservation (weave, calico DEL). */
export function releaseDel(call: PluginCall, dev: string | undefined): PluginOutcome {
  const held = hostLocalAddressesOf(call.store, call.containerId, call.ifname);
  const store = hostLocalRelease(call.store ?? emptyHostLocalStore(), call.containerId, call.ifname);
  const effects: Effect[] = [
    { kind: 'ipam', plugin: call.index, type: call.conf.type, ipamType: 'ipam', addresses: held },
  ];
  if (dev !== undefined) {
    effects.push({
      kind: 'link',
      plugin: call.index,
      type: call.conf.type,
      netns: call.netns,
      device: 'veth',
      name: dev,
    });
  }
  return { result: undefined, store, effects };
}
