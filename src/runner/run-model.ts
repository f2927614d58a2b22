/**
 * runModel: load one model once, run each task on it, write each task's results as one set
 * under the folder's lock (one shard's into its own folder, `<output dir>/shards/K-of-N`).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { throwIfAborted } from "../errors.js";
import type { ModelFolder } from "../model/folder.js";
import type { TaskResult } from "../results/schema.js";
import type { InputMemo } from "../tasks/interface.js";
import type { Hooks, RunConfig } from "./config.js";
import { runInTurn } from "./in-turn.js";
import { type LoadedModel, loadModel } from "./load-model.js";
import { runTask, type TaskOutcome } from "./run-task.js";
import { shardFolder, shardResult } from "./shard.js";
import { writeTaskOutputs } from "../results/write.js";
import type { WorkerPlan } from "./workers/plan.js";

/** A model to evaluate: its folder, its display name and its results folder. */
export interface ModelTarget {
  folder: ModelFolder;
  name: string;
  outputDir: string;
}

/** `workers`: `--nproc auto` chose this one process, a choice the results record. */
export async function runModel(config: RunConfig, target: ModelTarget, hooks: Hooks, inputs: InputMemo, workers?: WorkerPlan): Promise<TaskResult[]> {
  const model = await loadModel(config, target.folder, target.name);
  try {
    const dir = config.shard === undefined ? target.outputDir : shardFolder(target.outputDir, config.shard);
    const write = async (taskName: string, { result: whole, run, stats, cacheSaved }: TaskOutcome): Promise<TaskResult> => {
      const sliced = config.shard === undefined ? whole : shardResult(whole, run.slice, stats);
      const result = workers === undefined ? sliced : { ...sliced, timing: { ...sliced.timing, workers } };
      // Once aborted, not a file more: what the task computed is dropped.
      throwIfAborted(hooks.signal);
      const predictions = config.keepPredictions === true ? [...run.predictions] : run.predictions;
      let written = result;
      if (config.write !== false) written = await writeTaskOutputs(dir, result, predictions, run.extraFiles, { command: config.command, info: hooks.info });
      await cacheSaved;
      if (config.write !== false) hooks.info(`${target.name} ${taskName}: wrote ${join(dir, `${taskName}.json`)}`);
      hooks.progress?.({ type: "task-end", model: target.name, task: taskName, result: written, ...(Array.isArray(predictions) ? { predictions } : {}) });
      return written;
    };
    return await runInTurn(
      config.tasks,
      overlapTasks(config, model),
      hooks,
      (taskName, turn, taskHooks) => runTask(config, model, taskName, { hooks: taskHooks, turn, inputs }),
      write,
    );
  } finally {
    await model.session.release();
  }
}

/**
 * Whether the next task reads and tokenizes while this one infers: always with "on", never
 * with "off"; with "auto", when onnxruntime leaves cores to the tokenizer (an accelerator
 * provider, or fewer intra-op threads than cores). Both at once on the same cores made tiny BERT
 * slower on 2 cores (README, "Overlap").
 */
export function overlapTasks(config: Pick<RunConfig, "overlap" | "executionProvider">, model: Pick<LoadedModel, "runtime">): boolean {
  if (config.overlap !== "auto") return config.overlap === "on";
  return config.executionProvider !== "cpu" || model.runtime.threads < availableParallelism();
}
