/**
 * @internal Whether the text a route array was parsed from ended with a newline, kept as a
 * non-enumerable symbol property on the array (so it never shows in equality checks or JSON), so
 * that `formatIpRoute(parseIpRoute(text)) === text` with or without a final newline.
 */
const TRAILING_NEWLINE: unique symbol = Symbol('podnet.routes.trailingNewline');

/** @internal */
export function markTrailingNewline(routes: readonly unknown[], value: boolean): void {
  Object.defineProperty(routes, TRAILING_NEWLINE, { value, enumerable: false });
}

/** @internal True unless the array was parsed from text without a final newline. */
export function wantsTrailingNewline(routes: readonly unknown[]): boolean {
  return (routes as { [TRAILING_NEWLINE]?: boolean })[TRAILING_NEWLINE] !== false;
}

const TRAILING_SPACE: unique symbol = Symbol('podnet.routes.trailingSpace');

/** @internal Marks a parsed route or next hop whose line ended with a space (as iproute2 prints). */
export function markTrailingSpace(target: object): void {
  Object.defineProperty(target, TRAILING_SPACE, { value: true, enumerable: false });
}

/** @internal True for a route or next hop parsed from a line that ended with a space. */
export function hasTrailingSpace(target: object): boolean {
  return (target as { [TRAILING_SPACE]?: boolean })[TRAILING_SPACE] === true;
}
