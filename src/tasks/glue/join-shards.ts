/**
 * A GLUE task from its shards: each shard's predictions file holds, per example, the index,
 * the gold label and the logits, which is all that finishing the task needs.
 */
import { DataError } from "../../errors.js";
import { readJsonFloat } from "../../floats.js";
import type { PredictionLine } from "../../results/schema.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import type { MergeContext, TaskRun } from "../interface.js";
import { finishGlue, type GlueLine } from "./finish.js";

export function mergeGlue(def: GlueTaskDefinition, { parts, warn }: MergeContext): TaskRun {
  const first = parts[0];
  if (first === undefined) throw new RangeError("mergeGlue needs at least one shard");
  const labels = def.labels;
  const { labelMapping, labelMappingSource } = first.result.model;
  const modelToTask = labels === null ? null : (labelMapping ?? []).map((value) => labels.findIndex((l) => l.value === value));
  const mapping = modelToTask === null || labelMappingSource === null ? null : { modelToTask, source: labelMappingSource };
  const width = modelToTask?.length ?? 1;
  const examples: GlueLine[] = [];
  const logits: number[][] = [];
  const lengths: number[] = [];
  for (const part of parts) {
    part.predictions.forEach((line, i) => {
      const where = { file: part.predictionsFile, line: i + 1 };
      examples.push({ index: line.index, label: goldLabel(def, line, where), ...textsOf(line, where) });
      logits.push(logitsOf(line, width, where));
      if (typeof line.tokens === "number") lengths.push(line.tokens);
    });
  }
  const outputs = {
    split: first.result.split,
    dataFile: first.result.data.file,
    labelled: examples.length > 0 && examples.every((ex) => ex.label !== null),
    examples,
    logits,
    lengths: lengths.length === examples.length ? lengths : null,
    mapping,
    truncated: parts.reduce((sum, part) => sum + part.result.truncated, 0),
    tokenizeSeconds: parts.reduce((sum, part) => sum + part.result.timing.tokenizeSeconds, 0),
  };
  return finishGlue(def, outputs, warn);
}

type Where = { file: string; line: number };

function goldLabel(def: GlueTaskDefinition, line: PredictionLine, where: Where): number | null {
  const label = line.label;
  if (label === null || label === undefined) return null;
  if (def.labels === null) {
    if (typeof label !== "number" || !Number.isFinite(label)) throw new DataError({ ...where, field: "label" }, "expected the gold score as a number");
    return label;
  }
  const index = def.labels.findIndex((l) => l.value === label);
  if (index < 0) throw new DataError({ ...where, field: "label" }, `unknown ${def.name} label ${JSON.stringify(label)}`);
  return index;
}

function textsOf(line: PredictionLine, where: Where): Pick<GlueLine, "text" | "pair"> {
  if (line.text !== undefined && typeof line.text !== "string") throw new DataError({ ...where, field: "text" }, "must be a string");
  if (line.pair !== undefined && typeof line.pair !== "string") throw new DataError({ ...where, field: "pair" }, "must be a string");
  return { ...(line.text === undefined ? {} : { text: line.text }), pair: line.pair ?? null };
}

/**
 * Logits as the run wrote them: numbers, and "NaN" / "Infinity" / "-Infinity" for the values
 * JSON cannot hold. Files written before those spellings hold null there, which is read as NaN.
 */
function logitsOf(line: PredictionLine, width: number, where: Where): number[] {
  const row: unknown = line.logits;
  const values = Array.isArray(row) && row.length === width ? row.map((v: unknown) => (v === null ? Number.NaN : readJsonFloat(v))) : null;
  if (values === null || values.includes(null)) throw new DataError({ ...where, field: "logits" }, `expected ${width} numbers`);
  return values as number[];
}
