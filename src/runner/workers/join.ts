/**
 * One task's worker outputs joined into what one process writes. Whole tasks go through
 * `glue-eval merge`'s code (merge/): read back, finished as a run finishes them, scored over
 * every example. Within `--shard K/N`, the workers' slices tile shard K, and a shard's files
 * are per-example lines in example order (predictions, SQuAD's n-best records), so shard K's
 * files are the workers' files one after another. Either way the results writer writes them once.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { mergeTask, type ReadPredictions, writeMerged } from "../../merge/join.js";
import { planMerge, type ShardFile, type ShardOf } from "../../merge/plan.js";
import { withResultsFolder, writeTaskSet } from "../../results/publish.js";
import { DataError } from "../../errors.js";
import { readTaskResult } from "../../results/read.js";
import { type NonFiniteCount, partialOf, type PredictionLine, type TaskResult } from "../../results/schema.js";
import type { Hooks, RunConfig } from "../config.js";
import { shardFolder } from "../shard.js";
import type { WorkerPlan } from "./plan.js";

/** A task joined: its record as written (or, when the run writes nothing, as it would be), and its prediction lines. */
export interface JoinedTask {
  result: TaskResult;
  predictions: () => Promise<readonly PredictionLine[]>;
}

/**
 * A worker's predictions, as this run's own worker wrote them a moment ago: each line parsed,
 * not checked against the schema, which the merge of shards from elsewhere needs and which
 * costs as much again as the parsing (0.5 s against 0.17 s for QQP's 40,430 lines).
 */
export async function readOwnPredictions(file: string): Promise<PredictionLine[]> {
  const lines: PredictionLine[] = [];
  const rows = (await readFile(file, "utf8")).split("\n");
  for (const [i, row] of rows.entries()) {
    if (row === "") continue;
    try {
      lines.push(JSON.parse(row) as PredictionLine);
    } catch {
      throw new DataError({ file, line: i + 1 }, "not valid JSON");
    }
  }
  return lines;
}

async function readWorker(dir: string, task: string): Promise<ShardOf> {
  const file = join(dir, `${task}.json`);
  const result = await readTaskResult(file);
  if (result?.shard === undefined) throw new Error(`${file}: a worker wrote no shard results`);
  return { dir, file, predictionsFile: join(dir, `${task}.predictions.jsonl`), result, shard: result.shard };
}

/**
 * Joins model row `outputDir`'s `task` from the workers' folders (in worker order) and writes it
 * unless the run writes nothing. `read` may hand back predictions read while the slower workers went on.
 */
export async function joinWorkers(
  config: RunConfig,
  plan: WorkerPlan,
  outputDir: string,
  task: string,
  dirs: readonly string[],
  hooks: Hooks,
  read: ReadPredictions = readOwnPredictions,
): Promise<JoinedTask> {
  const started = performance.now();
  const parts = await Promise.all(dirs.map((dir) => readWorker(dir, task)));
  const options = { command: config.command, info: hooks.info };
  const write = config.write !== false;
  if (config.shard === undefined) {
    const shards = planMerge(dirs[0] ?? "", parts as ShardFile[]).get(task) ?? [];
    const merged = await mergeTask(shards, read, hooks.warn);
    const timing = workersTiming(shards, merged.result.n, plan, (performance.now() - started) / 1000);
    const joined = { result: { ...merged.result, command: [...config.command], timing }, run: merged.run };
    const result = write ? await writeMerged(outputDir, joined, options) : joined.result;
    return { result, predictions: async () => [...merged.run.predictions] };
  }
  const shard = config.shard;
  const sorted = [...parts].sort((a, b) => a.shard.start - b.shard.start);
  sorted.forEach((part, i) => {
    const before = sorted[i - 1];
    if (before !== undefined && before.shard.end !== part.shard.start) throw new Error(`workers' slices of ${task} do not meet: ${before.file}, ${part.file}`);
  });
  const first = sorted[0] as ShardOf;
  const last = sorted[sorted.length - 1] as ShardOf;
  const sum = (value: (p: ShardOf) => number): number => sorted.reduce((total, p) => total + value(p), 0);
  // The keys in the order one process on the shard writes them (runner/record.ts, then `shard`).
  const { schema, task: _task, split, n: _n, partial, files, nonFinite: _nonFinite, shard: _shard, ...rest } = first.result;
  const n = sum((p) => p.result.n);
  const nonFinite = joinedNonFinite(sorted.map((p) => p.result.nonFinite));
  const result: TaskResult = {
    schema,
    task,
    split,
    n,
    ...partialOf(n, partial?.of ?? n),
    ...rest,
    features: sum((p) => p.result.features),
    truncated: sum((p) => p.result.truncated),
    command: [...config.command],
    timing: workersTiming(sorted, n, plan, (performance.now() - started) / 1000),
    ...(nonFinite === undefined ? {} : { nonFinite }),
    shard: {
      ...shard,
      start: first.shard.start,
      end: last.shard.end,
      total: first.shard.total,
      fedTokens: sum((p) => p.shard.fedTokens),
      realTokens: sum((p) => p.shard.realTokens),
    },
  };
  const predictions = async () => (await Promise.all(sorted.map((p) => read(p.predictionsFile)))).flat();
  if (!write) return { result, predictions };
  // A shard's files hold one task of one process: a few MB, read whole.
  const companions = await Promise.all(
    Object.keys(files ?? {}).map(async (name) => ({ name, data: await Promise.all(sorted.map((p) => readFile(join(p.dir, name), "utf8"))) })),
  );
  const dir = shardFolder(outputDir, shard);
  return { result: await withResultsFolder(dir, config.command, hooks.info, () => writeTaskSet(dir, result, companions)), predictions };
}

/** The workers' counts of examples with non-finite outputs, as one process counts them: the sum, and the first in example order. */
function joinedNonFinite(counts: readonly (NonFiniteCount | undefined)[]): NonFiniteCount | undefined {
  const found = counts.filter((c): c is NonFiniteCount => c !== undefined);
  const first = found[0];
  return first === undefined ? undefined : { examples: found.reduce((total, c) => total + c.examples, 0), first: first.first };
}

/**
 * The workers ran side by side: a task took as long as its slowest worker, plus the join (the
 * merge's reading and scoring); the counts are their sums. `workers` records the split.
 */
function workersTiming(parts: readonly ShardOf[], n: number, plan: WorkerPlan, joinSeconds: number): TaskResult["timing"] {
  const slowest = (value: (t: TaskResult["timing"]) => number): number => Math.max(...parts.map((p) => value(p.result.timing)));
  const sum = (value: (p: ShardOf) => number): number => parts.reduce((total, p) => total + value(p), 0);
  const seconds = slowest((t) => t.seconds) + joinSeconds;
  const fed = sum((p) => p.shard.fedTokens);
  return {
    seconds,
    examplesPerSecond: seconds > 0 ? n / seconds : 0,
    tokenizeSeconds: slowest((t) => t.tokenizeSeconds),
    inferSeconds: slowest((t) => t.inferSeconds),
    batches: sum((p) => p.result.timing.batches),
    cachedBatches: sum((p) => p.result.timing.cachedBatches),
    paddingFraction: fed > 0 ? 1 - sum((p) => p.shard.realTokens) / fed : 0,
    workers: { count: plan.count, threads: plan.threads, ...(plan.devices === undefined ? {} : { devices: plan.devices }), rule: plan.rule },
  };
}
