import { formatPrefix } from './format-prefix.ts';
import { toPrefix } from './internal/coerce.ts';
import { IpError } from './ip-error.ts';
import type { Prefix } from './prefix.ts';

/** Options for {@link validateServiceCidr}. */
export interface ValidateServiceCidrOptions {
  /**
   * Skip the size limit, as kube-apiserver does when the `MultiCIDRServiceAllocator` and
   * `DisableAllocatorDualWrite` feature gates are both on (default false).
   */
  readonly multiCidrAllocator?: boolean;
}

/** kube-apiserver's `maxCIDRBits`: at most 20 host bits (IPv4 /12, IPv6 /108). */
const MAX_CIDR_BITS = 20;

/**
 * All the errors kube-apiserver reports for `--service-cluster-ip-range` (one prefix or the
 * dual-stack pair), never throwing: `SERVICE_CIDR_TOO_LARGE` for more than 20 host bits ("specified
 * --service-cluster-ip-range[0] is too large; for 32-bit addresses, the mask must be >= 12"),
 * `SERVICE_CIDR_TOO_SMALL` for fewer than 8 addresses, `INVALID_DUAL_STACK` for two ranges of one
 * family or more than two ranges.
 *
 * @example
 * ```ts
 * serviceCidrErrors(parsePrefix('10.0.0.0/8')).map((e) => e.code); // ['SERVICE_CIDR_TOO_LARGE']
 * serviceCidrErrors(parsePrefix('10.96.0.0/12')); // []
 * ```
 */
export function serviceCidrErrors(
  prefixes: Prefix | string | readonly (Prefix | string)[],
  options: ValidateServiceCidrOptions = {},
): IpError[] {
  const opts: ValidateServiceCidrOptions = options !== null && typeof options === 'object' ? options : {};
  const raw: readonly unknown[] = Array.isArray(prefixes) ? prefixes : [prefixes];
  const list: readonly Prefix[] = raw.map((p, i) => toPrefix(p, `--service-cluster-ip-range[${i}]`, [i]));
  const errors: IpError[] = [];
  if (list.length === 0) {
    errors.push(
      new IpError('INVALID_PREFIX', '--service-cluster-ip-range must contain at least one valid cidr'),
    );
    return errors;
  }
  if (list.length > 2) {
    errors.push(
      new IpError('INVALID_DUAL_STACK', '--service-cluster-ip-range must not contain more than two entries', [
        'service-cluster-ip-range',
      ]),
    );
  }
  const b = list.length === 2 ? list[1] : undefined;
  if (b !== undefined && (list[0] as Prefix).addr.family === b.addr.family) {
    errors.push(
      new IpError(
        'INVALID_DUAL_STACK',
        '--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family',
        ['service-cluster-ip-range'],
      ),
    );
  }
  list.forEach((p, i) => {
    const width = p.addr.family === 4 ? 32 : 128;
    const flag = `--service-cluster-ip-range[${i}]`;
    if (opts.multiCidrAllocator !== true && width - p.bits > MAX_CIDR_BITS) {
      errors.push(
        new IpError(
          'SERVICE_CIDR_TOO_LARGE',
          `specified ${flag} is too large; for ${width}-bit addresses, the mask must be >= ${width - MAX_CIDR_BITS} (got ${formatPrefix(p)})`,
          ['service-cluster-ip-range', i],
        ),
      );
    }
    if (width - p.bits < 3) {
      errors.push(
        new IpError(
          'SERVICE_CIDR_TOO_SMALL',
          `the service cluster IP range must be at least 8 IP addresses (got ${formatPrefix(p)})`,
          ['service-cluster-ip-range', i],
        ),
      );
    }
  });
  return errors;
}

/**
 * kube-apiserver's check of `--service-cluster-ip-range`: throws the first error of
 * {@link serviceCidrErrors} (`SERVICE_CIDR_TOO_LARGE` when an IPv4 range is larger than /12 or an
 * IPv6 range larger than /108, …) and returns `[]` when the range is accepted.
 *
 * @example
 * ```ts
 * validateServiceCidr(parsePrefix('10.96.0.0/12')); // []
 * validateServiceCidr(parsePrefix('fd00::/64')); // throws IpError SERVICE_CIDR_TOO_LARGE
 * ```
 */
export function validateServiceCidr(
  prefixes: Prefix | string | readonly (Prefix | string)[],
  options: ValidateServiceCidrOptions = {},
): readonly IpError[] {
  const errors = serviceCidrErrors(prefixes, options);
  const first = errors[0];
  if (first !== undefined) throw first;
  return errors;
}
