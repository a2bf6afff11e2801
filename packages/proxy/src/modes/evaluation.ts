import { canonicalIp } from '../internal/ip.ts';
import { ProxyError } from '../proxy-error.ts';

/** A packet to evaluate: the first packet of a new connection. */
export interface ModePacket {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  /** `TCP` (default), `UDP` or `SCTP`; any case. */
  readonly protocol?: string;
}

/** What happens to the packet; the same shape as iptables mode's `evaluatePacket`. */
export interface ModeEvaluation {
  readonly verdict: 'DNAT' | 'ACCEPT' | 'REJECT' | 'DROP' | 'NONE';
  /** For DNAT: every endpoint (`ip:port`, `[ip]:port` for IPv6) with the chance of picking it. */
  readonly candidates: readonly { readonly endpoint: string; readonly probability: number }[];
  readonly masquerade: boolean;
}

/** A validated packet: canonical addresses and a lower-case protocol. */
export interface NormalisedPacket {
  readonly sourceIP: string;
  readonly destIP: string;
  readonly destPort: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
}

/**
 * Validates a packet (throws `ProxyError` with code `INVALID_PACKET`).
 *
 * @example
 * ```ts
 * normalisePacket({ sourceIP: '10.0.0.2', destIP: '10.96.0.1', destPort: 443 }).protocol; // 'tcp'
 * ```
 */
export function normalisePacket(packet: ModePacket): NormalisedPacket {
  if (typeof packet !== 'object' || packet === null) {
    throw new ProxyError('INVALID_PACKET', 'packet must be an object', []);
  }
  const sourceIP = canonicalIp(packet.sourceIP);
  if (sourceIP === null) {
    throw new ProxyError('INVALID_PACKET', `invalid sourceIP ${JSON.stringify(packet.sourceIP)}`, [
      'sourceIP',
    ]);
  }
  const destIP = canonicalIp(packet.destIP);
  if (destIP === null) {
    throw new ProxyError('INVALID_PACKET', `invalid destIP ${JSON.stringify(packet.destIP)}`, ['destIP']);
  }
  const port = packet.destPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ProxyError('INVALID_PACKET', `invalid destPort ${JSON.stringify(port)}`, ['destPort']);
  }
  const protoRaw = packet.protocol ?? 'TCP';
  const protocol = typeof protoRaw === 'string' ? protoRaw.toLowerCase() : '';
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
    throw new ProxyError('INVALID_PACKET', `invalid protocol ${JSON.stringify(protoRaw)}`, ['protocol']);
  }
  return { sourceIP, destIP, destPort: port, protocol };
}
