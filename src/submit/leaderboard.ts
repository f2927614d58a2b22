/**
 * The GLUE leaderboard archive: one `<Task>.tsv` per task with header `index\tprediction`,
 * rows in the test file's order with its own index, label names for MNLI/AX/QNLI/RTE, 0/1 for
 * the other classification tasks and STS-B scores rounded to 3 decimals; zipped at the top level.
 */
import { strToU8, zipSync } from "fflate";
import { DataError } from "../errors.js";
import { fixed } from "../report/format.js";
import { writeOutputFile } from "../report/write.js";
import type { PredictionLine } from "../results/schema.js";
import type { GlueTaskDefinition } from "../tasks/catalogue/glue.js";
import { glueDefinitions } from "../tasks/catalogue/index.js";

/** A GLUE task with a leaderboard file. */
export type SubmissionTask = GlueTaskDefinition & { readonly submission: NonNullable<GlueTaskDefinition["submission"]> };

/** The tasks of a GLUE submission, in the leaderboard's order (the catalogue's). */
export const SUBMISSION_TASKS: readonly SubmissionTask[] = glueDefinitions.filter((d): d is SubmissionTask => d.submission !== null);

/** Results of a test split are the ones a submission takes ("test", "test_matched", ...). */
export const isTestSplit = (split: string): boolean => split.startsWith("test");

function cellValue(task: GlueTaskDefinition, line: PredictionLine, file: string, lineNo: number): string {
  const where = { file, line: lineNo, field: "prediction" };
  const value = line.prediction;
  if (task.labels === null) {
    const score = typeof value === "number" ? value : value.trim() === "" ? Number.NaN : Number(value);
    if (!Number.isFinite(score)) throw new DataError(where, `expected an STS-B score, got ${JSON.stringify(value)}`);
    return fixed(score, 3);
  }
  const text = String(value);
  const allowed = task.labels.map((l) => l.value);
  if (!allowed.includes(text)) {
    throw new DataError(where, `${task.title} predictions must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
  }
  return text;
}

/** One leaderboard file's text from a task's test predictions. */
export function submissionTsv(task: GlueTaskDefinition, predictions: readonly PredictionLine[], file: string): string {
  const seen = new Set<string>();
  const rows = ["index\tprediction"];
  predictions.forEach((line, i) => {
    const index = String(line.index);
    if (index === "" || /[\t\r\n]/.test(index)) {
      throw new DataError({ file, line: i + 1, field: "index" }, `not usable as a GLUE index: ${JSON.stringify(line.index)}`);
    }
    if (seen.has(index)) throw new DataError({ file, line: i + 1, field: "index" }, `index ${index} appears twice`);
    seen.add(index);
    rows.push(`${index}\t${cellValue(task, line, file, i + 1)}`);
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

export async function writeSubmission(path: string, files: readonly SubmissionFile[]): Promise<void> {
  await writeOutputFile(path, zipSubmission(files), "the submission archive");
}
