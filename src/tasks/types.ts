/**
 * The Task interface: everything the runner knows about a task. The runner loads the
 * model and tokenizer, offers batched inference, and writes the outputs; a task reads its
 * data, encodes it, asks for inference, decodes and scores.
 */
import type { TokenizerFile } from "../model/tokenizer.js";
import type { MetricValues, PredictionLine } from "../results.js";
import type { TaskFacts } from "./catalogue/types.js";

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
}

export interface TaskContext {
  options: Readonly<TaskOptions>;
  tokenizer: TokenizerFile;
  model: ModelFacts;
  /** Batched inference over the features, for every output the task declares. */
  infer(features: readonly Feature[]): Promise<InferOutputs>;
  warn(message: string): void;
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
  features: number;
  metrics: MetricValues;
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
}

/** A task's catalogue facts and the code that runs it on one loaded model. */
export interface Task extends TaskFacts {
  run(ctx: TaskContext): Promise<TaskRun>;
}
