/** The precision rows: one model in each precision it ships, on one task, through glue-eval's runner. */
import type { ModeResult, Skipped } from "../result.js";

export interface PrecisionRow {
  /** The --dtype name (fp32, fp16, q8, q4, q4f16). */
  dtype: string;
  /** The graph, relative to the model folder. */
  file: string;
  /** What the graph computes in, as glue-eval read it from the graph. */
  precision: string;
  /** The batch order glue-eval chose from the graph's precision (length or file). */
  batchOrder: string;
  /** The graph and its external data, bytes. */
  fileBytes: number;
  /** runEvaluation()'s task clock, as the glue-eval column of the throughput table. */
  glueEval: ModeResult;
  /** fp32's median time / this precision's (above 1: faster than fp32); 1 for fp32 itself. */
  speedRatio: number;
  /** Examples whose predicted label equals fp32's, and the share of all examples. */
  agreement: { same: number; share: number };
  /** The primary metric (accuracy for SST-2), for reading the agreement against. */
  metric: { name: string; value: number | null };
  peakRss: { bytes: number } | Skipped;
}

export interface PrecisionSection {
  /** Model folder name. */
  model: string;
  task: string;
  n: number;
  batchSize: number;
  /** Timed repetitions of every precision (short passes repeat; see SHORT_CASE). */
  repetitions: number;
  /** fp32 first. */
  rows: PrecisionRow[];
  warnings: string[];
}
