import { formatAddr, formatPrefix } from '@podnet/ip';
import { CniError } from './cni-error.ts';
import type { FlannelSubnetEnv } from './default-conflist.ts';
import { describeValue, requireString } from './internal/input.ts';
import { nextIp, parseCidr } from './internal/ip.ts';

/**
 * What flanneld writes to `/run/flannel/subnet.env` for a node, for use as `runtime.flannel` in
 * {@link cniAdd}: `FLANNEL_NETWORK` = the cluster CIDR, `FLANNEL_SUBNET` = the node's pod CIDR
 * with its first address (`10.244.1.1/24`), `FLANNEL_MTU` = underlay MTU − 50 for vxlan (1450 on
 * 1500) or the underlay MTU for host-gw, `FLANNEL_IPMASQ` = true (the kube-flannel default).
 *
 * @example
 * ```ts
 * flannelSubnetEnv('10.244.0.0/16', '10.244.1.0/24', 'vxlan');
 * // { network: '10.244.0.0/16', subnet: '10.244.1.1/24', mtu: 1450, ipMasq: true }
 * ```
 */
export function flannelSubnetEnv(
  clusterCidr: string,
  nodePodCidr: string,
  backend: 'vxlan' | 'host-gw',
  underlayMtu = 1500,
): FlannelSubnetEnv {
  requireString(clusterCidr, 'clusterCidr', ['clusterCidr'], false, 'INVALID_CIDR');
  requireString(nodePodCidr, 'nodePodCidr', ['nodePodCidr'], false, 'INVALID_CIDR');
  if (backend !== 'vxlan' && backend !== 'host-gw') {
    throw new CniError(
      'INVALID_ARGUMENT',
      `backend must be "vxlan" or "host-gw", got ${describeValue(backend)}`,
      ['backend'],
    );
  }
  if (typeof underlayMtu !== 'number' || !Number.isFinite(underlayMtu)) {
    throw new CniError(
      'INVALID_ARGUMENT',
      `underlayMtu must be a number, got ${describeValue(underlayMtu)}`,
      ['underlayMtu'],
    );
  }
  const net = parseCidr(clusterCidr);
  if (net === null)
    throw new CniError('INVALID_CIDR', `invalid cluster CIDR ${clusterCidr}`, ['clusterCidr']);
  const node = parseCidr(nodePodCidr);
  if (node === null)
    throw new CniError('INVALID_CIDR', `invalid node pod CIDR ${nodePodCidr}`, ['nodePodCidr']);
  const first = nextIp(node.prefix.addr);
  return {
    network: formatPrefix(net.prefix),
    subnet: `${formatAddr(first)}/${node.prefix.bits}`,
    mtu: backend === 'vxlan' ? underlayMtu - 50 : underlayMtu,
    ipMasq: true,
  };
}
