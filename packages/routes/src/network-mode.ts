/**
 * The pod-networking modes whose per-node routes `nodeRoutes` knows.
 *
 * @example
 * ```ts
 * const m: NetworkMode = 'flannel-vxlan';
 * ```
 */
export type NetworkMode =
  | 'bridge-static'
  | 'bridge-gateway'
  | 'flannel-host-gw'
  | 'flannel-vxlan'
  | 'weave'
  | 'calico-ipip'
  | 'calico-vxlan';

/**
 * All {@link NetworkMode}s, in a stable order.
 *
 * @example
 * ```ts
 * NETWORK_MODES.includes('weave'); // true
 * ```
 */
export const NETWORK_MODES: readonly NetworkMode[] = Object.freeze([
  'bridge-static',
  'bridge-gateway',
  'flannel-host-gw',
  'flannel-vxlan',
  'weave',
  'calico-ipip',
  'calico-vxlan',
]);
