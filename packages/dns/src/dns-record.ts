/**
 * Record types the cluster zone serves.
 *
 * @example
 * ```ts
 * const t: RecordType = 'SRV';
 * ```
 */
export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'TXT' | 'SOA' | 'NS';

/**
 * One resource record. `name` is fully qualified (trailing dot); `data` is the IP for A/AAAA,
 * `"priority weight port target"` for SRV, the target for CNAME, PTR and NS, the text for TXT,
 * `"mname rname serial refresh retry expire minimum"` for SOA.
 *
 * @example
 * ```ts
 * const r: DnsRecord = { name: 'kubernetes.default.svc.cluster.local.', type: 'A', ttl: 5, data: '10.96.0.1' };
 * ```
 */
export interface DnsRecord {
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  readonly data: string;
}
