/**
 * What an evaluation tells its caller while it runs, besides warnings and messages: each task's
 * inference as it starts and after every batch, and each task's record once it is complete
 * (written, when the run writes). A task whose set is empty asks for no inference and goes
 * straight to its end.
 */
import type { PredictionLine, TaskResult } from "../results/schema.js";

interface EventBase {
  /** The model row's display name (the folder's name, with "-<dtype>" but for fp32). */
  model: string;
  /** The task's name, as in its results file (`sst2`, `mnli-mm`, `squad_v2`). */
  task: string;
}

/** Inference begins: `total` inputs, which are examples for GLUE and windows of the context for SQuAD. */
export interface TaskStartEvent extends EventBase {
  type: "task-start";
  total: number;
}

/** After each batch (a chunk of batches read from the output cache counts at once). */
export interface BatchEvent extends EventBase {
  type: "batch";
  /** Inputs done of `total`. */
  done: number;
  total: number;
  /** Batches done of `batches`. */
  batch: number;
  batches: number;
}

/** The task's record, as the run writes it (or would), and its prediction lines when the caller asked for them. */
export interface TaskEndEvent extends EventBase {
  type: "task-end";
  result: TaskResult;
  predictions?: readonly PredictionLine[];
}

export type ProgressEvent = TaskStartEvent | BatchEvent | TaskEndEvent;
