import { z } from 'zod';
import { describeValue } from './internal/input.ts';
import { cidrString, coded, ipString, issue } from './internal/zod-common.ts';
import type { PluginConf } from './plugin-conf-schema.ts';

const int = z.number().int();
const bool = z.boolean();
const strings = z.array(z.string());

/** One `vlanTrunk` entry of the bridge plugin: a single `id`, or `minID`..`maxID`. */
export interface VlanTrunkEntry {
  readonly id?: number | undefined;
  readonly minID?: number | undefined;
  readonly maxID?: number | undefined;
}

/** The bridge plugin's config (`plugins/main/bridge/bridge.go` `NetConf`). */
export interface BridgeConf extends PluginConf {
  readonly bridge?: string | undefined;
  readonly isGateway?: boolean | undefined;
  readonly isDefaultGateway?: boolean | undefined;
  readonly forceAddress?: boolean | undefined;
  readonly mtu?: number | undefined;
  readonly hairpinMode?: boolean | undefined;
  readonly promiscMode?: boolean | undefined;
  readonly vlan?: number | undefined;
  readonly vlanTrunk?: readonly VlanTrunkEntry[] | undefined;
  readonly preserveDefaultVlan?: boolean | undefined;
  readonly macspoofchk?: boolean | undefined;
  readonly enabledad?: boolean | undefined;
  readonly disableContainerInterface?: boolean | undefined;
  readonly portIsolation?: boolean | undefined;
  readonly ipMasqBackend?: 'iptables' | 'nftables' | undefined;
}

const vlanTrunkEntry = z.object({ id: int.optional(), minID: int.optional(), maxID: int.optional() });

/**
 * Zod schema of the bridge plugin config, with the checks `loadNetConf`/`cmdAdd` make: VLAN 0–4094,
 * trunk ids 1–4094 with `minID`/`maxID` together and ordered, no `vlan` with `vlanTrunk`, no hairpin
 * with promiscuous mode, no IPAM with `disableContainerInterface`.
 *
 * @example
 * ```ts
 * bridgeConfSchema.safeParse({ type: 'bridge', vlan: 5000 }).success; // false
 * ```
 */
export const bridgeConfSchema: z.ZodType<BridgeConf> = z
  .looseObject({
    type: z.string(),
    bridge: z.string().optional(),
    isGateway: bool.optional(),
    isDefaultGateway: bool.optional(),
    forceAddress: bool.optional(),
    ipMasq: bool.optional(),
    mtu: int.optional(),
    hairpinMode: bool.optional(),
    promiscMode: bool.optional(),
    vlan: int.optional(),
    vlanTrunk: z.array(vlanTrunkEntry).optional(),
    preserveDefaultVlan: bool.optional(),
    macspoofchk: bool.optional(),
    enabledad: bool.optional(),
    disableContainerInterface: bool.optional(),
    portIsolation: bool.optional(),
    ipMasqBackend: z.enum(['iptables', 'nftables']).optional(),
  })
  .superRefine((conf, ctx) => {
    const vlan = conf.vlan ?? 0;
    if (vlan < 0 || vlan > 4094) {
      issue(ctx, 'INVALID_VLAN', `invalid VLAN ID ${vlan} (must be between 0 and 4094)`, ['vlan']);
    }
    (conf.vlanTrunk ?? []).forEach((t, i) => {
      if (t.minID !== undefined && t.maxID !== undefined) {
        if (t.minID <= 0 || t.minID > 4094) {
          issue(ctx, 'INVALID_VLAN', 'incorrect trunk minID parameter', ['vlanTrunk', i, 'minID']);
        } else if (t.maxID <= 0 || t.maxID > 4094) {
          issue(ctx, 'INVALID_VLAN', 'incorrect trunk maxID parameter', ['vlanTrunk', i, 'maxID']);
        } else if (t.maxID < t.minID) {
          issue(ctx, 'INVALID_VLAN', 'minID is greater than maxID in trunk parameter', [
            'vlanTrunk',
            i,
            'minID',
          ]);
        }
      } else if (t.maxID !== undefined) {
        issue(ctx, 'INVALID_VLAN', 'minID and maxID should be configured simultaneously, minID is missing', [
          'vlanTrunk',
          i,
          'minID',
        ]);
      } else if (t.minID !== undefined) {
        issue(ctx, 'INVALID_VLAN', 'minID and maxID should be configured simultaneously, maxID is missing', [
          'vlanTrunk',
          i,
          'maxID',
        ]);
      }
      if (t.id !== undefined && (t.id <= 0 || t.id > 4094)) {
        issue(ctx, 'INVALID_VLAN', 'incorrect trunk id parameter', ['vlanTrunk', i, 'id']);
      }
    });
    if (vlan > 0 && (conf.vlanTrunk ?? []).length > 0) {
      issue(ctx, 'INVALID_VLAN', 'cannot set vlan and vlanTrunk at the same time', ['vlanTrunk']);
    }
    if (conf.hairpinMode === true && conf.promiscMode === true) {
      issue(ctx, 'CONFLICTING_OPTIONS', 'cannot set hairpin mode and promiscuous mode at the same time', [
        'promiscMode',
      ]);
    }
    const ipam = conf.ipam as { type?: unknown } | undefined;
    if (conf.disableContainerInterface === true && typeof ipam?.type === 'string' && ipam.type !== '') {
      issue(ctx, 'CONFLICTING_OPTIONS', 'cannot use IPAM when DisableContainerInterface flag is set', [
        'ipam',
        'type',
      ]);
    }
  });

/** The portmap plugin's config (`plugins/meta/portmap/main.go` `PortMapConf`). */
export interface PortmapConf extends PluginConf {
  readonly snat?: boolean | undefined;
  readonly masqAll?: boolean | undefined;
  readonly markMasqBit?: number | undefined;
  readonly externalSetMarkChain?: string | undefined;
  readonly conditionsV4?: readonly string[] | undefined;
  readonly conditionsV6?: readonly string[] | undefined;
  readonly backend?: 'iptables' | 'nftables' | undefined;
}

/**
 * Zod schema of the portmap config: `markMasqBit` 0–31 and not together with
 * `externalSetMarkChain`, `backend` iptables or nftables, valid `runtimeConfig.portMappings`.
 *
 * @example
 * ```ts
 * portmapConfSchema.safeParse({ type: 'portmap', markMasqBit: 40 }).success; // false
 * ```
 */
export const portmapConfSchema: z.ZodType<PortmapConf> = z
  .looseObject({
    type: z.string(),
    snat: bool.optional(),
    masqAll: bool.optional(),
    markMasqBit: int.optional(),
    externalSetMarkChain: z.string().optional(),
    conditionsV4: strings.optional(),
    conditionsV6: strings.optional(),
    backend: z.enum(['iptables', 'nftables'], coded('INVALID_VALUE', 'unrecognized backend')).optional(),
    runtimeConfig: z
      .looseObject({
        portMappings: z
          .array(
            z.looseObject({
              hostPort: int,
              containerPort: int,
              protocol: z.string().optional(),
              hostIP: z.string().optional(),
            }),
          )
          .optional(),
      })
      .optional(),
  })
  .superRefine((conf, ctx) => {
    if (conf.markMasqBit !== undefined && conf.externalSetMarkChain !== undefined) {
      issue(ctx, 'CONFLICTING_OPTIONS', 'Cannot specify externalSetMarkChain and markMasqBit', [
        'markMasqBit',
      ]);
    }
    if (conf.markMasqBit !== undefined && (conf.markMasqBit < 0 || conf.markMasqBit > 31)) {
      issue(ctx, 'INVALID_VALUE', 'MasqMarkBit must be between 0 and 31', ['markMasqBit']);
    }
    (conf.runtimeConfig?.portMappings ?? []).forEach((pm, i) => {
      if (pm.containerPort <= 0) {
        issue(ctx, 'INVALID_PORT', `Invalid container port number: ${pm.containerPort}`, [
          'runtimeConfig',
          'portMappings',
          i,
          'containerPort',
        ]);
      }
      if (pm.hostPort <= 0) {
        issue(ctx, 'INVALID_PORT', `Invalid host port number: ${pm.hostPort}`, [
          'runtimeConfig',
          'portMappings',
          i,
          'hostPort',
        ]);
      }
    });
  });

/** The ptp plugin's config. */
export interface PtpConf extends PluginConf {
  readonly mtu?: number | undefined;
}

/**
 * Zod schema of the ptp config; ptp always runs IPAM, so `ipam.type` is required.
 *
 * @example
 * ```ts
 * ptpConfSchema.safeParse({ type: 'ptp', ipam: { type: 'host-local', subnet: '10.0.0.0/24' } }).success; // true
 * ```
 */
export const ptpConfSchema: z.ZodType<PtpConf> = z.looseObject({
  type: z.string(),
  ipMasq: bool.optional(),
  mtu: int.optional(),
  ipam: z.looseObject({ type: z.string().min(1, coded('MISSING_FIELD', 'ptp requires an IPAM type')) }),
});

/** The macvlan plugin's config. */
export interface MacvlanConf extends PluginConf {
  readonly master?: string | undefined;
  readonly mode?: 'bridge' | 'private' | 'vepa' | 'passthru' | undefined;
  readonly mtu?: number | undefined;
  readonly linkInContainer?: boolean | undefined;
}

/**
 * Zod schema of the macvlan config (`mode` bridge, private, vepa or passthru).
 *
 * @example
 * ```ts
 * macvlanConfSchema.safeParse({ type: 'macvlan', master: 'eth0', mode: 'bridge' }).success; // true
 * ```
 */
export const macvlanConfSchema: z.ZodType<MacvlanConf> = z.looseObject({
  type: z.string(),
  master: z.string().optional(),
  mode: z
    .enum(
      ['bridge', 'private', 'vepa', 'passthru'],
      coded(
        'INVALID_VALUE',
        (iss) =>
          `unknown macvlan mode: ${typeof iss.input === 'string' ? iss.input : describeValue(iss.input)}`,
      ),
    )
    .optional(),
  mtu: int.optional(),
  linkInContainer: bool.optional(),
});

/** The flannel CNI plugin's config (`flannel-io/cni-plugin`). */
export interface FlannelConf extends PluginConf {
  readonly subnetFile?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly delegate?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Zod schema of the flannel config: `subnetFile`, `dataDir`, and a `delegate` object.
 *
 * @example
 * ```ts
 * flannelConfSchema.safeParse({ type: 'flannel', delegate: { hairpinMode: true } }).success; // true
 * ```
 */
export const flannelConfSchema: z.ZodType<FlannelConf> = z.looseObject({
  type: z.string(),
  subnetFile: z.string().optional(),
  dataDir: z.string().optional(),
  delegate: z.record(z.string(), z.unknown()).optional(),
});

/** The weave-net plugin's config. */
export interface WeaveNetConf extends PluginConf {
  readonly hairpinMode?: boolean | undefined;
}

/**
 * Zod schema of the weave-net config: `isGateway` and `ipMasq` are refused, as the plugin does.
 *
 * @example
 * ```ts
 * weaveNetConfSchema.safeParse({ type: 'weave-net', ipMasq: true }).success; // false
 * ```
 */
export const weaveNetConfSchema: z.ZodType<WeaveNetConf> = z
  .looseObject({
    type: z.string(),
    hairpinMode: bool.optional(),
    isGateway: bool.optional(),
    ipMasq: bool.optional(),
  })
  .superRefine((conf, ctx) => {
    if (conf.isGateway === true)
      issue(ctx, 'UNSUPPORTED_FIELD', 'Gateway functionality not supported', ['isGateway']);
    if (conf.ipMasq === true) {
      issue(ctx, 'UNSUPPORTED_FIELD', 'IP Masquerading functionality not supported', ['ipMasq']);
    }
  });

/** The calico plugin's config (the manifest's `cni_network_config`). */
export interface CalicoConf extends PluginConf {
  readonly log_level?: string | undefined;
  readonly log_file_path?: string | undefined;
  readonly datastore_type?: string | undefined;
  readonly nodename?: string | undefined;
  readonly mtu?: number | undefined;
  readonly policy?: Readonly<Record<string, unknown>> | undefined;
  readonly kubernetes?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Zod schema of the calico config.
 *
 * @example
 * ```ts
 * calicoConfSchema.safeParse({ type: 'calico', mtu: 1480, ipam: { type: 'calico-ipam' } }).success; // true
 * ```
 */
export const calicoConfSchema: z.ZodType<CalicoConf> = z.looseObject({
  type: z.string(),
  log_level: z.string().optional(),
  log_file_path: z.string().optional(),
  datastore_type: z.string().optional(),
  nodename: z.string().optional(),
  mtu: int.optional(),
  policy: z.record(z.string(), z.unknown()).optional(),
  kubernetes: z.record(z.string(), z.unknown()).optional(),
});

/** The loopback plugin's config: nothing beyond `type`. */
export type LoopbackConf = PluginConf;

/**
 * Zod schema of the loopback config.
 *
 * @example
 * ```ts
 * loopbackConfSchema.parse({ type: 'loopback' });
 * ```
 */
export const loopbackConfSchema: z.ZodType<LoopbackConf> = z.looseObject({ type: z.string() });

/** The static IPAM config. */
export interface StaticIpamConf {
  readonly type: string;
  readonly addresses?:
    | readonly { readonly address: string; readonly gateway?: string | undefined }[]
    | undefined;
  readonly routes?: readonly { readonly dst: string; readonly gw?: string | undefined }[] | undefined;
  readonly dns?: Readonly<Record<string, unknown>> | undefined;
  readonly [key: string]: unknown;
}

const routeSchema = z.looseObject({ dst: cidrString, gw: ipString.optional() });

/**
 * Zod schema of the static IPAM config: `addresses[].address` in CIDR form, optional gateway.
 *
 * @example
 * ```ts
 * staticIpamConfSchema.safeParse({ type: 'static', addresses: [{ address: '10.10.0.1/24' }] }).success; // true
 * ```
 */
export const staticIpamConfSchema: z.ZodType<StaticIpamConf> = z.looseObject({
  type: z.string(),
  addresses: z.array(z.looseObject({ address: cidrString, gateway: ipString.optional() })).optional(),
  routes: z.array(routeSchema).optional(),
  dns: z.record(z.string(), z.unknown()).optional(),
});

/** The calico-ipam config. */
export interface CalicoIpamConf {
  readonly type: string;
  readonly assign_ipv4?: 'true' | 'false' | undefined;
  readonly assign_ipv6?: 'true' | 'false' | undefined;
  readonly ipv4_pools?: readonly string[] | undefined;
  readonly ipv6_pools?: readonly string[] | undefined;
  readonly [key: string]: unknown;
}

/**
 * Zod schema of the calico-ipam config (`assign_ipv4`/`assign_ipv6` are the strings "true"/"false").
 *
 * @example
 * ```ts
 * calicoIpamConfSchema.safeParse({ type: 'calico-ipam', assign_ipv4: 'true' }).success; // true
 * ```
 */
export const calicoIpamConfSchema: z.ZodType<CalicoIpamConf> = z.looseObject({
  type: z.string(),
  assign_ipv4: z.enum(['true', 'false']).optional(),
  assign_ipv6: z.enum(['true', 'false']).optional(),
  ipv4_pools: strings.optional(),
  ipv6_pools: strings.optional(),
});

/** The host-local IPAM config as the schema sees it (full checks run in `parseHostLocalConfig`). */
export interface HostLocalIpamConf {
  readonly type: string;
  readonly subnet?: string | undefined;
  readonly rangeStart?: string | undefined;
  readonly rangeEnd?: string | undefined;
  readonly gateway?: string | undefined;
  readonly ranges?:
    | readonly (readonly {
        readonly subnet: string;
        readonly rangeStart?: string | undefined;
        readonly rangeEnd?: string | undefined;
        readonly gateway?: string | undefined;
      }[])[]
    | undefined;
  readonly routes?: readonly { readonly dst: string; readonly gw?: string | undefined }[] | undefined;
  readonly dataDir?: string | undefined;
  readonly resolvConf?: string | undefined;
  readonly [key: string]: unknown;
}

const rangeSchema = z.looseObject({
  subnet: cidrString,
  rangeStart: ipString.optional(),
  rangeEnd: ipString.optional(),
  gateway: ipString.optional(),
});

/**
 * Zod schema of the host-local IPAM config's shape (types and address syntax). The semantic checks
 * (too small, host bits, overlaps…) are {@link parseHostLocalConfig}'s, which `parseNetConfList`
 * runs in spec mode.
 *
 * @example
 * ```ts
 * hostLocalIpamConfSchema.safeParse({ type: 'host-local', subnet: '10.1.0.0/16' }).success; // true
 * ```
 */
export const hostLocalIpamConfSchema: z.ZodType<HostLocalIpamConf> = z.looseObject({
  type: z.string(),
  subnet: cidrString.optional(),
  rangeStart: ipString.optional(),
  rangeEnd: ipString.optional(),
  gateway: ipString.optional(),
  ranges: z.array(z.array(rangeSchema)).optional(),
  routes: z.array(routeSchema).optional(),
  dataDir: z.string().optional(),
  resolvConf: z.string().optional(),
});

/**
 * The plugin schemas checked in spec mode, by `type`. Types not listed pass through unchanged.
 *
 * @example
 * ```ts
 * Object.keys(pluginConfSchemas); // ['bridge', 'portmap', 'loopback', 'ptp', 'macvlan', 'flannel', 'weave-net', 'calico']
 * ```
 */
export const pluginConfSchemas: Readonly<Record<string, z.ZodType<PluginConf>>> = {
  bridge: bridgeConfSchema,
  portmap: portmapConfSchema,
  loopback: loopbackConfSchema,
  ptp: ptpConfSchema,
  macvlan: macvlanConfSchema,
  flannel: flannelConfSchema,
  'weave-net': weaveNetConfSchema,
  calico: calicoConfSchema,
};

/**
 * The IPAM schemas checked in spec mode, by `ipam.type`.
 *
 * @example
 * ```ts
 * Object.keys(ipamConfSchemas); // ['host-local', 'static', 'calico-ipam']
 * ```
 */
export const ipamConfSchemas: Readonly<Record<string, z.ZodType<Readonly<Record<string, unknown>>>>> = {
  'host-local': hostLocalIpamConfSchema,
  static: staticIpamConfSchema,
  'calico-ipam': calicoIpamConfSchema,
};
