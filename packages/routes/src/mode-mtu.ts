import { describe } from './internal/describe.ts';
import type { NetworkMode } from './network-mode.ts';
import { RoutesError } from './routes-error.ts';

/**
 * The MTU a mode gives pod interfaces on an underlay MTU (default 1500): the underlay MTU for
 * the bridge modes and flannel host-gw; minus 50 for flannel vxlan (flannel's `encapOverhead`) and
 * Calico VXLAN over IPv4 (70 over IPv6); minus 20 for Calico IP-in-IP; Weave's fixed default 1376
 * (`WEAVE_MTU`).
 *
 * @example
 * ```ts
 * modeMtu('flannel-vxlan'); // 1450
 * modeMtu('calico-ipip', 9001); // 8981
 * ```
 */
export function modeMtu(mode: NetworkMode, underlayMtu = 1500, family: 4 | 6 = 4): number {
  if (!Number.isInteger(underlayMtu) || underlayMtu < 68) {
    throw new RoutesError('INVALID_OPTION', `invalid underlay MTU ${describe(underlayMtu)}`);
  }
  switch (mode) {
    case 'bridge-static':
    case 'bridge-gateway':
    case 'flannel-host-gw':
      return underlayMtu;
    case 'flannel-vxlan':
      return underlayMtu - 50;
    case 'calico-vxlan':
      return underlayMtu - (family === 6 ? 70 : 50);
    case 'calico-ipip':
      return underlayMtu - 20;
    case 'weave':
      return 1376;
    default:
      throw new RoutesError('UNKNOWN_MODE', `unknown network mode ${describe(mode)}`);
  }
}
