/** A GLUE task definition as a Task: read, encode, infer, map labels, score. */
import { ModelError } from "../../errors.js";
import { type LabelMapping, mapLabels } from "../../model/labels.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import { requireDataFiles } from "../data-files.js";
import { inputKey } from "../input-key.js";
import { sliceBounds } from "../shard.js";
import type { ModelFacts, Task, TaskContext, TaskRun } from "../interface.js";
import { encodeExamples } from "./encode.js";
import { finishGlue } from "./finish.js";
import { readGlueSplit } from "./read.js";

export { argmax } from "./finish.js";

/** The task without its `merge`, which tasks/join-shards.ts supplies. */
export function glueTask(def: GlueTaskDefinition): Omit<Task, "merge"> {
  return { ...def, run: (ctx) => runGlue(def, ctx) };
}

/** HF's default when config.json names no labels. */
const HF_DEFAULT_NUM_LABELS = 2;

async function runGlue(def: GlueTaskDefinition, ctx: TaskContext): Promise<TaskRun> {
  const { options } = ctx;
  const layout = options.split === "test" ? def.test : def.dev;
  requireDataFiles([def], options.dataDir, options.split);
  const data = await readGlueSplit(def, layout, options.dataDir, def.takesLabelsFile === true ? options.labelsFile : null);
  const limited = options.limit === null ? data.examples : data.examples.slice(0, options.limit);
  const slice = options.shard === undefined ? undefined : sliceBounds(limited.length, options.shard);
  const examples = slice === undefined ? limited : limited.slice(slice.start, slice.end);
  const { numLabels, mapping } = outputLabels(def, ctx.model, options.labelMap);
  for (const w of mapping?.warnings ?? []) ctx.warn(w);

  const tokenizing = performance.now();
  const key = (): string => inputKey("glue", [ctx.tokenizer.sha256, options.maxSeqLength, examples.map((ex) => [ex.text, ex.pair])]);
  const encoded = await ctx.inputs.get(key, () => encodeExamples(ctx.tokenizer, examples, options.maxSeqLength));
  const tokenizeSeconds = (performance.now() - tokenizing) / 1000;
  const logits = examples.length === 0 ? [] : ((await ctx.infer(encoded.features)).get("logits") ?? []);
  const width = logits[0]?.length ?? numLabels;
  if (width !== numLabels) {
    throw new ModelError(ctx.model.path, `the graph's logits have ${width} values per example, config.json says ${numLabels} labels`);
  }
  const outputs = {
    split: data.split,
    dataFile: data.file,
    labelled: data.labelled,
    examples,
    logits,
    lengths: encoded.features.map((f) => f.ids.length),
    mapping,
    truncated: encoded.truncated,
    tokenizeSeconds,
  };
  // One shard is not scored: the merge scores the whole task.
  const run = finishGlue(def, outputs, (w) => ctx.warn(w), slice === undefined);
  return slice === undefined ? run : { ...run, slice };
}

/** How many outputs the model has and, for classification, which task label each one is (regression: one raw output). */
function outputLabels(def: GlueTaskDefinition, model: ModelFacts, labelMap: string[] | null): { numLabels: number; mapping: LabelMapping | null } {
  if (def.labels === null) return { numLabels: 1, mapping: null };
  const numLabels = model.numLabels ?? model.id2label?.length ?? HF_DEFAULT_NUM_LABELS;
  return { numLabels, mapping: mapLabels(model.path, def.name, model.id2label, numLabels, def.labels, labelMap) };
}
