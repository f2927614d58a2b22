import { accuracy } from "./accuracy.js";
import { binaryCounts, f1FromCounts } from "./f1.js";
import { matthews } from "./matthews.js";
import { pearson } from "./pearson.js";
import { spearman } from "./spearman.js";

/** Which of HF evaluate's `glue` metric groups a task reports. */
export type GlueMetricSet = "accuracy" | "accuracy_f1" | "matthews" | "pearson_spearman";

/** The keys each group reports, in the order computeGlueMetrics gives them. */
export const GLUE_METRIC_KEYS: Readonly<Record<GlueMetricSet, readonly string[]>> = {
  accuracy: ["accuracy"],
  accuracy_f1: ["accuracy", "f1"],
  matthews: ["matthews_correlation"],
  pearson_spearman: ["pearson", "spearmanr"],
};

export interface GlueMetrics {
  /** Keyed by HF evaluate's names; null where the statistic is undefined. */
  readonly metrics: Record<string, number | null>;
  /** Why a value is null or degenerate, for the user to read. */
  readonly warnings: string[];
}

/**
 * The metrics HF evaluate's `glue` metric reports for a task, under its key names:
 * - "accuracy" (SST-2, MNLI, QNLI, RTE, WNLI): `accuracy`;
 * - "accuracy_f1" (MRPC, QQP): `accuracy`, `f1` (positive class 1);
 * - "matthews" (CoLA): `matthews_correlation`;
 * - "pearson_spearman" (STS-B): `pearson`, `spearmanr`.
 *
 * `gold` and `pred` are label indices for classification and scores for STS-B.
 * Where scikit-learn or SciPy would warn (an undefined correlation, an F1 with no
 * positives), the value is still the reference's and a warning explains it. Predicted
 * scores that are NaN or ±Infinity (SciPy returns nan) make both correlations null,
 * with a warning.
 *
 * @throws RangeError on empty or unequal-length inputs, non-0/1 labels for F1,
 *   or non-finite gold scores for the correlations.
 */
export function computeGlueMetrics(set: GlueMetricSet, gold: readonly number[], pred: readonly number[]): GlueMetrics {
  const warnings: string[] = [];
  switch (set) {
    case "accuracy":
      return { metrics: { accuracy: accuracy(gold, pred) }, warnings };
    case "accuracy_f1": {
      const counts = binaryCounts(gold, pred);
      if (counts.tp + counts.fp === 0) {
        warnings.push("f1 is 0: no example was predicted positive (label 1)");
      } else if (counts.tp + counts.fn === 0) {
        warnings.push("f1 is 0: no gold label is positive (label 1)");
      }
      return { metrics: { accuracy: accuracy(gold, pred), f1: f1FromCounts(counts) }, warnings };
    }
    case "matthews":
      return { metrics: { matthews_correlation: matthews(gold, pred) }, warnings };
    case "pearson_spearman": {
      const notFinite = pred.filter((x) => !Number.isFinite(x)).length;
      if (notFinite > 0 && gold.length === pred.length) {
        const why = `${notFinite} of ${pred.length} predicted scores are NaN or ±Infinity`;
        return { metrics: { pearson: null, spearmanr: null }, warnings: [`pearson is undefined: ${why}`, `spearmanr is undefined: ${why}`] };
      }
      const p = pearson(pred, gold);
      const s = spearman(pred, gold);
      const why = undefinedReason(gold, pred);
      if (p === null) warnings.push(`pearson is undefined: ${why}`);
      if (s === null) warnings.push(`spearmanr is undefined: ${why}`);
      return { metrics: { pearson: p, spearmanr: s }, warnings };
    }
  }
}

function undefinedReason(gold: readonly number[], pred: readonly number[]): string {
  if (gold.length < 2) return "a correlation needs at least two examples";
  const constant = (v: readonly number[]): boolean => v.every((x) => x === v[0]);
  if (constant(pred)) return "every prediction is the same value";
  if (constant(gold)) return "every gold score is the same value";
  return "an input is constant";
}
