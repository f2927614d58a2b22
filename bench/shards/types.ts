/** The shard rows: N shards × 1 thread against 1 process × N threads, through the CLI. */
import type { Skipped, SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";

export interface ShardRow {
  model: string;
  task: string;
  /** Examples evaluated (after --limit). */
  n: number;
  repetitions: number;
  /** Wall seconds of one process with `singleThreads` threads, from its start to its exit. */
  single: Spread;
  /** Wall seconds of `shards` processes with one thread each, started together, until the last exits. */
  sharded: Spread;
  /** sharded / single at the medians (below 1: the shards finished sooner). */
  ratio: number;
  /** Wall seconds of `glue-eval merge` on the shards' folder. */
  merge: Spread;
  /** merge / sharded at the medians: the merge's share of the sharded evaluation's time. */
  mergeFraction: number;
  /** The merged results against the single process's: predictions file byte for byte, and the metrics. */
  sameAsSingle: { predictions: boolean; metrics: boolean };
}

export interface ShardSection {
  /** The glue-eval CLI the processes ran. */
  cli: string;
  shards: number;
  /** Threads of the single process (each shard has one). */
  singleThreads: number;
  rows: Array<ShardRow | SkippedCase>;
}

/** What the shard rows are held to. */
export const SHARD_TARGETS = {
  /** The merge takes less than this share of the sharded evaluation's time … */
  mergeFraction: 0.05,
  /** … on these tasks (the goal is stated for QQP; the other rows are for information). */
  mergeTasks: ["qqp"] as readonly string[],
} as const;

export type ShardResult = ShardSection | Skipped;
