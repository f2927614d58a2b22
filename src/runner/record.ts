/** The `<task>.json` record: the task's own part, with the model, tokenizer, data, flags, runtime and timing around it. */
import { partialOf, RESULT_SCHEMA, type TaskResult } from "../results/schema.js";
import type { TaskRun } from "../tasks/interface.js";
import { sha256File } from "../util/hash.js";
import { resolveBatchOrder, type RunConfig } from "./config.js";
import type { InferStats } from "./infer.js";
import type { LoadedModel } from "./load-model.js";

export interface RecordParts {
  config: RunConfig;
  model: LoadedModel;
  task: string;
  run: TaskRun;
  warnings: string[];
  maxSeqLength: number;
  /** The task's own clock: read, tokenize, infer, decode, score. */
  seconds: number;
  stats: InferStats;
}

export async function taskRecord({ config, model, task, run, warnings, maxSeqLength, seconds, stats }: RecordParts): Promise<TaskResult> {
  const { folder, session } = model;
  return {
    schema: RESULT_SCHEMA,
    task,
    split: run.split,
    n: run.n,
    ...partialOf(run.n, run.splitExamples ?? run.n),
    features: run.features,
    metrics: run.metrics,
    tunedOnEval: run.tunedOnEval,
    warnings,
    model: {
      path: folder.path,
      ...(folder.hub === undefined ? {} : { hub: folder.hub }),
      name: model.name,
      file: folder.onnxFile,
      sha256: model.sha256,
      files: model.files,
      dtype: folder.dtype,
      precision: model.precision,
      layout: folder.layout,
      inputs: [...session.inputNames],
      outputs: [...session.outputNames],
      id2label: model.config.id2label,
      labelMapping: run.labelMapping,
      labelMappingSource: run.labelMappingSource,
    },
    tokenizer: { file: "tokenizer.json", sha256: model.tokenizer.sha256 },
    data: { file: run.dataFile, sha256: await sha256File(run.dataFile) },
    config: {
      max_seq_length: maxSeqLength,
      batch_size: config.options.batchSize,
      limit: config.options.limit,
      batch_order: resolveBatchOrder(config, model.precision),
      padding: "to the longest in each batch",
      ...run.config,
    },
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
    ...(run.nonFinite === undefined ? {} : { nonFinite: run.nonFinite }),
    ...(run.crossfit === undefined ? {} : { crossfit: run.crossfit }),
    // Last: the bulkiest part, read after the figures above.
    ...(run.analysis === undefined ? {} : { analysis: run.analysis }),
  };
}
