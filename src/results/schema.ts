/**
 * The results files written per task: `<task>.json` (this schema) and
 * `<task>.predictions.jsonl` (one PredictionLine per example, in file order).
 * Fields listed in VOLATILE_FIELDS change from run to run (clock, speed); everything
 * else is byte-identical for the same model, data and flags.
 */
import type { Precision } from "../precision.js";
import type { TaskAnalysis } from "../analysis.js";

export const RESULT_SCHEMA = "glue-eval/result@1";
export const VOLATILE_FIELDS = ["timing", "date"] as const;

export type MetricValues = Record<string, number | null>;

export interface ModelInfo {
  /** Model folder as given on the command line. */
  path: string;
  /** A hub model (`--model org/name`): the repository, the revision asked for and the commit it resolved to. */
  hub?: { repo: string; revision: string; commit: string };
  /** Display name: the folder's base name unless --name is given. */
  name: string;
  /** The .onnx file evaluated, relative to the folder. */
  file: string;
  /**
   * The model digest, over every byte of the model: the graph file's sha256 when the graph
   * holds its weights; when its initializers name external-data files, the sha256 of the
   * `sha256sum`-style listing of the graph and then its data files sorted by name, each
   * named as the graph names it (relative to the graph's folder):
   * `sha256sum model.onnx model.onnx_data | sha256sum` run in that folder. See `files`.
   */
  sha256: string;
  /** The graph, then each external-data file its initializers name: folder-relative path, size and sha256. */
  files?: ModelFile[];
  /** The --dtype name that picked the file: fp32 (model.onnx), fp16, q8 (model_quantized), int8, uint8, q4, q4f16, bnb4. */
  dtype: string;
  /** What the graph computes in, read from the graph (its ops and weights), not from the file name. */
  precision?: Precision;
  layout: "optimum" | "transformers.js";
  inputs: string[];
  outputs: string[];
  /** The model's id2label in index order; null when config.json has none. */
  id2label: string[] | null;
  /** For classification: model output index -> task label (as GLUE writes it). */
  labelMapping: string[] | null;
  labelMappingSource: "names" | "generic" | "override" | null;
}

export interface ModelFile {
  file: string;
  bytes: number;
  sha256: string;
}

export interface TaskResult {
  schema: typeof RESULT_SCHEMA;
  task: string;
  split: string;
  /** Examples (GLUE rows, SQuAD questions) evaluated. */
  n: number;
  /** Model inputs fed: equals n for GLUE, windows for SQuAD. */
  features: number;
  /** Metric values as HF evaluate names them: 0..1 for GLUE, 0..100 for SQuAD; null when undefined. */
  metrics: MetricValues;
  /** Metrics that are tuned on the evaluated data itself (SQuAD 2.0 best_*). */
  tunedOnEval: string[];
  warnings: string[];
  model: ModelInfo;
  tokenizer: { file: string; sha256: string };
  data: { file: string; sha256: string };
  config: Record<string, string | number | boolean | null>;
  /** Examples whose input was cut at max_seq_length (GLUE) / questions spread over several windows (SQuAD). */
  truncated: number;
  /** `deviceId`: the GPU a GPU provider ran on (--device-id), absent on the CPU. */
  runtime: { glueEval: string; onnxruntime: string; node: string; threads: number; executionProvider: string; deviceId?: number };
  /** The command line that produced this file. */
  command: string[];
  /**
   * Size and sha256 of each file written with this one (`<task>.predictions.jsonl`, SQuAD's
   * official files), by name: readers refuse a folder where they differ (files of two runs).
   * Absent in files written before glue-eval recorded it.
   */
  files?: Record<string, CompanionFile>;
  /** Volatile: differs between otherwise identical runs. */
  date: string;
  /** Volatile: differs between otherwise identical runs. */
  timing: {
    seconds: number;
    examplesPerSecond: number;
    tokenizeSeconds: number;
    inferSeconds: number;
    batches: number;
    /** Batches whose outputs were read back from the cache rather than computed. */
    cachedBatches: number;
    /** Pad tokens / all tokens fed. */
    paddingFraction: number;
    /** Merged results only: the shards the run was spread over (the other figures are their sums). */
    shards?: number;
    /**
     * `--nproc`: the worker processes the run was split over, their onnxruntime threads and GPUs,
     * and why that many. The times are then the slowest worker's, the counts the workers' sums.
     */
    workers?: { count: number; threads: number; devices?: number[]; rule: string };
  };
  /** A shard's results only (`glue-eval --shard K/N`): what `glue-eval merge` needs to join the shards. */
  shard?: ShardInfo;
  /** Where the model errs (analysis.ts): scored runs with gold labels only; absent in files written before glue-eval recorded it. */
  analysis?: TaskAnalysis;
}

export interface ShardInfo {
  index: number;
  count: number;
  /** Examples [start, end) of the task's `total` (after --limit), in file order. */
  start: number;
  end: number;
  total: number;
  /** Tokens fed to the model, padding included, and real tokens: the merged run's padding fraction. */
  fedTokens: number;
  realTokens: number;
}

export interface CompanionFile {
  bytes: number;
  sha256: string;
}

/** One line of `<task>.predictions.jsonl`. */
export interface PredictionLine {
  /** GLUE: the row's index (0-based row number for files without one). SQuAD: the question id. */
  index: number | string;
  /** GLUE: label as GLUE writes it (STS-B: the number). SQuAD: the answer text ("" = no answer). */
  prediction: string | number;
  /** Gold label (GLUE) or null when the split is unlabelled. */
  label?: string | number | null;
  logits?: number[];
  /** SQuAD: per-question official exact match and F1 (0 or 1, 0..1) against the gold answers. */
  exact?: number;
  f1?: number;
  hasAnswer?: boolean;
  /** GLUE: the model's input length in tokens (special tokens included, after truncation). */
  tokens?: number;
  /** The input as read: GLUE's first sentence, SQuAD's question. */
  text?: string;
  /** GLUE sentence-pair tasks: the second sentence. */
  pair?: string;
  /** SQuAD: the gold answer texts (none for an unanswerable SQuAD 2.0 question). */
  answers?: string[];
}
