/**
 * The example cluster that `podnet demo` models when no `--cluster` is given: three nodes on one
 * LAN, Weave with the lesson's pod range, kube-proxy in iptables mode, two Deployments' pods, their
 * Services, and a headless StatefulSet.
 *
 * @example
 * ```ts
 * exampleCluster.nodes.length; // 3
 * ```
 */
export const exampleCluster = {
  name: 'lesson',
  clusterDomain: 'cluster.local',
  podCidr: '10.244.0.0/16',
  nodeCidrMaskSize: 24,
  serviceCidr: '10.96.0.0/12',
  cni: { plugin: 'bridge-static' },
  proxy: { mode: 'iptables' },
  hostResolvConf: 'nameserver 192.168.1.1',
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
    {
      name: 'db-1',
      namespace: 'shop',
      node: 'node01',
      labels: { app: 'db' },
      hostname: 'db-1',
      subdomain: 'db',
    },
  ],
  services: [
    { name: 'web', namespace: 'default', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    { name: 'api', namespace: 'shop', selector: { app: 'api' }, ports: [{ name: 'http', port: 8080 }] },
    {
      name: 'db',
      namespace: 'shop',
      clusterIp: 'None',
      selector: { app: 'db' },
      ports: [{ name: 'pg', port: 5432 }],
    },
  ],
} as const;
