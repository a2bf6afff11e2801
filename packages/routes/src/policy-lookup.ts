import type { Addr } from '@podnet/ip';
import { toAddr } from './internal/coerce.ts';
import { canonicalTable } from './internal/tables.ts';
import type { IpRule } from './ip-rule.ts';
import type { Route } from './route.ts';
import { RoutesError } from './routes-error.ts';
import { containsAddr, selectRouteIndex } from './select-route.ts';

const U32 = 4294967295;

/**
 * A packet for {@link policyLookup}: destination plus the selectors rules can match.
 *
 * @example
 * ```ts
 * const p: PolicyPacket = { dst: '10.244.2.5', src: '10.244.1.7', iif: 'cni0' };
 * ```
 */
export interface PolicyPacket {
  readonly dst: Addr | string;
  readonly src?: Addr | string;
  readonly iif?: string;
  readonly oif?: string;
  readonly fwmark?: number;
  readonly tos?: string;
}

/**
 * The outcome of {@link policyLookup}: the route found (with its index and the rule and table
 * that found it), or the rule action that ended the lookup, or `none`.
 *
 * @example
 * ```ts
 * const r: PolicyResult = { action: 'none' };
 * ```
 */
export interface PolicyResult {
  readonly action: 'route' | 'blackhole' | 'unreachable' | 'prohibit' | 'none';
  readonly route?: Route;
  readonly index?: number;
  readonly rule?: IpRule;
  readonly table?: string;
}

function ruleMatches(rule: IpRule, dst: Addr, src: Addr | undefined, p: PolicyPacket): boolean {
  let ok = true;
  if (rule.from !== undefined) ok &&= src !== undefined && containsAddr(rule.from, src);
  if (rule.to !== undefined) ok &&= containsAddr(rule.to, dst);
  if (rule.tos !== undefined) ok &&= p.tos === rule.tos;
  if (rule.fwmark !== undefined) {
    const mask = rule.fwmask ?? U32;
    ok &&= ((p.fwmark ?? 0) & mask) >>> 0 === (rule.fwmark & mask) >>> 0;
  }
  if (rule.iif !== undefined) ok &&= p.iif === rule.iif;
  if (rule.oif !== undefined) ok &&= p.oif === rule.oif;
  return rule.not === true ? !ok : ok;
}

/**
 * Routing with policy rules (the RPDB, ip-rule(8)): rules are tried in priority order (ties in
 * array order); a matching `lookup TABLE` rule looks in the routes whose `table` is TABLE (see
 * {@link selectRoute}); a miss or a `throw` route continues with the next rule, as does a hit
 * whose prefix length is ≤ `suppress_prefixlength`; `goto N` jumps to the first rule with
 * priority ≥ N; `blackhole`, `unreachable` and `prohibit` end the lookup.
 *
 * @example
 * ```ts
 * const routes = parseIpRoute('default via 192.168.1.1 dev eth0\ndefault dev wg0 table 51820');
 * const rules = parseIpRule('0:\tfrom all lookup local\n32764:\tfrom all lookup main suppress_prefixlength 0\n32765:\tnot from all fwmark 0xca6c lookup 51820\n32766:\tfrom all lookup main');
 * policyLookup(routes, rules, { dst: '1.1.1.1' }).route?.dev; // 'wg0'
 * ```
 */
export function policyLookup(
  routes: readonly Route[],
  rules: readonly IpRule[],
  packet: PolicyPacket,
): PolicyResult {
  if (!Array.isArray(routes) || !Array.isArray(rules))
    throw new RoutesError('INVALID_INPUT', 'expected arrays of routes and rules');
  if (packet === null || typeof packet !== 'object')
    throw new RoutesError('INVALID_INPUT', 'expected a packet { dst }');
  const dst = toAddr(packet.dst, 'destination', ['dst']);
  const src = packet.src === undefined ? undefined : toAddr(packet.src, 'source', ['src']);
  const order = rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.priority - b.r.priority || a.i - b.i)
    .map((x) => x.r);
  for (let k = 0; k < order.length; k++) {
    const rule = order[k] as IpRule;
    if (!ruleMatches(rule, dst, src, packet)) continue;
    // `nop` matches no case: the walk goes on with the next rule.
    switch (rule.action) {
      case 'goto': {
        const target = order.findIndex((r) => r.priority >= (rule.goto ?? 0));
        if (target <= k) continue; // the kernel refuses backward gotos
        k = target - 1;
        continue;
      }
      case 'blackhole':
      case 'unreachable':
      case 'prohibit':
        return Object.freeze({ action: rule.action, rule });
      case 'lookup': {
        const table = canonicalTable(rule.table);
        const index = selectRouteIndex(routes, dst, { table });
        if (index < 0) continue;
        const route = routes[index] as Route;
        if (rule.suppressPrefixlength !== undefined && route.dst.bits <= rule.suppressPrefixlength) continue;
        return Object.freeze({ action: 'route' as const, route, index, rule, table });
      }
    }
  }
  return Object.freeze({ action: 'none' as const });
}
