/**
 * Scores a GLUE submission-layout file (`index<TAB>prediction`, labels as GLUE writes them,
 * one row per dev row) against the dev set, with the same metrics as an evaluation.
 */
import { DataError } from "../../errors.js";
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
    if (p === undefined) throw new DataError({ file: predictionsFile, field: "index" }, `no prediction for dev row ${i} (${gold.examples.length} rows expected)`);
    return p;
  });
  if (byIndex.size !== gold.examples.length) {
    throw new DataError({ file: predictionsFile }, `${byIndex.size} predictions for ${gold.examples.length} dev rows`);
  }
  return computeGlueMetrics(def.metrics, gold.examples.map((ex) => ex.label ?? 0), pred);
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
