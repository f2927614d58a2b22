import { checkPaired, type WorkedExamples } from "./input.js";

/** True/false positive and false negative counts for the positive class 1. */
export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * Counts tp/fp/fn with 1 as the positive class.
 * @throws RangeError on inputs that are empty, of unequal length, or hold a label other than 0 or 1.
 */
export function binaryCounts(gold: ArrayLike<number>, pred: ArrayLike<number>): BinaryCounts {
  const n = checkPaired("f1", gold, pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i];
    const p = pred[i];
    // scikit-learn refuses average="binary" on labels beyond two classes; anything
    // other than 0/1 here means the label mapping upstream went wrong.
    if ((g !== 0 && g !== 1) || (p !== 0 && p !== 1)) {
      throw new RangeError(`f1: labels must be 0 or 1, found gold ${String(g)} / pred ${String(p)} at ${i}`);
    }
    if (p === 1) {
      if (g === 1) tp++;
      else fp++;
    } else if (g === 1) fn++;
  }
  return { tp, fp, fn };
}

/**
 * Binary F1 score of the positive class 1: the harmonic mean of precision
 * tp / (tp + fp) and recall tp / (tp + fn), as scikit-learn 1.2.1's
 * `f1_score(gold, pred)` (average="binary", pos_label=1).
 *
 * Range [0, 1], higher is better. Follows scikit-learn's zero_division rule:
 * a precision or recall with a zero denominator counts as 0, so F1 is 0 when
 * nothing is predicted positive or nothing is positive (scikit-learn also warns).
 * The arithmetic follows scikit-learn's order, precision and recall first, so the
 * result matches it to the last bit rather than only algebraically.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError on inputs that are empty, of unequal length, or hold a label other than 0 or 1.
 */
export function f1(gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  return f1FromCounts(binaryCounts(gold, pred));
}

/** F1 from counts, with scikit-learn's operation order and zero_division=0. */
export function f1FromCounts({ tp, fp, fn }: BinaryCounts): number {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const denom = precision + recall;
  return denom === 0 ? 0 : (2 * precision * recall) / denom;
}

export const examples: WorkedExamples = {
  metric: f1,
  cases: [
    { gold: [1, 1, 0, 0], pred: [1, 0, 1, 0], expected: 0.5, why: "tp 1, fp 1, fn 1: P = R = 1/2, F1 = 0.5" },
    { gold: [1, 1, 1, 0], pred: [1, 1, 0, 0], expected: 0.8, why: "tp 2, fp 0, fn 1: P = 1, R = 2/3, F1 = 2·1·(2/3)/(1 + 2/3)" },
    { gold: [1, 0, 1], pred: [0, 0, 0], expected: 0, why: "no predicted positives: P = 0 by zero_division" },
    { gold: [0, 0], pred: [0, 0], expected: 0, why: "no positives at all" },
    { gold: [0, 1, 1], pred: [1, 1, 1], expected: 0.8, why: "P = 2/3, R = 1" },
  ],
};
