import { z } from 'zod';
import { binaryName, coded, ipString, VALID_NAME } from './internal/zod-common.ts';

/** The well-known `dns` key of a plugin config (`types.DNS`). */
export interface CniDns {
  readonly nameservers?: readonly string[] | undefined;
  readonly domain?: string | undefined;
  readonly search?: readonly string[] | undefined;
  readonly options?: readonly string[] | undefined;
}

/** The well-known `ipam` key: `type` names the IPAM binary; `{}` means no IPAM (L2 only). */
export interface IpamConf {
  readonly type?: string | undefined;
  readonly [key: string]: unknown;
}

/**
 * One plugin configuration object (an entry of `plugins`, or a legacy `.conf`). Only the
 * well-known keys are typed; everything else passes through unchanged.
 */
export interface PluginConf {
  readonly type: string;
  readonly name?: string | undefined;
  readonly cniVersion?: string | undefined;
  readonly capabilities?: Readonly<Record<string, boolean>> | undefined;
  readonly ipam?: IpamConf | undefined;
  readonly dns?: CniDns | undefined;
  readonly ipMasq?: boolean | undefined;
  readonly runtimeConfig?: Readonly<Record<string, unknown>> | undefined;
  readonly args?: Readonly<Record<string, unknown>> | undefined;
  readonly prevResult?: Readonly<Record<string, unknown>> | undefined;
  readonly [key: string]: unknown;
}

/**
 * Zod schema of the config `dns` key (SPEC §1: nameservers are IPv4 or IPv6 addresses).
 *
 * @example
 * ```ts
 * cniDnsSchema.parse({ nameservers: ['10.1.0.1'] });
 * ```
 */
export const cniDnsSchema: z.ZodType<CniDns> = z.object({
  nameservers: z.array(ipString).optional(),
  domain: z.string().optional(),
  search: z.array(z.string()).optional(),
  options: z.array(z.string()).optional(),
});

/**
 * Zod schema of the `ipam` key.
 *
 * @example
 * ```ts
 * ipamConfSchema.parse({ type: 'host-local', subnet: '10.1.0.0/16' });
 * ```
 */
export const ipamConfSchema: z.ZodType<IpamConf> = z.looseObject({
  type: binaryName.optional(),
});

const record = z.record(z.string(), z.unknown());

/**
 * Zod schema of a plugin configuration object as the spec defines it (the same for 0.3.0 … 1.1.0):
 * `type` required (no path separators), `capabilities` a map of booleans, well-known `ipam`, `dns`,
 * `ipMasq`; unknown keys pass through.
 *
 * @example
 * ```ts
 * pluginConfSchema.parse({ type: 'portmap', capabilities: { portMappings: true } });
 * ```
 */
export const pluginConfSchema: z.ZodType<PluginConf> = z.looseObject({
  type: binaryName,
  name: z.string().optional(),
  cniVersion: z.string().optional(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
  ipam: ipamConfSchema.optional(),
  dns: cniDnsSchema.optional(),
  ipMasq: z.boolean().optional(),
  runtimeConfig: record.optional(),
  args: record.optional(),
  prevResult: record.optional(),
});

/**
 * A network name as skel validates it (`^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$`, non-empty).
 *
 * @example
 * ```ts
 * networkNameSchema.safeParse('my net').success; // false
 * ```
 */
export const networkNameSchema: z.ZodString = z
  .string()
  .min(1, coded('MISSING_FIELD', 'missing network name'))
  .regex(
    VALID_NAME,
    coded('INVALID_NAME', (iss) => `invalid characters found in network name ${JSON.stringify(iss.input)}`),
  );
