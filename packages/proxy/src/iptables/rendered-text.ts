import type { Ruleset } from './ruleset.ts';

/**
 * Where a generated {@link Ruleset} keeps a function that builds its `iptables-save` text from
 * pieces it already has (a partial sync's unchanged chunks of KUBE-SERVICES), so formatting does not
 * walk every line again. A non-enumerable symbol property: invisible to `Object.keys`, JSON and
 * equality checks. Generated rulesets are not mutated after the fact (their types are readonly).
 */
const RENDERED: unique symbol = Symbol('podnet.iptables.rendered');

interface WithRendered {
  readonly [RENDERED]?: () => string;
}

/**
 * Attaches a text builder to a freshly generated ruleset and returns it. The builder must produce
 * exactly what `formatIptablesSave` prints for the ruleset's lines; it runs at most once.
 *
 * @example
 * ```ts
 * const rs = withRenderedText(ruleset, () => text);
 * ```
 */
export function withRenderedText(ruleset: Ruleset, build: () => string): Ruleset {
  let text: string | undefined;
  Object.defineProperty(ruleset, RENDERED, {
    value: (): string => {
      if (text === undefined) text = build();
      return text;
    },
    enumerable: false,
  });
  return ruleset;
}

/**
 * The attached text of a generated ruleset, or undefined (parsed or hand-made rulesets, copies).
 *
 * @example
 * ```ts
 * renderedText(parseIptablesSave('*nat\nCOMMIT\n')); // undefined
 * ```
 */
export function renderedText(ruleset: Ruleset): string | undefined {
  const build = (ruleset as WithRendered)[RENDERED];
  return typeof build === 'function' ? build() : undefined;
}
