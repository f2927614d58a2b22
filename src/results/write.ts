import { inPieces } from "../util/atomic.js";
import { type SetFile, withResultsFolder, writeTaskSet } from "./publish.js";
import type { PredictionLine, TaskResult } from "./schema.js";

export interface WriteOptions {
  /** Recorded in the folder's lock while writing. */
  command?: readonly string[];
  /** Lines about waiting for another run's lock and cleaning up after killed runs. */
  info?: (line: string) => void;
}

/**
 * Writes a task's files as one set (see publish.ts), holding the folder's lock; returns the
 * result as written, with the companions' sizes and hashes.
 */
export async function writeTaskOutputs(dir: string, result: TaskResult, predictions: Iterable<PredictionLine>, extra: readonly SetFile[], options: WriteOptions = {}): Promise<TaskResult> {
  const files = [{ name: `${result.task}.predictions.jsonl`, data: () => inPieces(jsonLines(predictions)) }, ...extra];
  return withResultsFolder(dir, options.command ?? ["glue-eval"], options.info ?? (() => undefined), () => writeTaskSet(dir, result, files));
}

function* jsonLines(values: Iterable<unknown>): Generator<string> {
  for (const value of values) yield `${JSON.stringify(value)}\n`;
}
