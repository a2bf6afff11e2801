import { formatPrefix } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import { cleanJson, describeValue, pickKeys, requireString } from './internal/input.ts';
import { parseCidr } from './internal/ip.ts';
import type { NetConfList } from './net-conf-list-schema.ts';

/** The networking modes the cluster model offers. */
export type NetworkingMode =
  | 'bridge-static'
  | 'bridge-gateway'
  | 'flannel-vxlan'
  | 'flannel-host-gw'
  | 'weave'
  | 'calico-ipip'
  | 'calico-vxlan';

/**
 * Every networking mode, in a stable order.
 *
 * @example
 * ```ts
 * NETWORKING_MODES.map((mode) => defaultConflist(mode, { podCidr: '10.244.1.0/24' }).name);
 * ```
 */
export const NETWORKING_MODES: readonly NetworkingMode[] = [
  'bridge-static',
  'bridge-gateway',
  'flannel-vxlan',
  'flannel-host-gw',
  'weave',
  'calico-ipip',
  'calico-vxlan',
];

/** Options of {@link defaultConflist}. */
export interface DefaultConflistOptions {
  /** The node's pod CIDR (bridge modes: the host-local subnet). Required for bridge modes. */
  readonly podCidr?: string;
  /** The MTU to write where the CNI config carries one (calico); default per mode (1480 IPIP, 1450 VXLAN). */
  readonly mtu?: number;
  /** The node name calico's config carries (`nodename`); default the manifest placeholder. */
  readonly nodeName?: string;
}

function readConflistOptions(raw: unknown): DefaultConflistOptions {
  const picked = pickKeys(raw, ['podCidr', 'mtu', 'nodeName'], 'options');
  const out: { podCidr?: string; mtu?: number; nodeName?: string } = {};
  if (picked.podCidr !== undefined) out.podCidr = requireString(picked.podCidr, 'podCidr', ['podCidr']);
  if (picked.nodeName !== undefined) out.nodeName = requireString(picked.nodeName, 'nodeName', ['nodeName']);
  if (picked.mtu !== undefined) {
    if (typeof picked.mtu !== 'number' || !Number.isFinite(picked.mtu)) {
      throw new CniError('INVALID_ARGUMENT', `mtu must be a number, got ${describeValue(picked.mtu)}`, [
        'mtu',
      ]);
    }
    out.mtu = picked.mtu;
  }
  return out;
}

function bridgeConflist(podCidr: string | undefined): NetConfList {
  if (podCidr === undefined) {
    throw new CniError('MISSING_FIELD', 'bridge modes need the node podCidr', ['podCidr']);
  }
  const cidr = parseCidr(podCidr);
  if (cidr === null) throw new CniError('INVALID_CIDR', `invalid podCidr ${podCidr}`, ['podCidr']);
  const subnet = formatPrefix(cidr.prefix);
  const defaultDst = cidr.addr.family === 4 ? '0.0.0.0/0' : '::/0';
  return {
    cniVersion: '1.0.0',
    name: 'bridge',
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni0',
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: { type: 'host-local', ranges: [[{ subnet }]], routes: [{ dst: defaultDst }] },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  };
}

/**
 * The conflist each networking mode installs on a node, as data. Bridge modes (kubenet style,
 * as in "Kubernetes the Hard Way"): bridge `cni0` as gateway with ipMasq and hairpin, host-local
 * over the node's pod CIDR, default route, then portmap. Flannel (both backends): flannel's own
 * `10-flannel.conflist` (`cbr0`, 0.3.1, flannel delegating to bridge, portmap). Weave:
 * `10-weave.conflist` (0.3.0, weave-net with hairpin, portmap with snat). Calico (IPIP and VXLAN):
 * the `cni_network_config` of calico.yaml with the MTU and node name filled in.
 *
 * @example
 * ```ts
 * defaultConflist('bridge-static', { podCidr: '10.244.1.0/24' }).plugins[0].ipam;
 * // { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]], routes: [{ dst: '0.0.0.0/0' }] }
 * defaultConflist('flannel-vxlan').name; // 'cbr0'
 * ```
 */
export function defaultConflist(mode: NetworkingMode, rawOptions: DefaultConflistOptions = {}): NetConfList {
  const options = readConflistOptions(rawOptions);
  switch (mode) {
    case 'bridge-static':
    case 'bridge-gateway':
      return bridgeConflist(options.podCidr);
    case 'flannel-vxlan':
    case 'flannel-host-gw':
      return {
        name: 'cbr0',
        cniVersion: '0.3.1',
        plugins: [
          { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
          { type: 'portmap', capabilities: { portMappings: true } },
        ],
      };
    case 'weave':
      return {
        cniVersion: '0.3.0',
        name: 'weave',
        plugins: [
          { name: 'weave', type: 'weave-net', hairpinMode: true },
          { type: 'portmap', capabilities: { portMappings: true }, snat: true },
        ],
      };
    case 'calico-ipip':
    case 'calico-vxlan':
      return {
        name: 'k8s-pod-network',
        cniVersion: '0.3.1',
        plugins: [
          {
            type: 'calico',
            log_level: 'info',
            log_file_path: '/var/log/calico/cni/cni.log',
            datastore_type: 'kubernetes',
            nodename: options.nodeName ?? '__KUBERNETES_NODE_NAME__',
            mtu: options.mtu ?? (mode === 'calico-ipip' ? 1480 : 1450),
            ipam: { type: 'calico-ipam' },
            policy: { type: 'k8s' },
            kubernetes: { kubeconfig: '/etc/cni/net.d/calico-kubeconfig' },
          },
          { type: 'portmap', snat: true, capabilities: { portMappings: true } },
        ],
      };
    default:
      throw new CniError('UNKNOWN_MODE', `unknown networking mode ${describeValue(mode)}`, ['mode']);
  }
}

/** What flanneld writes to `/run/flannel/subnet.env`. */
export interface FlannelSubnetEnv {
  /** FLANNEL_NETWORK, e.g. `10.244.0.0/16`. */
  readonly network: string;
  /** FLANNEL_SUBNET, the node's subnet with its .1 address, e.g. `10.244.1.1/24`. */
  readonly subnet: string;
  /** FLANNEL_MTU (vxlan: 1450 on a 1500 underlay; host-gw: 1500). */
  readonly mtu?: number;
  /** FLANNEL_IPMASQ (flanneld masquerades itself, so the bridge does not when true; default true). */
  readonly ipMasq?: boolean;
}

function readSubnetEnv(raw: unknown): FlannelSubnetEnv {
  const e = pickKeys(raw, ['network', 'subnet', 'mtu', 'ipMasq'], 'env', [], false);
  const out: { network: string; subnet: string; mtu?: number; ipMasq?: boolean } = {
    network: requireString(e.network, 'network', ['network'], false, 'INVALID_CIDR'),
    subnet: requireString(e.subnet, 'subnet', ['subnet'], false, 'INVALID_CIDR'),
  };
  if (e.mtu !== undefined) {
    if (typeof e.mtu !== 'number' || !Number.isFinite(e.mtu)) {
      throw new CniError('INVALID_ARGUMENT', `mtu must be a number, got ${describeValue(e.mtu)}`, ['mtu']);
    }
    out.mtu = e.mtu;
  }
  if (e.ipMasq !== undefined) {
    if (typeof e.ipMasq !== 'boolean') {
      throw new CniError('INVALID_ARGUMENT', `ipMasq must be a boolean, got ${describeValue(e.ipMasq)}`, [
        'ipMasq',
      ]);
    }
    out.ipMasq = e.ipMasq;
  }
  return out;
}

/**
 * The bridge config the flannel CNI plugin delegates to (`flannel_linux.go`): type bridge,
 * `ipMasq = !FLANNEL_IPMASQ`, `mtu = FLANNEL_MTU`, `isGateway: true`, host-local over the node
 * subnet with a route to the whole flannel network, merged over the conflist's `delegate`.
 *
 * @example
 * ```ts
 * flannelDelegateConf({ type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
 *   { network: '10.244.0.0/16', subnet: '10.244.1.1/24', mtu: 1450, ipMasq: true }, 'cbr0', '0.3.1').ipam;
 * // { type: 'host-local', ranges: [[{ subnet: '10.244.1.0/24' }]], routes: [{ dst: '10.244.0.0/16' }] }
 * ```
 */
export function flannelDelegateConf(
  flannelConf: { readonly delegate?: Readonly<Record<string, unknown>> | undefined },
  rawEnv: FlannelSubnetEnv,
  netName: string,
  cniVersion: string,
): Readonly<Record<string, unknown>> & {
  readonly type: string;
  readonly ipam: Readonly<Record<string, unknown>>;
} {
  const conf = pickKeys(flannelConf, ['delegate'], 'flannelConf', [], false);
  const env = readSubnetEnv(rawEnv);
  requireString(netName, 'netName', ['netName']);
  requireString(cniVersion, 'cniVersion', ['cniVersion']);
  const subnet = parseCidr(env.subnet);
  if (subnet === null) throw new CniError('INVALID_CIDR', `invalid FLANNEL_SUBNET ${env.subnet}`, ['subnet']);
  const rawDelegate = conf.delegate === null ? undefined : cleanJson(conf.delegate, ['delegate']);
  if (rawDelegate !== undefined && (typeof rawDelegate !== 'object' || Array.isArray(rawDelegate))) {
    throw new CniError('INVALID_ARGUMENT', `delegate must be an object, got ${describeValue(rawDelegate)}`, [
      'delegate',
    ]);
  }
  const delegate: Record<string, unknown> = { ...((rawDelegate as Record<string, unknown>) ?? {}) };
  const type = typeof delegate.type === 'string' ? delegate.type : 'bridge';
  const out: Record<string, unknown> = { ...delegate, type, name: netName, cniVersion };
  if (!('ipMasq' in delegate)) out.ipMasq = !(env.ipMasq ?? true);
  if (!('mtu' in delegate) && env.mtu !== undefined) out.mtu = env.mtu;
  if (type === 'bridge' && !('isGateway' in delegate)) out.isGateway = true;
  const userIpam = (delegate.ipam ?? {}) as Record<string, unknown>;
  const userRoutes = Array.isArray(userIpam.routes) ? userIpam.routes : [];
  const ipam: Record<string, unknown> = {
    ...userIpam,
    type: typeof userIpam.type === 'string' ? userIpam.type : 'host-local',
    ranges: [[{ subnet: formatPrefix(subnet.prefix) }]],
    routes: [...userRoutes, { dst: env.network }],
  };
  out.ipam = ipam;
  return out as Readonly<Record<string, unknown>> & { type: string; ipam: Readonly<Record<string, unknown>> };
}
