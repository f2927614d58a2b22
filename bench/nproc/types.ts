/** The worker rows: one evaluation as a whole process of the CLI with 1 and 2 workers and `auto`, against the raw loop. */
import type { Skipped, SkippedCase } from "../result.js";
import type { Spread } from "../stats.js";

export interface NprocSetup {
  /** `--nproc` as given: 1, 2 or auto. */
  nproc: string;
  /** The workers that ran (what auto chose), from the results' `timing.workers`. */
  workers: number;
  /** auto's rule as recorded in the results; null for a number. */
  rule: string | null;
  /** Wall seconds from the process's start to its exit. */
  wall: Spread;
  /** This set-up's median over the raw loop's. */
  overRaw: number;
  /** This set-up's median over `--nproc 1`'s. */
  overOne: number;
  /** The sum of every process's peak resident memory (glue-eval and its workers, VmHWM sampled every 50 ms), in one more run; null when not measured. */
  peakRssBytes: number | null;
}

export interface NprocRow {
  model: string;
  task: string;
  /** Examples evaluated (after --limit). */
  n: number;
  repetitions: number;
  /** The raw tokenize-then-infer loop (raw-loop.ts) as a process of its own, start to exit. */
  raw: Spread;
  rawPeakRssBytes: number | null;
  setups: NprocSetup[];
  /** Every set-up's predictions file byte for byte the same as `--nproc 1`'s. */
  samePredictions: boolean;
}

export interface NprocSection {
  /** The glue-eval CLI the processes ran. */
  cli: string;
  rows: Array<NprocRow | SkippedCase>;
}

export type NprocResult = NprocSection | Skipped;

/** The goal: tiny BERT on QQP dev, `--nproc auto`, whole process, against the raw loop. */
export const NPROC_TARGETS = { autoOverRaw: 0.85, model: "bert-tiny-qqp", task: "qqp" } as const;
