import type { Addr } from './addr.ts';
import { formatAddr } from './format-addr.ts';
import { formatPrefix } from './format-prefix.ts';
import { toAddr, toPrefix } from './internal/coerce.ts';
import { describe } from './internal/describe.ts';
import { IpError, type PathSegment } from './ip-error.ts';
import { safeParseAddrOrPrefix } from './parse-addr-or-prefix.ts';
import type { Prefix } from './prefix.ts';

function familyOf(v: Addr | Prefix): 4 | 6 {
  return (v as Prefix).bits !== undefined ? (v as Prefix).addr.family : (v as Addr).family;
}

/**
 * Kubernetes' dual-stack rule for `clusterIPs`, `podIPs`, `podCIDRs` and ServiceCIDR `cidrs`
 * (pkg/apis/core/validation, pkg/apis/networking/validation): at most two values, and two values
 * must be one of each family. Returns `INVALID_DUAL_STACK` errors with the upstream wording (empty
 * when valid); `path` names the field.
 *
 * @example
 * ```ts
 * validateDualStack([parseAddr('10.0.0.1'), parseAddr('fd00::1')]); // []
 * validateDualStack([parseAddr('10.0.0.1'), parseAddr('10.0.0.2')])[0]?.message;
 * // 'spec.clusterIPs: Invalid value: ["10.0.0.1","10.0.0.2"]: may specify no more than one IP for each IP family'
 * ```
 */
export function validateDualStack(
  values: readonly (Addr | Prefix | string)[],
  path: readonly PathSegment[] = ['spec', 'clusterIPs'],
): IpError[] {
  const p: readonly PathSegment[] = Array.isArray(path) ? path : ['spec', 'clusterIPs'];
  if (!Array.isArray(values)) {
    throw new IpError(
      'INVALID_DUAL_STACK',
      `expected a list of addresses or prefixes, got ${describe(values)}`,
      p,
    );
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as unknown;
    if (typeof v === 'string') continue;
    if ((v as Prefix | null)?.bits !== undefined) toPrefix(v, `${p.join('.')}[${i}]`, [...p, i]);
    else toAddr(v, `${p.join('.')}[${i}]`, [...p, i]);
  }
  const list = values.map((v, i) => (typeof v === 'string' ? parseAddrOrPrefixAt(v, [...p, i]) : v));
  return check(list, p);
}

function parseAddrOrPrefixAt(text: string, path: readonly PathSegment[]): Addr | Prefix {
  const r = safeParseAddrOrPrefix(text);
  if (!r.ok) throw new IpError(r.error.code, r.error.message, path);
  return r.value;
}

function check(values: readonly (Addr | Prefix)[], path: readonly PathSegment[]): IpError[] {
  const errors: IpError[] = [];
  const field = path.join('.');
  const shown = (): string => JSON.stringify(values.map((v) => describeValue(v)));
  if (values.length > 2) {
    errors.push(
      new IpError(
        'INVALID_DUAL_STACK',
        `${field}: Invalid value: ${shown()}: may only hold up to 2 values`,
        path,
      ),
    );
    return errors;
  }
  // b is set only when a is
  const [a, b] = values as readonly [Addr | Prefix, (Addr | Prefix)?];
  if (b !== undefined && familyOf(a) === familyOf(b)) {
    const cidrs = (a as Prefix).bits !== undefined;
    errors.push(
      new IpError(
        'INVALID_DUAL_STACK',
        `${field}: Invalid value: ${shown()}: may specify no more than one IP for each IP family${cidrs ? ', i.e 192.168.0.0/24 and 2001:db8::/64' : ''}`,
        path,
      ),
    );
  }
  return errors;
}

function describeValue(v: Addr | Prefix): string {
  return (v as Prefix).bits !== undefined ? formatPrefix(v as Prefix) : formatAddr(v as Addr);
}
