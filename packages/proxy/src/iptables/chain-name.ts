import type { Sha256Scratch } from '../internal/sha256.ts';
import { sha256Base32Prefix, sha256Base32PrefixOf2 } from '../internal/sha256.ts';
import { ProxyError } from '../proxy-error.ts';

/** The per-service chain kinds whose names kube-proxy hashes. */
export type ChainKind = 'KUBE-SVC' | 'KUBE-SVL' | 'KUBE-EXT' | 'KUBE-FW' | 'KUBE-SEP';

const KINDS: ReadonlySet<string> = new Set(['KUBE-SVC', 'KUBE-SVL', 'KUBE-EXT', 'KUBE-FW', 'KUBE-SEP']);

/**
 * First 16 characters of base32(sha256(text)) — kube-proxy's `portProtoHash` (pass `scratch` to
 * hash many names without allocating buffers per name).
 *
 * @example
 * ```ts
 * hash16('ns1/svc1:p80tcp'); // 'XPGD46QRK7WJZT7O'
 * ```
 */
export function hash16(text: string, scratch?: Sha256Scratch): string {
  return sha256Base32Prefix(text, 16, scratch);
}

/**
 * {@link hash16} of `a + b` without allocating the joined string (SEP names: the service port's
 * hash input, then the endpoint).
 *
 * @example
 * ```ts
 * hash16Of2('ns1/svc1:p80tcp', '10.180.0.1:80'); // 'SXIVWICOYRO3J4NJ'
 * ```
 */
export function hash16Of2(a: string, b: string, scratch?: Sha256Scratch): string {
  return sha256Base32PrefixOf2(a, b, 16, scratch);
}

/**
 * kube-proxy's chain name for a service port (`KUBE-SVC`/`KUBE-SVL`/`KUBE-EXT`/`KUBE-FW`) or one of
 * its endpoints (`KUBE-SEP`, which needs `endpoint` as `ip:port` or `[ipv6]:port`): the kind, a dash,
 * and the first 16 characters of base32(sha256(servicePortName + lowercase(protocol) [+ endpoint])).
 * Throws `INVALID_CHAIN_KIND`, `INVALID_PROTOCOL` or `MISSING_ENDPOINT`.
 *
 * @example
 * ```ts
 * chainName('KUBE-SVC', 'ns1/svc1:p80', 'TCP'); // 'KUBE-SVC-XPGD46QRK7WJZT7O'
 * chainName('KUBE-SEP', 'ns1/svc1:p80', 'TCP', '10.180.0.1:80'); // 'KUBE-SEP-SXIVWICOYRO3J4NJ'
 * ```
 */
export function chainName(
  kind: ChainKind,
  servicePortName: string,
  protocol: string,
  endpoint?: string,
): string {
  if (typeof kind !== 'string' || !KINDS.has(kind)) {
    throw new ProxyError('INVALID_CHAIN_KIND', `unknown chain kind ${JSON.stringify(kind)}`);
  }
  if (typeof servicePortName !== 'string') {
    throw new ProxyError(
      'INVALID_SERVICE_PORT_NAME',
      `service port name must be a string, got ${JSON.stringify(servicePortName)}`,
    );
  }
  const proto = typeof protocol === 'string' ? protocol.toLowerCase() : '';
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') {
    throw new ProxyError(
      'INVALID_PROTOCOL',
      `protocol must be TCP, UDP or SCTP, got ${JSON.stringify(protocol)}`,
    );
  }
  if (kind === 'KUBE-SEP') {
    if (typeof endpoint !== 'string' || endpoint === '') {
      throw new ProxyError('MISSING_ENDPOINT', 'KUBE-SEP chain names need an endpoint "ip:port"');
    }
    return `KUBE-SEP-${hash16(servicePortName + proto + endpoint)}`;
  }
  return `${kind}-${hash16(servicePortName + proto)}`;
}
