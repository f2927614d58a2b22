/**
 * compare(options): a paired comparison of two runs on the same examples, or the precision
 * matrix of several runs against one baseline, as `glue-eval compare`.
 */
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { buildMatrix } from "../compare/matrix.js";
import { type Comparison, compareRuns } from "../compare/runs.js";
import type { PrecisionMatrix } from "../report/report-data.js";
import { loadRuns, loadSingleRun } from "../results/read.js";
import { RUN_DEFAULTS, RUN_LIMITS } from "./defaults.js";

export interface CompareOptions {
  /** Run A, or the matrix's baseline: one model's results folder. */
  baseline: string;
  /** Run B, or several runs (a folder of runs counts as its runs; the baseline among them is left out). */
  runs: string | readonly string[];
  /** The matrix layout even for a single run. */
  matrix?: boolean;
  /** Two runs: the differing examples listed per task. Default 10. */
  maxFlips?: number;
}

/** Two runs: their paired comparison (schema glue-eval/compare@1); else the matrix (glue-eval/compare-matrix@1). */
export type CompareResult = { kind: "pair"; comparison: Comparison } | { kind: "matrix"; matrix: PrecisionMatrix };

export async function compare(options: CompareOptions): Promise<CompareResult> {
  const others = typeof options.runs === "string" ? [options.runs] : [...options.runs];
  if (others.length === 0) throw new UsageError("compare: give at least one results folder besides the baseline");
  const maxFlips = options.maxFlips ?? RUN_DEFAULTS.maxFlips;
  if (!Number.isSafeInteger(maxFlips) || maxFlips < RUN_LIMITS.maxFlips.min) throw new UsageError(`maxFlips must be a whole number from 0 up, got ${maxFlips}`);
  const pair = others.length === 1 && options.matrix !== true;
  const runA = await loadSingleRun(options.baseline, pair ? "runA" : "the baseline");
  const runs = (await loadRuns(others)).filter((r) => resolve(r.dir) !== resolve(runA.dir));
  if (runs.length === 0) throw new UsageError("compare: no results other than the baseline's");
  if (runs.length > 1 || options.matrix === true) return { kind: "matrix", matrix: await buildMatrix(runA, runs) };
  const runB = runs[0] as (typeof runs)[number];
  return { kind: "pair", comparison: await compareRuns(runA, runB, { maxFlips }) };
}
