/** A small `kubectl get nodes,pods,svc,endpointslices,cm -A -o json` dump of a two-node kubeadm cluster. */
export function kubectlList(): Record<string, unknown> {
  const node = (name: string, ip: string, cidr: string): unknown => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    spec: { podCIDR: cidr, podCIDRs: [cidr] },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
    },
  });
  const pod = (
    ns: string,
    name: string,
    nodeName: string,
    ip: string,
    labels: Record<string, string>,
    ready = true,
  ): unknown => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: {
      nodeName,
      containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
    },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  });
  const kubeadmConfig = [
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'kind: ClusterConfiguration',
    'clusterName: kubernetes',
    'networking:',
    '  dnsDomain: cluster.local',
    '  podSubnet: 10.244.0.0/16',
    '  serviceSubnet: 10.96.0.0/12',
    '',
  ].join('\n');
  const proxyConfig =
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ""\nclusterCIDR: 10.244.0.0/16\niptables:\n  masqueradeAll: false\n  masqueradeBit: 14\n';
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      node('cp', '192.168.1.10', '10.244.0.0/24'),
      node('worker', '192.168.1.20', '10.244.1.0/24'),
      pod('default', 'web-a', 'cp', '10.244.0.5', { app: 'web' }),
      pod('default', 'web-b', 'worker', '10.244.1.7', { app: 'web' }),
      pod('default', 'web-c', 'worker', '10.244.1.8', { app: 'web' }, false),
      pod('kube-system', 'coredns-7db6d8ff4d-abcde', 'cp', '10.244.0.2', { 'k8s-app': 'kube-dns' }),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver' } },
        spec: {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
          type: 'ClusterIP',
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kube-dns', namespace: 'kube-system' },
        spec: {
          clusterIP: '10.96.0.10',
          selector: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          clusterIP: '10.100.20.30',
          selector: { app: 'web' },
          ports: [{ port: 80, protocol: 'TCP', targetPort: 'http' }],
        },
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'web-x7k2p',
          namespace: 'default',
          labels: { 'kubernetes.io/service-name': 'web' },
        },
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.244.0.5'],
            conditions: { ready: true },
            nodeName: 'cp',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a' },
          },
          {
            addresses: ['10.244.1.7'],
            conditions: { ready: true },
            nodeName: 'worker',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b' },
          },
          {
            addresses: ['10.244.1.8'],
            conditions: { ready: false },
            nodeName: 'worker',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-c' },
          },
        ],
        ports: [{ name: '', port: 8080, protocol: 'TCP' }],
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
        data: { ClusterConfiguration: kubeadmConfig },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'kube-proxy', namespace: 'kube-system' },
        data: { 'config.conf': proxyConfig },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'other', namespace: 'default' },
        data: { a: 'b' },
      },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } },
    ],
  };
}
