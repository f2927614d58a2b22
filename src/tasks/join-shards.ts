/**
 * Each task's `merge`: its shards joined into the whole task. Kept apart from the code that
 * runs a model, so that `glue-eval merge` loads neither the tokenizers addon nor onnxruntime.
 */
import { catalogue, TASK_NAMES, type TaskDefinition, type TaskName } from "./catalogue/index.js";
import { mergeGlue } from "./glue/join-shards.js";
import { mergeSquad } from "./squad/join-shards.js";
import type { Task } from "./interface.js";

function mergeOf(def: TaskDefinition): Task["merge"] {
  return def.format === "tsv" ? async (ctx) => mergeGlue(def, ctx) : (ctx) => mergeSquad(def, ctx);
}

export const merges: Readonly<Record<TaskName, Task["merge"]>> = Object.fromEntries(TASK_NAMES.map((name) => [name, mergeOf(catalogue[name])])) as Record<
  TaskName,
  Task["merge"]
>;
