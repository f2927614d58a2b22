import type { ResidualDistribution } from "../analysis.js";
import { quantileSorted } from "./by-length.js";
import { checkPaired, type WorkedExamples } from "./input.js";

/** Width of the histogram's bins, in the task's score units (STS-B: 0..5). */
export const RESIDUAL_BIN_WIDTH = 0.5;
/**
 * The histogram spans residuals within ±RESIDUAL_RANGE: twice STS-B's whole scale. A float16
 * graph that overflowed can predict 65504, whose bins from the lowest residual would number in
 * the hundreds of thousands; such residuals are counted in `outside` instead.
 */
export const RESIDUAL_RANGE = 10;

/**
 * The distribution of the residuals prediction − gold of a regression (STS-B): their mean
 * (the bias; 0 is unbiased), population standard deviation, mean absolute value (lower is
 * better), percentiles 5/25/50/75/95 (numpy's linear interpolation) and a histogram of
 * fixed-width bins [low, high) from the lowest residual's bin to the highest's. A
 * prediction that is not finite is left out and counted in `excluded`; a residual beyond
 * ±RESIDUAL_RANGE counts in every figure but the histogram, and in `outside`.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them.
 *
 * @throws RangeError on empty or unequal-length inputs, or a gold score that is not finite.
 */
export function residualDistribution(gold: ArrayLike<number>, pred: ArrayLike<number>): ResidualDistribution {
  const total = checkPaired("residualDistribution", gold, pred);
  const residuals: number[] = [];
  for (let i = 0; i < total; i++) {
    const g = gold[i] as number;
    if (!Number.isFinite(g)) throw new RangeError(`residualDistribution: gold[${i}] is ${g}, expected a finite number`);
    const r = (pred[i] as number) - g;
    if (Number.isFinite(r)) residuals.push(r);
  }
  const n = residuals.length;
  const excluded = total - n;
  if (n === 0) return { n, excluded, mean: null, sd: null, meanAbs: null, quantiles: null, bins: [], outside: 0 };
  const mean = residuals.reduce((s, r) => s + r, 0) / n;
  const sd = Math.sqrt(residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / n);
  const meanAbs = residuals.reduce((s, r) => s + Math.abs(r), 0) / n;
  const sorted = Float64Array.from(residuals).sort();
  const q = (p: number): number => quantileSorted(sorted, p);
  const quantiles = { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) };
  const inside = residuals.filter((r) => Math.abs(r) <= RESIDUAL_RANGE);
  const outside = n - inside.length;
  const binOf = (r: number): number => Math.floor(r / RESIDUAL_BIN_WIDTH);
  const first = inside.length === 0 ? 0 : binOf(Math.min(...inside));
  const last = inside.length === 0 ? -1 : binOf(Math.max(...inside));
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const r of inside) {
    const k = binOf(r) - first;
    counts[k] = (counts[k] as number) + 1;
  }
  const bins = counts.map((count, k) => ({ low: (first + k) * RESIDUAL_BIN_WIDTH, high: (first + k + 1) * RESIDUAL_BIN_WIDTH, count }));
  return { n, excluded, mean, sd, meanAbs, quantiles, bins, outside };
}

export const examples: WorkedExamples<readonly number[], readonly number[], ResidualDistribution> = {
  metric: residualDistribution,
  cases: [
    {
      gold: [1, 2, 3, 4],
      pred: [1.5, 2, 2, 5],
      expected: {
        n: 4,
        excluded: 0,
        mean: 0.125,
        sd: Math.sqrt(2.1875 / 4),
        meanAbs: 0.625,
        quantiles: { p5: -0.85, p25: -0.25, p50: 0.25, p75: 0.625, p95: 0.925 },
        bins: [
          { low: -1, high: -0.5, count: 1 },
          { low: -0.5, high: 0, count: 0 },
          { low: 0, high: 0.5, count: 1 },
          { low: 0.5, high: 1, count: 1 },
          { low: 1, high: 1.5, count: 1 },
        ],
        outside: 0,
      },
      why: "residuals 0.5, 0, −1, 1",
    },
    {
      gold: [0, 0],
      pred: [Number.NaN, 2],
      expected: {
        n: 1,
        excluded: 1,
        mean: 2,
        sd: 0,
        meanAbs: 2,
        quantiles: { p5: 2, p25: 2, p50: 2, p75: 2, p95: 2 },
        bins: [{ low: 2, high: 2.5, count: 1 }],
        outside: 0,
      },
      why: "the NaN prediction is left out; one residual of 2",
    },
    {
      gold: [0, 0, 0, 0],
      pred: [65504, 0.2, 0.3, -65504],
      expected: {
        n: 4,
        excluded: 0,
        mean: 0.125,
        sd: Math.sqrt((65503.875 ** 2 + 0.075 ** 2 + 0.175 ** 2 + 65504.125 ** 2) / 4),
        meanAbs: (65504 + 0.2 + 0.3 + 65504) / 4,
        quantiles: { p5: -65504 + 0.15 * 65504.2, p25: -65504 + 0.75 * 65504.2, p50: 0.25, p75: 0.3 + 0.25 * 65503.7, p95: 0.3 + 0.85 * 65503.7 },
        bins: [{ low: 0, high: 0.5, count: 2 }],
        outside: 2,
      },
      why: "float16's largest values overflowed: they count in the figures, and in `outside` rather than in 262,000 bins",
    },
  ],
};
