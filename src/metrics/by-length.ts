import type { LengthBin } from "../analysis.js";
import { checkPaired, type WorkedExamples } from "./input.js";

/** numpy's `quantile(values, q)` with its default linear interpolation, over values sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError("quantile: no values");
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (position - below) * (high - low);
}

/**
 * Accuracy per quartile of the input length, as pandas' `qcut(lengths, 4, duplicates="drop")`
 * cuts them: the bounds are numpy's linear-interpolation quartiles, a bin holds the lengths
 * in (low, high], the first also `low` itself, and bounds that coincide (many inputs of one
 * length) merge their bins. Per bin the count and the share of correct predictions
 * (range [0, 1], higher is better). Shows whether a model fails on long inputs (or on
 * inputs cut at the maximum length, which sit in the last bin).
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them.
 *
 * @throws RangeError on empty or unequal-length inputs, or a length that is not finite.
 */
export function accuracyByLength(correct: ArrayLike<number>, lengths: ArrayLike<number>): LengthBin[] {
  const n = checkPaired("accuracyByLength", correct, lengths);
  const sorted = Float64Array.from(lengths).sort();
  if (!sorted.every(Number.isFinite)) throw new RangeError("accuracyByLength: lengths must be finite");
  const edges = [...new Set([0, 0.25, 0.5, 0.75, 1].map((q) => quantileSorted(sorted, q)))];
  if (edges.length === 1) edges.push(edges[0] as number);
  const bins = edges.slice(1).map((high, b) => ({ low: edges[b] as number, high, n: 0, right: 0 }));
  for (let i = 0; i < n; i++) {
    const length = lengths[i] as number;
    const bin = bins.find((x) => length <= x.high) ?? (bins.at(-1) as (typeof bins)[number]);
    bin.n++;
    if ((correct[i] as number) === 1) bin.right++;
  }
  return bins.map(({ low, high, n: count, right }) => ({ low, high, n: count, accuracy: count === 0 ? null : right / count }));
}

export const examples: WorkedExamples<readonly number[], readonly number[], LengthBin[]> = {
  metric: accuracyByLength,
  cases: [
    {
      gold: [1, 1, 0, 1, 0, 0, 1, 1],
      pred: [1, 2, 3, 4, 5, 6, 7, 8],
      expected: [
        { low: 1, high: 2.75, n: 2, accuracy: 1 },
        { low: 2.75, high: 4.5, n: 2, accuracy: 0.5 },
        { low: 4.5, high: 6.25, n: 2, accuracy: 0 },
        { low: 6.25, high: 8, n: 2, accuracy: 1 },
      ],
      why: "quartiles of 1..8 at 2.75, 4.5, 6.25, two examples per bin",
    },
    {
      gold: [1, 0, 1, 0, 1],
      pred: [5, 5, 5, 5, 9],
      expected: [{ low: 5, high: 9, n: 5, accuracy: 0.6 }],
      why: "the quartiles coincide at 5: one bin, 3 of 5 right",
    },
  ],
};
