/** An nftables rule inside a chain: the rule text and an optional trailing comment. */
export interface NftRule {
  readonly rule: string;
  readonly comment?: string;
}

/** An nftables chain; base chains carry `type`, `hook` and a numeric `priority`. */
export interface NftChain {
  readonly name: string;
  readonly type?: 'filter' | 'nat';
  readonly hook?: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  readonly priority?: number;
  readonly comment?: string;
  readonly rules: readonly NftRule[];
}

/** An element of a set or map: key parts (joined with ` . `), map value parts, comment. */
export interface NftElement {
  readonly key: readonly string[];
  readonly value?: readonly string[];
  readonly comment?: string;
}

/** A named set (`kind: 'set'`) or verdict map (`kind: 'map'`). */
export interface NftSet {
  readonly kind: 'set' | 'map';
  readonly name: string;
  /** e.g. `ipv4_addr`, or `ipv4_addr . inet_proto . inet_service : verdict` for maps. */
  readonly type: string;
  readonly flags?: readonly string[];
  /** Element timeout in seconds. */
  readonly timeout?: number;
  readonly comment?: string;
  readonly elements: readonly NftElement[];
}

/** One nftables table (`ip kube-proxy` or `ip6 kube-proxy`). */
export interface NftTable {
  readonly family: 'ip' | 'ip6';
  readonly name: string;
  readonly comment?: string;
  /** In creation order (kube-proxy's transaction order; how `nft list table` lists them). */
  readonly chains: readonly NftChain[];
  /** Sets and maps in creation order; elements in insertion order. */
  readonly sets: readonly NftSet[];
}

/**
 * What `nftablesRules` returns: kube-proxy's nftables state for one node.
 *
 * @example
 * ```ts
 * const rules: NftRuleset = nftablesRules({ services, endpointSlices, config });
 * rules.tables[0]?.family; // 'ip'
 * ```
 */
export interface NftRuleset {
  readonly kind: 'nftables';
  readonly tables: readonly NftTable[];
  /** Addresses `fib … type local` treats as local (node IPs), used by `evaluateNftPacket`. */
  readonly localAddresses: readonly string[];
}
