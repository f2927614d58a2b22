import type { Dtype, Precision } from "../precision.js";
import type { TaskName } from "../tasks/catalogue/index.js";
import type { TaskOptions } from "../tasks/interface.js";
import type { BatchOrder } from "./batching.js";
import type { ProgressEvent } from "./events.js";

/** The one frozen configuration an evaluation runs from (flags parsed and validated). */
export interface RunConfig {
  models: readonly string[];
  /** Display names, one per model (default: folder name, "-<dtype>" appended but for fp32). */
  names: readonly (string | null)[];
  tasks: readonly TaskName[];
  /** The graph(s) per model: one dtype, or several (a precision matrix, one model row each); "all" = every variant the folder has. */
  dtype: Dtype | readonly (Dtype | "all")[];
  /** Hub models: the branch, tag or commit (default main). */
  revision?: string;
  /** Results folder; null = results/<model name>. With several models, one subfolder each. */
  outputDir: string | null;
  threads: number;
  executionProvider: string;
  /** Tokenize the next task while this one infers: "auto" (when onnxruntime leaves cores free; see run-model.ts), "on" or "off". Cannot change an output. */
  overlap: "auto" | "on" | "off";
  /** null = the task's default (128 for GLUE, 384 for SQuAD, as run_glue.py / run_qa.py). */
  maxSeqLength: number | null;
  options: Omit<TaskOptions, "maxSeqLength">;
  /** "auto": file order for graphs whose outputs depend on the batch (dynamic quantization), else length-sorted (see runner/batching.ts). */
  batchOrder: "auto" | BatchOrder;
  /** Model-output cache folder; null = --no-cache. */
  cacheDir: string | null;
  command: readonly string[];
  progress: boolean;
  /** `--shard K/N`: evaluate shard K of N of every task; absent for whole tasks. */
  shard?: ShardSpec;
  /** `--device-id`: the GPU an execution provider such as cuda runs on. */
  deviceId?: number;
  /** `--overwrite`: replace results in the output folder that cover more examples or another setup (runner/replace-guard.ts). */
  overwrite?: boolean;
  /** false: the records stay in memory and no results folder is touched (the library's default); absent, as on the command line: written. */
  write?: boolean;
  /** Hand each task's prediction lines to the task's end event (the library's `predictions` option). */
  keepPredictions?: boolean;
  /**
   * `--nproc`: worker processes on this machine, each on a contiguous slice of every task, joined
   * into the results one process writes (workers/); "auto" picks the number (workers/auto.ts). Absent: 1.
   */
  nproc?: number | "auto";
}

export interface ShardSpec {
  index: number;
  count: number;
}

/** Where an evaluation reports what it does besides its results. */
export interface Hooks {
  warn(message: string): void;
  info(message: string): void;
  /** Each task's inference as it goes, and its record at the end (events.ts). */
  progress?(event: ProgressEvent): void;
  /** Once aborted, inference stops after the batch in flight and nothing more is written; the run rejects with an AbortError. */
  signal?: AbortSignal;
}

/** The batch order follows the graph: file order where outputs depend on the batch, as HF's Trainer batches. */
export function resolveBatchOrder(config: Pick<RunConfig, "batchOrder">, precision: Pick<Precision, "batchDependent">): BatchOrder {
  if (config.batchOrder !== "auto") return config.batchOrder;
  return precision.batchDependent ? "file" : "length";
}
