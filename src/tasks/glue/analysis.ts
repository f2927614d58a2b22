/**
 * A GLUE task's `analysis` from its final predictions: for classification the confusion
 * matrix, per-class scores, calibration and accuracy by input length; for STS-B the
 * residuals. A run and a merge of its shards both call it with the same numbers.
 */
import type { TaskAnalysis } from "../../analysis.js";
import { accuracyByLength } from "../../metrics/by-length.js";
import { calibration, softmaxConfidence } from "../../metrics/calibration.js";
import { classScores, confusionMatrix } from "../../metrics/confusion.js";
import { residualDistribution } from "../../metrics/residuals.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";

export interface ScoredExamples {
  /** Gold label indices (STS-B: scores), in file order. */
  gold: readonly number[];
  /** Predicted label indices (STS-B: scores). */
  pred: readonly number[];
  /** The model's logits per example (any label order: only the top probability is read). */
  logits: readonly ArrayLike<number>[];
  /** Input tokens per example; null when they are not known (shards written before they were recorded). */
  lengths: readonly number[] | null;
}

export function glueAnalysis(def: Pick<GlueTaskDefinition, "labels">, { gold, pred, logits, lengths }: ScoredExamples): TaskAnalysis {
  if (def.labels === null) return { residuals: residualDistribution(gold, pred) };
  const labels = def.labels.map((l) => l.value);
  const matrix = confusionMatrix(gold, pred, labels.length);
  const scores = classScores(matrix);
  const correct = gold.map((g, i) => (g === pred[i] ? 1 : 0));
  const analysis: TaskAnalysis = {
    confusion: { labels, matrix },
    perClass: Object.fromEntries(labels.map((label, i) => [label, scores[i] as (typeof scores)[number]])),
    calibration: calibration(correct, logits.map(softmaxConfidence)),
  };
  if (lengths !== null) analysis.byLength = { unit: "tokens", bins: accuracyByLength(correct, lengths) };
  return analysis;
}
