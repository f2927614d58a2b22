/**
 * `<task>.json`'s `analysis`: where the model errs, beside the headline metrics. Computed
 * from the predictions once they are final (a run, or the merge of its shards), so that a
 * merge and a rerun from the cache give the same bytes. Which parts a task gets:
 * classification with gold labels: confusion, perClass, calibration, byLength;
 * STS-B: residuals; SQuAD: answerLength, and noAnswer for SQuAD 2.0.
 */

/** Rows are gold labels, columns predicted labels, both in the task's label order (as GLUE writes the labels). */
export interface ConfusionMatrix {
  labels: string[];
  matrix: number[][];
}

/** One class against the rest, as scikit-learn's `precision_recall_fscore_support(average=None, zero_division=0)`. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of the class. */
  support: number;
}

/** Examples whose top softmax probability lies in (low, high]. */
export interface CalibrationBin {
  low: number;
  high: number;
  count: number;
  /** Mean top probability; null for an empty bin. */
  confidence: number | null;
  /** Share of correct predictions; null for an empty bin. */
  accuracy: number | null;
}

export interface Calibration {
  /** Expected calibration error: Σ (count / n) · |accuracy − confidence| over the bins; null when no example has finite logits. */
  ece: number | null;
  bins: CalibrationBin[];
  /** Examples left out because a logit was not finite. */
  excluded: number;
}

/** Examples whose length lies in (low, high]; the first bin also holds `low` itself (pandas `qcut`). */
export interface LengthBin {
  low: number;
  high: number;
  n: number;
  accuracy: number | null;
}

export interface LengthBreakdown {
  /** What the lengths count: the model's input tokens (special tokens included, after truncation). */
  unit: "tokens";
  /** Quartiles of the lengths; fewer bins when quartile bounds coincide. */
  bins: LengthBin[];
}

/** Prediction − gold, for regression. Bins are [low, high) of a fixed width. */
export interface ResidualDistribution {
  n: number;
  /** Examples left out because the prediction was not finite. */
  excluded: number;
  mean: number | null;
  /** Population standard deviation (numpy's std, ddof 0). */
  sd: number | null;
  meanAbs: number | null;
  /** Percentiles 5, 25, 50, 75, 95 (numpy's linear interpolation). */
  quantiles: { p5: number; p25: number; p50: number; p75: number; p95: number } | null;
  bins: { low: number; high: number; count: number }[];
  /** Residuals beyond ±RESIDUAL_RANGE (metrics/residuals.ts), in every figure but the bins. */
  outside: number;
}

/** SQuAD per length of the first gold answer in words (the official normalization's tokens); answerable questions only. */
export interface AnswerLengthBin {
  /** Words, inclusive; `high` null for the open last bin. */
  low: number;
  high: number | null;
  n: number;
  /** Means of the official per-question scores, 0..100 as the metrics. */
  exact: number | null;
  f1: number | null;
  /** Mean words of the predicted answers (a "no answer" counts 0). */
  predictedWords: number | null;
}

/** SQuAD 2.0: which questions the model answered, and the null odds (null score − best answer score) it decided on. */
export interface NoAnswerView {
  /** The null_score_diff_threshold: a question is answered "" when its null odds exceed it. */
  threshold: number;
  /** Rows gold, columns predicted: has an answer, no answer. */
  confusion: ConfusionMatrix;
  /** Histogram of the null odds, by whether the question has an answer; bins [low, high), the last one closed. */
  nullOdds: { low: number; high: number; hasAnswer: number; noAnswer: number }[];
  /** Questions left out of the histogram because their null odds were not finite. */
  excluded: number;
}

export interface TaskAnalysis {
  confusion?: ConfusionMatrix;
  /** By label, in the task's label order. */
  perClass?: Record<string, ClassScores>;
  calibration?: Calibration;
  byLength?: LengthBreakdown;
  residuals?: ResidualDistribution;
  answerLength?: AnswerLengthBin[];
  noAnswer?: NoAnswerView;
}
