/**
 * merge(options): joins the shards that runs with `shard` wrote under <dir>/shards/ into the
 * results an unsharded run writes there, scored over the whole set, as `glue-eval merge`.
 * Every task of every folder is read and joined before the first file is written; nothing is
 * written when a shard is missing, when two overlap, or when they differ in model, data or flags.
 */
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DataError, UsageError } from "../errors.js";
import { type MergedTask, mergeTask, writeMerged } from "../merge/join.js";
import { planMerge, type ShardFile } from "../merge/plan.js";
import { loadRuns, readPredictions } from "../results/read.js";
import type { TaskResult } from "../results/schema.js";
import { SHARDS_FOLDER } from "../runner/shard.js";

export interface MergeOptions {
  /** The folders the shards wrote to (their outputDir), or folders of such folders. */
  dirs: string | readonly string[];
  /** Recorded in the folders' locks while writing; default: the glue-eval merge command. */
  command?: readonly string[];
  onWarning?: (message: string) => void;
  /** The files written, and lines about waiting for another run's lock. */
  onInfo?: (message: string) => void;
}

/** One merged run: where it was written, and its records. */
export interface MergedRun {
  name: string;
  outputDir: string;
  results: TaskResult[];
}

const quiet = (): void => undefined;

export async function merge(options: MergeOptions): Promise<MergedRun[]> {
  const dirs = typeof options.dirs === "string" ? [options.dirs] : [...options.dirs];
  if (dirs.length === 0) throw new UsageError("merge: give the results folder the shards wrote to (their --output-dir)");
  const warn = options.onWarning ?? quiet;
  const info = options.onInfo ?? quiet;
  const command = options.command === undefined ? ["glue-eval", "merge", ...dirs] : [...options.command];
  const targets: string[] = [];
  for (const dir of dirs) targets.push(...(await shardedRuns(dir)));
  const plans = await Promise.all(targets.map(async (dir) => ({ dir, plan: planMerge(join(dir, SHARDS_FOLDER), await shardFiles(dir)) })));
  const merged: { dir: string; tasks: MergedTask[] }[] = [];
  for (const { dir, plan } of plans) {
    const tasks: MergedTask[] = [];
    for (const shards of plan.values()) tasks.push(await mergeTask(shards, readPredictions, warn));
    merged.push({ dir, tasks });
  }
  const runs: MergedRun[] = [];
  for (const { dir, tasks } of merged) {
    const results: TaskResult[] = [];
    for (const task of tasks) {
      results.push(await writeMerged(dir, task, { command, info }));
      info(`merged ${task.result.timing.shards} shards of ${task.result.task} into ${join(dir, `${task.result.task}.json`)}`);
    }
    runs.push({ name: tasks[0]?.result.model.name ?? dir, outputDir: dir, results });
  }
  return runs;
}

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The folder itself when it holds shards, else each subfolder that does. */
async function shardedRuns(dir: string): Promise<string[]> {
  if (!isFolder(dir)) throw new DataError({ file: dir }, "not a folder");
  if (isFolder(join(dir, SHARDS_FOLDER))) return [dir];
  const subfolders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => join(dir, e.name));
  const found = subfolders.filter((sub) => isFolder(join(sub, SHARDS_FOLDER))).sort();
  if (found.length === 0) {
    throw new DataError(
      { file: dir },
      `no shards to merge: expected ${join(dir, SHARDS_FOLDER)}/K-of-N folders written by glue-eval --shard K/N --output-dir ${dir}`,
    );
  }
  return found;
}

/** Every shard's task results under `<dir>/shards/`, read by the same reader as report, compare and submit. */
async function shardFiles(dir: string): Promise<ShardFile[]> {
  const root = join(dir, SHARDS_FOLDER);
  let runs: Awaited<ReturnType<typeof loadRuns>>;
  try {
    runs = await loadRuns([root]);
  } catch (error) {
    if (error instanceof DataError && error.location.file === root) return [];
    throw error;
  }
  return runs.flatMap((run) => [...run.tasks.values()].map((t) => ({ dir: run.dir, file: t.file, predictionsFile: t.predictionsFile, result: t.result })));
}
