import { joinHostPort } from '../modes/mode-model.ts';
import type { IpvsRuleset } from './ipvs-ruleset.ts';

const SERVICE_FLAG: Readonly<Record<string, string>> = { TCP: '-t', UDP: '-u', SCTP: '--sctp-service' };

/**
 * Prints the IPVS table as `ipvsadm-save -n` (`ipvsadm -S -n`) does: `-A` per virtual server,
 * `-a … -m -w WEIGHT` per real server (kube-proxy uses masquerading forwarding).
 *
 * @example
 * ```ts
 * formatIpvsadmSave(ipvsRules(input));
 * // -A -t 10.20.30.41:80 -s rr
 * // -a -t 10.20.30.41:80 -r 10.180.0.1:80 -m -w 1
 * ```
 */
export function formatIpvsadmSave(rules: IpvsRuleset): string {
  const lines: string[] = [];
  for (const vs of rules.virtualServers) {
    const svc = `${SERVICE_FLAG[vs.protocol] ?? '-t'} ${joinHostPort(vs.address, vs.port)}`;
    let line = `-A ${svc} -s ${vs.scheduler}`;
    if ((vs.flags ?? []).includes('source-hash'))
      line += ` -b ${vs.scheduler === 'mh' || vs.scheduler === 'sh' ? `${vs.scheduler}-port` : 'flag-2'}`;
    if ((vs.flags ?? []).includes('persistent')) line += ` -p ${vs.timeout ?? 0}`;
    lines.push(line);
    for (const rs of vs.realServers)
      lines.push(`-a ${svc} -r ${joinHostPort(rs.address, rs.port)} -m -w ${rs.weight}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
