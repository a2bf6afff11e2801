import { describeValue } from '../internal/describe-value.ts';
import {
  cidrContains,
  formatCidr,
  formatIp,
  isLoopback,
  parseCidrSloppy,
  parseIpSloppy,
} from '../internal/ip.ts';
import { ProxyError } from '../proxy-error.ts';
import type { LocalDetector, ProxyConfig, ResolvedProxyConfig } from './types.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optBool(config: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = config[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new ProxyError('INVALID_CONFIG', `config.${key} must be a boolean, got ${describeValue(value)}`, [
      'config',
      key,
    ]);
  }
  return value;
}

function resolveDetector(config: Record<string, unknown>, family: 4 | 6): LocalDetector {
  const detector = config.localDetector;
  if (detector !== undefined) {
    if (!isObject(detector) || typeof detector.mode !== 'string') {
      throw new ProxyError('INVALID_CONFIG', 'config.localDetector must be an object with a mode', [
        'config',
        'localDetector',
      ]);
    }
    switch (detector.mode) {
      case 'None':
        return { mode: 'None' };
      case 'ClusterCIDR':
      case 'NodeCIDR': {
        const cidr = pickCidr(detector.cidr, family, ['config', 'localDetector', 'cidr']);
        return cidr === undefined ? { mode: 'None' } : { mode: detector.mode, cidr };
      }
      case 'BridgeInterface':
        if (typeof detector.interface !== 'string' || detector.interface === '') {
          throw new ProxyError(
            'INVALID_CONFIG',
            'config.localDetector.interface must be a non-empty string',
            ['config', 'localDetector', 'interface'],
          );
        }
        return { mode: 'BridgeInterface', interface: detector.interface };
      case 'InterfaceNamePrefix':
        if (typeof detector.prefix !== 'string' || detector.prefix === '') {
          throw new ProxyError('INVALID_CONFIG', 'config.localDetector.prefix must be a non-empty string', [
            'config',
            'localDetector',
            'prefix',
          ]);
        }
        return { mode: 'InterfaceNamePrefix', prefix: detector.prefix };
      default:
        throw new ProxyError(
          'INVALID_CONFIG',
          `unknown local detector mode ${describeValue(detector.mode)}`,
          ['config', 'localDetector', 'mode'],
        );
    }
  }
  const mode = config.detectLocalMode;
  if (mode !== undefined && mode !== 'ClusterCIDR') {
    const nonEmpty = (key: string): string => {
      const v = config[key];
      if (typeof v !== 'string' || v === '') {
        throw new ProxyError(
          'INVALID_CONFIG',
          `config.${key} is required for detectLocalMode ${String(mode)}`,
          ['config', key],
        );
      }
      return v;
    };
    switch (mode) {
      case 'NodeCIDR': {
        const cidr = pickCidr(nonEmpty('nodeCIDR'), family, ['config', 'nodeCIDR']);
        return cidr === undefined ? { mode: 'None' } : { mode: 'NodeCIDR', cidr };
      }
      case 'BridgeInterface':
        return { mode: 'BridgeInterface', interface: nonEmpty('bridgeInterface') };
      case 'InterfaceNamePrefix':
        return { mode: 'InterfaceNamePrefix', prefix: nonEmpty('interfaceNamePrefix') };
      default:
        throw new ProxyError('INVALID_CONFIG', `unknown detectLocalMode ${describeValue(mode)}`, [
          'config',
          'detectLocalMode',
        ]);
    }
  }
  const cidr = pickCidr(config.clusterCIDR, family, ['config', 'clusterCIDR']);
  return cidr === undefined ? { mode: 'None' } : { mode: 'ClusterCIDR', cidr };
}

/** Picks the CIDR of `family` from a (comma-separated) CIDR string. */
function pickCidr(value: unknown, family: 4 | 6, path: readonly string[]): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new ProxyError('INVALID_CONFIG', `${path.join('.')} must be a CIDR string`, path);
  }
  let found: string | undefined;
  for (const part of value.split(',')) {
    const cidr = parseCidrSloppy(part.trim());
    if (cidr === undefined) {
      throw new ProxyError('INVALID_CIDR', `invalid CIDR ${describeValue(part)} in ${path.join('.')}`, path);
    }
    if (cidr.addr.family === family && found === undefined) found = formatCidr(cidr);
  }
  return found;
}

/**
 * Applies kube-proxy's defaults to a {@link ProxyConfig} and validates it.
 *
 * @example
 * ```ts
 * const c = resolveProxyConfig({ hostname: 'node1', nodeIPs: ['192.168.0.2'], clusterCIDR: '10.0.0.0/8' });
 * c.masqueradeMark; // '0x4000'
 * c.localDetector;  // { mode: 'ClusterCIDR', cidr: '10.0.0.0/8' }
 * ```
 */
export function resolveProxyConfig(config: ProxyConfig): ResolvedProxyConfig {
  if (!isObject(config)) {
    throw new ProxyError('INVALID_CONFIG', 'config must be an object', ['config']);
  }
  const raw = config as unknown as Record<string, unknown>;
  const hostname = raw.hostname ?? '';
  if (typeof hostname !== 'string') {
    throw new ProxyError('INVALID_CONFIG', 'config.hostname must be a string', ['config', 'hostname']);
  }
  const ipFamilyRaw = raw.ipFamily ?? 'IPv4';
  if (ipFamilyRaw !== 'IPv4' && ipFamilyRaw !== 'IPv6') {
    throw new ProxyError(
      'INVALID_CONFIG',
      `config.ipFamily must be 'IPv4' or 'IPv6', got ${describeValue(ipFamilyRaw)}`,
      ['config', 'ipFamily'],
    );
  }
  const family: 4 | 6 = ipFamilyRaw === 'IPv4' ? 4 : 6;
  const nodeIPsRaw = raw.nodeIPs ?? [];
  if (!Array.isArray(nodeIPsRaw)) {
    throw new ProxyError('INVALID_CONFIG', 'config.nodeIPs must be an array of addresses', [
      'config',
      'nodeIPs',
    ]);
  }
  const allNodeIPs: string[] = [];
  const nodeIPs: string[] = [];
  nodeIPsRaw.forEach((text: unknown, i: number) => {
    const ip = parseIpSloppy(text);
    if (ip === undefined) {
      throw new ProxyError('INVALID_ADDRESS', `invalid node IP ${describeValue(text)}`, [
        'config',
        'nodeIPs',
        i,
      ]);
    }
    const printed = formatIp(ip);
    allNodeIPs.push(printed);
    if (ip.family === family) nodeIPs.push(printed);
  });
  const bitRaw = raw.masqueradeBit ?? 14;
  if (typeof bitRaw !== 'number' || !Number.isInteger(bitRaw) || bitRaw < 0 || bitRaw > 31) {
    throw new ProxyError(
      'INVALID_CONFIG',
      `config.masqueradeBit must be an integer in [0, 31], got ${describeValue(bitRaw)}`,
      ['config', 'masqueradeBit'],
    );
  }
  const masqueradeMark = `0x${((1 << bitRaw) >>> 0).toString(16)}`;

  // NodePortAddresses (pkg/proxy/util/nodeport_addresses.go): keep this family's CIDRs; none → all.
  const npaRaw = raw.nodePortAddresses ?? [];
  if (!Array.isArray(npaRaw)) {
    throw new ProxyError('INVALID_CONFIG', 'config.nodePortAddresses must be an array of CIDRs', [
      'config',
      'nodePortAddresses',
    ]);
  }
  const npaCidrs = [];
  let matchAll = false;
  let containsV4Loopback = false;
  for (let i = 0; i < npaRaw.length; i++) {
    const text: unknown = npaRaw[i];
    if (text === 'primary') {
      // `--nodeport-addresses primary`: the node's primary IP of this family.
      const primary = nodeIPs[0];
      const ip = primary === undefined ? undefined : parseIpSloppy(primary);
      if (ip !== undefined) npaCidrs.push({ addr: ip, bits: family === 4 ? 32 : 128 });
      continue;
    }
    const cidr = parseCidrSloppy(typeof text === 'string' ? text.trim() : text);
    if (cidr === undefined) {
      throw new ProxyError('INVALID_CIDR', `invalid nodePortAddresses CIDR ${describeValue(text)}`, [
        'config',
        'nodePortAddresses',
        i,
      ]);
    }
    if (cidr.addr.family !== family) continue;
    if (
      cidr.addr.family === 4 &&
      (isLoopback(cidr.addr) ||
        cidrContains(cidr, { family: 4, v4: 0x7f000001, w: [0, 0, 0xffff, 0x7f000001], addr: null }))
    ) {
      containsV4Loopback = true;
    }
    if (cidr.bits === 0) {
      matchAll = true;
      break;
    }
    npaCidrs.push(cidr);
  }
  if (npaCidrs.length === 0 && !matchAll) {
    matchAll = true;
    containsV4Loopback = true;
  }
  if (matchAll) containsV4Loopback = true;
  const nodePortIPs: string[] = [];
  if (!matchAll) {
    // Local addresses: the node IPs plus loopback, as kube-proxy's fake network has them.
    const local = [...allNodeIPs, family === 4 ? '127.0.0.1' : '::1'];
    for (const text of local) {
      const ip = parseIpSloppy(text);
      if (ip === undefined || ip.family !== family) continue;
      if (npaCidrs.some((c) => cidrContains(c, ip)) && !nodePortIPs.includes(text)) nodePortIPs.push(text);
    }
  }
  const localhostRequested = optBool(raw, 'localhostNodePorts', true);
  const zone = raw.zone ?? '';
  if (typeof zone !== 'string') {
    throw new ProxyError('INVALID_CONFIG', 'config.zone must be a string', ['config', 'zone']);
  }
  return {
    hostname,
    ipFamily: ipFamilyRaw,
    nodeIPs,
    allNodeIPs,
    primaryNodeIP: nodeIPs[0] ?? '',
    localDetector: resolveDetector(raw, family),
    masqueradeAll: optBool(raw, 'masqueradeAll', false),
    masqueradeBit: bitRaw,
    masqueradeMark,
    nodePortAddresses: matchAll ? [] : npaCidrs.map(formatCidr),
    nodePortsMatchAll: matchAll,
    nodePortIPs,
    localhostNodePorts: localhostRequested && family === 4 && containsV4Loopback,
    zone,
    preferSameNode: optBool(raw, 'preferSameNode', true),
    nfacct: optBool(raw, 'nfacct', true),
    randomFully: optBool(raw, 'randomFully', false),
    dropInvalid: optBool(raw, 'dropInvalid', true),
  };
}
