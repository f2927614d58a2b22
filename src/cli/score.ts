/**
 * `glue-eval score --task <task> --predictions <file>`: scores a predictions file against the
 * dev set. GLUE: the submission layout (`index<TAB>prediction`, labels as GLUE writes them).
 * SQuAD: the official `{id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py.
 */
import { join } from "node:path";
import { DataError, UsageError } from "../errors.js";
import { readTsv } from "../data/tsv.js";
import { computeGlueMetrics } from "../metrics/glue.js";
import { glueDefinitions } from "../tasks/catalogue/index.js";
import type { GlueTaskDefinition } from "../tasks/catalogue/glue.js";
import { parseLabel, readGlueSplit } from "../tasks/glue/read.js";
import { scoreSquadFile } from "../tasks/squad/score.js";
import { parseFlags } from "./args.js";

const HELP = `glue-eval score --task <task> --predictions <file> [--data-dir D] [--na-probs F] [--json]

  GLUE tasks: predictions in the GLUE submission layout, index<TAB>prediction, one row per dev row
  squad / squad_v2: the official {question id: answer} JSON; --na-probs for SQuAD 2.0 no-answer probabilities
  --json prints one JSON object of metrics on stdout and nothing else`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    task: { type: "string" },
    predictions: { type: "string" },
    "data-dir": { type: "string" },
    "na-probs": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const task = values.task?.trim().toLowerCase();
  if (task === undefined || values.predictions === undefined) throw new UsageError("score needs --task and --predictions");
  const dataDir = values["data-dir"] ?? "data";
  let metrics: Record<string, number | null>;
  if (task === "squad" || task === "squad_v2") {
    const data = join(dataDir, "squad", task === "squad" ? "dev-v1.1.json" : "dev-v2.0.json");
    metrics = await scoreSquadFile(task, data, values.predictions, values["na-probs"]);
  } else {
    const def = glueDefinitions.find((d) => d.name === task);
    if (def === undefined) throw new UsageError(`unknown task "${task}" (valid: ${[...glueDefinitions.map((d) => d.name), "squad", "squad_v2"].join(", ")})`);
    const result = await scoreGlueFile(def, dataDir, values.predictions);
    for (const w of result.warnings) process.stderr.write(`glue-eval: warning: ${w}\n`);
    metrics = result.metrics;
  }
  process.stdout.write(values.json ? `${JSON.stringify(metrics)}\n` : `${Object.entries(metrics).map(([k, v]) => `${k}: ${v}`).join("\n")}\n`);
  return 0;
}

export async function scoreGlueFile(def: GlueTaskDefinition, dataDir: string, predictionsFile: string) {
  const gold = await readGlueSplit(def, def.dev, dataDir, null);
  if (!gold.labelled) throw new DataError({ file: gold.file }, `${def.name} has no labels to score against`);
  const table = await readTsv(predictionsFile, { hasHeader: true });
  const header = table.header ?? [];
  if (header[0] !== "index" || header[1] !== "prediction") {
    throw new DataError({ file: predictionsFile, line: 1 }, `expected the header "index<TAB>prediction", found "${header.join("\t")}"`);
  }
  const byIndex = new Map<string, number>();
  table.rows.forEach((row, i) => {
    const line = table.firstLine + i;
    const index = (row[0] ?? "").trim();
    if (byIndex.has(index)) throw new DataError({ file: predictionsFile, line, field: "index" }, `duplicate index ${index}`);
    byIndex.set(index, parseLabel(def, row[1] ?? "", { file: predictionsFile, line, field: "prediction" }));
  });
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
