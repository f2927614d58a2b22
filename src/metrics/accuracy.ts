import { checkPaired, type WorkedExamples } from "./input.js";

/**
 * Accuracy: the share of examples whose predicted label equals the gold label,
 * as scikit-learn's `accuracy_score` and HF evaluate's `(preds == labels).mean()`.
 *
 * Range [0, 1], higher is better. Labels are compared with `===`, so they may be
 * any label indices (binary or multiclass).
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them
 * (test/metrics/examples.test.ts).
 *
 * @throws RangeError when the inputs are empty or differ in length.
 */
export function accuracy(gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  const n = checkPaired("accuracy", gold, pred);
  let correct = 0;
  for (let i = 0; i < n; i++) if (gold[i] === pred[i]) correct++;
  // An integer count over n divides exactly as NumPy's mean of a boolean array does.
  return correct / n;
}

export const examples: WorkedExamples = {
  metric: accuracy,
  cases: [
    { gold: [0, 1, 1, 0], pred: [0, 1, 0, 0], expected: 0.75, why: "3 of 4 match" },
    { gold: [0, 1, 2], pred: [2, 0, 1], expected: 0, why: "nothing matches: 0 of 3" },
    { gold: [2, 2, 1, 0, 1], pred: [2, 2, 1, 0, 1], expected: 1, why: "5 of 5 match" },
  ],
};
