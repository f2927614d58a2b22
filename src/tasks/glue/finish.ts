/**
 * A GLUE task from its logits on: predictions, the predictions file's lines, the scores and
 * the label-order check. A run and the merge of a run's shards both end here, so they write
 * the same bytes and the same warnings.
 */
import { computeGlueMetrics } from "../../metrics/glue.js";
import type { LabelMapping } from "../../model/labels.js";
import { firstNonFinite, jsonFloat, type JsonFloat } from "../../floats.js";
import type { NonFiniteCount, PredictionLine } from "../../results/schema.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import { oneLabelWarning } from "../degenerate.js";
import type { TaskRun } from "../interface.js";
import { glueAnalysis } from "./analysis.js";
import { checkLabelOrder } from "./label-order.js";
import type { GlueExample } from "./read.js";

export interface GlueOutputs {
  split: string;
  dataFile: string;
  labelled: boolean;
  /** In file order; the texts are written into the predictions, beside the index and the gold label. */
  examples: readonly GlueLine[];
  /** One row per example. */
  logits: readonly ArrayLike<number>[];
  /** Input tokens per example (after truncation); null where not known (shards from before they were recorded). */
  lengths: readonly number[] | null;
  /** The labels the model's outputs were mapped to; null for regression. */
  mapping: Pick<LabelMapping, "modelToTask" | "source"> | null;
  truncated: number;
  tokenizeSeconds: number;
  /** Rows in the whole split, before --limit and sharding. */
  splitExamples?: number;
}

/** What a predictions line carries of an example (the texts may be missing in shards written before they were recorded). */
export type GlueLine = Pick<GlueExample, "index" | "label"> & { text?: string; pair?: string | null };

/** Predictions, lines and (unless `score` is false, as for one shard) the metrics, the analysis and the label-order check. */
export function finishGlue(def: GlueTaskDefinition, out: GlueOutputs, warn: (message: string) => void, score = true): TaskRun {
  const { examples, logits, mapping, lengths } = out;
  const labels = def.labels;
  const pred = logits.map((row) => (labels === null ? (row[0] ?? Number.NaN) : (mapping?.modelToTask[argmax(row)] ?? 0)));
  if (!score) return { ...common(def, out), metrics: {}, predictions: predictionLines(def, out, pred) };
  // Counted where the task is scored (a run, or the merge of its shards), so both warn alike.
  const nonFinite = countNonFinite(def, examples, logits, warn);
  const metrics = scoreGlue(def, out, pred, warn);
  const oneLabel = labels === null ? null : oneLabelWarning(def.name, pred.map(String), (i) => labels[Number(i)]?.name ?? i);
  if (oneLabel !== null) warn(oneLabel);
  const run: TaskRun = { ...common(def, out), metrics, predictions: predictionLines(def, out, pred), ...(nonFinite === null ? {} : { nonFinite }) };
  if (out.labelled && examples.length > 0) run.analysis = glueAnalysis(def, { gold: examples.map((ex) => ex.label ?? 0), pred, logits, lengths });
  return run;
}

/** The examples with a NaN or ±Infinity among their logits: one warning with the count and the first, or nothing. */
function countNonFinite(
  def: GlueTaskDefinition,
  examples: readonly Pick<GlueExample, "index">[],
  logits: readonly ArrayLike<number>[],
  warn: (message: string) => void,
): NonFiniteCount | null {
  let count = 0;
  let first: number | string | null = null;
  logits.forEach((row, i) => {
    if (firstNonFinite(row) < 0) return;
    count++;
    first ??= examples[i]?.index ?? i;
  });
  if (first === null) return null;
  const how = def.labels === null ? "" : "; their predictions take numpy's argmax (the first NaN, else the largest value)";
  warn(`${def.name}: ${count} of ${logits.length} examples have a model output that is NaN or ±Infinity (the first: example ${first})${how}`);
  return { examples: count, first };
}

function scoreGlue(def: GlueTaskDefinition, out: GlueOutputs, pred: readonly number[], warn: (message: string) => void): TaskRun["metrics"] {
  const { labels } = def;
  const { mapping } = out;
  const gold = out.labelled ? out.examples.map((ex) => ex.label ?? 0) : [];
  const scored = out.labelled
    ? computeGlueMetrics(def.metrics, gold, pred)
    : { metrics: {}, warnings: [`${def.name}: ${out.dataFile} has no labels; predictions only`] };
  for (const w of scored.warnings) warn(w);
  // Only warns: the numbers above stay those of the mapping used.
  if (out.labelled && labels !== null && mapping !== null) for (const w of checkLabelOrder(def.name, labels, mapping, gold, pred)) warn(w);
  return scored.metrics;
}

function common(def: GlueTaskDefinition, out: GlueOutputs): Omit<TaskRun, "metrics" | "predictions"> {
  const labels = def.labels;
  const { mapping } = out;
  return {
    split: out.split,
    n: out.examples.length,
    features: out.examples.length,
    tunedOnEval: [],
    truncated: out.truncated,
    dataFile: out.dataFile,
    labelMapping: mapping === null || labels === null ? null : mapping.modelToTask.map((t) => labels[t]?.value ?? ""),
    labelMappingSource: mapping?.source ?? null,
    extraFiles: [],
    config: { truncation: "longest_first" },
    tokenizeSeconds: out.tokenizeSeconds,
    ...(out.splitExamples === undefined ? {} : { splitExamples: out.splitExamples }),
  };
}

/**
 * One line per example, built as the file is written: 40,430 objects at once cost QQP 75 ms,
 * most of it garbage collection.
 */
function predictionLines(def: GlueTaskDefinition, { examples, logits, lengths }: GlueOutputs, pred: readonly number[]): Iterable<PredictionLine> {
  const labels = def.labels;
  const line = (ex: GlueLine, i: number): PredictionLine => {
    const p = pred[i] ?? 0;
    const out: PredictionLine = {
      index: ex.index,
      prediction: labels === null ? jsonFloat(p) : (labels[p]?.value ?? ""),
      label: ex.label === null ? null : labels === null ? ex.label : (labels[ex.label]?.value ?? null),
      logits: toJsonFloats(logits[i] ?? []),
    };
    const tokens = lengths?.[i];
    if (tokens !== undefined) out.tokens = tokens;
    if (ex.text !== undefined) out.text = ex.text;
    if (ex.pair !== null && ex.pair !== undefined) out.pair = ex.pair;
    return out;
  };
  return {
    *[Symbol.iterator]() {
      for (const [i, ex] of examples.entries()) yield line(ex, i);
    },
  };
}

/**
 * A plain copy of a logits row (Array.from goes through the typed array's iterator: 20 ms on
 * QQP dev), with NaN and ±Infinity spelt as strings so that the file keeps them.
 */
function toJsonFloats(row: ArrayLike<number>): JsonFloat[] {
  const out = new Array<JsonFloat>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = jsonFloat(row[i] as number);
  return out;
}

/**
 * numpy's argmax, which run_glue.py takes: the first index of the maximum, except that a NaN
 * is taken for the maximum, so the first NaN wins ([5, NaN] gives 1).
 */
export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  if (Number.isNaN(row[0])) return 0;
  for (let i = 1; i < row.length; i++) {
    const v = row[i] as number;
    if (Number.isNaN(v)) return i;
    if (v > (row[best] as number)) best = i;
  }
  return best;
}
