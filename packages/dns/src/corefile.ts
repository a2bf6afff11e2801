/**
 * One directive of a Corefile: its name, its arguments as written (quotes removed), and its
 * `{ … }` block when it has braces. Parsed directives also carry a non-enumerable `line`.
 *
 * @example
 * ```ts
 * const d: CorefileDirective = { name: 'cache', args: ['30'], block: [{ name: 'disable', args: ['success', 'cluster.local'] }] };
 * ```
 */
export interface CorefileDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly block?: readonly CorefileDirective[];
  /** 1-based line of the directive (set by `parseCorefile`, not enumerable). */
  readonly line?: number;
}

/**
 * One server block: its keys as written (e.g. `.:53`, `cluster.local:53`) and its directives.
 *
 * @example
 * ```ts
 * const b: CorefileServerBlock = { keys: ['.:53'], directives: [{ name: 'errors', args: [] }] };
 * ```
 */
export interface CorefileServerBlock {
  readonly keys: readonly string[];
  readonly directives: readonly CorefileDirective[];
}

/**
 * A parsed Corefile.
 *
 * @example
 * ```ts
 * const c: Corefile = { serverBlocks: [{ keys: ['.:53'], directives: [{ name: 'forward', args: ['.', '8.8.8.8'] }] }] };
 * ```
 */
export interface Corefile {
  readonly serverBlocks: readonly CorefileServerBlock[];
}
