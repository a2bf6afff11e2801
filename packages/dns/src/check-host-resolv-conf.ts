import { DnsError } from './dns-error.ts';
import { describeValue } from './internal/describe.ts';
import { readResolvConf } from './internal/read-resolv-conf.ts';
import { byteLength } from './internal/validation-text.ts';
import { MAX_DNS_SEARCH_LIST_CHARS, MAX_DNS_SEARCH_PATHS } from './pod-resolv-conf.ts';

/** Options of {@link checkHostResolvConf}. */
export interface CheckHostResolvConfOptions {
  /** kubelet `clusterDomain`; when set, 3 search slots are kept for the cluster domains. */
  readonly clusterDomain: string;
  /** The file's path as kubelet names it in the event; default `/etc/resolv.conf`. */
  readonly path?: string | undefined;
  /** Use the pre-1.26 limits (6 search paths, 256 characters). */
  readonly legacySearchLimits?: boolean | undefined;
}

/**
 * The node Warning event kubelet records at start-up when the host resolv.conf will not fit
 * pods (`CheckLimitsForResolvConf` in `pkg/kubelet/network/dns/dns.go`): more search domains
 * than `32 − 3` (with a cluster domain), a search entry over 253 characters, or a search line
 * over 2,048 characters. Returns the event message (kubelet stops at the first problem), or an
 * empty array.
 *
 * @example
 * ```ts
 * checkHostResolvConf('search a b c d e f\n', { clusterDomain: 'cluster.local', legacySearchLimits: true });
 * // ["Resolv.conf file '/etc/resolv.conf' contains search line consisting of more than 3 domains!"]
 * checkHostResolvConf('nameserver 1.1.1.1\n', { clusterDomain: 'cluster.local' }); // []
 * ```
 */
export function checkHostResolvConf(text: string, options: CheckHostResolvConfOptions): string[] {
  if (options === null || typeof options !== 'object' || typeof options.clusterDomain !== 'string') {
    throw new DnsError('INVALID_INPUT', 'checkHostResolvConf expects options { clusterDomain }', [
      'clusterDomain',
    ]);
  }
  const path = options.path ?? '/etc/resolv.conf';
  if (typeof text !== 'string') {
    throw new DnsError('INVALID_INPUT', `resolv.conf must be a string, got ${describeValue(text)}`);
  }
  const parsed = readResolvConf(text, false);
  if (parsed instanceof DnsError) {
    // kubelet reports parseResolvConf's error text: k8s.io/utils/io ErrLimitReached, or the
    // aggregate of "nameserver list is empty " errors.
    return [
      parsed.code === 'RESOLV_CONF_TOO_LONG' ? 'the read limit is reached' : 'nameserver list is empty ',
    ];
  }
  const legacy = options.legacySearchLimits === true;
  let domainCountLimit = legacy ? 6 : MAX_DNS_SEARCH_PATHS;
  const maxChars = legacy ? 256 : MAX_DNS_SEARCH_LIST_CHARS;
  if (options.clusterDomain !== '') domainCountLimit -= 3;
  const searches = parsed.searches;
  if (searches.length > domainCountLimit) {
    return [
      `Resolv.conf file '${path}' contains search line consisting of more than ${domainCountLimit} domains!`,
    ];
  }
  for (const s of searches) {
    if (byteLength(s) > 253) {
      return [
        `Resolv.conf file ${JSON.stringify(path)} contains a search path which length is more than allowed 253 chars!`,
      ];
    }
  }
  if (byteLength(searches.join(' ')) > maxChars) {
    return [
      `Resolv.conf file '${path}' contains search line which length is more than allowed ${maxChars} chars!`,
    ];
  }
  return [];
}
