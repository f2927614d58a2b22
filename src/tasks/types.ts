/**
 * The Task interface: everything the runner knows about a task. The runner loads the
 * model and tokenizer, offers batched inference, and writes the outputs; a task reads its
 * data, encodes it, asks for inference, decodes and scores.
 */
import type { TokenizerFile } from "../model/tokenizer.js";
import type { MetricValues, PredictionLine } from "../results.js";

/** One model input row: token ids (and segment ids where the graph takes them), unpadded. */
export interface Feature {
  ids: ArrayLike<number>;
  typeIds: ArrayLike<number>;
}

export type InferFn = (features: readonly Feature[], outputs: readonly string[]) => Promise<InferOutputs>;

/** Per requested output name, one row per feature in feature order (QA rows have the feature's length). */
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

export interface EvalOptions {
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

export interface EvalContext {
  options: Readonly<EvalOptions>;
  tokenizer: TokenizerFile;
  model: ModelFacts;
  infer: InferFn;
  warn(message: string): void;
  /** Progress of the encoding step (the runner reports inference progress itself). */
  onEncoded?(done: number, total: number): void;
}

export interface ExtraFile {
  /** File name inside the output folder, e.g. "squad.nbest.json". */
  name: string;
  /** The content, or a function that renders it when the file is written (after the task's clock stops), whole or in pieces. */
  data: string | (() => string | Iterable<string>);
}

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

export interface Task {
  readonly name: string;
  readonly kind: "classification" | "regression" | "qa";
  /** The paper-table column this task fills. */
  readonly description: string;
  /** Graph outputs the task needs. */
  readonly outputs: readonly string[];
  evaluate(ctx: EvalContext): Promise<TaskRun>;
}
