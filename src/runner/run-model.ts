/**
 * runModel: load one model once, run each task on it, write each task's results as one set
 * under the folder's lock (one shard's into its own folder, `<output dir>/shards/K-of-N`).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { ModelFolder } from "../model/folder.js";
import type { TaskResult } from "../results/schema.js";
import type { TaskName } from "../tasks/catalogue/index.js";
import type { InputMemo } from "../tasks/interface.js";
import type { Hooks, RunConfig } from "./config.js";
import { runInTurn, type Turn } from "./in-turn.js";
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
      const written = await writeTaskOutputs(dir, result, run.predictions, run.extraFiles, { command: config.command, info: hooks.info });
      await cacheSaved;
      hooks.info(`${target.name} ${taskName}: wrote ${join(dir, `${taskName}.json`)}`);
      hooks.written?.(dir, written);
      return written;
    };
    const progress = hooks.progress === undefined ? {} : { progress: hooks.progress };
    const start = (taskName: TaskName, turn: Turn, taskHooks: Hooks) => runTask(config, model, taskName, { hooks: taskHooks, turn, inputs, ...progress });
    return await runInTurn(config.tasks, overlapTasks(config, model), hooks, start, write);
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
