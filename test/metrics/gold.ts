import { readFileSync } from "node:fs";
import type { GlueMetricSet } from "../../src/metrics/glue.js";
import { sharedPath } from "../shared.js";

/**
 * Gold labels of the GLUE dev sets and predictions in the GLUE submission layout,
 * read from ../shared for the parity tests. Lines split on "\n" and fields on
 * "\t" only: GLUE's quote characters are literal text, not CSV quoting.
 */

export type GlueFixtureTask = "cola" | "sst2" | "mrpc" | "stsb" | "qqp" | "mnli" | "mnli-mm" | "qnli" | "rte" | "wnli";

interface TaskLayout {
  readonly file: readonly string[];
  /** Header name of the label column, or its index when the file has no header (CoLA). */
  readonly column: string | number;
  /** Label names in index order; absent for 0/1 labels and STS-B scores. */
  readonly names?: readonly string[];
  readonly set: GlueMetricSet;
}

const NLI = ["entailment", "not_entailment"] as const;
const MNLI = ["entailment", "neutral", "contradiction"] as const;

export const TASKS: Record<GlueFixtureTask, TaskLayout> = {
  cola: { file: ["CoLA", "dev.tsv"], column: 1, set: "matthews" },
  sst2: { file: ["SST-2", "dev.tsv"], column: "label", set: "accuracy" },
  mrpc: { file: ["MRPC", "dev.tsv"], column: "Quality", set: "accuracy_f1" },
  stsb: { file: ["STS-B", "dev.tsv"], column: "score", set: "pearson_spearman" },
  qqp: { file: ["QQP", "dev.tsv"], column: "is_duplicate", set: "accuracy_f1" },
  mnli: { file: ["MNLI", "dev_matched.tsv"], column: "gold_label", names: MNLI, set: "accuracy" },
  "mnli-mm": { file: ["MNLI", "dev_mismatched.tsv"], column: "gold_label", names: MNLI, set: "accuracy" },
  qnli: { file: ["QNLI", "dev.tsv"], column: "label", names: NLI, set: "accuracy" },
  rte: { file: ["RTE", "dev.tsv"], column: "label", names: NLI, set: "accuracy" },
  wnli: { file: ["WNLI", "dev.tsv"], column: "label", set: "accuracy" },
};

export function isGlueFixtureTask(task: string): task is GlueFixtureTask {
  return Object.hasOwn(TASKS, task);
}

/** Rows of a GLUE TSV: BOM and trailing "\r" stripped, a final empty line dropped. */
export function readTsv(path: string): string[][] {
  let text = readFileSync(path, "utf8");
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => line.split("\t"));
}

/** Gold label indices (or STS-B scores) of a task's dev set, in file order. */
export function goldLabels(task: GlueFixtureTask): number[] {
  const layout = TASKS[task];
  const rows = readTsv(sharedPath("data", "glue", ...layout.file));
  let column: number;
  if (typeof layout.column === "number") {
    column = layout.column;
  } else {
    const header = rows.shift() ?? [];
    column = header.indexOf(layout.column);
    if (column < 0) throw new Error(`${task}: no column ${layout.column} in [${header.join(", ")}]`);
  }
  return rows.map((row, i) => toValue(task, row[column], `dev row ${i}`));
}

/** Predictions of a fixture file (`index<TAB>prediction` with a header), checked to be in row order. */
export function readPredictions(task: GlueFixtureTask, file: string): number[] {
  const rows = readTsv(sharedPath("fixtures", "metrics", file));
  const header = rows.shift();
  if (header?.join("\t") !== "index\tprediction") throw new Error(`${file}: unexpected header ${String(header)}`);
  return rows.map((row, i) => {
    if (row[0] !== String(i)) throw new Error(`${file}: row ${i} has index ${String(row[0])}`);
    return toValue(task, row[1], `${file} row ${i}`);
  });
}

function toValue(task: GlueFixtureTask, field: string | undefined, where: string): number {
  if (field === undefined) throw new Error(`${task}: ${where} is missing the label field`);
  const names = TASKS[task].names;
  if (names !== undefined) {
    const index = names.indexOf(field);
    if (index < 0) throw new Error(`${task}: ${where} has unknown label "${field}"`);
    return index;
  }
  const value = Number(field);
  if (field.trim() === "" || !Number.isFinite(value)) throw new Error(`${task}: ${where} has non-numeric "${field}"`);
  if (task !== "stsb" && value !== 0 && value !== 1) throw new Error(`${task}: ${where} has label ${field}, not 0/1`);
  return value;
}
