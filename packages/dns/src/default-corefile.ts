import { DnsError } from './dns-error.ts';

/**
 * Options of {@link defaultCorefile}.
 *
 * @example
 * ```ts
 * defaultCorefile({ clusterDomain: 'k8s.example' });
 * ```
 */
export interface DefaultCorefileOptions {
  /** kubeadm's `networking.dnsDomain`; default `cluster.local`. */
  readonly clusterDomain?: string | undefined;
}

/**
 * The Corefile kubeadm installs (`cmd/kubeadm/app/phases/addons/dns/manifests.go`,
 * `CoreDNSConfigMap`), byte for byte: `errors`, `health { lameduck 5s }`, `ready`,
 * `kubernetes <domain> in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`,
 * `prometheus :9153`, `forward . /etc/resolv.conf { max_concurrent 1000 }`,
 * `cache 30 { disable success <domain>; disable denial <domain> }`, `loop`, `reload`, `loadbalance`.
 *
 * @example
 * ```ts
 * defaultCorefile({ clusterDomain: 'cluster.local' }).split('\n')[6];
 * // '    kubernetes cluster.local in-addr.arpa ip6.arpa {'
 * ```
 */
export function defaultCorefile(options: DefaultCorefileOptions = {}): string {
  const domain = options?.clusterDomain ?? 'cluster.local';
  if (typeof domain !== 'string') {
    throw new DnsError('INVALID_INPUT', `clusterDomain must be a string, got ${typeof domain}`, [
      'clusterDomain',
    ]);
  }
  const cache =
    domain !== ''
      ? `    cache 30 {\n       disable success ${domain}\n       disable denial ${domain}\n    }\n`
      : '    cache 30\n';
  return (
    '.:53 {\n' +
    '    errors\n' +
    '    health {\n' +
    '       lameduck 5s\n' +
    '    }\n' +
    '    ready\n' +
    `    kubernetes ${domain} in-addr.arpa ip6.arpa {\n` +
    '       pods insecure\n' +
    '       fallthrough in-addr.arpa ip6.arpa\n' +
    '       ttl 30\n' +
    '    }\n' +
    '    prometheus :9153\n' +
    '    forward . /etc/resolv.conf {\n' +
    '       max_concurrent 1000\n' +
    '    }\n' +
    cache +
    '    loop\n' +
    '    reload\n' +
    '    loadbalance\n' +
    '}\n'
  );
}
