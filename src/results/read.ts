/**
 * Reads results folders: a model's folder of `<task>.json` + `<task>.predictions.jsonl`, or a
 * folder holding several such model folders (as `results/` does).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { DataError, GlueEvalError } from "../errors.js";
import { type PredictionLine, PredictionLineSchema, RESULT_SCHEMA, type TaskResult, TaskResultSchema } from "./schema.js";
import { checked } from "./validate.js";
import { checkCompanions } from "./companions.js";
import { compareTaskNames } from "../report/paper.js";

export interface LoadedTask {
  result: TaskResult;
  /** Path of `<task>.json`. */
  file: string;
  /** Path of `<task>.predictions.jsonl`. */
  predictionsFile: string;
}

export interface LoadedRun {
  /** The model folder the results were read from. */
  dir: string;
  /** The model's display name (`model.name` of its results). */
  name: string;
  /** By task name, in report order. */
  tasks: ReadonlyMap<string, LoadedTask>;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads `<task>.json`; null when the file is JSON of another kind (e.g. `squad.nbest.json`). */
export async function readTaskResult(file: string): Promise<TaskResult | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new DataError({ file }, `not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const schema = (value as Record<string, unknown>).schema;
  if (typeof schema !== "string" || !schema.startsWith("glue-eval/result@")) return null;
  if (schema !== RESULT_SCHEMA) throw new DataError({ file, field: "schema" }, `is "${schema}"; this glue-eval reads "${RESULT_SCHEMA}"`);
  return checked(TaskResultSchema, value, { file });
}

/** Reads `<task>.predictions.jsonl`: one JSON object per line, in file order. */
export async function readPredictions(file: string): Promise<PredictionLine[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new GlueEvalError("IO", `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const lines: PredictionLine[] = [];
  const rows = text.split("\n");
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]?.trim() ?? "";
    if (row === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      throw new DataError({ file, line: i + 1 }, "not valid JSON");
    }
    lines.push(checked(PredictionLineSchema, value, { file, line: i + 1 }));
  }
  return lines;
}

const MAX_RESULT_BYTES = 4 * 1024 * 1024;

/** The task results directly inside `dir` (not in subfolders), by task name. */
async function readRunFolder(dir: string): Promise<LoadedRun | null> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort();
  const found: LoadedTask[] = [];
  for (const name of names) {
    const file = join(dir, name);
    // Results files are a few kilobytes; large JSON files beside them are other outputs (n-best lists).
    if ((await stat(file)).size > MAX_RESULT_BYTES) continue;
    const result = await readTaskResult(file);
    if (result === null) continue;
    await checkCompanions(file, result);
    const duplicate = found.find((t) => t.result.task === result.task);
    if (duplicate !== undefined) {
      throw new DataError({ file }, `a second result for task ${result.task} in the same folder (also ${duplicate.file})`);
    }
    found.push({ result, file, predictionsFile: join(dir, `${basename(name, ".json")}.predictions.jsonl`) });
  }
  if (found.length === 0) return null;
  found.sort((a, b) => compareTaskNames(a.result.task, b.result.task));
  const first = found[0] as LoadedTask;
  return { dir, name: first.result.model.name, tasks: new Map(found.map((t) => [t.result.task, t])) };
}

/**
 * The runs under each folder given: the folder itself when it holds task results, and each
 * subfolder that does. Throws when a folder is missing or holds no results at all.
 */
export async function loadRuns(dirs: readonly string[]): Promise<LoadedRun[]> {
  const runs: LoadedRun[] = [];
  for (const dir of dirs) {
    if (!(await isDirectory(dir))) throw new GlueEvalError("IO", `${dir}: not a folder`);
    const here: LoadedRun[] = [];
    const own = await readRunFolder(dir);
    if (own !== null) here.push(own);
    const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith("."));
    for (const entry of entries.map((e) => e.name).sort()) {
      const sub = await readRunFolder(join(dir, entry));
      if (sub !== null) here.push(sub);
    }
    if (here.length === 0) {
      throw new DataError({ file: dir }, "no results here: expected <task>.json files written by glue-eval, or model folders holding them");
    }
    for (const run of here) if (!runs.some((r) => r.dir === run.dir)) runs.push(run);
  }
  return runs;
}

/** Display labels, unique: the model name, then with the dtype, then with the folder. */
export function runLabels(runs: readonly LoadedRun[]): string[] {
  const dtypeOf = (run: LoadedRun): string => [...run.tasks.values()][0]?.result.model.dtype ?? "";
  const count = (labels: string[], label: string): number => labels.filter((l) => l === label).length;
  let labels = runs.map((r) => r.name);
  labels = labels.map((l, i) => (count(labels, l) > 1 ? `${l} (${dtypeOf(runs[i] as LoadedRun)})` : l));
  return labels.map((l, i) => (count(labels, l) > 1 ? `${l} [${(runs[i] as LoadedRun).dir}]` : l));
}

/** Exactly one run from a folder, for commands that take one model's results. */
export async function loadSingleRun(dir: string, what: string): Promise<LoadedRun> {
  const runs = await loadRuns([dir]);
  if (runs.length !== 1) {
    throw new DataError(
      { file: dir },
      `${what} must be one model's results folder, but it holds ${runs.length} (${runs.map((r) => basename(r.dir)).join(", ")})`,
    );
  }
  return runs[0] as LoadedRun;
}
