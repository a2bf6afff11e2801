import { sha256AsciiWords, sha256ShortAscii, sha256Words, utf8Bytes } from '../internal/sha256.ts';
import { ProxyError } from '../proxy-error.ts';

/** The per-service chain kinds whose names kube-proxy hashes. */
export type ChainKind = 'KUBE-SVC' | 'KUBE-SVL' | 'KUBE-EXT' | 'KUBE-FW' | 'KUBE-SEP';

const KINDS: ReadonlySet<string> = new Set(['KUBE-SVC', 'KUBE-SVL', 'KUBE-EXT', 'KUBE-FW', 'KUBE-SEP']);

/**
 * First 16 characters of base32(sha256(text)) — kube-proxy's `portProtoHash`.
 *
 * @example
 * ```ts
 * hash16('ns1/svc1:p80tcp'); // 'XPGD46QRK7WJZT7O'
 * ```
 */
export function hash16(text: string): string {
  const h = sha256ShortAscii(text) ?? sha256AsciiWords(text) ?? sha256Words(utf8Bytes(text));
  // 16 base32 characters = the first 80 bits = words 0, 1 and the top 16 bits of word 2.
  const w0 = h[0] as number;
  const w1 = h[1] as number;
  const w2 = h[2] as number;
  let out = '';
  // bits 0..79 of the digest, 5 at a time
  for (let bit = 0; bit < 80; bit += 5) {
    let v: number;
    if (bit + 5 <= 32) v = (w0 >>> (27 - bit)) & 31;
    else if (bit < 32) v = ((w0 << (bit - 27)) | (w1 >>> (59 - bit))) & 31;
    else if (bit + 5 <= 64) v = (w1 >>> (59 - bit)) & 31;
    else if (bit < 64) v = ((w1 << (bit - 59)) | (w2 >>> (91 - bit))) & 31;
    else v = (w2 >>> (91 - bit)) & 31;
    out += BASE32[v];
  }
  return out;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

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
