/**
 * runTask: one task on one loaded model. Checks the graph's outputs, sets max_seq_length,
 * runs the task with inference wired in (batches, cache, progress), and assembles its record.
 */
import { GlueEvalError } from "../errors.js";
import type { TaskResult } from "../results/schema.js";
import type { TaskName } from "../tasks/catalogue/index.js";
import { tasks } from "../tasks/index.js";
import type { Feature, InferOutputs, InputMemo, ModelFacts, Task, TaskRun } from "../tasks/interface.js";
import { exampleProgress } from "../util/progress.js";
import { inferenceCacheKey } from "./cache/key.js";
import { openCache } from "./cache/store.js";
import { type Hooks, resolveBatchOrder, type RunConfig } from "./config.js";
import { type InferOptions, type InferStats, inferAll } from "./infer.js";
import type { LoadedModel } from "./load-model.js";
import type { Turn } from "./in-turn.js";
import { taskRecord } from "./record.js";
import { shardOption } from "./shard.js";

export interface TaskOutcome {
  result: TaskResult;
  run: TaskRun;
  stats: InferStats;
  /** Resolves once the model outputs are in the cache (or, with a warning, could not be saved); never rejects. */
  cacheSaved: Promise<void>;
}

/** How a task runs beside the others of its run. */
export interface TaskSetting {
  hooks: Hooks;
  /** The task reads and tokenizes at once but runs inference only when its turn comes (in-turn.ts); its clock leaves out the wait. */
  turn: Turn;
  /** Tokenized inputs kept across model rows (input-memo.ts). */
  inputs: InputMemo;
}

export async function runTask(config: RunConfig, model: LoadedModel, taskName: TaskName, { hooks, turn, inputs }: TaskSetting): Promise<TaskOutcome> {
  const task: Task = tasks[taskName];
  checkOutputs(task, model.session.outputNames, model.folder.onnxPath);
  const started = performance.now();
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    hooks.warn(message);
  };
  const maxSeqLength = maxSeqLengthFor(task, config.maxSeqLength, model.config.modelMaxLength, warn);
  // Cache warnings go to the terminal only: a cache may make a run faster, never different, so it leaves no trace in the record.
  const inference = new TaskInference(config, model, task, maxSeqLength, hooks, turn);
  const options = { ...config.options, maxSeqLength, ...shardOption(config, model.precision) };
  const context = { options, tokenizer: model.tokenizer, model: modelFacts(model), warn, infer: inference.infer, inputs };
  // A task that fails after inference still lets its cache saves finish (or fail) quietly.
  const run = await task.run(context).catch(async (error: unknown) => {
    await Promise.allSettled(inference.pendingSaves);
    throw error;
  });
  const seconds = (performance.now() - started) / 1000 - inference.waitedSeconds;
  const { stats } = inference;
  if (stats.cachedBatches > 0) hooks.info(`${model.name} ${taskName}: reused ${stats.cachedBatches} of ${stats.batches} batches from the cache`);
  const result = await taskRecord({ config, model, task: taskName, run, warnings, maxSeqLength, seconds, stats });
  // Saves never reject: the cache turns a failed save into a warning (openCache).
  const cacheSaved = Promise.all(inference.pendingSaves).then(() => undefined);
  return { result, run, stats, cacheSaved };
}

/** The graph must give every output the task declares: refused before any work, naming the kind of model needed. */
export function checkOutputs(task: Task, outputNames: readonly string[], onnxPath: string): void {
  const missing = task.outputs.map((o) => o.name).filter((name) => !outputNames.includes(name));
  if (missing.length === 0) return;
  const kind = task.kind === "qa" ? "question-answering" : "sequence-classification";
  throw new GlueEvalError(
    "MODEL",
    `${onnxPath}: ${task.name} needs a ${kind} model with output ${missing.join(", ")}; this graph outputs ${outputNames.join(", ")}`,
  );
}

/** --max-seq-length, else the task's default; capped at the tokenizer's model_max_length with a warning, as run_glue.py / run_qa.py do. */
export function maxSeqLengthFor(task: Task, flag: number | null, modelMax: number | null, warn: (message: string) => void): number {
  const requested = flag ?? task.maxSeqLength;
  const maxSeqLength = modelMax === null ? requested : Math.min(requested, modelMax);
  if (maxSeqLength < requested) {
    warn(`${task.name}: max_seq_length ${requested} is longer than the model's maximum (${modelMax}); using ${maxSeqLength}, as run_glue.py / run_qa.py do`);
  }
  return maxSeqLength;
}

function modelFacts(model: LoadedModel): ModelFacts {
  const { session, folder } = model;
  return { ...model.config, inputNames: session.inputNames, outputNames: session.outputNames, path: folder.path };
}

/** Inference for one task (its outputs, batching, cache and progress bar), with the totals and pending cache saves of its calls. */
class TaskInference {
  stats: InferStats = { seconds: 0, batches: 0, realTokens: 0, fedTokens: 0, cachedBatches: 0 };
  readonly pendingSaves: Promise<void>[] = [];
  /** Time spent waiting for the turn (not the task's own). */
  waitedSeconds = 0;

  constructor(
    private readonly config: RunConfig,
    private readonly model: LoadedModel,
    private readonly task: Task,
    private readonly maxSeqLength: number,
    private readonly hooks: Hooks,
    private readonly turn: Turn,
  ) {}

  readonly infer = async (features: readonly Feature[]): Promise<InferOutputs> => {
    this.turn.asked();
    const waiting = performance.now();
    await this.turn.ready;
    this.waitedSeconds += (performance.now() - waiting) / 1000;
    const { model, task, hooks } = this;
    const progress = exampleProgress(`${model.name} ${task.name}`, features.length, this.config.progress);
    const event = { model: model.name, task: task.name };
    hooks.progress?.({ type: "task-start", ...event, total: features.length });
    try {
      const onBatch = (done: number, total: number, batch: number, batches: number): void => {
        progress.update(done);
        hooks.progress?.({ type: "batch", ...event, done, total, batch, batches });
      };
      const signal = hooks.signal === undefined ? {} : { signal: hooks.signal };
      const options = { ...inferOptions(this.config, model, task, this.maxSeqLength, features, hooks.warn), onBatch, ...signal };
      const done = await inferAll(model.session, features, task.outputs, options);
      this.pendingSaves.push(...done.pendingSaves);
      this.stats = addStats(this.stats, done.stats);
      return done.outputs;
    } finally {
      progress.end();
    }
  };
}

function inferOptions(
  config: RunConfig,
  model: LoadedModel,
  task: Task,
  maxSeqLength: number,
  features: readonly Feature[],
  cacheWarn: (message: string) => void,
): InferOptions {
  const { batchSize, docStride, split } = config.options;
  const order = resolveBatchOrder(config, model.precision);
  const options: InferOptions = { batchSize, order, padId: model.tokenizer.padId };
  if (config.cacheDir === null) return options;
  const key = inferenceCacheKey({
    modelSha256: model.sha256,
    tokenizerSha256: model.tokenizer.sha256,
    padId: model.tokenizer.padId,
    task: task.name,
    split,
    maxSeqLength,
    batchSize,
    order,
    docStride,
    outputs: task.outputs.map((o) => o.name),
    features,
    runtime: model.runtime,
  });
  return { ...options, cache: openCache(config.cacheDir, key, cacheWarn) };
}

function addStats(a: InferStats, b: InferStats): InferStats {
  return {
    seconds: a.seconds + b.seconds,
    batches: a.batches + b.batches,
    realTokens: a.realTokens + b.realTokens,
    fedTokens: a.fedTokens + b.fedTokens,
    cachedBatches: a.cachedBatches + b.cachedBatches,
  };
}
