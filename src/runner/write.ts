import { join } from "node:path";
import type { ExtraFile } from "../tasks/types.js";
import { inPieces, writeFileAtomic } from "../util/atomic.js";
import type { PredictionLine, TaskResult } from "../results.js";

/** Writes `<task>.json` last, so a results file never points at missing predictions. */
export async function writeTaskOutputs(dir: string, result: TaskResult, predictions: Iterable<PredictionLine>, extra: readonly ExtraFile[]): Promise<void> {
  await writeFileAtomic(join(dir, `${result.task}.predictions.jsonl`), inPieces(jsonLines(predictions)));
  for (const file of extra) await writeFileAtomic(join(dir, file.name), typeof file.data === "string" ? file.data : file.data());
  await writeFileAtomic(join(dir, `${result.task}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

function* jsonLines(values: Iterable<unknown>): Generator<string> {
  for (const value of values) yield `${JSON.stringify(value)}\n`;
}
