/** Turns a GLUE task definition into a Task: read, encode, infer, map labels, score. */
import { ModelError } from "../../errors.js";
import { computeGlueMetrics } from "../../metrics/glue.js";
import { mapLabels } from "../../model/labels.js";
import type { PredictionLine } from "../../results.js";
import type { EvalContext, Task, TaskRun } from "../types.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import { encodeExamples } from "./encode.js";
import { type GlueExample, readGlueSplit } from "./read.js";

/** A GLUE task keeps its definition, for scoring prediction files without a model. */
export interface GlueTask extends Task {
  readonly definition: GlueTaskDefinition;
}

export function glueTask(def: GlueTaskDefinition): GlueTask {
  return {
    definition: def,
    name: def.name,
    kind: def.labels === null ? "regression" : "classification",
    description: def.description,
    outputs: ["logits"],
    evaluate: (ctx) => evaluateGlue(def, ctx),
  };
}

/** HF's default when config.json names no labels. */
const HF_DEFAULT_NUM_LABELS = 2;

async function evaluateGlue(def: GlueTaskDefinition, ctx: EvalContext): Promise<TaskRun> {
  const { options, model } = ctx;
  const layout = options.split === "test" ? def.test : def.dev;
  const data = await readGlueSplit(def, layout, options.dataDir, def.name === "ax" ? options.labelsFile : null);
  const examples = options.limit === null ? data.examples : data.examples.slice(0, options.limit);
  const labels = def.labels;
  const numLabels = labels === null ? 1 : (model.numLabels ?? model.id2label?.length ?? HF_DEFAULT_NUM_LABELS);
  if (labels === null && numLabels !== 1) throw new ModelError(model.path, `${def.name} is a regression task: the model must have 1 output, config says ${numLabels}`);
  const mapping = labels === null ? null : mapLabels(model.path, def.name, model.id2label, numLabels, labels, options.labelMap);
  for (const w of mapping?.warnings ?? []) ctx.warn(w);

  const encoded = await encodeExamples(ctx.tokenizer, examples, options.maxSeqLength, ctx.onEncoded);
  const logits = (await ctx.infer(encoded.features, ["logits"])).get("logits") ?? [];
  const width = logits[0]?.length ?? numLabels;
  if (width !== numLabels) {
    throw new ModelError(model.path, `the graph's logits have ${width} values per example, config.json says ${numLabels} labels`);
  }
  const pred = logits.map((row) => (labels === null ? (row[0] ?? Number.NaN) : (mapping?.modelToTask[argmax(row)] ?? 0)));
  const line = (ex: GlueExample, i: number): PredictionLine => {
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
    predictions,
    extraFiles: [],
    config: { truncation: "longest_first" },
    tokenizeSeconds: encoded.seconds,
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
