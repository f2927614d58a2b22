import type { ClassScores } from "../analysis.js";
import { checkPaired, type WorkedExamples } from "./input.js";

/**
 * Confusion matrix of label indices 0..classes−1, as scikit-learn's
 * `confusion_matrix(gold, pred, labels=range(classes))`: entry [i][j] counts the examples
 * of gold class i predicted as class j. Rows sum to each class's support, columns to how
 * often it was predicted, and the diagonal holds the correct predictions.
 *
 * Worked examples: `examples` below, each with its hand computation; the test suite runs them.
 *
 * @throws RangeError on empty or unequal-length inputs, or a label outside 0..classes−1.
 */
export function confusionMatrix(gold: ArrayLike<number>, pred: ArrayLike<number>, classes: number): number[][] {
  const n = checkPaired("confusionMatrix", gold, pred);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < n; i++) {
    const g = gold[i] as number;
    const p = pred[i] as number;
    const row = matrix[g];
    if (row === undefined || !Number.isInteger(p) || p < 0 || p >= classes) {
      throw new RangeError(`confusionMatrix: labels must be 0..${classes - 1}, found gold ${g} / pred ${p} at ${i}`);
    }
    row[p] = (row[p] as number) + 1;
  }
  return matrix;
}

/**
 * Per class, one against the rest, from a confusion matrix: precision tp / predicted,
 * recall tp / support and F1 2·tp / (support + predicted), each 0 where its denominator
 * is 0, as scikit-learn's `precision_recall_fscore_support(average=None, zero_division=0)`.
 * Range [0, 1] each, higher is better; support is the count of gold examples.
 *
 * Worked examples: `classExamples` below, each with its hand computation; the test suite runs them.
 */
export function classScores(matrix: readonly (readonly number[])[]): ClassScores[] {
  return matrix.map((row, c) => {
    const tp = row[c] ?? 0;
    const support = row.reduce((sum, v) => sum + v, 0);
    const predicted = matrix.reduce((sum, r) => sum + (r[c] ?? 0), 0);
    return {
      precision: predicted === 0 ? 0 : tp / predicted,
      recall: support === 0 ? 0 : tp / support,
      f1: support + predicted === 0 ? 0 : (2 * tp) / (support + predicted),
      support,
    };
  });
}

export const examples: WorkedExamples<readonly number[], readonly number[], number[][]> = {
  metric: (gold, pred) => confusionMatrix(gold, pred, Math.max(...gold, ...pred) + 1),
  cases: [
    {
      gold: [0, 1, 1, 0],
      pred: [0, 1, 0, 0],
      expected: [
        [2, 0],
        [1, 1],
      ],
      why: "two 0s right, one 1 right, one 1 predicted 0",
    },
    {
      gold: [2, 0, 2, 2, 0, 1],
      pred: [0, 0, 2, 2, 0, 2],
      expected: [
        [2, 0, 0],
        [0, 0, 1],
        [1, 0, 2],
      ],
      why: "scikit-learn's confusion_matrix documentation example",
    },
  ],
};

type Scores = { precision: number; recall: number; f1: number; support: number }[];

export const classExamples: WorkedExamples<readonly number[], readonly number[], Scores> = {
  metric: (gold, pred) => classScores(confusionMatrix(gold, pred, Math.max(...gold, ...pred) + 1)),
  cases: [
    {
      gold: [0, 1, 1, 0],
      pred: [0, 1, 0, 0],
      expected: [
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
        { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      ],
      why: "[[2, 0], [1, 1]]: class 0 P 2/3 R 1 F1 4/5; class 1 P 1 R 1/2 F1 2/3",
    },
    {
      gold: [2, 0, 2, 2, 0, 1],
      pred: [0, 0, 2, 2, 0, 2],
      expected: [
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
        { precision: 0, recall: 0, f1: 0, support: 1 },
        { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 },
      ],
      why: "class 1 never predicted: zero_division gives 0 for P, R and F1",
    },
  ],
};
