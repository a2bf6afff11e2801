import { z } from 'zod';
import { cidrString, ipString } from './internal/zod-common.ts';

/** A `portMappings` capability entry (CONVENTIONS.md; `hostIP` from portmap's `PortMapEntry`). */
export interface PortMapping {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol?: 'tcp' | 'udp' | 'sctp' | undefined;
  readonly hostIP?: string | undefined;
}

/** One range of the `ipRanges` capability (the host-local range shape). */
export interface IpRange {
  readonly subnet: string;
  readonly rangeStart?: string | undefined;
  readonly rangeEnd?: string | undefined;
  readonly gateway?: string | undefined;
}

/** The `bandwidth` capability: rates in bits/s, bursts in bits. */
export interface BandwidthEntry {
  readonly ingressRate?: number | undefined;
  readonly ingressBurst?: number | undefined;
  readonly egressRate?: number | undefined;
  readonly egressBurst?: number | undefined;
}

/** The `dns` capability (note `servers`/`searches`, unlike the config's `dns`). */
export interface RuntimeDns {
  readonly servers?: readonly string[] | undefined;
  readonly searches?: readonly string[] | undefined;
  readonly options?: readonly string[] | undefined;
}

/** `runtimeConfig`: the well-known capability arguments (CONVENTIONS.md "Well-known Capabilities"). */
export interface RuntimeConfig {
  readonly portMappings?: readonly PortMapping[] | undefined;
  readonly ipRanges?: readonly (readonly IpRange[])[] | undefined;
  readonly bandwidth?: BandwidthEntry | undefined;
  readonly dns?: RuntimeDns | undefined;
  readonly ips?: readonly string[] | undefined;
  readonly mac?: string | undefined;
  readonly infinibandGUID?: string | undefined;
  readonly deviceID?: string | undefined;
  readonly aliases?: readonly string[] | undefined;
  readonly cgroupPath?: string | undefined;
  readonly [key: string]: unknown;
}

const port = z.number().int().min(1).max(65535);
const nonNeg = z.number().int().nonnegative();
const ipOrCidr = z
  .string()
  .refine(
    (s) =>
      ipString.safeParse(s.split('/')[0]).success && (!s.includes('/') || cidrString.safeParse(s).success),
    {
      error: (iss) => `invalid IP: ${String(iss.input)}`,
    },
  );

/**
 * Zod schema of `runtimeConfig` with the well-known capabilities: `portMappings` (ports 1–65535,
 * protocol tcp/udp/sctp), `ipRanges`, `bandwidth`, `dns`, `ips` (`ip` or `ip/prefix`), `mac`,
 * `infinibandGUID`, `deviceID`, `aliases`, `cgroupPath`. Other keys pass through.
 *
 * @example
 * ```ts
 * runtimeConfigSchema.parse({ portMappings: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
 * ```
 */
export const runtimeConfigSchema: z.ZodType<RuntimeConfig> = z.looseObject({
  portMappings: z
    .array(
      z.looseObject({
        hostPort: port,
        containerPort: port,
        protocol: z.enum(['tcp', 'udp', 'sctp']).optional(),
        hostIP: ipString.optional(),
      }),
    )
    .optional(),
  ipRanges: z
    .array(
      z.array(
        z.object({
          subnet: cidrString,
          rangeStart: ipString.optional(),
          rangeEnd: ipString.optional(),
          gateway: ipString.optional(),
        }),
      ),
    )
    .optional(),
  bandwidth: z
    .object({
      ingressRate: nonNeg.optional(),
      ingressBurst: nonNeg.optional(),
      egressRate: nonNeg.optional(),
      egressBurst: nonNeg.optional(),
    })
    .optional(),
  dns: z
    .object({
      servers: z.array(ipString).optional(),
      searches: z.array(z.string()).optional(),
      options: z.array(z.string()).optional(),
    })
    .optional(),
  ips: z.array(ipOrCidr).optional(),
  mac: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/)
    .optional(),
  infinibandGUID: z
    .string()
    .regex(/^([0-9a-fA-F]{2}:){7}[0-9a-fA-F]{2}$/)
    .optional(),
  deviceID: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  cgroupPath: z.string().optional(),
});
