/**
 * The n-best probabilities as utils_qa.py computes them with numpy:
 * `exp(scores - max(scores)) / sum(...)`. The scores are float32 (sums of float32 logits),
 * so numpy works in float32, except when the "empty" placeholder (a Python float) is in
 * the list, which makes the array float64. The sum follows numpy's pairwise summation
 * (8 accumulators) so that the rounding matches; numpy's SIMD float32 `exp` may still
 * differ from a correctly rounded one by a unit or two in the last place.
 */

type Round = (x: number) => number;
const identity: Round = (x) => x;

/** numpy's `pairwise_sum` for up to 128 values, rounding each step with `round`. */
export function numpySum(values: readonly number[], round: Round): number {
  const n = values.length;
  if (n < 8) {
    let sum = 0;
    for (const value of values) sum = round(sum + value);
    return sum;
  }
  const r = values.slice(0, 8);
  let i = 8;
  for (; i < n - (n % 8); i += 8) {
    for (let j = 0; j < 8; j++) r[j] = round((r[j] as number) + (values[i + j] as number));
  }
  const at = (k: number): number => r[k] as number;
  let sum = round(round(round(at(0) + at(1)) + round(at(2) + at(3))) + round(round(at(4) + at(5)) + round(at(6) + at(7))));
  for (; i < n; i++) sum = round(sum + (values[i] as number));
  return sum;
}

/** Softmax over the scores; `float32` selects numpy's float32 arithmetic. */
export function softmax(scores: readonly number[], float32: boolean): number[] {
  const round: Round = float32 ? Math.fround : identity;
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) max = Math.max(max, score);
  const exps = scores.map((score) => round(Math.exp(round(score - max))));
  const total = numpySum(exps, round);
  return exps.map((e) => round(e / total));
}
