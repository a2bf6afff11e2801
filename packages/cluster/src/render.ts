import * as proxy from '@podnet/proxy';
import { formatIptablesSave } from '@podnet/proxy';
import { formatIpRoute } from '@podnet/routes';
import type { Cluster } from './cluster.ts';
import { ClusterError } from './cluster-error.ts';
import { describeValue } from './internal/describe-value.ts';
import { lookupNode, lookupPod } from './internal/find.ts';
import { internalsOf } from './internal/internals.ts';
import { formatIpvs, formatNftText } from './internal/sibling-artefacts.ts';

/**
 * The artefacts {@link render} prints, each in the real component's text format.
 *
 * @example
 * ```ts
 * const a: Artefact = 'iptables-save';
 * ```
 */
export type Artefact =
  | 'ip-route'
  | 'iptables-save'
  | 'ipvsadm'
  | 'ipvsadm-save'
  | 'ipset'
  | 'nft'
  | 'resolv.conf'
  | 'corefile'
  | 'cni-conflist'
  | 'endpointslices';

/**
 * What to render: the artefact, and the node or pod (`namespace/name`) it belongs to.
 *
 * @example
 * ```ts
 * const req: RenderRequest = { node: 'node01', artefact: 'ip-route' };
 * ```
 */
export interface RenderRequest {
  readonly artefact: Artefact;
  readonly node?: string | undefined;
  readonly pod?: string | undefined;
}

const ARTEFACTS: readonly Artefact[] = [
  'ip-route',
  'iptables-save',
  'ipvsadm',
  'ipvsadm-save',
  'ipset',
  'nft',
  'resolv.conf',
  'corefile',
  'cni-conflist',
  'endpointslices',
];

/**
 * Every artefact name {@link render} accepts.
 *
 * @example
 * ```ts
 * renderableArtefacts().includes('nft'); // true
 * ```
 */
export function renderableArtefacts(): readonly Artefact[] {
  return ARTEFACTS;
}

function nodeName(cluster: Cluster, request: RenderRequest): string {
  if (request.node !== undefined) {
    const isRouter = cluster.router !== null && request.node === cluster.router.name;
    if (!isRouter && lookupNode(cluster, request.node) === undefined) {
      throw new ClusterError('UNKNOWN_NODE', `render: no node ${describeValue(request.node)}`, ['node']);
    }
    return request.node;
  }
  if (request.pod !== undefined) {
    const pod = lookupPod(cluster, request.pod);
    if (pod === undefined)
      throw new ClusterError('UNKNOWN_POD', `render: no pod ${describeValue(request.pod)}`, ['pod']);
    if (pod.node === null)
      throw new ClusterError('UNSCHEDULED_POD', `render: pod ${pod.key} has no node`, ['pod']);
    return pod.node;
  }
  throw new ClusterError('MISSING_NODE', `render: ${request.artefact} needs a node (or a pod on it)`, [
    'node',
  ]);
}

/**
 * Prints an artefact exactly as the real machine would show it: `ip route` for a node, the router or a pod
 * (`ip-route`), kube-proxy's `iptables-save` (in ipvs mode the iptables rules ipvs mode writes), `ipvsadm -Ln`,
 * `ipvsadm-save -n`, `ipset save`, `nft -f` input (`nft`), kubelet's resolv.conf for a pod (the host's for a
 * node), CoreDNS's Corefile, the node's CNI `.conflist`, and the EndpointSlices as JSON.
 *
 * @example
 * ```ts
 * render(cluster, { node: 'node01', artefact: 'ip-route' });
 * // 'default via 192.168.1.1 dev eth0\n…\n10.244.1.0/24 via 192.168.1.12 dev eth0\n'
 * render(cluster, { pod: 'default/web-1', artefact: 'resolv.conf' });
 * // 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n'
 * ```
 */
export function render(cluster: Cluster, request: RenderRequest): string {
  const internals = internalsOf(cluster);
  if (request === null || typeof request !== 'object') {
    throw new ClusterError('INVALID_REQUEST', 'render needs { artefact, node?, pod? }');
  }
  const artefact = request.artefact;
  switch (artefact) {
    case 'ip-route': {
      if (request.pod !== undefined && request.node === undefined) {
        const pod = lookupPod(cluster, request.pod);
        if (pod === undefined)
          throw new ClusterError('UNKNOWN_POD', `render: no pod ${describeValue(request.pod)}`, ['pod']);
        return formatIpRoute(internals.podRoutes(pod.key));
      }
      return formatIpRoute(internals.routes(nodeName(cluster, request)));
    }
    case 'iptables-save': {
      const node = nodeName(cluster, request);
      if (cluster.proxy.mode === 'ipvs') {
        return formatIptablesSave(internals.ipvs(node).iptables);
      }
      return formatIptablesSave(internals.iptables(node));
    }
    case 'ipvsadm':
      return formatIpvs(internals.ipvs(nodeName(cluster, request)));
    case 'ipvsadm-save':
      return proxy.formatIpvsadmSave(internals.ipvs(nodeName(cluster, request)));
    case 'ipset':
      return proxy.formatIpsetSave(internals.ipvs(nodeName(cluster, request)));
    case 'nft':
      return formatNftText(internals.nft(nodeName(cluster, request)));
    case 'resolv.conf': {
      if (request.pod !== undefined) {
        const pod = lookupPod(cluster, request.pod);
        if (pod === undefined)
          throw new ClusterError('UNKNOWN_POD', `render: no pod ${describeValue(request.pod)}`, ['pod']);
        return internals.resolvConf(pod.key);
      }
      nodeName(cluster, request);
      return cluster.hostResolvConf ?? '';
    }
    case 'corefile':
      return internals.corefile();
    case 'cni-conflist':
      return `${JSON.stringify(internals.conflist(nodeName(cluster, request)), null, 2)}\n`;
    case 'endpointslices':
      return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: cluster.endpointSlices }, null, 2)}\n`;
    default:
      throw new ClusterError(
        'UNKNOWN_ARTEFACT',
        `render: unknown artefact ${describeValue(artefact)} (one of ${ARTEFACTS.join(', ')})`,
        ['artefact'],
      );
  }
}
