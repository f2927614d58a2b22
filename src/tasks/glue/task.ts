/** A GLUE task definition as a Task: read, encode, infer, map labels, score. */
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import { requireDataFiles } from "../data-files.js";
import { inputKey } from "../input-key.js";
import { sliceBounds } from "../shard.js";
import type { ModelFacts, Task, TaskContext, TaskRun } from "../interface.js";
import { encodeExamples } from "./encode.js";
import { finishGlue } from "./finish.js";
import { checkLogitsWidth, outputLabels } from "./output-labels.js";
import { readGlueSplit } from "./read.js";

export { argmax } from "./finish.js";

/** The task without its `merge`, which tasks/join-shards.ts supplies. */
export function glueTask(def: GlueTaskDefinition): Omit<Task, "merge"> {
  return { ...def, run: (ctx) => runGlue(def, ctx), fits: (model, options) => void outputLabels(def, model, options.labelMap) };
}

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
  checkLogitsWidth(def, ctx.model, logits[0]?.length ?? numLabels, numLabels);
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
    splitExamples: data.examples.length,
  };
  // One shard is not scored: the merge scores the whole task.
  const finished = finishGlue(def, outputs, (w) => ctx.warn(w), slice === undefined);
  // The flag as given, so that a later run can tell whether it maps the outputs as this one did.
  const run = options.labelMap === null ? finished : { ...finished, config: { ...finished.config, label_map: options.labelMap.join(",") } };
  return slice === undefined ? run : { ...run, slice };
}
