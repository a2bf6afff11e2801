import type { IpvsRuleset } from './ipvs-ruleset.ts';

/**
 * Prints kube-proxy's ipsets as `ipset save` does: a `create` line per set with the options
 * kube-proxy creates it with (hash sets: `family inet hashsize 1024 maxelem 65536`; bitmap:port:
 * `range 0-65535`), then an `add` line per entry. Kernel-chosen fields (`bucketsize`, `initval`)
 * are left out.
 *
 * @example
 * ```ts
 * formatIpsetSave(ipvsRules(input)).split('\n')[0];
 * // 'create KUBE-LOOP-BACK hash:ip,port,ip family inet hashsize 1024 maxelem 65536'
 * ```
 */
export function formatIpsetSave(rules: IpvsRuleset): string {
  const lines: string[] = [];
  for (const set of rules.ipsetDefinitions) {
    lines.push(
      set.type === 'bitmap:port'
        ? `create ${set.name} bitmap:port range 0-65535`
        : `create ${set.name} ${set.type} family ${set.family} hashsize 1024 maxelem 65536`,
    );
    for (const entry of set.entries) lines.push(`add ${set.name} ${entry}`);
  }
  return `${lines.join('\n')}\n`;
}
