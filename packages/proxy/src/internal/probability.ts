/**
 * kube-proxy's `computeProbability(n)`: Go `fmt.Sprintf("%0.10f", 1.0/float64(n))`.
 *
 * Go rounds the exact binary value half-to-even; `Number#toFixed` rounds exact ties up. An exact
 * tie at the 11th decimal needs `1/n = m / 2^11` with `m` odd, which for an integer `n` happens only
 * at `n = 2048` (`0.00048828125` → Go `0.0004882812`), so that is the one special case.
 *
 * @example
 * ```ts
 * formatProbability(3); // '0.3333333333'
 * ```
 */
export function formatProbability(n: number): string {
  if (n === 2048) return '0.0004882812';
  return (1 / n).toFixed(10);
}
