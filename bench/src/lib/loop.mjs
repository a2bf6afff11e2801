// Timed loops compiled fresh for every row. A shared higher-order loop would share one feedback vector between
// all implementations of a case, so its call site would go megamorphic and later rows would be measured through
// a slow generic call. `new Function` gives each row its own code and its own type feedback.

/**
 * A function that runs `body` for every `i` over `list` with `f` in scope and returns the accumulator `x`.
 * @param {ArrayLike<unknown>} list
 * @param {Function} f
 * @param {string} body e.g. `if (f(list[i])) x++;`
 */
export function loopOver(list, f, body) {
  return new Function(
    'list',
    'f',
    `return function timedLoop() { let x = 0; for (let i = 0; i < list.length; i++) { ${body} } return x; };`,
  )(list, f);
}
