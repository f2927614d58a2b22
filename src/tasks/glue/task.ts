/** Turns a GLUE task definition into a Task: read, encode, infer, map labels, score. */
import { ModelError } from "../../errors.js";
import { mapLabels } from "../../model/labels.js";
import { sliceBounds } from "../shard.js";
import type { EvalContext, Task, TaskRun } from "../types.js";
import type { GlueTaskDefinition } from "./definition.js";
import { encodeExamples } from "./encode.js";
import { finishGlue } from "./finish.js";
import { mergeGlue } from "./merge.js";
import { readGlueSplit } from "./read.js";

export { argmax } from "./finish.js";

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
    merge: async (parts, warn) => mergeGlue(def, parts, warn),
  };
}

/** HF's default when config.json names no labels. */
const HF_DEFAULT_NUM_LABELS = 2;

async function evaluateGlue(def: GlueTaskDefinition, ctx: EvalContext): Promise<TaskRun> {
  const { options, model } = ctx;
  const layout = options.split === "test" ? def.test : def.dev;
  const data = await readGlueSplit(def, layout, options.dataDir, def.name === "ax" ? options.labelsFile : null);
  const limited = options.limit === null ? data.examples : data.examples.slice(0, options.limit);
  const slice = options.shard === undefined ? undefined : sliceBounds(limited.length, options.shard);
  const examples = slice === undefined ? limited : limited.slice(slice.start, slice.end);
  const labels = def.labels;
  const numLabels = labels === null ? 1 : (model.numLabels ?? model.id2label?.length ?? HF_DEFAULT_NUM_LABELS);
  if (labels === null && numLabels !== 1) throw new ModelError(model.path, `${def.name} is a regression task: the model must have 1 output, config says ${numLabels}`);
  const mapping = labels === null ? null : mapLabels(model.path, def.name, model.id2label, numLabels, labels, options.labelMap);
  for (const w of mapping?.warnings ?? []) ctx.warn(w);

  const encoded = await encodeExamples(ctx.tokenizer, examples, options.maxSeqLength, ctx.onEncoded);
  const logits = examples.length === 0 ? [] : ((await ctx.infer(encoded.features, ["logits"])).get("logits") ?? []);
  const width = logits[0]?.length ?? numLabels;
  if (width !== numLabels) {
    throw new ModelError(model.path, `the graph's logits have ${width} values per example, config.json says ${numLabels} labels`);
  }
  const outputs = {
    split: data.split,
    dataFile: data.file,
    labelled: data.labelled,
    examples,
    logits,
    modelToTask: mapping?.modelToTask ?? null,
    labelMappingSource: mapping?.source ?? null,
    truncated: encoded.truncated,
    tokenizeSeconds: encoded.seconds,
  };
  const run = finishGlue(def, outputs, (w) => ctx.warn(w), slice === undefined);
  return slice === undefined ? run : { ...run, slice };
}
