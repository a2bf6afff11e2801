import type { PodsMode } from './cluster-zone.ts';
import type { Corefile, CorefileDirective } from './corefile.ts';
import { DnsError } from './dns-error.ts';
import { describeValue } from './internal/describe.ts';
import { parseIpText } from './internal/ip-text.ts';
import { parseCorefile } from './parse-corefile.ts';

/**
 * The kubernetes plugin's settings read from a Corefile, shaped so they can be spread into
 * {@link ClusterZoneInput}.
 *
 * @example
 * ```ts
 * const cfg: KubernetesPluginConfig = kubernetesPluginConfig(defaultCorefile());
 * cfg.podsMode; // 'insecure'
 * ```
 */
export interface KubernetesPluginConfig {
  /** Normalized zones (lower case, trailing dot); the first forward one is primary. */
  readonly zones: readonly string[];
  readonly podsMode: PodsMode;
  readonly ttl: number;
  readonly endpointPodNames: boolean;
  /** Zones where NXDOMAIN falls through; a bare `fallthrough` means all zones; `[]` when absent. */
  readonly fallthrough: readonly string[];
  /** `namespaces` option; empty means all namespaces are exposed. */
  readonly exposedNamespaces: readonly string[];
  readonly noEndpoints: boolean;
  readonly ignoreEmptyService: boolean;
  readonly multicluster: readonly string[];
  /** `labels` / `namespace_labels` selectors as written, if any. */
  readonly labels: string | null;
  readonly namespaceLabels: string | null;
  /** The Corefile line of the `kubernetes` directive. */
  readonly line: number;
}

/**
 * Normalizes a zone or server-block key as CoreDNS's `plugin.Host(...).Normalize()`: lower
 * case, scheme and port removed, trailing dot added, an IPv4 CIDR on an octet boundary turned
 * into its `in-addr.arpa.` zone.
 *
 * @example
 * ```ts
 * normalizeZone('Cluster.Local:53'); // 'cluster.local.'
 * normalizeZone('10.0.0.0/8'); // '10.in-addr.arpa.'
 * ```
 */
export function normalizeZone(key: string): string {
  if (typeof key !== 'string') {
    throw new DnsError('INVALID_INPUT', `zone must be a string, got ${describeValue(key)}`);
  }
  let s = key.toLowerCase();
  const scheme = s.indexOf('://');
  if (scheme >= 0) s = s.slice(scheme + 3);
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const ip = parseIpText(s.slice(0, slash));
    const bits = Number(s.slice(slash + 1));
    if (
      ip !== null &&
      ip.family === 4 &&
      Number.isInteger(bits) &&
      bits % 8 === 0 &&
      bits >= 0 &&
      bits <= 32
    ) {
      const octets = ip.text
        .split('.')
        .slice(0, bits / 8)
        .reverse();
      return octets.length === 0 ? 'in-addr.arpa.' : `${octets.join('.')}.in-addr.arpa.`;
    }
  }
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.indexOf(':') === lastColon) s = s.slice(0, lastColon);
  if (s === '' || s === '.') return '.';
  return s.endsWith('.') ? s : `${s}.`;
}

function isReverse(z: string): boolean {
  return z.endsWith('in-addr.arpa.') || z.endsWith('ip6.arpa.');
}

function err(d: CorefileDirective, message: string): DnsError {
  const line = d.line ?? 0;
  return new DnsError('COREFILE_KUBERNETES', `Corefile:${line} - kubernetes: ${message}`, [line]);
}

/**
 * Reads the `kubernetes` plugin stanza of a Corefile (text or parsed) the way CoreDNS's
 * `setup.go` `ParseStanza` does: zones from the arguments or the server block keys (at least one
 * non-reverse zone), and the options `pods`, `ttl` (0–3600), `fallthrough`, `endpoint_pod_names`,
 * `namespaces`, `namespace_labels`, `labels`, `noendpoints`, `ignore empty_service`,
 * `multicluster`, `endpoint`, `tls`, `kubeconfig`, `apiserver_*`, `startup_timeout`. Unknown
 * properties (including `upstream` and `resyncperiod`, removed in CoreDNS 1.7.0) are errors.
 * Throws `DnsError` (`COREFILE_SYNTAX`, `COREFILE_KUBERNETES`, `NO_KUBERNETES_PLUGIN`).
 *
 * @example
 * ```ts
 * const cfg = kubernetesPluginConfig(defaultCorefile({ clusterDomain: 'cluster.local' }));
 * cfg.zones; // ['cluster.local.', 'in-addr.arpa.', 'ip6.arpa.']
 * cfg.ttl; // 30
 * const zone = clusterZone({ clusterDomain: 'cluster.local', ...cfg, services: [] });
 * ```
 */
export function kubernetesPluginConfig(corefile: Corefile | string): KubernetesPluginConfig {
  const parsed = typeof corefile === 'string' ? parseCorefile(corefile) : corefile;
  if (parsed === null || typeof parsed !== 'object' || !Array.isArray(parsed.serverBlocks)) {
    throw new DnsError(
      'INVALID_INPUT',
      'kubernetesPluginConfig expects Corefile text or parseCorefile() output',
    );
  }
  for (const block of parsed.serverBlocks) {
    const d = block.directives.find((x: CorefileDirective) => x.name === 'kubernetes');
    if (d === undefined) continue;
    const zones = (d.args.length > 0 ? d.args : block.keys).map(normalizeZone);
    if (!zones.some((z: string) => !isReverse(z))) throw err(d, 'non-reverse zone name must be used');
    let podsMode: PodsMode = 'disabled';
    let ttl = 5;
    let endpointPodNames = false;
    let fallthrough: string[] = [];
    const namespaces: string[] = [];
    let noEndpoints = false;
    let ignoreEmptyService = false;
    let multicluster: string[] = [];
    let labels: string | null = null;
    let namespaceLabels: string | null = null;
    for (const o of d.block ?? []) {
      const a = o.args;
      switch (o.name) {
        case 'endpoint_pod_names':
          if (a.length > 0)
            throw err(o, "Wrong argument count or unexpected line ending after 'endpoint_pod_names'");
          endpointPodNames = true;
          break;
        case 'pods':
          if (a.length !== 1) throw err(o, "Wrong argument count or unexpected line ending after 'pods'");
          if (a[0] !== 'disabled' && a[0] !== 'insecure' && a[0] !== 'verified') {
            throw err(o, `wrong value for pods: ${a[0]},  must be one of: disabled, verified, insecure`);
          }
          podsMode = a[0];
          break;
        case 'namespaces':
          if (a.length === 0)
            throw err(o, "Wrong argument count or unexpected line ending after 'namespaces'");
          namespaces.push(...a);
          break;
        case 'namespace_labels':
          if (a.length === 0)
            throw err(o, "Wrong argument count or unexpected line ending after 'namespace_labels'");
          namespaceLabels = a.join(' ');
          break;
        case 'labels':
          if (a.length === 0) throw err(o, "Wrong argument count or unexpected line ending after 'labels'");
          labels = a.join(' ');
          break;
        case 'fallthrough':
          fallthrough = a.length > 0 ? a.map(normalizeZone) : [...zones];
          break;
        case 'ttl': {
          if (a.length === 0) throw err(o, "Wrong argument count or unexpected line ending after 'ttl'");
          const t = Number(a[0]);
          if (!/^[+-]?\d+$/.test(a[0] as string))
            throw err(o, `strconv.Atoi: parsing "${a[0]}": invalid syntax`);
          if (t < 0 || t > 3600) throw err(o, `ttl must be in range [0, 3600]: ${t}`);
          ttl = t;
          break;
        }
        case 'noendpoints':
          if (a.length > 0)
            throw err(o, "Wrong argument count or unexpected line ending after 'noendpoints'");
          noEndpoints = true;
          break;
        case 'ignore':
          if (a.length > 0 && a[0] !== 'empty_service')
            throw err(o, `unable to parse ignore value: '${a[0]}'`);
          if (a[0] === 'empty_service') ignoreEmptyService = true;
          break;
        case 'multicluster':
          multicluster = a.map(normalizeZone);
          for (const m of multicluster)
            if (!zones.includes(m)) throw err(o, `multicluster zone ${m} must be one of the plugin zones`);
          break;
        case 'endpoint':
        case 'kubeconfig':
        case 'startup_timeout':
        case 'apiserver_qps':
        case 'apiserver_burst':
        case 'apiserver_max_inflight':
          if (a.length === 0)
            throw err(o, `Wrong argument count or unexpected line ending after '${o.name}'`);
          break;
        case 'tls':
          if (a.length !== 3) throw err(o, "Wrong argument count or unexpected line ending after 'tls'");
          break;
        case 'zonal':
          break;
        default:
          throw err(o, `unknown property '${o.name}'`);
      }
    }
    if (namespaces.length > 0 && namespaceLabels !== null) {
      throw err(d, 'namespaces and namespace_labels cannot both be set');
    }
    return {
      zones,
      podsMode,
      ttl,
      endpointPodNames,
      fallthrough,
      exposedNamespaces: namespaces,
      noEndpoints,
      ignoreEmptyService,
      multicluster,
      labels,
      namespaceLabels,
      line: d.line ?? 0,
    };
  }
  throw new DnsError('NO_KUBERNETES_PLUGIN', 'the Corefile has no kubernetes plugin');
}
