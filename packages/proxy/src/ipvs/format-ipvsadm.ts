import { joinHostPort } from '../modes/mode-model.ts';
import type { IpvsRuleset, IpvsVirtualServer } from './ipvs-ruleset.ts';

/** ipvsadm's scheduler-flag names for kube-proxy's source-hash flag (IP_VS_SVC_F_SCHED2). */
function schedFlag(vs: IpvsVirtualServer): string | null {
  if (!(vs.flags ?? []).includes('source-hash')) return null;
  if (vs.scheduler === 'mh' || vs.scheduler === 'sh') return `${vs.scheduler}-port`;
  return 'flag-2';
}

/**
 * Prints the IPVS table as `ipvsadm -Ln` does (numeric, sorted by protocol, address and port;
 * connection counters are 0; real-server lines use ipvsadm's `%-28s %-7s %-6d %-10u %-10u`, so they
 * end in padding).
 *
 * @example
 * ```ts
 * formatIpvsadm(ipvsRules(input));
 * // IP Virtual Server version 1.2.1 (size=4096)
 * // Prot LocalAddress:Port Scheduler Flags
 * //   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
 * // TCP  10.20.30.41:80 rr
 * //   -> 10.180.0.1:80                Masq    1      0          0
 * ```
 */
export function formatIpvsadm(rules: IpvsRuleset): string {
  const lines = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  ];
  for (const vs of rules.virtualServers) {
    let line = `${vs.protocol}  ${joinHostPort(vs.address, vs.port)} ${vs.scheduler}`;
    const flag = schedFlag(vs);
    if (flag !== null) line += ` (${flag})`;
    if ((vs.flags ?? []).includes('persistent')) line += ` persistent ${vs.timeout ?? 0}`;
    lines.push(line);
    for (const rs of vs.realServers) {
      lines.push(
        `  -> ${joinHostPort(rs.address, rs.port).padEnd(28)} ${'Masq'.padEnd(7)} ${String(rs.weight).padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
