import { z } from 'zod';
import { cidrString, ipString } from './internal/zod-common.ts';
import { type CniDns, cniDnsSchema } from './plugin-conf-schema.ts';

/** An interface in a result (`interfaces[]`); `mtu`, `socketPath`, `pciID` are 1.1.0. */
export interface CniInterface {
  readonly name: string;
  readonly mac?: string | undefined;
  readonly mtu?: number | undefined;
  readonly sandbox?: string | undefined;
  readonly socketPath?: string | undefined;
  readonly pciID?: string | undefined;
}

/** An address in a result (`ips[]`): `address` in CIDR form keeps its host bits; `version` is 0.3.x/0.4.0 only. */
export interface CniIpConfig {
  readonly address: string;
  readonly gateway?: string | undefined;
  readonly interface?: number | undefined;
  readonly version?: '4' | '6' | undefined;
}

/** A route in a result; `mtu`, `advmss`, `priority`, `table`, `scope` are 1.1.0. */
export interface CniRoute {
  readonly dst: string;
  readonly gw?: string | undefined;
  readonly mtu?: number | undefined;
  readonly advmss?: number | undefined;
  readonly priority?: number | undefined;
  readonly table?: number | undefined;
  readonly scope?: number | undefined;
}

/** An ADD result of spec 0.3.0 … 1.1.0. */
export interface CniResult {
  readonly cniVersion: string;
  readonly interfaces?: readonly CniInterface[] | undefined;
  readonly ips?: readonly CniIpConfig[] | undefined;
  readonly routes?: readonly CniRoute[] | undefined;
  readonly dns?: CniDns | undefined;
}

/** One family's block of a 0.1.0/0.2.0 result. */
export interface CniIpConfig020 {
  readonly ip: string;
  readonly gateway?: string | undefined;
  readonly routes?: readonly { readonly dst: string; readonly gw?: string | undefined }[] | undefined;
}

/** An ADD result of spec 0.1.0/0.2.0: `{ ip4, ip6, dns }`. */
export interface CniResult020 {
  readonly cniVersion: string;
  readonly ip4?: CniIpConfig020 | undefined;
  readonly ip6?: CniIpConfig020 | undefined;
  readonly dns?: CniDns | undefined;
}

/** Every result version the library knows. */
export type ResultVersion = '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0';

const uint = z.number().int().nonnegative();
const route040 = z.object({ dst: cidrString, gw: ipString.optional() });

const result020: z.ZodType<CniResult020> = z.object({
  cniVersion: z.string(),
  ip4: z
    .object({ ip: cidrString, gateway: ipString.optional(), routes: z.array(route040).optional() })
    .optional(),
  ip6: z
    .object({ ip: cidrString, gateway: ipString.optional(), routes: z.array(route040).optional() })
    .optional(),
  dns: cniDnsSchema.optional(),
});

const iface040 = z.object({ name: z.string(), mac: z.string().optional(), sandbox: z.string().optional() });
const result040: z.ZodType<CniResult> = z.object({
  cniVersion: z.string(),
  interfaces: z.array(iface040).optional(),
  ips: z
    .array(
      z.object({
        version: z.enum(['4', '6']),
        address: cidrString,
        gateway: ipString.optional(),
        interface: uint.optional(),
      }),
    )
    .optional(),
  routes: z.array(route040).optional(),
  dns: cniDnsSchema.optional(),
});

const ips100 = z.array(
  z.object({ address: cidrString, gateway: ipString.optional(), interface: uint.optional() }),
);
const result100: z.ZodType<CniResult> = z.object({
  cniVersion: z.string(),
  interfaces: z.array(iface040).optional(),
  ips: ips100.optional(),
  routes: z.array(route040).optional(),
  dns: cniDnsSchema.optional(),
});

const result110: z.ZodType<CniResult> = z.object({
  cniVersion: z.string(),
  interfaces: z
    .array(
      iface040.extend({
        mtu: uint.optional(),
        socketPath: z.string().optional(),
        pciID: z.string().optional(),
      }),
    )
    .optional(),
  ips: ips100.optional(),
  routes: z
    .array(
      route040.extend({
        mtu: uint.optional(),
        advmss: uint.optional(),
        priority: uint.optional(),
        table: z.number().int().optional(),
        scope: z.number().int().optional(),
      }),
    )
    .optional(),
  dns: cniDnsSchema.optional(),
});

/**
 * Zod schemas of the ADD success result per spec version: 0.1.0/0.2.0 `{ip4, ip6, dns}`;
 * 0.3.x/0.4.0 with `ips[].version` ("4"/"6"); 1.0.0 without it; 1.1.0 adding interface `mtu`,
 * `socketPath`, `pciID` and route `mtu`, `advmss`, `priority`, `table`, `scope`.
 *
 * @example
 * ```ts
 * resultSchemas['1.0.0'].safeParse({ cniVersion: '1.0.0', ips: [{ address: '10.1.0.5/16' }] }).success; // true
 * ```
 */
export const resultSchemas: Readonly<{
  '0.1.0': z.ZodType<CniResult020>;
  '0.2.0': z.ZodType<CniResult020>;
  '0.3.0': z.ZodType<CniResult>;
  '0.3.1': z.ZodType<CniResult>;
  '0.4.0': z.ZodType<CniResult>;
  '1.0.0': z.ZodType<CniResult>;
  '1.1.0': z.ZodType<CniResult>;
}> = {
  '0.1.0': result020,
  '0.2.0': result020,
  '0.3.0': result040,
  '0.3.1': result040,
  '0.4.0': result040,
  '1.0.0': result100,
  '1.1.0': result110,
};

/** A CNI error result (`types.Error`, plus `cniVersion` as the spec prints it). */
export interface CniErrorResult {
  readonly cniVersion?: string | undefined;
  readonly code: number;
  readonly msg: string;
  readonly details?: string | undefined;
}

/**
 * Zod schema of an error result: `code` a non-negative integer, `msg`, optional `details`.
 *
 * @example
 * ```ts
 * errorResultSchema.parse({ cniVersion: '1.1.0', code: 7, msg: 'Invalid Configuration' });
 * ```
 */
export const errorResultSchema: z.ZodType<CniErrorResult> = z.object({
  cniVersion: z.string().optional(),
  code: uint,
  msg: z.string(),
  details: z.string().optional(),
});

/** The VERSION result. */
export interface CniVersionResult {
  readonly cniVersion: string;
  readonly supportedVersions: readonly string[];
}

/**
 * Zod schema of the VERSION result.
 *
 * @example
 * ```ts
 * versionResultSchema.parse({ cniVersion: '1.1.0', supportedVersions: ['0.4.0', '1.0.0', '1.1.0'] });
 * ```
 */
export const versionResultSchema: z.ZodType<CniVersionResult> = z.object({
  cniVersion: z.string(),
  supportedVersions: z.array(z.string()),
});

/**
 * The well-known error codes (SPEC "Error" table; 0, 8 and 999 are Go library constants).
 *
 * @example
 * ```ts
 * CNI_ERROR_CODES.INVALID_NETWORK_CONFIG; // 7
 * ```
 */
export const CNI_ERROR_CODES: Readonly<{
  UNKNOWN: 0;
  INCOMPATIBLE_CNI_VERSION: 1;
  UNSUPPORTED_FIELD: 2;
  UNKNOWN_CONTAINER: 3;
  INVALID_ENVIRONMENT_VARIABLES: 4;
  IO_FAILURE: 5;
  DECODING_FAILURE: 6;
  INVALID_NETWORK_CONFIG: 7;
  INVALID_NETNS: 8;
  TRY_AGAIN_LATER: 11;
  PLUGIN_NOT_AVAILABLE: 50;
  LIMITED_CONNECTIVITY: 51;
  INTERNAL: 999;
}> = {
  UNKNOWN: 0,
  INCOMPATIBLE_CNI_VERSION: 1,
  UNSUPPORTED_FIELD: 2,
  UNKNOWN_CONTAINER: 3,
  INVALID_ENVIRONMENT_VARIABLES: 4,
  IO_FAILURE: 5,
  DECODING_FAILURE: 6,
  INVALID_NETWORK_CONFIG: 7,
  INVALID_NETNS: 8,
  TRY_AGAIN_LATER: 11,
  PLUGIN_NOT_AVAILABLE: 50,
  LIMITED_CONNECTIVITY: 51,
  INTERNAL: 999,
};
