/**
 * Scores a GLUE submission-layout file (`index<TAB>prediction`, labels as GLUE writes them,
 * one row per dev row), or the lines of a run's `<task>.predictions.jsonl`, against the dev
 * set, with the same metrics as an evaluation.
 */
import { DataError } from "../../errors.js";
import { readJsonFloat } from "../../floats.js";
import type { PredictionLine } from "../../results/schema.js";
import { readTsv } from "../../data/tsv.js";
import { computeGlueMetrics, type GlueMetrics } from "../../metrics/glue.js";
import type { GlueTaskDefinition } from "../catalogue/glue.js";
import { parseLabel, readGlueSplit } from "./read.js";

export async function scoreGlueFile(def: GlueTaskDefinition, dataDir: string, predictionsFile: string): Promise<GlueMetrics> {
  const gold = await readGlueSplit(def, def.dev, dataDir, null);
  if (!gold.labelled) throw new DataError({ file: gold.file }, `${def.name} has no labels to score against`);
  const byIndex = await readSubmission(def, predictionsFile);
  const pred = gold.examples.map((_ex, i) => {
    const p = byIndex.get(String(i));
    if (p === undefined)
      throw new DataError({ file: predictionsFile, field: "index" }, `no prediction for dev row ${i} (${gold.examples.length} rows expected)`);
    return p;
  });
  if (byIndex.size !== gold.examples.length) {
    throw new DataError({ file: predictionsFile }, `${byIndex.size} predictions for ${gold.examples.length} dev rows`);
  }
  return computeGlueMetrics(
    def.metrics,
    gold.examples.map((ex) => ex.label ?? 0),
    pred,
  );
}

/**
 * A run's predictions file: one line per dev row in file order, each with the row's index and
 * the prediction as GLUE writes it (STS-B: the score, "NaN" / "Infinity" / "-Infinity" kept).
 */
export async function scoreGlueLines(def: GlueTaskDefinition, dataDir: string, lines: readonly PredictionLine[], file: string): Promise<GlueMetrics> {
  const gold = await readGlueSplit(def, def.dev, dataDir, null);
  if (!gold.labelled) throw new DataError({ file: gold.file }, `${def.name} has no labels to score against`);
  if (lines.length !== gold.examples.length) {
    throw new DataError(
      { file },
      `holds ${lines.length} predictions for the ${gold.examples.length} rows of ${gold.file} (score takes the whole dev set; a --limit or --shard run's file is a subset)`,
    );
  }
  const pred = gold.examples.map((example, i) => {
    const line = lines[i] as PredictionLine;
    const where = { file, line: i + 1 };
    if (String(line.index) !== String(example.index))
      throw new DataError(
        { ...where, field: "index" },
        `is ${JSON.stringify(line.index)}, but row ${i + 1} of ${gold.file} is ${JSON.stringify(example.index)}`,
      );
    if (def.labels === null) {
      const score = readJsonFloat(line.prediction);
      if (score === null) throw new DataError({ ...where, field: "prediction" }, `expected a number, got ${JSON.stringify(line.prediction)}`);
      return score;
    }
    return parseLabel(def, String(line.prediction), { ...where, field: "prediction" });
  });
  return computeGlueMetrics(
    def.metrics,
    gold.examples.map((ex) => ex.label ?? 0),
    pred,
  );
}

/** The predictions by index, each parsed as the task's label (STS-B: a score). */
async function readSubmission(def: GlueTaskDefinition, file: string): Promise<Map<string, number>> {
  const table = await readTsv(file, { hasHeader: true });
  const header = table.header ?? [];
  if (header[0] !== "index" || header[1] !== "prediction") {
    throw new DataError({ file, line: 1 }, `expected the header "index<TAB>prediction", found "${header.join("\t")}"`);
  }
  const byIndex = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.firstLine + i;
    const index = (row[0] ?? "").trim();
    if (byIndex.has(index)) throw new DataError({ file, line, field: "index" }, `duplicate index ${index}`);
    byIndex.set(index, parseLabel(def, row[1] ?? "", { file, line, field: "prediction" }));
  });
  return byIndex;
}
