/**
 * Documented limits for outside input (see docs/cluster.md § Limits). Input over a limit is refused with a
 * coded ClusterError before it can exhaust the stack, the heap or the clock.
 */
export const LIMITS: {
  readonly maxTextLength: number;
  readonly maxDepth: number;
  readonly maxAliasCount: number;
  readonly maxDocuments: number;
} = Object.freeze({
  /** Largest accepted YAML/JSON text, in UTF-16 code units (64 Mi). */
  maxTextLength: 64 * 1024 * 1024,
  /** Deepest accepted nesting of collections (YAML flow/block or JSON). */
  maxDepth: 64,
  /** Most YAML alias (`*ref`) expansions per document. */
  maxAliasCount: 100,
  /** Most YAML documents in one multi-document stream. */
  maxDocuments: 1_000_000,
});
