/**
 * runModel: load one model once, run each task on it, write each task's results as one set
 * under the folder's lock (one shard's into its own folder, `<output dir>/shards/K-of-N`).
 */
import { join } from "node:path";
import type { ModelFolder } from "../model/folder.js";
import type { TaskResult } from "../results.js";
import type { Hooks, RunConfig } from "./config.js";
import { loadModel } from "./load-model.js";
import { runTask } from "./run-task.js";
import { shardFolder, shardResult } from "./shard.js";
import { writeTaskOutputs } from "./write.js";

/** A model to evaluate: its folder, its display name and its results folder. */
export interface ModelTarget {
  folder: ModelFolder;
  name: string;
  outputDir: string;
}

export async function runModel(config: RunConfig, target: ModelTarget, hooks: Hooks): Promise<TaskResult[]> {
  const model = await loadModel(config, target.folder, target.name);
  try {
    const results: TaskResult[] = [];
    for (const taskName of config.tasks) {
      const { result: whole, run, stats, cacheSaved } = await runTask(config, model, taskName, hooks);
      const dir = config.shard === undefined ? target.outputDir : shardFolder(target.outputDir, config.shard);
      const result = config.shard === undefined ? whole : shardResult(whole, run.slice, stats);
      const written = await writeTaskOutputs(dir, result, run.predictions, run.extraFiles, { command: config.command, info: hooks.info });
      await cacheSaved;
      hooks.info(`${target.name} ${taskName}: wrote ${join(dir, `${taskName}.json`)}`);
      results.push(written);
    }
    return results;
  } finally {
    await model.session.release();
  }
}
