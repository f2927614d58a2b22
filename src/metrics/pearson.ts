import { checkPaired, finiteFloat64, type WorkedExamples } from "./input.js";

/**
 * Pearson correlation coefficient of paired values, as SciPy 1.10.1's
 * `scipy.stats.pearsonr(x, y).statistic`:
 *
 *   r = Σ (x_i − x̄)(y_i − ȳ) / (‖x − x̄‖ · ‖y − ȳ‖)
 *
 * Range [−1, 1]: 1 is a perfect increasing line, 0 no linear relation, −1 a
 * perfect decreasing line. The sign of the answer is symmetric in x and y.
 *
 * Returns null when the statistic is undefined: an input whose values are all
 * equal (SciPy returns nan and warns), or a single pair (SciPy refuses length 1).
 * For two pairs it returns ±1 (or 0 for a tie) from the signs alone, as SciPy does.
 *
 * Numerics follow SciPy's recipe (centre on the mean first, normalise each
 * centred vector, then take the dot product) with compensated sums, so the
 * result is within a few ulps of the exact value whatever the offset of the data;
 * SciPy's own BLAS-dependent rounding is of the same size.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError when the inputs are empty, differ in length, or hold NaN/Infinity.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = checkPaired("pearson", x, y);
  return correlation(finiteFloat64("pearson", "x", x), finiteFloat64("pearson", "y", y), n);
}

/** Pearson's r of two checked, finite, equal-length vectors; shared with `spearman`. */
export function correlation(x: Float64Array, y: Float64Array, n: number): number | null {
  if (n < 2 || isConstant(x) || isConstant(y)) return null;
  const x0 = x[0] as number;
  const y0 = y[0] as number;
  if (n === 2) return Math.sign((x[1] as number) - x0) * Math.sign((y[1] as number) - y0);
  const xm = centred(x);
  const ym = centred(y);
  const nx = norm(xm);
  const ny = norm(ym);
  const dot = new Sum();
  for (let i = 0; i < n; i++) dot.add(((xm[i] as number) / nx) * ((ym[i] as number) / ny));
  // Rounding can push a perfect correlation a hair past ±1; SciPy clips the same way.
  return Math.max(Math.min(dot.value(), 1), -1);
}

function isConstant(v: Float64Array): boolean {
  const first = v[0];
  for (let i = 1; i < v.length; i++) if (v[i] !== first) return false;
  return true;
}

/** x − mean(x), with the mean from a compensated sum so large n or offsets lose nothing. */
function centred(v: Float64Array): Float64Array {
  const s = new Sum();
  for (let i = 0; i < v.length; i++) s.add(v[i] as number);
  const mean = s.value() / v.length;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = (v[i] as number) - mean;
  return out;
}

/** Euclidean norm, scaled by the largest magnitude first so squares cannot overflow or underflow. */
function norm(v: Float64Array): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i] as number));
  const s = new Sum();
  for (let i = 0; i < v.length; i++) {
    const r = (v[i] as number) / scale;
    s.add(r * r);
  }
  return scale * Math.sqrt(s.value());
}

/** Neumaier's compensated summation: error independent of n, unlike a plain loop. */
class Sum {
  private sum = 0;
  private comp = 0;

  add(v: number): void {
    const t = this.sum + v;
    this.comp += Math.abs(this.sum) >= Math.abs(v) ? this.sum - t + v : v - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.comp;
  }
}

export const examples: WorkedExamples = {
  metric: pearson,
  cases: [
    { gold: [1, 2, 3], pred: [5, 7, 9], expected: 1, why: "exact line y = 2x + 3" },
    { gold: [1, 2, 3], pred: [9, 7, 5], expected: -1, why: "exact line y = −2x + 11" },
    { gold: [1, 2, 3], pred: [1, 3, 2], expected: 0.5, why: "centred (−1, 0, 1) and (−1, 1, 0): 1/(√2·√2)" },
    { gold: [1, 2, 3, 4], pred: [2, 2, 2, 2], expected: null, why: "y is constant: r undefined, null" },
    { gold: [3, 1], pred: [0, 4], expected: -1, why: "two pairs: sign(1 − 3)·sign(4 − 0)" },
    { gold: [7], pred: [7], expected: null, why: "a single pair has no correlation" },
  ],
};
