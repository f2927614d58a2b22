/**
 * The `notes` of an `.eval_results` entry: what a reader needs to weigh the number without
 * opening the results file, in one line: which glue-eval, which set and how much of it, which
 * graph in which precision on which device, and anything glue-eval warned about.
 */
import { describePrecision } from "../precision.js";
import type { TaskResult } from "../results/schema.js";
import type { TaskDefinition } from "../tasks/catalogue/index.js";

const short = (sha256: string): string => sha256.slice(0, 12);

/** The examples a `--limit` run evaluated (the first n in file order); null when it covered the whole set. */
export function limitedTo(result: TaskResult): number | null {
  const limit = result.config.limit;
  return typeof limit === "number" && result.n >= limit ? result.n : null;
}

function coverage(result: TaskResult): string {
  const examples = result.task.startsWith("squad") ? "questions" : "examples";
  const limited = limitedTo(result);
  if (limited !== null) return `partial run: only the first ${limited} ${examples} in file order (--limit ${limited}), not the whole set`;
  return `all ${result.n} ${examples}`;
}

function precision(result: TaskResult): string {
  const { model } = result;
  const how = model.precision === undefined ? "" : `: ${describePrecision(model.precision)}`;
  return `ONNX graph ${model.file} (--dtype ${model.dtype}${how}), sha256 ${short(model.sha256)}`;
}

function device(result: TaskResult): string {
  const { runtime } = result;
  const gpu = runtime.deviceId === undefined ? "" : ` device ${runtime.deviceId}`;
  return `onnxruntime ${runtime.onnxruntime} ${runtime.executionProvider}${gpu}`;
}

export function entryNotes(result: TaskResult, def: TaskDefinition, metricKey: string): string {
  const parts = [
    `glue-eval ${result.runtime.glueEval}`,
    `${metricKey} on the ${def.title} ${result.split} set (data sha256 ${short(result.data.sha256)}), ${coverage(result)}`,
    precision(result),
    `max_seq_length ${String(result.config.max_seq_length)}`,
    device(result),
  ];
  if (result.timing.shards !== undefined) parts.push(`merged from ${result.timing.shards} shards`);
  for (const warning of result.warnings) parts.push(`warning: ${warning}`);
  return parts.join("; ");
}
