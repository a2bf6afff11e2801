// Kubernetes objects for the bench, as `kubectl get -o json` gives them: Services (80% ClusterIP, 15% NodePort,
// 5% LoadBalancer) in 100 namespaces, one EndpointSlice per Service with `endpointsPer` ready endpoints spread
// over `nodes` nodes, and the matching Pods. Deterministic.
import { u32ToIp } from './rng.mjs';

const SVC_BASE = 0x0a600000; // 10.96.0.0/12
const POD_BASE = 0x0a800000; // 10.128.0.0/9
const LB_BASE = 0xc6120000; // 198.18.0.0/15

export const namespaceOf = (i) => `ns-${i % 100}`;
export const serviceIp = (i) => u32ToIp(SVC_BASE + 16 + i);
export const endpointIp = (i, j, per) => u32ToIp(POD_BASE + 256 + i * per + j);

/**
 * @param {{ services: number, endpointsPer?: number, nodes?: number, offset?: number }} o
 */
export function makeServices({ services, endpointsPer = 10, nodes = 500, offset = 0 }) {
  const svcs = [];
  const slices = [];
  let nodePort = 30000;
  for (let k = 0; k < services; k++) {
    const i = k + offset;
    const ns = namespaceOf(i);
    const name = `svc-${i}`;
    const kind = i % 20 < 16 ? 'ClusterIP' : i % 20 < 19 ? 'NodePort' : 'LoadBalancer';
    const port = { name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 };
    if (kind !== 'ClusterIP') port.nodePort = 30000 + ((nodePort++ - 30000) % 2768);
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, uid: `uid-${i}` },
      spec: {
        type: kind,
        clusterIP: serviceIp(i),
        clusterIPs: [serviceIp(i)],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        selector: { app: name },
        ports: [port],
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ...(kind !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
      },
      status:
        kind === 'LoadBalancer'
          ? { loadBalancer: { ingress: [{ ip: u32ToIp(LB_BASE + i) }] } }
          : { loadBalancer: {} },
    };
    svcs.push(svc);
    slices.push({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: Array.from({ length: endpointsPer }, (_, j) => ({
        addresses: [endpointIp(i, j, endpointsPer)],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: `node-${(i * endpointsPer + j) % nodes}`,
        targetRef: { kind: 'Pod', namespace: ns, name: `${name}-${j}` },
      })),
      ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
    });
  }
  return { services: svcs, endpointSlices: slices };
}

/** The Pods behind makeServices' endpoints (for the DNS zone). */
export function makePods({ services, endpointsPer, nodes = 500 }) {
  const pods = [];
  for (let i = 0; i < services; i++) {
    for (let j = 0; j < endpointsPer; j++) {
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `svc-${i}-${j}`, namespace: namespaceOf(i), labels: { app: `svc-${i}` } },
        spec: { nodeName: `node-${(i * endpointsPer + j) % nodes}` },
        status: {
          podIP: endpointIp(i, j, endpointsPer),
          podIPs: [{ ip: endpointIp(i, j, endpointsPer) }],
          phase: 'Running',
        },
      });
    }
  }
  return pods;
}

/** kube-proxy settings as its unit tests have them, on node-0. */
export const PROXY_CONFIG = Object.freeze({
  hostname: 'node-0',
  nodeIPs: ['192.168.0.2'],
  clusterCIDR: '10.128.0.0/9',
  masqueradeAll: false,
  masqueradeBit: 14,
  nodePortAddresses: [],
});
