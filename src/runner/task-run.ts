/** One task on one loaded model: wire inference (batches, cache, progress), run the task, assemble its TaskResult. */
import type { ModelConfig } from "../model/config.js";
import type { ModelFolder } from "../model/folder.js";
import type { ModelSession } from "../model/session.js";
import type { TokenizerFile } from "../model/tokenizer.js";
import { GlueEvalError } from "../errors.js";
import { type TaskName, tasks } from "../tasks/index.js";
import type { Feature, InferOutputs, Task, TaskRun } from "../tasks/types.js";
import { sha256File } from "../util/hash.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { BATCHING_SCHEME } from "./batching.js";
import { cacheKey, hashFeatures, openCache } from "./cache.js";
import { runtimeKeyParts } from "./cache-key.js";
import { DEFAULT_MAX_SEQ_LENGTH, resolveBatchOrder, type RunConfig } from "./config.js";
import type { Hooks } from "./evaluate.js";
import { type InferOptions, type InferStats, inferAll } from "./infer.js";
import { createProgress } from "./progress.js";
import { RESULT_SCHEMA, type TaskResult } from "./results.js";

export interface LoadedModel {
  folder: ModelFolder;
  name: string;
  config: ModelConfig;
  tokenizer: TokenizerFile;
  session: ModelSession;
  sha256: string;
  runtime: TaskResult["runtime"];
}

export interface TaskOutcome {
  result: TaskResult;
  run: TaskRun;
  /** Settles once the model outputs are in the cache; a failed save is a warning (the results stand). */
  cacheSaved: Promise<void>;
}

export async function evaluateTask(config: RunConfig, model: LoadedModel, taskName: TaskName, hooks: Hooks): Promise<TaskOutcome> {
  const task: Task = tasks[taskName];
  const { session, folder } = model;
  const missing = task.outputs.filter((o) => !session.outputNames.includes(o));
  if (missing.length > 0) {
    const kind = task.kind === "qa" ? "question-answering" : "sequence-classification";
    throw new GlueEvalError("MODEL", `${folder.onnxPath}: ${taskName} needs a ${kind} model with output ${missing.join(", ")}; this graph outputs ${session.outputNames.join(", ")}`);
  }
  const started = performance.now();
  const saves: Promise<void>[] = [];
  const stats: InferStats = { seconds: 0, batches: 0, realTokens: 0, fedTokens: 0, cachedBatches: 0 };
  const warnings: string[] = [];
  const requested = config.maxSeqLength ?? (task.kind === "qa" ? DEFAULT_MAX_SEQ_LENGTH.qa : DEFAULT_MAX_SEQ_LENGTH.glue);
  const limit = model.config.modelMaxLength;
  const maxSeqLength = limit === null ? requested : Math.min(requested, limit);
  if (maxSeqLength < requested) {
    warnings.push(`${taskName}: max_seq_length ${requested} is longer than the model's maximum (${limit}); using ${maxSeqLength}, as run_glue.py / run_qa.py do`);
    hooks.warn(warnings[0] as string);
  }
  // A task that fails after inference still lets its cache saves finish (or fail) quietly.
  const run = await task
    .evaluate({
      options: { ...config.options, maxSeqLength },
      tokenizer: model.tokenizer,
      model: { ...model.config, inputNames: session.inputNames, outputNames: session.outputNames, path: folder.path },
      warn: (message) => {
        warnings.push(message);
        hooks.warn(message);
      },
      infer: (features, outputs) => infer(config, model, taskName, maxSeqLength, features, outputs, stats, saves, hooks.warn),
    })
    .catch(async (error: unknown) => {
      await Promise.allSettled(saves);
      throw error;
    });
  const seconds = (performance.now() - started) / 1000;
  if (stats.cachedBatches > 0) hooks.info(`${model.name} ${taskName}: reused ${stats.cachedBatches} of ${stats.batches} batches from the cache`);
  const result: TaskResult = {
    schema: RESULT_SCHEMA,
    task: taskName,
    split: run.split,
    n: run.n,
    features: run.features,
    metrics: run.metrics,
    tunedOnEval: run.tunedOnEval,
    warnings,
    model: {
      path: folder.path,
      name: model.name,
      file: folder.onnxFile,
      sha256: model.sha256,
      dtype: folder.dtype,
      layout: folder.layout,
      inputs: [...session.inputNames],
      outputs: [...session.outputNames],
      id2label: model.config.id2label,
      labelMapping: run.labelMapping,
      labelMappingSource: run.labelMappingSource,
    },
    tokenizer: { file: "tokenizer.json", sha256: model.tokenizer.sha256 },
    data: { file: run.dataFile, sha256: await sha256File(run.dataFile) },
    config: { max_seq_length: maxSeqLength, batch_size: config.options.batchSize, limit: config.options.limit, batch_order: resolveBatchOrder(config), padding: "to the longest in each batch", ...run.config },
    truncated: run.truncated,
    runtime: model.runtime,
    command: [...config.command],
    date: new Date().toISOString(),
    timing: {
      seconds,
      examplesPerSecond: seconds > 0 ? run.n / seconds : 0,
      tokenizeSeconds: run.tokenizeSeconds,
      inferSeconds: stats.seconds,
      batches: stats.batches,
      cachedBatches: stats.cachedBatches,
      paddingFraction: stats.fedTokens > 0 ? 1 - stats.realTokens / stats.fedTokens : 0,
    },
  };
  const cacheSaved = Promise.all(saves).then(
    () => undefined,
    (error: unknown) =>
      hooks.warn(
        `${model.name} ${taskName}: could not save model outputs to the cache (${error instanceof Error ? error.message : String(error)}); the results are not affected`,
      ),
  );
  return { result, run, cacheSaved };
}

function infer(
  config: RunConfig,
  model: LoadedModel,
  taskName: TaskName,
  maxSeqLength: number,
  features: readonly Feature[],
  outputs: readonly string[],
  stats: InferStats,
  saves: Promise<void>[],
  warn: (message: string) => void,
): Promise<InferOutputs> {
  const progress = createProgress(`${model.name} ${taskName}`, features.length, config.progress);
  const { batchSize, docStride, split } = config.options;
  const order = resolveBatchOrder(config);
  const options: InferOptions = { batchSize, order, padId: model.tokenizer.padId, onBatch: (done) => progress.advance(done), saves };
  if (config.cacheDir !== null) {
    // Batch size is part of the key: int8 graphs give batch-dependent outputs.
    const key = cacheKey({
      glueEval: GLUE_EVAL_VERSION,
      model: model.sha256,
      tokenizer: model.tokenizer.sha256,
      task: taskName,
      split,
      maxSeqLength,
      batchSize,
      order,
      batching: order === "length" ? BATCHING_SCHEME : "consecutive",
      docStride,
      padId: model.tokenizer.padId,
      outputs,
      inputs: hashFeatures(features),
      ...runtimeKeyParts(model.runtime),
    });
    options.cache = openCache(config.cacheDir, key, warn);
  }
  return inferAll(model.session, features, outputs, options, stats).finally(() => progress.finish());
}
