/**
 * A GLUE task from its logits on: predictions, the predictions file's lines, the scores.
 * A run and the merge of a run's shards both end here, so they write the same bytes.
 */
import { computeGlueMetrics } from "../../metrics/glue.js";
import type { PredictionLine } from "../../runner/results.js";
import type { TaskRun } from "../types.js";
import type { GlueTaskDefinition } from "./definition.js";
import type { GlueExample } from "./read.js";

export interface GlueOutputs {
  split: string;
  dataFile: string;
  labelled: boolean;
  /** In file order; only the index and the gold label are read. */
  examples: readonly Pick<GlueExample, "index" | "label">[];
  /** One row per example. */
  logits: readonly ArrayLike<number>[];
  /** Model output index -> task label index; null for regression. */
  modelToTask: readonly number[] | null;
  labelMappingSource: TaskRun["labelMappingSource"];
  truncated: number;
  tokenizeSeconds: number;
}

/** Predictions, lines and (unless `score` is false, as for one shard) the metrics. */
export function finishGlue(def: GlueTaskDefinition, out: GlueOutputs, warn: (message: string) => void, score = true): TaskRun {
  const { examples, logits, modelToTask } = out;
  const labels = def.labels;
  const pred = logits.map((row) => (labels === null ? (row[0] ?? Number.NaN) : (modelToTask?.[argmax(row)] ?? 0)));
  const line = (ex: Pick<GlueExample, "index" | "label">, i: number): PredictionLine => {
    const p = pred[i] ?? 0;
    return {
      index: ex.index,
      prediction: labels === null ? p : (labels[p]?.value ?? ""),
      label: ex.label === null ? null : labels === null ? ex.label : (labels[ex.label]?.value ?? null),
      logits: toNumbers(logits[i] ?? []),
    };
  };
  // Built as the file is written, one line at a time: 40,430 objects at once cost QQP 75 ms, most of it garbage collection.
  const predictions: Iterable<PredictionLine> = {
    *[Symbol.iterator]() {
      for (const [i, ex] of examples.entries()) yield line(ex, i);
    },
  };
  const scored = !score
    ? { metrics: {}, warnings: [] }
    : out.labelled
      ? computeGlueMetrics(def.metrics, examples.map((ex) => ex.label ?? 0), pred)
      : { metrics: {}, warnings: [`${def.name}: ${out.dataFile} has no labels; predictions only`] };
  for (const w of scored.warnings) warn(w);
  return {
    split: out.split,
    n: examples.length,
    features: examples.length,
    metrics: scored.metrics,
    tunedOnEval: [],
    truncated: out.truncated,
    dataFile: out.dataFile,
    labelMapping: modelToTask === null || labels === null ? null : modelToTask.map((t) => labels[t]?.value ?? ""),
    labelMappingSource: out.labelMappingSource,
    predictions,
    extraFiles: [],
    config: { truncation: "longest_first" },
    tokenizeSeconds: out.tokenizeSeconds,
  };
}

/** A plain copy of a logits row (Array.from goes through the typed array's iterator: 20 ms on QQP dev). */
function toNumbers(row: ArrayLike<number>): number[] {
  const out = new Array<number>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = row[i] as number;
  return out;
}

/** First index of the maximum, as numpy's argmax. */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if ((row[i] as number) > (row[best] as number)) best = i;
  return best;
}
