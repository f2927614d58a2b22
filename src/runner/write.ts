import { join } from "node:path";
import type { ExtraFile } from "../tasks/types.js";
import { writeFileAtomic } from "../util/atomic.js";
import type { PredictionLine, TaskResult } from "./results.js";

/** Writes `<task>.json` last, so a results file never points at missing predictions. */
export async function writeTaskOutputs(dir: string, result: TaskResult, predictions: readonly PredictionLine[], extra: readonly ExtraFile[]): Promise<void> {
  const lines = predictions.map((p) => JSON.stringify(p)).join("\n");
  await writeFileAtomic(join(dir, `${result.task}.predictions.jsonl`), predictions.length > 0 ? `${lines}\n` : "");
  for (const file of extra) await writeFileAtomic(join(dir, file.name), typeof file.data === "string" ? file.data : file.data());
  await writeFileAtomic(join(dir, `${result.task}.json`), `${JSON.stringify(result, null, 2)}\n`);
}
