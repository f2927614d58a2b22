/** `glue-eval --report <file.md>`: the markdown report of the runs just made, the one `glue-eval report` writes. */
import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { precisionMatrices } from "../compare/matrix.js";
import { GlueEvalError } from "../errors.js";
import { buildReport } from "../report/build.js";
import { type LoadedRun, loadRuns } from "../report/load.js";
import { writeMarkdownReport } from "../report/write.js";
import type { ModelRun } from "../runner/run-evaluation.js";

const ioError = (path: string, what: string, error: unknown): GlueEvalError =>
  new GlueEvalError("IO", `${path}: ${what} (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : "error")})`, { cause: error });

/** Fails before any work when the report cannot be written there. */
export function checkReportPath(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === "EEXIST" || code === "ENOTDIR" ? "a file stands where the report's folder should be" : "the report's folder is not writable";
    throw ioError(path, what, error);
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
  try {
    await writeMarkdownReport(path, data, matrices);
  } catch (error) {
    throw ioError(path, "cannot write the report", error);
  }
}
