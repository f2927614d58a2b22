/** `glue-eval merge <results dir>...`: joins the shards of a run (`--shard K/N`) into its results. */
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DataError, UsageError } from "../errors.js";
import { loadRuns, readPredictions } from "../report/load.js";
import type { TaskResult } from "../results.js";
import type { ModelRun } from "../runner/run-evaluation.js";
import { type ShardFile, planMerge } from "../runner/merge-check.js";
import { type MergedTask, mergeTask, writeMerged } from "../runner/merge.js";
import { SHARDS_FOLDER } from "../runner/shard.js";
import { parseFlags, printedHelp } from "./args.js";
import { renderRunSummary } from "./summary.js";
import { terminalText } from "../util/escape-terminal.js";

const HELP = `Usage: glue-eval merge <results dir>... [options]

Joins the shards that \`glue-eval --shard K/N\` wrote under <results dir>/${SHARDS_FOLDER}/ into the
results an unsharded run writes there (<task>.json, <task>.predictions.jsonl and, for SQuAD,
the official predictions, n-best and null-odds files), scored over the whole set. A folder
of model folders merges each of them. Nothing is written when a shard is missing, when two
overlap, or when they differ in model, data or flags. Merging again is harmless.

Options:
  --json              print the merged results as JSON on stdout instead of the table
  -h, --help          show this help`;

/** The flags of `glue-eval merge` (the recipes in examples/ are checked against them). */
export const OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS, true);
  if (printedHelp(values, HELP)) return 0;
  if (positionals.length === 0) throw new UsageError("merge: give the results folder the shards wrote to (their --output-dir)");
  const targets: string[] = [];
  for (const dir of positionals) targets.push(...(await shardedRuns(dir)));
  // Every task of every folder is read and joined before the first file is written.
  const plans = await Promise.all(targets.map(async (dir) => ({ dir, plan: planMerge(join(dir, SHARDS_FOLDER), await shardFiles(dir)) })));
  const warn = (m: string): void => {
    process.stderr.write(`glue-eval: warning: ${terminalText(m)}\n`);
  };
  const merged: { dir: string; tasks: MergedTask[] }[] = [];
  for (const { dir, plan } of plans) {
    const tasks: MergedTask[] = [];
    for (const shards of plan.values()) tasks.push(await mergeTask(shards, readPredictions, warn));
    merged.push({ dir, tasks });
  }
  const info = (line: string): void => {
    if (values.json !== true) process.stderr.write(`${terminalText(line)}\n`);
  };
  const runs: ModelRun[] = [];
  for (const { dir, tasks } of merged) {
    const results: TaskResult[] = [];
    for (const task of tasks) {
      results.push(await writeMerged(dir, task, { command: ["glue-eval", "merge", ...argv], info }));
      info(`merged ${task.result.timing.shards} shards of ${task.result.task} into ${join(dir, `${task.result.task}.json`)}`);
    }
    runs.push({ name: tasks[0]?.result.model.name ?? dir, outputDir: dir, results });
  }
  if (values.json === true) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  else process.stdout.write(`${renderRunSummary(runs, process.stdout.isTTY === true)}\n`);
  return 0;
}

const isFolder = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The folder itself when it holds shards, else each subfolder that does. */
async function shardedRuns(dir: string): Promise<string[]> {
  if (!isFolder(dir)) throw new DataError({ file: dir }, "not a folder");
  if (isFolder(join(dir, SHARDS_FOLDER))) return [dir];
  const subfolders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => join(dir, e.name));
  const found = subfolders.filter((sub) => isFolder(join(sub, SHARDS_FOLDER))).sort();
  if (found.length === 0) throw new DataError({ file: dir }, `no shards to merge: expected ${join(dir, SHARDS_FOLDER)}/K-of-N folders written by glue-eval --shard K/N --output-dir ${dir}`);
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
