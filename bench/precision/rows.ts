/** The precision rows from what the repetitions measured: pure, so the arithmetic is tested on its own. */
import { modeResult, type Skipped } from "../result.js";
import { spread } from "../stats.js";
import type { PrecisionRow } from "./types.js";

/** What one precision's passes left behind. */
export interface PrecisionSample {
  dtype: string;
  file: string;
  precision: string;
  batchOrder: string;
  fileBytes: number;
  n: number;
  /** The task clock of each timed pass. */
  seconds: readonly number[];
  /** Predicted labels in file order (from the last pass's predictions file). */
  predictions: readonly unknown[];
  metric: { name: string; value: number | null };
  peakRss: { bytes: number } | Skipped;
}

/** How many examples got the same prediction in both lists (same examples, same order). */
export function agreement(baseline: readonly unknown[], other: readonly unknown[]): { same: number; share: number } {
  if (baseline.length !== other.length) throw new Error(`agreement: ${baseline.length} predictions against ${other.length}`);
  const same = baseline.filter((p, i) => p === other[i]).length;
  return { same, share: baseline.length === 0 ? 1 : same / baseline.length };
}

/** Rows against the fp32 sample (the first one when none is fp32), which comes first. */
export function precisionRows(samples: readonly PrecisionSample[]): PrecisionRow[] {
  const base = samples.find((s) => s.dtype === "fp32") ?? samples[0];
  if (base === undefined) return [];
  const baseMedian = spread(base.seconds).median;
  const ordered = [base, ...samples.filter((s) => s !== base)];
  return ordered.map((s) => {
    const seconds = spread(s.seconds);
    return {
      dtype: s.dtype,
      file: s.file,
      precision: s.precision,
      batchOrder: s.batchOrder,
      fileBytes: s.fileBytes,
      glueEval: modeResult(s.n, seconds),
      speedRatio: baseMedian / seconds.median,
      agreement: agreement(base.predictions, s.predictions),
      metric: s.metric,
      peakRss: s.peakRss,
    };
  });
}
