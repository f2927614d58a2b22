/** The messages between glue-eval and its workers (child.ts), over the IPC channel of child_process.fork. */
import { environmentError, type ErrorCode, GlueEvalError, oneLine } from "../../errors.js";
import type { RunConfig } from "../config.js";
import type { ModelTarget } from "../run-model.js";

/** The one message a worker gets: its run (slice, threads, device) and the model rows, each into its own folder. */
export interface WorkerStart {
  config: RunConfig;
  targets: ModelTarget[];
  /** Whether the parent shows progress: without it, a worker sends none. */
  progress: boolean;
}

/** How a worker failed, for its parent to say it as a run in one process would. */
export interface WorkerFailure {
  message: string;
  /** The exit code of the error (1 data or model, 2 usage, 70 a bug). */
  exitCode: number;
  /** The GlueEvalError's code; absent for a bug. */
  code?: string;
  /** A bug's stack, printed as a run in one process prints it. */
  stack?: string;
}

export type WorkerMessage =
  | { kind: "warn"; message: string }
  /** Inference of model row `row`'s task began on `total` inputs, or went on (runner/events.ts). */
  | { kind: "progress-start"; row: number; task: string; total: number }
  | { kind: "progress"; row: number; task: string; done: number; batch: number; batches: number }
  /** Model row `row`'s task is written into the worker's folder `dir`. */
  | { kind: "written"; row: number; task: string; dir: string }
  | { kind: "failed"; failure: WorkerFailure }
  | { kind: "done" };

/** A worker's error as its parent will say it: one line and its exit code, or a bug's stack. */
export function failureOf(caught: unknown): WorkerFailure {
  const error = environmentError(caught) ?? caught;
  if (error instanceof GlueEvalError) return { message: oneLine(error.message), exitCode: error.exitCode, code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { message, exitCode: 70, stack: error instanceof Error ? (error.stack ?? message) : message };
}

/** The worker's error in the parent: the same line and exit code, or, for a bug, the worker's stack. */
export function errorOf(failure: WorkerFailure): Error {
  if (failure.stack === undefined) return new GlueEvalError((failure.code ?? "IO") as ErrorCode, failure.message, { exitCode: failure.exitCode });
  const error = new Error(failure.message);
  error.stack = failure.stack;
  return error;
}
