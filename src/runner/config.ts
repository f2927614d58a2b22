import type { Dtype } from "../model/folder.js";
import type { TaskName } from "../tasks/catalogue/index.js";
import type { TaskOptions } from "../tasks/types.js";
import type { BatchOrder } from "./batching.js";

/** The one frozen configuration an evaluation runs from (flags parsed and validated). */
export interface RunConfig {
  models: readonly string[];
  /** Display names, one per model (default: folder name, "-q8" appended for int8). */
  names: readonly (string | null)[];
  tasks: readonly TaskName[];
  dtype: Dtype;
  /** Results folder; null = results/<model name>. With several models, one subfolder each. */
  outputDir: string | null;
  threads: number;
  executionProvider: string;
  /** null = the task's default (128 for GLUE, 384 for SQuAD, as run_glue.py / run_qa.py). */
  maxSeqLength: number | null;
  options: Omit<TaskOptions, "maxSeqLength">;
  /** "auto": length-sorted batches for fp32, file order for int8 (see runner/batching.ts). */
  batchOrder: "auto" | BatchOrder;
  /** Model-output cache folder; null = --no-cache. */
  cacheDir: string | null;
  command: readonly string[];
  progress: boolean;
}

/** Where an evaluation reports what it does besides its results. */
export interface Hooks {
  warn(message: string): void;
  info(message: string): void;
}

export function resolveBatchOrder(config: Pick<RunConfig, "batchOrder" | "dtype">): BatchOrder {
  if (config.batchOrder !== "auto") return config.batchOrder;
  return config.dtype === "q8" ? "file" : "length";
}
