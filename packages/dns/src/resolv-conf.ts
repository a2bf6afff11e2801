/**
 * A resolv.conf as kubelet reads it: nameservers accumulate, the last `search` line wins (one
 * trailing dot stripped from each entry, `.` kept as the root domain), the last `options` line
 * wins (tokens kept as written, e.g. `ndots:5`).
 *
 * @example
 * ```ts
 * const conf: ResolvConf = { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local'], options: ['ndots:5'] };
 * ```
 */
export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}
