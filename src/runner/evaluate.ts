/** evaluate(config): for each model, load it once, run each task, write its results atomically. */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { GlueEvalError } from "../errors.js";
import { readModelConfig } from "../model/config.js";
import { type ModelFolder, resolveModelFolder } from "../model/folder.js";
import { resolveModel } from "../model/hub.js";
import { onnxruntimeVersion, openSession } from "../model/session.js";
import { readTokenizerFile } from "../model/tokenizer.js";
import { tasks } from "../tasks/index.js";
import type { ModelFacts, Task } from "../tasks/types.js";
import { sha256File } from "../util/hash.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { DEFAULT_MAX_SEQ_LENGTH, type RunConfig } from "./config.js";
import { cacheKey, hashFeatures, openCache } from "./cache.js";
import { inferAll, type InferStats } from "./infer.js";
import { createProgress } from "./progress.js";
import { RESULT_SCHEMA, type TaskResult } from "./results.js";
import { writeTaskOutputs } from "./write.js";

export interface ModelRun {
  name: string;
  outputDir: string;
  results: TaskResult[];
}

export interface Hooks {
  warn(message: string): void;
  info(message: string): void;
}

export async function evaluate(config: RunConfig, hooks: Hooks): Promise<ModelRun[]> {
  const runs: ModelRun[] = [];
  for (const [i, path] of config.models.entries()) {
    // A hub id (org/name) is downloaded into the HF cache first; a folder is used as it is.
    const local = await resolveModel(path, { dtype: config.dtype });
    const folder = { ...resolveModelFolder(local, config.dtype), path };
    const base = local === path ? folder.name : (path.split("/").pop() ?? folder.name);
    const name = config.names[i] ?? (config.dtype === "q8" ? `${base}-q8` : base);
    const outputDir = config.outputDir === null ? join("results", name) : config.models.length > 1 ? join(config.outputDir, name) : config.outputDir;
    runs.push({ name, outputDir, results: await evaluateModel(config, folder, name, outputDir, hooks) });
  }
  return runs;
}

async function evaluateModel(config: RunConfig, folder: ModelFolder, name: string, outputDir: string, hooks: Hooks): Promise<TaskResult[]> {
  const modelConfig = await readModelConfig(folder.configPath);
  const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
  const threads = config.threads > 0 ? config.threads : availableParallelism();
  const session = await openSession(folder.onnxPath, { threads, executionProvider: config.executionProvider });
  try {
    const facts: ModelFacts = { ...modelConfig, inputNames: session.inputNames, outputNames: session.outputNames, path: folder.path };
    const unfed = session.inputNames.filter((n) => !["input_ids", "attention_mask", "token_type_ids"].includes(n));
    if (unfed.length > 0) throw new GlueEvalError("INPUT_MISMATCH", `${folder.onnxPath}: the graph takes inputs glue-eval does not feed: ${unfed.join(", ")}`);
    const modelSha = await sha256File(folder.onnxPath);
    const ortVersion = await onnxruntimeVersion();
    const results: TaskResult[] = [];
    for (const taskName of config.tasks) {
      const task: Task = tasks[taskName];
      const missing = task.outputs.filter((o) => !session.outputNames.includes(o));
      if (missing.length > 0) {
        const kind = task.kind === "qa" ? "question-answering" : "sequence-classification";
        throw new GlueEvalError("MODEL", `${folder.onnxPath}: ${taskName} needs a ${kind} model with output ${missing.join(", ")}; this graph outputs ${session.outputNames.join(", ")}`);
      }
      const started = performance.now();
      const inferStats: InferStats = { seconds: 0, batches: 0, realTokens: 0, fedTokens: 0, cachedBatches: 0 };
      const maxSeqLength = config.maxSeqLength ?? (task.kind === "qa" ? DEFAULT_MAX_SEQ_LENGTH.qa : DEFAULT_MAX_SEQ_LENGTH.glue);
      const run = await task.evaluate({
        options: { ...config.options, maxSeqLength },
        tokenizer,
        model: facts,
        warn: hooks.warn,
        infer: (features, outputs) => {
          const progress = createProgress(`${name} ${taskName}`, features.length, config.progress);
          const onBatch = (done: number): void => progress.advance(done);
          const base = { batchSize: config.options.batchSize, padId: tokenizer.padId, onBatch };
          // Batch size is part of the key: int8 graphs give batch-dependent outputs.
          const { batchSize, docStride, split } = config.options;
          const key = cacheKey({ glueEval: GLUE_EVAL_VERSION, model: modelSha, tokenizer: tokenizer.sha256, task: taskName, split, maxSeqLength, batchSize, docStride, padId: tokenizer.padId, outputs, inputs: hashFeatures(features) });
          const options = config.cacheDir === null ? base : { ...base, cache: openCache(config.cacheDir, key) };
          return inferAll(session, features, outputs, options, inferStats).finally(() => progress.finish());
        },
      });
      const seconds = (performance.now() - started) / 1000;
      if (inferStats.cachedBatches > 0) hooks.info(`${name} ${taskName}: reused ${inferStats.cachedBatches} of ${inferStats.batches} batches from the cache`);
      const result: TaskResult = {
        schema: RESULT_SCHEMA,
        task: taskName,
        split: run.split,
        n: run.n,
        features: run.features,
        metrics: run.metrics,
        tunedOnEval: run.tunedOnEval,
        warnings: [],
        model: {
          path: folder.path,
          name,
          file: folder.onnxFile,
          sha256: modelSha,
          dtype: folder.dtype,
          layout: folder.layout,
          inputs: [...session.inputNames],
          outputs: [...session.outputNames],
          id2label: modelConfig.id2label,
          labelMapping: run.labelMapping,
          labelMappingSource: run.labelMappingSource,
        },
        tokenizer: { file: "tokenizer.json", sha256: tokenizer.sha256 },
        data: { file: run.dataFile, sha256: await sha256File(run.dataFile) },
        config: {
          max_seq_length: maxSeqLength,
          batch_size: config.options.batchSize,
          limit: config.options.limit,
          padding: "longest in length-sorted batch",
          ...run.config,
        },
        truncated: run.truncated,
        runtime: { glueEval: GLUE_EVAL_VERSION, onnxruntime: ortVersion, node: process.version, threads, executionProvider: config.executionProvider },
        command: [...config.command],
        date: new Date().toISOString(),
        timing: {
          seconds,
          examplesPerSecond: seconds > 0 ? run.n / seconds : 0,
          tokenizeSeconds: run.tokenizeSeconds,
          inferSeconds: inferStats.seconds,
          batches: inferStats.batches,
          cachedBatches: inferStats.cachedBatches,
          paddingFraction: inferStats.fedTokens > 0 ? 1 - inferStats.realTokens / inferStats.fedTokens : 0,
        },
      };
      await writeTaskOutputs(outputDir, result, run.predictions, run.extraFiles);
      hooks.info(`${name} ${taskName}: wrote ${join(outputDir, `${taskName}.json`)}`);
      results.push(result);
    }
    return results;
  } finally {
    await session.release();
  }
}

