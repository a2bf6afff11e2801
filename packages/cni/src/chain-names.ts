import { requireString } from './internal/input.ts';
import { sha1Hex } from './internal/sha1.ts';
import { sha512Hex } from './internal/sha512.ts';

/**
 * iptables' chain name limit as the plugins use it (`utils.MaxChainLength`).
 *
 * @example
 * ```ts
 * formatChainName('n', 'c').length === MAX_CHAIN_LENGTH; // true
 * ```
 */
export const MAX_CHAIN_LENGTH = 28;

/**
 * The per-container chain name the plugins derive (`utils.MustFormatChainNameWithPrefix`):
 * `"CNI-" + prefix + hex(sha512(name + containerId))`, cut to 28 characters. The bridge plugin's
 * ipMasq chain uses no prefix; portmap uses `DN-` (DNAT) and `SN-` (legacy SNAT).
 *
 * @example
 * ```ts
 * formatChainName('test', id, 'DN-'); // 'CNI-DN-67e92b96e692a494b6b85' for the portmap test's long container ID
 * ```
 */
export function formatChainName(name: string, containerId: string, prefix = ''): string {
  requireString(name, 'name', ['name']);
  requireString(containerId, 'containerId', ['containerId']);
  requireString(prefix, 'prefix', ['prefix']);
  return `CNI-${prefix}${sha512Hex(name + containerId)}`.slice(0, MAX_CHAIN_LENGTH);
}

/**
 * The rule comment the plugins attach (`utils.FormatComment`): `name: "<net>" id: "<containerId>"`.
 *
 * @example
 * ```ts
 * formatChainComment('cbr0', 'abc'); // 'name: "cbr0" id: "abc"'
 * ```
 */
export function formatChainComment(name: string, containerId: string): string {
  requireString(name, 'name', ['name']);
  requireString(containerId, 'containerId', ['containerId']);
  return `name: ${JSON.stringify(name)} id: ${JSON.stringify(containerId)}`;
}

/**
 * Calico's host-side veth name: `cali` + the first 11 hex characters of
 * sha1("<namespace>.<pod>") (15 characters; the prefix may be changed with FELIX_INTERFACEPREFIX).
 *
 * @example
 * ```ts
 * calicoVethName('default', 'web-1'); // 'cali' + 11 hex chars
 * ```
 */
export function calicoVethName(namespace: string, pod: string, prefix = 'cali'): string {
  requireString(namespace, 'namespace', ['namespace']);
  requireString(pod, 'pod', ['pod']);
  requireString(prefix, 'prefix', ['prefix']);
  return `${prefix}${sha1Hex(`${namespace}.${pod}`)}`.slice(0, 15);
}
