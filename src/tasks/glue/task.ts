/** A GLUE task definition as a Task: read, encode, infer, map labels, score. */
import { ModelError } from "../../errors.js";
import { computeGlueMetrics } from "../../metrics/glue.js";
import { type LabelMapping, mapLabels } from "../../model/labels.js";
import type { PredictionLine } from "../../results.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import type { ModelFacts, Task, TaskContext, TaskRun } from "../types.js";
import { encodeExamples } from "./encode.js";
import { type GlueExample, readGlueSplit } from "./read.js";

export function glueTask(def: GlueTaskDefinition): Task {
  return { ...def, run: (ctx) => runGlue(def, ctx) };
}

/** HF's default when config.json names no labels. */
const HF_DEFAULT_NUM_LABELS = 2;

async function runGlue(def: GlueTaskDefinition, ctx: TaskContext): Promise<TaskRun> {
  const { options } = ctx;
  const layout = options.split === "test" ? def.test : def.dev;
  const data = await readGlueSplit(def, layout, options.dataDir, def.takesLabelsFile === true ? options.labelsFile : null);
  const examples = options.limit === null ? data.examples : data.examples.slice(0, options.limit);
  const { numLabels, mapping } = outputLabels(def, ctx.model, options.labelMap);
  for (const w of mapping?.warnings ?? []) ctx.warn(w);

  const encoded = await encodeExamples(ctx.tokenizer, examples, options.maxSeqLength);
  const logits = (await ctx.infer(encoded.features)).get("logits") ?? [];
  const width = logits[0]?.length ?? numLabels;
  if (width !== numLabels) {
    throw new ModelError(ctx.model.path, `the graph's logits have ${width} values per example, config.json says ${numLabels} labels`);
  }
  const labels = def.labels;
  const pred = logits.map((row) => (labels === null ? (row[0] ?? Number.NaN) : (mapping?.modelToTask[argmax(row)] ?? 0)));
  const scored = data.labelled ? computeGlueMetrics(def.metrics, examples.map((ex) => ex.label ?? 0), pred) : { metrics: {}, warnings: [`${def.name}: ${data.file} has no labels; predictions only`] };
  for (const w of scored.warnings) ctx.warn(w);
  return {
    split: data.split,
    n: examples.length,
    features: examples.length,
    metrics: scored.metrics,
    tunedOnEval: [],
    truncated: encoded.truncated,
    dataFile: data.file,
    labelMapping: mapping === null || labels === null ? null : mapping.modelToTask.map((t) => labels[t]?.value ?? ""),
    labelMappingSource: mapping?.source ?? null,
    predictions: predictionLines(def, examples, logits, pred),
    extraFiles: [],
    config: { truncation: "longest_first" },
    tokenizeSeconds: encoded.seconds,
  };
}

/** How many outputs the model has and, for classification, which task label each one is (regression: one raw output). */
function outputLabels(def: GlueTaskDefinition, model: ModelFacts, labelMap: string[] | null): { numLabels: number; mapping: LabelMapping | null } {
  if (def.labels === null) return { numLabels: 1, mapping: null };
  const numLabels = model.numLabels ?? model.id2label?.length ?? HF_DEFAULT_NUM_LABELS;
  return { numLabels, mapping: mapLabels(model.path, def.name, model.id2label, numLabels, def.labels, labelMap) };
}

/**
 * One line per example, built as the file is written: 40,430 objects at once cost QQP 75 ms,
 * most of it garbage collection.
 */
function predictionLines(def: GlueTaskDefinition, examples: readonly GlueExample[], logits: readonly Float32Array[], pred: readonly number[]): Iterable<PredictionLine> {
  const labels = def.labels;
  const line = (ex: GlueExample, i: number): PredictionLine => {
    const p = pred[i] ?? 0;
    return {
      index: ex.index,
      prediction: labels === null ? p : (labels[p]?.value ?? ""),
      label: ex.label === null ? null : labels === null ? ex.label : (labels[ex.label]?.value ?? null),
      logits: toNumbers(logits[i] ?? []),
    };
  };
  return {
    *[Symbol.iterator]() {
      for (const [i, ex] of examples.entries()) yield line(ex, i);
    },
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
