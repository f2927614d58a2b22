import { checkPaired, finiteFloat64, type WorkedExamples } from "./input.js";
import { correlation } from "./pearson.js";

/**
 * Spearman rank correlation coefficient, as SciPy 1.10.1's
 * `scipy.stats.spearmanr(x, y).statistic`: Pearson's r of the ranks, where tied
 * values share the average of the ranks they span (`rankdata(method="average")`).
 *
 * Range [−1, 1]: 1 when y increases whenever x does (any monotone increasing
 * relation), −1 for a monotone decreasing one, 0 for no monotone relation.
 *
 * Returns null when the statistic is undefined: an input whose values are all
 * equal (SciPy returns nan and warns), or a single pair (SciPy returns nan).
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError when the inputs are empty, differ in length, or hold NaN/Infinity.
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = checkPaired("spearman", x, y);
  const rx = averageRanks(finiteFloat64("spearman", "x", x));
  const ry = averageRanks(finiteFloat64("spearman", "y", y));
  return correlation(rx, ry, n);
}

/** 1-based ranks; a run of equal values gets the mean of the ranks it occupies. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const v = values[order[start] as number];
    let end = start + 1;
    while (end < n && values[order[end] as number] === v) end++;
    // Positions start..end−1 hold ranks start+1..end; their mean is exact in binary (k or k + 0.5).
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    start = end;
  }
  return ranks;
}

export const examples: WorkedExamples = {
  metric: spearman,
  cases: [
    { gold: [1, 2, 3, 4], pred: [1, 4, 9, 100], expected: 1, why: "same order: identical ranks" },
    { gold: [1, 2, 3, 4], pred: [40, 30, 20, 10], expected: -1, why: "reversed order" },
    {
      gold: [1, 2, 2, 3],
      pred: [1, 3, 2, 4],
      expected: Math.sqrt(0.9),
      why: "ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4), centred (−1.5, 0, 0, 1.5) and (−1.5, 0.5, −0.5, 1.5): 4.5/√(4.5·5)",
    },
    { gold: [5, 5, 5], pred: [1, 2, 3], expected: null, why: "x is constant: ρ undefined, null" },
  ],
};
