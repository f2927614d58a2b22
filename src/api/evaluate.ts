/**
 * evaluate(options): the models on the tasks, as `glue-eval run` evaluates them, returning the
 * records it writes; written only when asked (`outputDir` or `write`).
 */
import { throwIfAborted } from "../errors.js";
import type { PredictionLine } from "../results/schema.js";
import type { Hooks } from "../runner/config.js";
import type { ProgressEvent } from "../runner/events.js";
import { checkRunFolders } from "./folders.js";
import type { EvaluateOptions, ModelEvaluation } from "./options.js";
import { resolveRunConfig } from "./resolve.js";

const quiet = (): void => undefined;

/**
 * Rejects with a GlueEvalError for bad options or input (its `exitCode` is the command line's),
 * and with an AbortError once `signal` is aborted. The native addons (tokenizers, onnxruntime)
 * load here, not when the package is imported.
 */
export async function evaluate(options: EvaluateOptions): Promise<ModelEvaluation[]> {
  throwIfAborted(options.signal);
  const config = resolveRunConfig(options);
  checkRunFolders(config);
  const kept = new Map<string, Record<string, readonly PredictionLine[]>>();
  const progress = (event: ProgressEvent): void => {
    if (event.type === "task-end" && event.predictions !== undefined) kept.set(event.model, { ...kept.get(event.model), [event.task]: event.predictions });
    options.onProgress?.(event);
  };
  const hooks: Hooks = {
    warn: options.onWarning ?? quiet,
    info: options.onInfo ?? quiet,
    progress,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const { runEvaluation } = await import("../runner/run-evaluation.js");
  const runs = await runEvaluation(config, hooks);
  return runs.map((run) => ({
    name: run.name,
    outputDir: config.write === false ? null : run.outputDir,
    results: run.results,
    ...(config.keepPredictions === true ? { predictions: kept.get(run.name) ?? {} } : {}),
  }));
}
