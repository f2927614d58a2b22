/**
 * The GLUE leaderboard archive: one `<Task>.tsv` per task with header `index\tprediction`,
 * rows in the test file's order with its own index, label names for MNLI/AX/QNLI/RTE, 0/1 for
 * the other classification tasks and STS-B scores rounded to 3 decimals; zipped at the top level.
 */
import { strToU8, zipSync } from "fflate";
import { DataError } from "../errors.js";
import type { PredictionLine } from "../results.js";
import { fixed } from "../report/render/format.js";
import { REPORT_TASKS, type ReportTaskInfo } from "../report/units.js";

/** The tasks of a GLUE submission, in the leaderboard's order. */
export const SUBMISSION_TASKS: readonly ReportTaskInfo[] = ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "mnli-mm", "qnli", "rte", "wnli", "ax"].map(
  (name) => REPORT_TASKS.find((t) => t.name === name) as ReportTaskInfo,
);

/** Rows of each public GLUE test file; a submission with other counts is refused by the leaderboard. */
export const GLUE_TEST_ROWS: Readonly<Record<string, number>> = {
  cola: 1063,
  sst2: 1821,
  mrpc: 1725,
  stsb: 1379,
  qqp: 390965,
  mnli: 9796,
  "mnli-mm": 9847,
  qnli: 5463,
  rte: 3000,
  wnli: 146,
  ax: 1104,
};

/** Results of a test split are the ones a submission takes ("test", "test_matched", ...). */
export const isTestSplit = (split: string): boolean => split.startsWith("test");

function cellValue(info: ReportTaskInfo, line: PredictionLine, file: string, lineNo: number): string {
  const where = { file, line: lineNo, field: "prediction" };
  const value = line.prediction;
  if (info.submissionValues === "score") {
    const score = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
    if (!Number.isFinite(score)) throw new DataError(where, `expected an STS-B score, got ${JSON.stringify(value)}`);
    return fixed(score, 3);
  }
  const text = String(value);
  const allowed = info.submissionValues ?? [];
  if (!allowed.includes(text)) {
    throw new DataError(where, `${info.title} predictions must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
  }
  return text;
}

/** One leaderboard file's text from a task's test predictions. */
export function submissionTsv(info: ReportTaskInfo, predictions: readonly PredictionLine[], file: string): string {
  const seen = new Set<string>();
  const rows = ["index\tprediction"];
  predictions.forEach((line, i) => {
    const index = String(line.index);
    if (index === "" || /[\t\r\n]/.test(index)) {
      throw new DataError({ file, line: i + 1, field: "index" }, `not usable as a GLUE index: ${JSON.stringify(line.index)}`);
    }
    if (seen.has(index)) throw new DataError({ file, line: i + 1, field: "index" }, `index ${index} appears twice`);
    seen.add(index);
    rows.push(`${index}\t${cellValue(info, line, file, i + 1)}`);
  });
  return `${rows.join("\n")}\n`;
}

export interface SubmissionFile {
  name: string;
  data: string;
}

/** Files are stored with a fixed timestamp so that the same predictions give the same archive. */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function zipSubmission(files: readonly SubmissionFile[]): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of files) entries[file.name] = [strToU8(file.data), { mtime: ZIP_MTIME }];
  return zipSync(entries, { level: 9, mtime: ZIP_MTIME });
}
