import type { PathSegment } from '@podnet/ip';
import { DnsError } from './dns-error.ts';
import { formatResolvConf } from './format-resolv-conf.ts';
import { readResolvConf } from './internal/read-resolv-conf.ts';
import { byteLength } from './internal/validation-text.ts';
import type { ResolvConf } from './resolv-conf.ts';

/**
 * kubelet's `validation.MaxDNSNameservers`.
 *
 * @example
 * ```ts
 * MAX_DNS_NAMESERVERS; // 3
 * ```
 */
export const MAX_DNS_NAMESERVERS = 3;
/**
 * kubelet's `MaxDNSSearchPaths` (since the ExpandedDNSConfig feature: 1.26 default, 1.28 GA).
 *
 * @example
 * ```ts
 * MAX_DNS_SEARCH_PATHS; // 32
 * ```
 */
export const MAX_DNS_SEARCH_PATHS = 32;
/**
 * kubelet's `MaxDNSSearchListChars` (since ExpandedDNSConfig).
 *
 * @example
 * ```ts
 * MAX_DNS_SEARCH_LIST_CHARS; // 2048
 * ```
 */
export const MAX_DNS_SEARCH_LIST_CHARS = 2048;

/**
 * One `pod.spec.dnsConfig.options` entry.
 *
 * @example
 * ```ts
 * const o: PodDnsConfigOption = { name: 'ndots', value: '2' };
 * ```
 */
export interface PodDnsConfigOption {
  readonly name: string;
  readonly value?: string | null | undefined;
}

/**
 * `pod.spec.dnsConfig`.
 *
 * @example
 * ```ts
 * const c: PodDnsConfig = { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'edns0' }] };
 * ```
 */
export interface PodDnsConfig {
  readonly nameservers?: readonly string[] | null | undefined;
  readonly searches?: readonly string[] | null | undefined;
  readonly options?: readonly PodDnsConfigOption[] | null | undefined;
}

/**
 * The parts of a v1 Pod that kubelet reads to build resolv.conf.
 *
 * @example
 * ```ts
 * const pod: PodDnsInput = { metadata: { namespace: 'shop' }, spec: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true } };
 * ```
 */
export interface PodDnsInput {
  readonly metadata?:
    | { readonly namespace?: string | null | undefined; readonly name?: string | null | undefined }
    | null
    | undefined;
  readonly spec?:
    | {
        readonly dnsPolicy?: string | null | undefined;
        readonly dnsConfig?: PodDnsConfig | null | undefined;
        readonly hostNetwork?: boolean | null | undefined;
      }
    | null
    | undefined;
}

/**
 * Input of {@link podResolvConf} / {@link podDnsConfig}.
 *
 * @example
 * ```ts
 * const input: PodResolvConfInput = { pod: { metadata: { namespace: 'shop' } }, clusterDns: ['10.96.0.10'], clusterDomain: 'cluster.local', hostResolvConf: null };
 * ```
 */
export interface PodResolvConfInput {
  /** A v1 Pod (or the DNS-relevant part of it). */
  readonly pod: PodDnsInput;
  /** kubelet `clusterDNS` (`--cluster-dns`): IP strings, usually one. */
  readonly clusterDns: readonly string[] | string;
  /** kubelet `clusterDomain`; `''` adds no cluster search domains. */
  readonly clusterDomain: string;
  /** The node's resolv.conf text, or `null` for kubelet's `--resolv-conf=""`. */
  readonly hostResolvConf: string | null;
  /** Node IPs, only used with `hostResolvConf: null` (one `127.0.0.1`/`::1` per IP family entry). */
  readonly nodeIps?: readonly string[] | undefined;
  /** Use the pre-1.26 search limits (6 paths, 256 characters) instead of 32 / 2,048. */
  readonly legacySearchLimits?: boolean | undefined;
}

/**
 * What kubelet would hand the runtime, plus the Warning events it would record.
 *
 * @example
 * ```ts
 * const r: PodDnsResult = podDnsConfig({ pod: {}, clusterDns: [], clusterDomain: 'cluster.local', hostResolvConf: null });
 * r.dnsType; // 'Host' (no cluster DNS: kubelet falls back)
 * ```
 */
export interface PodDnsResult {
  readonly conf: ResolvConf;
  /** `dnsType` kubelet picked: `Cluster`, `Host` (Default) or `None`. */
  readonly dnsType: 'Cluster' | 'Host' | 'None';
  /** Event messages (reason prefix, e.g. `DNSConfigForming: Search Line limits were exceeded, …`). */
  readonly events: readonly string[];
}

function fail(message: string, path: readonly PathSegment[]): never {
  throw new DnsError('INVALID_INPUT', message, path);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, path: readonly PathSegment[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(`${path.join('.')} must be an array of strings`, path);
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (typeof s !== 'string')
      fail(`${path.join('.')}[${i}] must be a string, got ${typeof s}`, [...path, i]);
    out.push(s);
  }
  return out;
}

function omitDuplicates(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of list) {
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

function mergeOptions(existing: readonly string[], extra: readonly PodDnsConfigOption[]): string[] {
  const map = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) map.set(op.slice(0, i), op.slice(i + 1));
    else map.set(op, '');
  }
  for (const op of extra) map.set(op.name, op.value ?? '');
  const out: string[] = [];
  for (const [name, value] of map) out.push(value !== '' ? `${name}:${value}` : name);
  return out;
}

function fitSearches(searches: string[], maxPaths: number, maxChars: number, events: string[]): string[] {
  let exceeded = false;
  let s = searches;
  if (s.length > maxPaths) {
    s = s.slice(0, maxPaths);
    exceeded = true;
  }
  const kept = s.filter((x) => byteLength(x) <= 253);
  if (kept.length !== s.length) exceeded = true;
  s = kept;
  const lineLen = byteLength(s.join(' '));
  if (lineLen > maxChars) {
    let cutLen = 0;
    let cutNum = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      cutLen += byteLength(s[i] as string) + 1;
      cutNum++;
      if (lineLen - cutLen <= maxChars) break;
    }
    s = s.slice(0, s.length - cutNum);
    exceeded = true;
  }
  if (exceeded) {
    events.push(
      `DNSConfigForming: Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${s.join(' ')}`,
    );
  }
  return s;
}

/**
 * The DNS config kubelet builds for a pod (`pkg/kubelet/network/dns` `GetPodDNS`): picks the
 * DNS type from `dnsPolicy` and `hostNetwork`, starts from the cluster DNS or the host file,
 * merges `dnsConfig`, then applies the limits (3 nameservers; 32 search paths, entries over 253
 * characters dropped, 2,048 characters) and returns the Warning events kubelet would record.
 * Options keep a stable order (base options first, `dnsConfig` ones after; kubelet's own order
 * is a Go map's). Throws `DnsError` `INVALID_INPUT` for malformed input and
 * `EMPTY_NAMESERVER` when the host file has a bare `nameserver` line.
 *
 * @example
 * ```ts
 * podDnsConfig({ pod: { metadata: { namespace: 'default' } }, clusterDns: ['10.96.0.10'], clusterDomain: 'cluster.local', hostResolvConf: 'nameserver 1.1.1.1\n' }).conf;
 * // { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] }
 * ```
 */
export function podDnsConfig(input: PodResolvConfInput): PodDnsResult {
  if (!isObject(input))
    fail('podResolvConf expects an object { pod, clusterDns, clusterDomain, hostResolvConf }', []);
  const pod = input.pod;
  if (!isObject(pod)) fail('pod must be an object', ['pod']);
  const metadata = pod.metadata;
  if (metadata !== undefined && metadata !== null && !isObject(metadata))
    fail('pod.metadata must be an object', ['pod', 'metadata']);
  const spec = pod.spec;
  if (spec !== undefined && spec !== null && !isObject(spec))
    fail('pod.spec must be an object', ['pod', 'spec']);
  const namespace = metadata?.namespace ?? '';
  if (typeof namespace !== 'string')
    fail('pod.metadata.namespace must be a string', ['pod', 'metadata', 'namespace']);
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  if (typeof policy !== 'string') fail('pod.spec.dnsPolicy must be a string', ['pod', 'spec', 'dnsPolicy']);
  const hostNetwork = spec?.hostNetwork === true;
  const clusterDns =
    typeof input.clusterDns === 'string' ? [input.clusterDns] : stringList(input.clusterDns, ['clusterDns']);
  const clusterDomain = input.clusterDomain ?? '';
  if (typeof clusterDomain !== 'string') fail('clusterDomain must be a string', ['clusterDomain']);
  const hostText = input.hostResolvConf ?? null;
  if (hostText !== null && typeof hostText !== 'string')
    fail('hostResolvConf must be a string or null', ['hostResolvConf']);
  const nodeIps = stringList(input.nodeIps, ['nodeIps']);

  let dnsConfig: PodDnsConfig | null = null;
  const rawConfig = spec?.dnsConfig;
  if (rawConfig !== undefined && rawConfig !== null) {
    if (!isObject(rawConfig)) fail('pod.spec.dnsConfig must be an object', ['pod', 'spec', 'dnsConfig']);
    const base: PathSegment[] = ['pod', 'spec', 'dnsConfig'];
    const rawOptions = rawConfig.options;
    const options: PodDnsConfigOption[] = [];
    if (rawOptions !== undefined && rawOptions !== null) {
      if (!Array.isArray(rawOptions))
        fail('pod.spec.dnsConfig.options must be an array', [...base, 'options']);
      for (let i = 0; i < rawOptions.length; i++) {
        const op: unknown = rawOptions[i];
        if (!isObject(op) || typeof op.name !== 'string') {
          fail(`pod.spec.dnsConfig.options[${i}] must be an object with a string name`, [
            ...base,
            'options',
            i,
          ]);
        }
        const value = op.value;
        if (value !== undefined && value !== null && typeof value !== 'string') {
          fail(`pod.spec.dnsConfig.options[${i}].value must be a string`, [...base, 'options', i, 'value']);
        }
        options.push({ name: op.name, value: value ?? null });
      }
    }
    dnsConfig = {
      nameservers: stringList(rawConfig.nameservers, [...base, 'nameservers']),
      searches: stringList(rawConfig.searches, [...base, 'searches']),
      options,
    };
  }

  // Host DNS config (getHostDNSConfig).
  let hostConf: ResolvConf = { nameservers: [], searches: [], options: [] };
  if (hostText !== null) {
    // kubelet's own reading: a search entry like `a.local..` is kept (as `a.local.`).
    const r = readResolvConf(hostText, false);
    if (r instanceof DnsError) throw new DnsError(r.code, `hostResolvConf: ${r.message}`, ['hostResolvConf']);
    hostConf = r;
  }

  // getPodDNSType.
  let dnsType: 'Cluster' | 'Host' | 'None';
  switch (policy) {
    case 'None':
      dnsType = 'None';
      break;
    case 'ClusterFirstWithHostNet':
      dnsType = 'Cluster';
      break;
    case 'ClusterFirst':
      dnsType = hostNetwork ? 'Host' : 'Cluster';
      break;
    case 'Default':
      dnsType = 'Host';
      break;
    default:
      // kubelet logs "Failed to get DNS type for pod. Falling back to DNSClusterFirst policy."
      dnsType = 'Cluster';
  }

  const events: string[] = [];
  let servers: string[] = [...hostConf.nameservers];
  let searches: string[] = [...hostConf.searches];
  let options: string[] = [...hostConf.options];
  if (dnsType === 'None') {
    servers = [];
    searches = [];
    options = [];
  } else if (dnsType === 'Cluster' && clusterDns.length > 0) {
    servers = [...clusterDns];
    if (clusterDomain !== '') {
      searches = omitDuplicates([
        `${namespace}.svc.${clusterDomain}`,
        `svc.${clusterDomain}`,
        clusterDomain,
        ...searches,
      ]);
    }
    options = ['ndots:5'];
  } else {
    if (dnsType === 'Cluster') {
      const msg = `kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.`;
      events.push(`MissingClusterDNS: ${msg}`);
      dnsType = 'Host';
    }
    if (hostText === null) {
      servers = [];
      for (const ip of nodeIps) servers.push(ip.includes(':') ? '::1' : '127.0.0.1');
      if (servers.length === 0) servers.push('127.0.0.1');
      searches = ['.'];
    }
  }

  if (dnsConfig !== null) {
    servers = omitDuplicates([...servers, ...(dnsConfig.nameservers ?? [])]);
    searches = omitDuplicates([...searches, ...(dnsConfig.searches ?? [])]);
    options = mergeOptions(options, dnsConfig.options ?? []);
  }

  if (servers.length > MAX_DNS_NAMESERVERS) {
    servers = servers.slice(0, MAX_DNS_NAMESERVERS);
    events.push(
      `DNSConfigForming: Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${servers.join(' ')}`,
    );
  }
  const legacy = input.legacySearchLimits === true;
  searches = fitSearches(
    searches,
    legacy ? 6 : MAX_DNS_SEARCH_PATHS,
    legacy ? 256 : MAX_DNS_SEARCH_LIST_CHARS,
    events,
  );
  return { conf: { nameservers: servers, searches, options }, dnsType, events };
}

/**
 * The `/etc/resolv.conf` text a pod gets: kubelet's DNS config ({@link podDnsConfig}) written by
 * the runtime ({@link formatResolvConf}: `search`, `nameserver`…, `options`).
 *
 * @example
 * ```ts
 * podResolvConf({
 *   pod: { metadata: { namespace: 'default' }, spec: { dnsPolicy: 'ClusterFirst' } },
 *   clusterDns: ['10.96.0.10'],
 *   clusterDomain: 'cluster.local',
 *   hostResolvConf: 'nameserver 192.168.1.1\n',
 * });
 * // 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
 * ```
 */
export function podResolvConf(input: PodResolvConfInput): string {
  return formatResolvConf(podDnsConfig(input).conf);
}
