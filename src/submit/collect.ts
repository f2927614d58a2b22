/** Gathers the test-split predictions of loaded runs into the leaderboard's files. */
import { DataError } from "../errors.js";
import { type LoadedRun, type LoadedTask, readPredictions } from "../results/read.js";
import type { PredictionLine } from "../results/schema.js";
import { exists } from "../util/exists.js";
import { isTestSplit, SUBMISSION_TASKS, type SubmissionFile, submissionTsv } from "./leaderboard.js";

export interface MissingTask {
  task: string;
  /** The leaderboard file name, e.g. "CoLA.tsv". */
  file: string;
  reason: string;
}

export interface CollectedSubmission {
  files: (SubmissionFile & { task: string; rows: number; source: string })[];
  missing: MissingTask[];
  warnings: string[];
}

function whyMissing(task: string, runs: readonly LoadedRun[]): string {
  const others = runs.flatMap((r) => {
    const t = r.tasks.get(task);
    return t === undefined ? [] : [`${t.result.split} in ${r.dir}`];
  });
  return others.length === 0 ? "no results" : `no test-split results (found ${others.join(", ")})`;
}

/** The run that evaluated `task` on a test split; a task found in several runs is an error (which to submit would be a guess). */
function testRun(task: string, runs: readonly LoadedRun[]): LoadedTask | undefined {
  const found: LoadedTask[] = runs.flatMap((r) => {
    const t = r.tasks.get(task);
    return t !== undefined && isTestSplit(t.result.split) ? [t] : [];
  });
  if (found.length > 1) {
    throw new DataError(
      { file: (found[1] as LoadedTask).file },
      `test predictions for ${task} found twice (also ${(found[0] as LoadedTask).file}); pass the folder of the run to submit`,
    );
  }
  return found[0];
}

/** The run's predictions, which must be there and agree with its results file. */
async function testPredictions(task: LoadedTask, fileName: string): Promise<PredictionLine[]> {
  if (!(await exists(task.predictionsFile))) {
    throw new DataError({ file: task.predictionsFile }, `missing (needed for ${fileName})`);
  }
  const predictions = await readPredictions(task.predictionsFile);
  if (predictions.length !== task.result.n) {
    throw new DataError({ file: task.predictionsFile }, `has ${predictions.length} predictions but ${task.file} says n = ${task.result.n}`);
  }
  return predictions;
}

/** One file per leaderboard task that some run evaluated on a test split. */
export async function collectSubmission(runs: readonly LoadedRun[]): Promise<CollectedSubmission> {
  const out: CollectedSubmission = { files: [], missing: [], warnings: [] };
  for (const info of SUBMISSION_TASKS) {
    const fileName = info.submission.file;
    const task = testRun(info.name, runs);
    if (task === undefined) {
      out.missing.push({ task: info.name, file: fileName, reason: whyMissing(info.name, runs) });
      continue;
    }
    const predictions = await testPredictions(task, fileName);
    const expected = info.submission.testRows;
    if (predictions.length !== expected) {
      out.warnings.push(`${fileName}: ${predictions.length} rows, the GLUE test set has ${expected}; the leaderboard will refuse it`);
    }
    const data = submissionTsv(info, predictions, task.predictionsFile);
    out.files.push({ name: fileName, data, task: info.name, rows: predictions.length, source: task.predictionsFile });
  }
  return out;
}
