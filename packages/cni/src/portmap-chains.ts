import { formatAddr } from '@podnet/ip';
import { formatChainName } from './chain-names.ts';
import { CniError } from './cni-error.ts';
import {
  checkShape,
  cleanJson,
  describeValue,
  pickKeys,
  requireString,
  type Shape,
} from './internal/input.ts';
import { parseCidr, parseIp } from './internal/ip.ts';
import type { PortmapConf } from './plugin-schemas.ts';
import type { PortMapping } from './runtime-config-schema.ts';

/**
 * An iptables chain as the plugins describe it (portmap's `chain` struct): the chain's own rules,
 * and the jump rules placed in `entryChains` (appended, or prepended when `prependEntry`). Each
 * rule is the argument list the plugin hands to iptables, without `-A <chain>`; a jump rule also
 * gets `-j <name>` appended.
 */
export interface IptablesChain {
  readonly table: 'nat' | 'filter' | 'mangle';
  readonly name: string;
  readonly entryChains: readonly string[];
  readonly entryRules: readonly (readonly string[])[];
  readonly rules: readonly (readonly string[])[];
  readonly prependEntry?: boolean;
}

/**
 * portmap's top-level DNAT chain, entered from PREROUTING and OUTPUT for local destinations.
 *
 * @example
 * ```ts
 * TOP_LEVEL_DNAT_CHAIN; // 'CNI-HOSTPORT-DNAT'
 * ```
 */
export const TOP_LEVEL_DNAT_CHAIN = 'CNI-HOSTPORT-DNAT';
/**
 * portmap's mark chain.
 *
 * @example
 * ```ts
 * SET_MARK_CHAIN; // 'CNI-HOSTPORT-SETMARK'
 * ```
 */
export const SET_MARK_CHAIN = 'CNI-HOSTPORT-SETMARK';
/**
 * portmap's masquerade chain, entered from POSTROUTING.
 *
 * @example
 * ```ts
 * MARK_MASQ_CHAIN; // 'CNI-HOSTPORT-MASQ'
 * ```
 */
export const MARK_MASQ_CHAIN = 'CNI-HOSTPORT-MASQ';

function markHex(bit: number): string {
  const v = (2 ** bit).toString(16);
  return `0x${v}/0x${v}`;
}

/** The options of {@link portmapChains}. */
const CONF_SHAPE: Shape = {
  snat: 'boolean',
  markMasqBit: 'number',
  externalSetMarkChain: 'string',
  conditionsV4: ['string'],
  conditionsV6: ['string'],
  masqAll: 'boolean',
};

const MAPPING_SHAPE: Shape = {
  hostPort: 'number',
  containerPort: 'number',
  protocol: 'string',
  hostIP: 'string',
};

/** A cleaned JSON object (getters read once, depth-limited) whose known keys have the right types. */
function readObject(value: unknown, path: (string | number)[], shape: Shape): Record<string, unknown> {
  const clean = cleanJson(value, path);
  if (clean === null || typeof clean !== 'object' || Array.isArray(clean)) {
    throw new CniError(
      'INVALID_ARGUMENT',
      `${path.join('.')} must be an object, got ${describeValue(clean)}`,
      path,
    );
  }
  checkShape(clean as Record<string, unknown>, shape, path);
  return clean as Record<string, unknown>;
}

function readMappings(value: unknown): PortMapping[] {
  const clean = cleanJson(value, ['mappings']);
  if (!Array.isArray(clean)) {
    throw new CniError('INVALID_ARGUMENT', `mappings must be an array, got ${describeValue(clean)}`, [
      'mappings',
    ]);
  }
  return clean.map((m, i) => readObject(m, ['mappings', i], MAPPING_SHAPE) as unknown as PortMapping);
}

export interface PortmapChainOptions {
  /** The network name (the conflist's `name`), part of the chain hash and comment. */
  readonly netName: string;
  readonly containerId: string;
  /** The container address in CIDR form as it appears in `prevResult.ips` (e.g. `10.244.1.2/24`). */
  readonly containerAddress: string;
}

/**
 * The iptables chains the portmap plugin (iptables backend) sets up for one container address
 * (`portmap_iptables.go`: `genToplevelDnatChain`, `genDnatChain` + `fillDnatRules`,
 * `genSetMarkChain`, `genMarkMasqChain`): CNI-HOSTPORT-DNAT, the per-container `CNI-DN-<hash>`
 * chain, and with `snat` (default true) CNI-HOSTPORT-SETMARK and CNI-HOSTPORT-MASQ.
 *
 * @example
 * ```ts
 * const chains = portmapChains({ type: 'portmap' }, [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
 *   { netName: 'cbr0', containerId: 'c1', containerAddress: '10.244.1.2/24' });
 * chains[1].rules[2]; // ['-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '10.244.1.2:80']
 * ```
 */
export function portmapChains(
  rawConf: PortmapConf,
  rawMappings: readonly PortMapping[],
  rawOptions: PortmapChainOptions,
): readonly IptablesChain[] {
  const conf = readObject(rawConf, ['conf'], CONF_SHAPE) as PortmapConf;
  const mappings = readMappings(rawMappings);
  const picked = pickKeys(rawOptions, ['netName', 'containerId', 'containerAddress'], 'options', [], false);
  const options: PortmapChainOptions = {
    netName: requireString(picked.netName, 'netName', ['netName']),
    containerId: requireString(picked.containerId, 'containerId', ['containerId']),
    containerAddress: requireString(picked.containerAddress, 'containerAddress', ['containerAddress']),
  };
  const cidr = parseCidr(options.containerAddress);
  if (cidr === null) {
    throw new CniError('INVALID_CIDR', `invalid container address ${options.containerAddress}`, [
      'containerAddress',
    ]);
  }
  const isV4 = cidr.addr.family === 4;
  const snat = conf.snat ?? true;
  const masqBit = conf.markMasqBit ?? 13;
  const setMarkChain = conf.externalSetMarkChain ?? SET_MARK_CHAIN;
  const conditions = (isV4 ? conf.conditionsV4 : conf.conditionsV6) ?? [];
  const name = formatChainName(options.netName, options.containerId, 'DN-');
  const comment = `dnat name: ${JSON.stringify(options.netName)} id: ${JSON.stringify(options.containerId)}`;
  const containerIp = formatAddr(cidr.addr);
  const containerNet = `${containerIp}/${cidr.prefix.bits}`;

  const byProto = new Map<string, string[]>();
  for (const m of mappings) {
    const proto = m.protocol ?? 'tcp';
    const ports = byProto.get(proto) ?? [];
    ports.push(String(m.hostPort));
    byProto.set(proto, ports);
  }
  const entryRules = [...byProto.keys()]
    .sort()
    .map((proto) => [
      '-m',
      'comment',
      '--comment',
      comment,
      '-m',
      'multiport',
      '-p',
      proto,
      '--destination-ports',
      (byProto.get(proto) ?? []).join(','),
      ...conditions,
    ]);

  const rules: string[][] = [];
  for (const m of mappings) {
    const proto = m.protocol ?? 'tcp';
    let dst: string | undefined;
    if (m.hostIP !== undefined && m.hostIP !== '') {
      const host = parseIp(m.hostIP);
      if (host === null) continue;
      if ((host.family === 4) !== isV4) continue;
      const unspecified = host.w0 === 0 && host.w1 === 0 && host.w2 === 0 && host.w3 === 0;
      if (!unspecified) dst = m.hostIP;
    }
    const base = ['-p', proto, '--dport', String(m.hostPort), ...(dst === undefined ? [] : ['-d', dst])];
    if (snat) {
      const source = conf.masqAll === true ? (isV4 ? '0.0.0.0/0' : '::/0') : containerNet;
      rules.push([...base, '-s', source, '-j', setMarkChain]);
      if (isV4 && conf.masqAll !== true) rules.push([...base, '-s', '127.0.0.1', '-j', setMarkChain]);
    }
    const target = isV4 ? `${containerIp}:${m.containerPort}` : `[${containerIp}]:${m.containerPort}`;
    rules.push([...base, '-j', 'DNAT', '--to-destination', target]);
  }

  const chains: IptablesChain[] = [
    {
      table: 'nat',
      name: TOP_LEVEL_DNAT_CHAIN,
      entryChains: ['PREROUTING', 'OUTPUT'],
      entryRules: [['-m', 'addrtype', '--dst-type', 'LOCAL']],
      rules: [],
    },
    { table: 'nat', name, entryChains: [TOP_LEVEL_DNAT_CHAIN], entryRules, rules },
  ];
  if (snat && conf.externalSetMarkChain === undefined) {
    chains.push({
      table: 'nat',
      name: SET_MARK_CHAIN,
      entryChains: [],
      entryRules: [],
      rules: [
        [
          '-m',
          'comment',
          '--comment',
          'CNI portfwd masquerade mark',
          '-j',
          'MARK',
          '--set-xmark',
          markHex(masqBit),
        ],
      ],
    });
    chains.push({
      table: 'nat',
      name: MARK_MASQ_CHAIN,
      entryChains: ['POSTROUTING'],
      entryRules: [['-m', 'comment', '--comment', 'CNI portfwd requiring masquerade']],
      rules: [['-m', 'mark', '--mark', markHex(masqBit), '-j', 'MASQUERADE']],
      prependEntry: true,
    });
  }
  return chains;
}
