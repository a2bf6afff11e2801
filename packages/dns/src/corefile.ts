/**
 * One directive of a Corefile: its name, its arguments as written (quotes removed), its
 * `{ … }` block when it has one, and the 1-based line it starts on.
 *
 * @example
 * ```ts
 * const d: CorefileDirective = { name: 'cache', args: ['30'], line: 17 };
 * ```
 */
export interface CorefileDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly block?: readonly CorefileDirective[];
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
