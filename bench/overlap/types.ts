/** The overlap rows: several tasks of one model in one CLI process, the next task tokenized during this one's inference or not. */
import type { Skipped, SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";

export interface OverlapTiming {
  /** onnxruntime intra-op threads (--threads). */
  threads: number;
  /** Wall seconds with --overlap off: each task read and tokenized after the one before it is written. */
  off: Spread;
  /** Wall seconds with --overlap on. */
  on: Spread;
  /** on / off at the medians: below 1, the overlap finished sooner. */
  ratio: number;
  /** What --overlap auto does at this thread count on this machine. */
  auto: "on" | "off";
}

export interface OverlapRow {
  model: string;
  /** The --task list. */
  tasks: string;
  /** Examples over every task. */
  n: number;
  repetitions: number;
  timings: OverlapTiming[];
  /** Every predictions file of every run byte for byte the same as the first run's. */
  samePredictions: boolean;
}

export interface OverlapSection {
  /** The glue-eval CLI the processes ran. */
  cli: string;
  cores: number;
  rows: Array<OverlapRow | SkippedCase>;
}

export type OverlapResult = OverlapSection | Skipped;
