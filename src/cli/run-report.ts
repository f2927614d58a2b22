/** `glue-eval --report <file.md>`: the markdown report of the runs just made, the one `glue-eval report` writes. */
import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { precisionMatrices } from "../compare/matrix.js";
import { GlueEvalError, ioReason } from "../errors.js";
import { buildReport } from "../report/build.js";
import { writeMarkdownReport } from "../report/write.js";
import { type LoadedRun, loadRuns } from "../results/read.js";
import type { ModelRun } from "../runner/run-evaluation.js";

/** Fails before any work when the report cannot be written there, in the words a late failure would use (report/write.ts). */
export function checkReportPath(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    throw new GlueEvalError("IO", `${path}: cannot write the report (${ioReason(error)})`, { cause: error });
  }
}

/** Only the tasks this command evaluated: an output folder may hold results of earlier runs. */
function ownResults(loaded: readonly LoadedRun[], runs: readonly ModelRun[]): LoadedRun[] {
  return runs.flatMap((run) => {
    const found = loaded.find((l) => l.dir === run.outputDir);
    if (found === undefined) return [];
    const tasks = new Set(run.results.map((r) => r.task));
    return [{ ...found, tasks: new Map([...found.tasks].filter(([task]) => tasks.has(task))) }];
  });
}

/** The report `glue-eval report` writes for these folders, the precision comparison of a run in several dtypes included. */
export async function writeRunReport(path: string, runs: readonly ModelRun[]): Promise<void> {
  const own = ownResults(await loadRuns(runs.map((r) => r.outputDir)), runs);
  const data = await buildReport(own, { paperRows: true });
  const matrices = await precisionMatrices(own);
  // Its own errors name the file and the reason: a late failure (a full disk) is not wrapped again.
  await writeMarkdownReport(path, data, matrices);
}
