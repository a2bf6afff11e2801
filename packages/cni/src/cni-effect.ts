import type { HostLocalStore } from './host-local-store.ts';
import type { IptablesChain } from './portmap-chains.ts';
import type { CniResult } from './result-schema.ts';
import type { RuntimeConfig } from './runtime-config-schema.ts';

/** `'host'` for the host network namespace, else the container's netns path (CNI_NETNS). */
export type NetnsRef = string;

/**
 * One observable change a plugin makes on ADD (or undoes on DEL), as plain data for the cluster
 * model and diagrams. `plugin` is the index of the plugin in the conflist, `type` its type.
 *
 * - `link`: a device (`bridge`, `veth` end, `loopback`) in a netns; a veth end names its `peer`,
 *   a bridge port its `master`.
 * - `address`: an address (CIDR) on a device.
 * - `route`: a route; `proto: 'kernel'` marks the connected route the kernel adds for an address.
 * - `sysctl`: a sysctl key set to a value.
 * - `iptables`: a chain with its rules and jump rules (see {@link IptablesChain}).
 * - `ipam`: addresses an IPAM plugin reserved (ADD) or released (DEL).
 * - `opaque`: a plugin this model does not simulate; it passed `prevResult` through unchanged.
 */
export type CniEffect =
  | {
      readonly kind: 'link';
      readonly plugin: number;
      readonly type: string;
      readonly netns: NetnsRef;
      readonly device: 'bridge' | 'veth' | 'loopback';
      readonly name: string;
      readonly peer?: { readonly netns: NetnsRef; readonly name: string };
      readonly master?: string;
      readonly mtu?: number;
      readonly hairpin?: boolean;
      readonly promisc?: boolean;
      readonly vlanFiltering?: boolean;
      readonly mac?: string;
    }
  | {
      readonly kind: 'address';
      readonly plugin: number;
      readonly type: string;
      readonly netns: NetnsRef;
      readonly dev: string;
      readonly address: string;
    }
  | {
      readonly kind: 'route';
      readonly plugin: number;
      readonly type: string;
      readonly netns: NetnsRef;
      readonly dst: string;
      readonly gw?: string;
      readonly dev: string;
      readonly scope?: 'link' | 'host' | 'global';
      readonly proto?: 'kernel' | 'boot';
      readonly src?: string;
    }
  | {
      readonly kind: 'sysctl';
      readonly plugin: number;
      readonly type: string;
      readonly netns: NetnsRef;
      readonly key: string;
      readonly value: string;
    }
  | {
      readonly kind: 'iptables';
      readonly plugin: number;
      readonly type: string;
      readonly family: 4 | 6;
      readonly chain: IptablesChain;
    }
  | {
      readonly kind: 'ipam';
      readonly plugin: number;
      readonly type: string;
      readonly ipamType: string;
      readonly addresses: readonly string[];
    }
  | { readonly kind: 'opaque'; readonly plugin: number; readonly type: string };

/** What the runtime knows about the attachment (the CNI_* parameters plus capability args). */
export interface CniRuntime {
  /** CNI_CONTAINERID. */
  readonly containerId: string;
  /** CNI_IFNAME; default `eth0`. */
  readonly ifname?: string;
  /** CNI_NETNS; default `/var/run/netns/<containerId>`. */
  readonly netns?: string;
  /** Capability arguments (`portMappings`, `ipRanges`, `ips`, `mac`, …) the runtime offers. */
  readonly capabilityArgs?: RuntimeConfig;
  /** CNI_ARGS pairs (e.g. K8S_POD_NAMESPACE, K8S_POD_NAME). */
  readonly args?: readonly (readonly [string, string])[];
  /** For flannel: the node's `/run/flannel/subnet.env`. */
  readonly flannel?: {
    readonly network: string;
    readonly subnet: string;
    readonly mtu?: number;
    readonly ipMasq?: boolean;
  };
  /** For weave-net: the flat range (IPALLOC_RANGE) and the `weave` bridge's address. */
  readonly weave?: { readonly ipallocRange: string; readonly bridgeAddress: string };
  /** For calico-ipam: the address block this node owns (e.g. a /26). */
  readonly calico?: { readonly block: string };
}

/** One plugin invocation as the runtime makes it: the derived request config on stdin. */
export interface CniInvocation {
  readonly plugin: number;
  readonly type: string;
  readonly command: 'ADD' | 'DEL' | 'CHECK';
  readonly stdin: Readonly<Record<string, unknown>>;
}

/** The outcome of {@link cniAdd}. */
export interface CniAddOutcome {
  /** The final result, in the list's `cniVersion` (what the runtime caches). */
  readonly result: CniResult;
  readonly store: HostLocalStore;
  readonly effects: readonly CniEffect[];
  readonly invocations: readonly CniInvocation[];
}

/** The outcome of {@link cniDel}. */
export interface CniDelOutcome {
  readonly store: HostLocalStore;
  /** What DEL removes (addresses released, links and chains deleted), in execution order. */
  readonly effects: readonly CniEffect[];
  readonly invocations: readonly CniInvocation[];
}

/** The outcome of {@link cniCheck}. */
export interface CniCheckOutcome {
  /** True when `disableCheck` made the runtime return success without calling plugins. */
  readonly skipped: boolean;
  readonly invocations: readonly CniInvocation[];
}
