/**
 * Argument checks and the worked-example shape shared by the metric functions.
 * Every metric refuses bad input loudly: a silently truncated or misaligned
 * prediction file would otherwise print a plausible but wrong score.
 */

/** What a metric returns: a number, or (for breakdowns such as a confusion matrix) plain data made of numbers, strings and nulls. */
export type MetricValue = number | string | null | readonly MetricValue[] | { readonly [key: string]: MetricValue };

/** A paired gold/prediction input with the value the metric must return for it. */
export interface MetricExample<G = readonly number[], P = G, R = number | null> {
  readonly gold: G;
  readonly pred: P;
  readonly expected: R;
  /** The hand computation that gives `expected`. */
  readonly why: string;
}

/**
 * A metric with its worked examples. Every metric module exports at least one; the test
 * suite finds them in every module under src/metrics and runs them all. They are written
 * here only: the metric's doc comment names the export instead of restating the cases.
 */
export interface WorkedExamples<G = readonly number[], P = G, R = number | null> {
  readonly metric: (gold: G, pred: P) => R;
  readonly cases: readonly MetricExample<G, P, R>[];
}

/** Throws a RangeError unless `gold` and `pred` are non-empty and of equal length. */
export function checkPaired(name: string, gold: ArrayLike<number>, pred: ArrayLike<number>): number {
  if (gold.length !== pred.length) {
    throw new RangeError(`${name}: gold has ${gold.length} values but pred has ${pred.length}`);
  }
  if (gold.length === 0) throw new RangeError(`${name}: no values to score`);
  return gold.length;
}

/** Copies to Float64 and rejects NaN/Infinity, which would otherwise poison every sum. */
export function finiteFloat64(name: string, side: string, values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new RangeError(`${name}: ${side}[${i}] is ${String(values[i])}, expected a finite number`);
    }
  }
  return out;
}
