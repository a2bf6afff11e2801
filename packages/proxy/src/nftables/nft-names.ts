import type { Sha256Scratch } from '../internal/sha256.ts';
import { sha256Base32Prefix } from '../internal/sha256.ts';
import type { ModeEndpoint, ModeServicePort } from '../modes/mode-model.ts';

const NAME_BASE_MAX = 256 - 16;

/**
 * kube-proxy's `hashAndTruncate`: first 8 base32 chars of SHA-256, `-`, the name; at most 240 chars.
 *
 * @example
 * ```ts
 * hashAndTruncate('ns1/svc1/tcp/p80'); // 'ULMVA6XW-ns1/svc1/tcp/p80'
 * ```
 */
export function hashAndTruncate(name: string, scratch?: Sha256Scratch): string {
  let out = `${sha256Base32Prefix(name, 8, scratch)}-${name}`;
  if (out.length > NAME_BASE_MAX) out = `${out.slice(0, NAME_BASE_MAX - 3)}...`;
  return out;
}

/**
 * `HASH-ns/svc/proto/port`, the base of a service port's chain names.
 *
 * @example
 * ```ts
 * `service-${servicePortChainBase(sp)}`; // 'service-ULMVA6XW-ns1/svc1/tcp/p80'
 * ```
 */
export function servicePortChainBase(sp: ModeServicePort, scratch?: Sha256Scratch): string {
  return hashAndTruncate(`${sp.namespace}/${sp.name}/${sp.protocol.toLowerCase()}/${sp.portName}`, scratch);
}

/**
 * `HASH-ns/svc/proto/port__ip/port` (IPv6 colons become dots), the base of endpoint names.
 *
 * @example
 * ```ts
 * endpointChainBase(sp, { ip: '10.180.0.1', port: 80, isLocal: false }); // '5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80'
 * ```
 */
export function endpointChainBase(sp: ModeServicePort, ep: ModeEndpoint, scratch?: Sha256Scratch): string {
  const ip = ep.ip.replaceAll(':', '.');
  return hashAndTruncate(
    `${sp.namespace}/${sp.name}/${sp.protocol.toLowerCase()}/${sp.portName}__${ip}/${ep.port}`,
    scratch,
  );
}
