import type { ClusterSpec } from '../src/cluster-spec.ts';

/**
 * The seed lesson's cluster: three nodes on one LAN (192.168.1.0/24), pod CIDR 10.244.0.0/16 cut in /24s,
 * the kubeadm service CIDR, a web Deployment in `default`, an api in `shop`, a headless StatefulSet `db`.
 */
export function lessonSpec(overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    name: 'lesson',
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/12',
    hostResolvConf: 'nameserver 192.168.1.1\n',
    nodes: [
      { name: 'node01', ip: '192.168.1.11' },
      { name: 'node02', ip: '192.168.1.12' },
      { name: 'node03', ip: '192.168.1.13' },
    ],
    pods: [
      { name: 'web-1', namespace: 'default', node: 'node01', labels: { app: 'web' } },
      { name: 'web-2', namespace: 'default', node: 'node02', labels: { app: 'web' } },
      { name: 'api-1', namespace: 'shop', node: 'node02', labels: { app: 'api' } },
      { name: 'api-2', namespace: 'shop', node: 'node03', labels: { app: 'api' } },
      {
        name: 'db-0',
        namespace: 'shop',
        node: 'node03',
        labels: { app: 'db' },
        hostname: 'db-0',
        subdomain: 'db',
      },
    ],
    services: [
      {
        name: 'web',
        namespace: 'default',
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
      { name: 'api', namespace: 'shop', selector: { app: 'api' }, ports: [{ name: 'http', port: 8080 }] },
      {
        name: 'db',
        namespace: 'shop',
        clusterIp: 'None',
        selector: { app: 'db' },
        ports: [{ name: 'pg', port: 5432 }],
      },
      { name: 'empty', namespace: 'default', selector: { app: 'nothing' }, ports: [{ port: 80 }] },
    ],
    ...overrides,
  };
}
