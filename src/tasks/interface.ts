/**
 * The Task interface: everything the runner knows about a task. The runner loads the
 * model and tokenizer, offers batched inference, and writes the outputs; a task reads its
 * data, encodes it, asks for inference, decodes and scores.
 */
import type { TaskAnalysis } from "../analysis.js";
import type { TokenizerFile } from "../model/tokenizer.js";
import type { CrossfitFigures, MetricValues, NonFiniteCount, PredictionLine, TaskResult } from "../results/schema.js";
import type { TaskFacts } from "./catalogue/types.js";
import type { ShardRequest, ShardSlice } from "./shard.js";

/** One model input row: token ids (and segment ids where the graph takes them), unpadded. */
export interface Feature {
  ids: ArrayLike<number>;
  typeIds: ArrayLike<number>;
}

/** Per output the task declares, one row per feature in feature order (per-token rows have the feature's length). */
export type InferOutputs = Map<string, Float32Array[]>;

export interface ModelFacts {
  /** id2label from config.json in index order, or null when absent. */
  id2label: string[] | null;
  numLabels: number | null;
  problemType: string | null;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** Folder path, for error messages. */
  path: string;
}

export interface TaskOptions {
  dataDir: string;
  split: "dev" | "test";
  /** Evaluate only the first N examples. */
  limit: number | null;
  maxSeqLength: number;
  batchSize: number;
  /** GLUE: --label-map override, model index -> task label name. */
  labelMap: string[] | null;
  /** SQuAD flags. */
  docStride: number;
  nBestSize: number;
  maxAnswerLength: number;
  nullScoreDiffThreshold: number;
  /** Optional labelled file for tasks whose public split has no labels (ax). */
  labelsFile: string | null;
  /** Evaluate one shard of the examples (after `limit`); absent for the whole task. */
  shard?: ShardRequest;
}

export interface TaskContext {
  options: Readonly<TaskOptions>;
  tokenizer: TokenizerFile;
  model: ModelFacts;
  /** Batched inference over the features, for every output the task declares. */
  infer(features: readonly Feature[]): Promise<InferOutputs>;
  /** Where the task keeps its tokenized inputs for the next model row of the run (see InputMemo). */
  inputs: InputMemo;
  warn(message: string): void;
}

/**
 * Tokenized inputs kept across the model rows of one run (several dtypes of a model, or models
 * that share a tokenizer): `compute` runs once per key, and a later row with the same key gets
 * the same value. The key names everything the value is computed from (see inputKey); it is
 * asked for only where something is kept (hashing every text costs QQP dev about 30 ms).
 */
export interface InputMemo {
  get<T>(key: () => string, compute: () => Promise<T>): Promise<T>;
}

export interface ExtraFile {
  /** File name inside the output folder, e.g. "squad.nbest.json". */
  name: string;
  /** The content, or a function that renders it when the file is written (after the task's clock stops), whole or in pieces. */
  data: string | (() => string | Iterable<string>);
}

/** What `Task.run` hands back: the task's part of the results, which the runner completes with model and timing facts. */
export interface TaskRun {
  split: string;
  n: number;
  /** Examples in the whole split (before --limit and sharding); absent where the task does not know it (a merge). */
  splitExamples?: number;
  features: number;
  metrics: MetricValues;
  /** Where the model errs, computed with the metrics (absent for a shard and for unlabelled splits). */
  analysis?: TaskAnalysis;
  tunedOnEval: string[];
  truncated: number;
  dataFile: string;
  /** Model output index -> task label, when the task mapped labels. */
  labelMapping: string[] | null;
  labelMappingSource: "names" | "generic" | "override" | null;
  /** One line per example in file order; may be built line by line as it is written (after the task's clock stops). */
  predictions: Iterable<PredictionLine>;
  extraFiles: ExtraFile[];
  /** Config entries to record (e.g. doc_stride and its meaning). */
  config: Record<string, string | number | boolean | null>;
  tokenizeSeconds: number;
  /** The examples evaluated when this is one shard; it then leaves scoring to the merge. */
  slice?: ShardSlice;
  /** Scored runs only: the examples whose model outputs hold NaN or ±Infinity, when there are any. */
  nonFinite?: NonFiniteCount;
  /** Scored SQuAD 2.0 runs: the cross-fitted threshold's figures. */
  crossfit?: CrossfitFigures;
}

/** One shard's written results, as the merge reads them back. */
export interface ShardPart {
  /** The shard's folder (for the files a task writes beside its predictions). */
  dir: string;
  result: TaskResult;
  predictionsFile: string;
  predictions: readonly PredictionLine[];
}

/** What a task is given to join its shards into the whole task: their written results, in example order. */
export interface MergeContext {
  parts: readonly ShardPart[];
  warn(message: string): void;
}

/** A task's catalogue facts and the code that runs it on one loaded model, and joins a run's shards. */
export interface Task extends TaskFacts {
  /** Throws, naming what does not fit, when the model's outputs cannot fill this task (its label count and names); checked before any work. */
  fits(model: ModelFacts, options: Readonly<Pick<TaskOptions, "labelMap">>): void;
  run(ctx: TaskContext): Promise<TaskRun>;
  /** The whole task from its shards: scored as one run over every example, with the same files. */
  merge(ctx: MergeContext): Promise<TaskRun>;
}
