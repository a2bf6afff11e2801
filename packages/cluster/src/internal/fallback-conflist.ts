import type { CniPlugin } from '../cluster-spec.ts';

/**
 * The conflists the networking modes' published manifests install (see reference cni.md §9), used until
 * `@podnet/cni` exports `defaultConflist`.
 */
export function fallbackConflist(plugin: CniPlugin, nodeCidr: string, mtu: number): unknown {
  const portmap = { type: 'portmap', capabilities: { portMappings: true } };
  switch (plugin) {
    case 'flannel-vxlan':
    case 'flannel-host-gw':
      return {
        name: 'cbr0',
        cniVersion: '0.3.1',
        plugins: [{ type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } }, portmap],
      };
    case 'weave':
      return {
        cniVersion: '0.3.0',
        name: 'weave',
        plugins: [
          { name: 'weave', type: 'weave-net', hairpinMode: true },
          { ...portmap, snat: true },
        ],
      };
    case 'calico-ipip':
    case 'calico-vxlan':
      return {
        name: 'k8s-pod-network',
        cniVersion: '0.3.1',
        plugins: [
          {
            type: 'calico',
            log_level: 'info',
            datastore_type: 'kubernetes',
            mtu,
            ipam: { type: 'host-local', ranges: [[{ subnet: 'usePodCidr' }]] },
            policy: { type: 'k8s' },
          },
          { type: 'portmap', snat: true, capabilities: { portMappings: true } },
        ],
      };
    default:
      return {
        cniVersion: '1.0.0',
        name: 'podnet',
        plugins: [
          {
            type: 'bridge',
            bridge: 'cni0',
            isGateway: true,
            isDefaultGateway: true,
            ipMasq: true,
            hairpinMode: true,
            mtu,
            ipam: { type: 'host-local', ranges: [[{ subnet: nodeCidr }]], routes: [{ dst: '0.0.0.0/0' }] },
          },
          portmap,
          { type: 'loopback' },
        ],
      };
  }
}
