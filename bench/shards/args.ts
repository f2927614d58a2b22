/** Command lines for the shard rows and the arithmetic on their timings: pure. */
import { spread } from "../stats.js";
import type { ShardRow } from "./types.js";

/** One evaluation as the CLI takes it. */
export interface CliCase {
  /** Model folder. */
  model: string;
  task: string;
  limit: number | null;
  batchSize: number;
  maxSeqLength: number | null;
  dataDir: string;
}

export interface ProcessPlan {
  outputDir: string;
  cacheDir: string;
  threads: number;
  /** Shard `index` of `count`; null: the whole task. */
  shard: { index: number; count: number } | null;
}

/** `glue-eval --task … --model …` for one process (no progress bar: its output is not a terminal). */
export function evaluateArgs(c: CliCase, p: ProcessPlan): string[] {
  return [
    "--task",
    c.task,
    "--model",
    c.model,
    "--data-dir",
    c.dataDir,
    "--output-dir",
    p.outputDir,
    "--cache-dir",
    p.cacheDir,
    "--threads",
    String(p.threads),
    "--batch-size",
    String(c.batchSize),
    "--no-progress",
    ...(c.limit === null ? [] : ["--limit", String(c.limit)]),
    ...(c.maxSeqLength === null ? [] : ["--max-seq-length", String(c.maxSeqLength)]),
    ...(p.shard === null ? [] : ["--shard", `${p.shard.index}/${p.shard.count}`]),
  ];
}

/** Every shard of a run: the same command but for --shard and the threads. */
export function shardPlans(count: number, outputDir: string, cacheDir: string): ProcessPlan[] {
  return Array.from({ length: count }, (_, index) => ({ outputDir, cacheDir, threads: 1, shard: { index, count } }));
}

export interface ShardTimings {
  single: readonly number[];
  sharded: readonly number[];
  merge: readonly number[];
}

/** The row's spreads and ratios from the wall times of each repetition. */
export function shardRatios(t: ShardTimings): Pick<ShardRow, "single" | "sharded" | "merge" | "ratio" | "mergeFraction" | "repetitions"> {
  const single = spread(t.single);
  const sharded = spread(t.sharded);
  const merge = spread(t.merge);
  return { single, sharded, merge, ratio: sharded.median / single.median, mergeFraction: merge.median / sharded.median, repetitions: t.single.length };
}
