/** runEvaluation(config): each model row (a model in one dtype) in turn, under its display name, into its results folder. */
import type { TaskResult } from "../results/schema.js";
import { withUsableCache } from "./cache/check-folder.js";
import type { Hooks, RunConfig } from "./config.js";
import { keepForTheRun, keepNothing } from "./input-memo.js";
import { planModelRows } from "./model-rows.js";
import { checkTasksFit } from "./preflight.js";
import { checkReplacements } from "./replace-guard.js";
import { runModel } from "./run-model.js";
import { checkShardOrder } from "./shard.js";
import { choosePlan } from "./workers/auto.js";

export interface ModelRun {
  name: string;
  outputDir: string;
  results: TaskResult[];
}

export async function runEvaluation(given: RunConfig, hooks: Hooks): Promise<ModelRun[]> {
  // An unusable cache folder is one warning, before any work; the run goes on without it.
  const config = await withUsableCache(given, hooks.warn);
  const targets = await planModelRows(config, hooks);
  await checkShardOrder(
    config,
    targets.map((t) => t.folder.onnxPath),
  );
  await checkTasksFit(config, targets);
  await checkReplacements(config, targets);
  const plan = await choosePlan(config, targets);
  if (plan !== null && plan.count > 1) {
    // This process plans, joins and writes; its workers load the model and evaluate.
    const { runInWorkers } = await import("./workers/run-workers.js");
    const results = await runInWorkers(config, targets, plan, hooks);
    return targets.map((target, i) => ({ name: target.name, outputDir: target.outputDir, results: results[i] ?? [] }));
  }
  const runs: ModelRun[] = [];
  // Several model rows (dtypes, or models sharing a tokenizer) tokenize each task once.
  const inputs = targets.length > 1 ? keepForTheRun() : keepNothing;
  for (const target of targets) {
    runs.push({ name: target.name, outputDir: target.outputDir, results: await runModel(config, target, hooks, inputs, plan ?? undefined) });
  }
  return runs;
}
